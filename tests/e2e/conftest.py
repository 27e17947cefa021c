"""The real server (`dashboard/server.py`) and headless Chromium, from the shared harness.

One server per test session; every browser page logs its requests, responses, console errors
and Content-Security-Policy violations. Waiting is Playwright's auto-waiting `expect`."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import harness

ARTIFACTS = harness.ROOT / "artifacts"
SHOTS = ARTIFACTS / "screenshots"
TIMEOUT = 90_000
CSP_PROBE = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="session")
def server():
    with harness.server() as s:
        yield s.url


@pytest.fixture(scope="session")
def browser():
    with harness.launch() as b:
        yield b


class Page:
    """A browser page that logs every request, response and error."""

    def __init__(self, browser, width: int = 1280, height: int = 1600, **context):
        self.ctx = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True, **context
        )
        self.page = self.ctx.new_page()
        self.requests: list[str] = []
        self.responses: dict[str, dict] = {}
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("response", lambda r: self.responses.setdefault(r.url, r.headers))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.add_init_script(CSP_PROBE)

    def open(self, url: str, charts: int = 0, decks: int = 0) -> None:
        self.page.goto(url)
        self.wait(charts, decks)

    def wait(self, charts: int = 0, decks: int = 0) -> None:
        """Until the script has run and the expected charts are drawn."""
        expect(self.page.locator(harness.READY)).to_be_attached(timeout=TIMEOUT)
        expect(self.page.locator('[data-testid="stMainBlockContainer"]').first).to_be_visible(
            timeout=TIMEOUT
        )
        if charts:
            expect(self.page.locator(".js-plotly-plot .main-svg").nth(charts - 1)).to_be_attached(
                timeout=TIMEOUT
            )
        if decks:
            expect(
                self.page.locator('[data-testid="stDeckGlJsonChart"] canvas').nth(decks - 1)
            ).to_be_attached(timeout=TIMEOUT)
        expect(self.page.locator(harness.READY)).to_be_attached(timeout=TIMEOUT)
        # elements of a run still being replaced are dimmed (Streamlit's "stale" state): what
        # a reader reads, and axe measures, is the page once none is left
        expect(self.page.locator('[data-stale="true"]')).to_have_count(0, timeout=TIMEOUT)
        # ...and once they have faded back in: Streamlit fades elements between runs with CSS
        # transitions, and axe measured a caption's contrast mid-fade on a busy machine
        self.page.wait_for_function(
            "() => document.getAnimations().every("
            "a => !(a instanceof CSSTransition) || a.playState !== 'running')",
            timeout=TIMEOUT,
        )

    def sentence(self) -> str:
        return self.page.locator('[data-testid="stCaptionContainer"]').first.inner_text()

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__csp || []")

    def outside_hosts(self, own: str) -> set[str]:
        host = own.split("/")[2]
        return {
            u.split("/")[2]
            for u in self.requests
            if u.startswith(("http:", "https:", "ws:", "wss:")) and u.split("/")[2] != host
        }

    def shot(self, name: str, full: bool = True) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full)
        return path

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture
def page(browser):
    p = Page(browser)
    yield p
    p.close()
