# The README's two commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
PIP := $(BIN)/python -m pip
# Bind to this machine only unless told otherwise (STREAMLIT_SERVER_ADDRESS=0.0.0.0 make run).
export STREAMLIT_SERVER_ADDRESS ?= localhost

.PHONY: run test test-fast lint format chromium venv install install-test install-bench \
	data-report data-hash data-diff i18n bench lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required, found " + sys.version.split()[0]'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(PIP) install -q --upgrade pip

venv: $(BIN)/python

# Pinned versions with hashes (requirements*.lock), then the package itself (editable).
$(VENV)/.installed-run: $(BIN)/python pyproject.toml requirements.lock
	$(PIP) install -q --require-hashes -r requirements.lock
	$(PIP) install -q --no-deps -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run requirements-test.lock
	$(PIP) install -q --require-hashes -r requirements-test.lock
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test requirements-bench.lock
	$(PIP) install -q --require-hashes -r requirements-bench.lock
	@touch $@

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test
install-bench: $(VENV)/.installed-bench

# Chromium renders the PNG/SVG exports (and drives the browser tests). As root it is installed
# from Debian; otherwise the command to install it is printed. The fonts the exports need ship
# in dashboard/static/fonts.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium (image export and browser tests)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Chromium is missing at $(CHROMIUM): image export and the browser tests need it."; \
	  echo "    sudo apt-get update && sudo apt-get install -y chromium"; exit 1; \
	fi

run: install
	@$(MAKE) --no-print-directory chromium || echo "Continuing without Chromium: PNG/SVG downloads will say they are unavailable."
	$(BIN)/streamlit run dashboard/server.py

test: install-test chromium
	$(BIN)/pytest -n 2 --dist loadgroup

test-fast: install-test
	$(BIN)/pytest -n 2 --dist loadgroup -m 'not e2e'

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

# Record-level differences between two released data versions: make data-diff A=0.2.0 B=0.3.0
data-diff: install
	$(BIN)/python -m dashboard.versions $(A) $(B)

# Extract the UI strings into dashboard/locales/messages.pot and merge them into every catalog.
i18n: install-test
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _ -k n_:1,2 --no-location --sort-output \
	  --project "Pegasus Atlas" -o dashboard/locales/messages.pot dashboard
	for lang in ar es fr; do \
	  $(BIN)/pybabel update -N -i dashboard/locales/messages.pot -d dashboard/locales -l $$lang --no-wrap; \
	done

# Performance benchmarks (browser, server, scale, export, load): prints numbers, writes
# benchmarks/results.md; never fails on time.
bench: install-bench chromium
	$(BIN)/python benchmarks/run_all.py

# Re-pin every dependency with hashes (needs pip-tools: pip install pip-tools).
lock:
	pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements.lock pyproject.toml
	pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra test -c requirements.lock -o requirements-test.lock pyproject.toml
	pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra test --extra bench -c requirements-test.lock \
	  -o requirements-bench.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache artifacts
