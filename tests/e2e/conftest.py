"""A real `streamlit run` server and headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
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
ARTIFACTS = ROOT / "artifacts"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env_extra: dict | None = None, data_dir: Path | None = None):
    port = free_port()
    env = {
        **os.environ,
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        **(env_extra or {}),
    }
    if data_dir:
        env["PEGASUS_ATLAS_DATA"] = str(data_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard/app.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start: " + proc.stdout.read().decode()[-2000:])


@pytest.fixture(scope="session")
def server():
    proc, url = start_server()
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium` "
            "(make test does this as root)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A browser page that logs every request and console error."""

    def __init__(self, browser, width: int = 1280, height: int = 2000):
        self.ctx = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True
        )
        self.page = self.ctx.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str, timeout: float = 90_000) -> None:
        self.page.goto(url)
        self.wait(timeout)

    def wait(self, timeout: float = 90_000) -> None:
        self.page.wait_for_timeout(300)
        self.page.wait_for_selector(READY, timeout=timeout)

    def select_first_row(self) -> None:
        """Click the selection cell of the first row of the first table (a canvas grid)."""
        grid = self.page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for()
        box = grid.bounding_box()
        self.page.mouse.click(box["x"] + 18, box["y"] + 55)
        self.wait()
        self.page.wait_for_timeout(800)

    def outside_hosts(self, own: str) -> set[str]:
        host = own.split("/")[2]
        return {
            u.split("/")[2]
            for u in self.requests
            if u.startswith(("http:", "https:", "ws:", "wss:")) and u.split("/")[2] != host
        }

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture
def page(browser):
    p = Page(browser)
    yield p
    p.close()
