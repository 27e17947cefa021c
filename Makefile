# The README's two commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
# Bind to this machine only unless told otherwise (STREAMLIT_SERVER_ADDRESS=0.0.0.0 make run).
export STREAMLIT_SERVER_ADDRESS ?= localhost

.PHONY: run test test-fast lint format chromium venv install install-test data-report data-hash bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required, found " + sys.version.split()[0]'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(BIN)/python -m pip install -q --upgrade pip

venv: $(BIN)/python

# Installs pinned versions from requirements.lock, then the package itself (editable).
$(VENV)/.installed-run: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run requirements-test.lock
	$(BIN)/pip install -q -r requirements-test.lock
	@touch $@

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/streamlit run dashboard/app.py

chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Debian's chromium at $(CHROMIUM). Install it with:"; \
	  echo "    sudo apt-get update && sudo apt-get install -y chromium"; \
	  echo "or run the other tests only: $(BIN)/pytest -m 'not e2e'"; exit 1; \
	fi

test: install-test chromium
	$(BIN)/pytest

test-fast: install-test
	$(BIN)/pytest -m 'not e2e'

lint: install-test
	$(BIN)/ruff check dashboard tests tools benchmarks
	$(BIN)/ruff format --check dashboard tests tools benchmarks

format: install-test
	$(BIN)/ruff format dashboard tests tools benchmarks
	$(BIN)/ruff check --fix dashboard tests tools benchmarks

data-hash: install
	$(BIN)/python -m dashboard.checksums --update

data-report: install
	$(BIN)/python -m dashboard.reconcile

# Performance benchmarks (browser, server, scale, export): prints numbers, writes
# benchmarks/results.md; never fails on time. About 15 minutes on 2 cores.
bench: install-test chromium
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache artifacts
