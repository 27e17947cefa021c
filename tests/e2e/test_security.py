"""In a real browser: hostile data text stays inert, invalid data gets an error page, every
response carries the security headers, and a click on a source link tells the outside site
nothing about the reader."""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from playwright.sync_api import expect

from dashboard import harness
from tests.e2e.conftest import Page
from tests.hostile import MARK, hostile_copy

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
PATHS = [
    "/",
    "/map",
    "/timeline",
    "/targets",
    "/country?country=ARE",
    "/sources",
    "/?embed=timeline",
    "/targets?privacy=1",
]
FLAG = "window.__pwned = 0; window.__dialogs = 0;"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    data = hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    with harness.server(data_dir=data) as s:
        yield s.url


@pytest.mark.parametrize("path", PATHS)
def test_hostile_text_is_shown_literally_and_nothing_executes(hostile_server, browser, path):
    p = Page(browser)
    dialogs = []
    p.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.page.add_init_script(FLAG)
    p.open(hostile_server + path)
    assert p.page.evaluate("window.__pwned") == 0
    assert dialogs == []
    hrefs = p.page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    assert p.page.locator('[data-testid="stException"]').count() == 0
    assert p.outside_hosts(hostile_server) == set()
    p.close()


def test_a_hostile_record_opened_from_the_url_reads_as_text(hostile_server, browser):
    p = Page(browser)
    p.page.add_init_script(FLAG)
    p.open(f"{hostile_server}/targets?q={MARK}0")
    grid = p.page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    p.page.mouse.click(box["x"] + 18, box["y"] + 55)
    expect(p.page.locator('[data-testid="stMain"]')).to_contain_text(
        f"{MARK}0 <script>window.__pwned=1;alert(1)</script>"
    )
    assert p.page.evaluate("window.__pwned") == 0
    p.close()


def test_invalid_data_gets_an_error_page_that_keeps_being_served(browser, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(hostile_copy(tmp_path / "src"), data)
    path = data / "events.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("investigation", "hacking", 1), encoding="utf-8"
    )
    with harness.server(data_dir=data) as s:
        p = Page(browser)
        for _ in range(2):  # and again: it keeps serving the error page
            p.page.goto(s.url + "/targets")
            body = p.page.locator("body")
            expect(body).to_contain_text("cannot show its data", timeout=60_000)
            for part in ("events.csv", "checksum", "enum"):
                expect(body).to_contain_text(part)
            assert "Traceback" not in body.inner_text()
        p.close()


EXPECTED = {
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
}


def test_every_response_of_a_page_and_its_assets_carries_the_security_headers(server, page):
    page.open(server + "/map", charts=1, decks=1)
    own = [u for u in page.responses if u.startswith(server)]
    assert len(own) > 10  # the page, scripts, styles, fonts, images
    for url in own:
        headers = page.responses[url]
        for name, value in EXPECTED.items():
            assert headers.get(name) == value, (url, name, headers.get(name))
        assert "default-src 'self'" in headers.get("content-security-policy", ""), url
        assert "camera=()" in headers.get("permissions-policy", ""), url
    doc = page.responses[server + "/map"]
    assert "frame-ancestors 'self'" in doc["content-security-policy"]
    assert doc["x-frame-options"] == "SAMEORIGIN"
    assert page.csp_violations() == []


def test_an_embed_may_be_framed_by_any_article_but_the_full_app_may_not(server, page):
    embed = page.page.request.get(server + "/?embed=activity")
    assert "frame-ancestors *" in embed.headers["content-security-policy"]
    assert "x-frame-options" not in embed.headers
    app = page.page.request.get(server + "/timeline")
    assert "frame-ancestors 'self'" in app.headers["content-security-policy"]


class _Catcher(BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        _Catcher.seen.append({"path": self.path, **dict(self.headers)})
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>outside site</p>")

    def log_message(self, *args):
        pass


def test_clicking_a_source_link_sends_no_referer(server, browser, tmp_path):
    """A page of the atlas links to a stand-in 'outside site' on another port; the click must
    not tell it which view of the atlas the reader came from."""
    outside = HTTPServer((harness.HOST, harness.free_port()), _Catcher)
    threading.Thread(target=outside.serve_forever, daemon=True).start()
    try:
        p = Page(browser)
        p.open(server + "/targets?status=infected&q=Mansoor")
        link = f"http://{harness.HOST}:{outside.server_port}/report"
        # The atlas's own page script marks outbound links; add one and follow it.
        p.page.evaluate(
            "(href) => { const a = document.createElement('a'); a.href = href; a.id = 'out';"
            " a.textContent = 'source'; document.querySelector('[data-testid=stMain]')"
            ".appendChild(a); }",
            link,
        )
        expect(p.page.locator("#out")).to_have_attribute("rel", "noopener noreferrer")
        with p.page.expect_navigation():
            p.page.click("#out")
        # Only the followed link counts: the browser's own later requests to the outside site
        # (its favicon) carry that site's address as Referer, which says nothing about the atlas.
        clicks = [h for h in _Catcher.seen if h["path"] == "/report"]
        assert clicks and all("Referer" not in h for h in clicks), clicks
        assert not [h for h in _Catcher.seen if server.split("//")[1] in h.get("Referer", "")]
        p.close()
    finally:
        outside.shutdown()
