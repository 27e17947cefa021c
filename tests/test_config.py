"""Hardened defaults: no telemetry, XSRF on, no error details, minimal toolbar, no uploads,
localhost only, no outside URL anywhere in the served code or theme."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_telemetry_is_off():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_xsrf_protection_is_on_and_the_server_binds_to_localhost():
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["address"] in ("localhost", "127.0.0.1")
    assert "STREAMLIT_SERVER_ADDRESS ?= localhost" in (ROOT / "Makefile").read_text()


def test_readers_never_see_error_details_and_the_toolbar_is_minimal():
    assert CONFIG["client"]["showErrorDetails"] in ("none", "type")
    assert CONFIG["client"]["toolbarMode"] == "minimal"


def test_there_is_no_file_upload():
    assert CONFIG["server"]["maxUploadSize"] <= 1
    code = " ".join(p.read_text() for p in (ROOT / "dashboard").rglob("*.py"))
    assert "file_uploader" not in code and "camera_input" not in code


def test_the_theme_uses_no_web_font():
    assert not re.search(r"https?://", (ROOT / ".streamlit" / "config.toml").read_text())


def test_the_page_code_names_no_outside_host():
    """Only plain data links may point outside; code must not load anything from elsewhere."""
    allowed = {
        "creativecommons.org",
        "www.naturalearthdata.com",
        "pypi.org",
        "github.com",
        "atlas.example",
        "evil.example",
        "x.org",
        "www.w3.org",  # the Atom XML namespace name (never fetched)
    }
    for path in (ROOT / "dashboard").rglob("*.py"):
        for host in re.findall(r"https?://([^/\"'\s]+)", path.read_text()):
            local = host.startswith(("localhost", "127.0.0.1", "{"))  # loopback or a template
            assert host in allowed or local, (path, host)
