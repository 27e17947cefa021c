"""A running atlas server and headless Debian Chromium: the one harness the browser tests and
the benchmarks share (server start on a free loopback port, health polling, Chromium flags).

Belongs here: `Server` (a `streamlit run` of an app file from the repository root, so the
repository's `.streamlit/config.toml` applies; optional data directory and environment) and
`launch()` (Chromium through Playwright, with the flags that work as root and make no outside
connection). Does not belong here: assertions, timing (see `tests/` and `benchmarks/`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP = "dashboard/server.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """A server on a free loopback port; `url` once healthy; `stop()` ends it."""

    def __init__(
        self,
        app: str = APP,
        data_dir: Path | str | None = None,
        env: dict | None = None,
        cmd: list[str] | None = None,
        timeout: float = 90,
    ):
        self.app = app
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="atlas-server-", suffix=".log", delete=False
        )
        full_env = {
            **os.environ,
            "STREAMLIT_SERVER_PORT": str(self.port),
            "STREAMLIT_SERVER_ADDRESS": HOST,
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            **(env or {}),
        }
        if data_dir is not None:
            full_env["PEGASUS_ATLAS_DATA"] = str(data_dir)
        self.proc = subprocess.Popen(
            cmd or [sys.executable, "-m", "streamlit", "run", app],
            cwd=ROOT,
            env=full_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait(timeout)

    def _wait(self, timeout: float) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.25)  # polling a port, not waiting for a page
        self.stop()
        raise RuntimeError(f"{self.app} did not start: {self.output()[-2000:]}")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()
        with contextlib.suppress(OSError):
            os.unlink(self.log.name)


@contextlib.contextmanager
def server(**kwargs) -> Iterator[Server]:
    s = Server(**kwargs)
    try:
        yield s
    finally:
        s.stop()


@contextlib.contextmanager
def launch() -> Iterator:
    """Headless Debian Chromium through Playwright (its own browser download fails here)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium` "
            "(make test and make run do this as root)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
