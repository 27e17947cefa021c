"""Reach, in the browser: axe-core finds no serious or critical WCAG violation on any page in any
language at 1280 px and at 390 px; phones get a collapsed sidebar, no sideways scrolling and
chart text of at least 11 px; Arabic pages run right to left; stories, case files and embeds
work as a reader uses them. Screenshots land in artifacts/screenshots/, the axe counts in
artifacts/axe.json (the closing note quotes them)."""

from __future__ import annotations

import html
import json
import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dashboard.atlas import atlas
from dashboard.i18n import LANGUAGES
from dashboard.pages import BY_ID, PAGES
from tests.e2e.conftest import ARTIFACTS, TIMEOUT, Page

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
AXE = Axe()
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
}
CUT_CHART_TEXT = """
Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
  const box = plot.querySelector('.main-svg').getBoundingClientRect();
  return Array.from(plot.querySelectorAll('.annotation-text, .gtitle, .g-gtitle text'))
    .filter(t => t.textContent.trim())
    .map(t => [t.textContent.slice(0, 40), t.getBoundingClientRect()])
    .filter(([, r]) => r.width && (r.left < box.left - 2 || r.right > box.right + 2))
    .map(([text, r]) => text + ' @' + Math.round(r.left - box.left) + '..'
         + Math.round(r.right - box.left) + ' of ' + Math.round(box.width));
})
"""
SMALLEST_CHART_TEXT = """
Array.from(document.querySelectorAll('.js-plotly-plot text'))
  .filter(t => t.textContent.trim() && t.getBBox().width > 0)
  .map(t => parseFloat(getComputedStyle(t).fontSize))
  .reduce((a, b) => Math.min(a, b), 99)
"""


def uncut(p: Page) -> list[str] | bool:
    """True when no chart text crosses its chart's edge; else what is cut. Charts lay
    themselves out again once their web fonts have loaded, so the check waits for the fonts
    and then for up to 60 rendered frames (never a fixed time) for the text to settle."""
    found = p.page.evaluate(
        """async () => {
          const cut = () => """
        + CUT_CHART_TEXT.strip()
        + """;
          await document.fonts.ready;
          for (let i = 0; i < 60; i++) {
            if (cut().length === 0) return [];
            await new Promise(r => requestAnimationFrame(r));
          }
          return cut();
        }"""
    )
    return found or True


def with_lang(url: str, lang: str) -> str:
    return url + ("&" if "?" in url else "?") + f"lang={lang}"


def record_axe(key: str, counts: dict) -> None:
    path = ARTIFACTS / "axe.json"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    doc = json.loads(path.read_text()) if path.exists() else {}
    doc[key] = counts
    path.write_text(json.dumps(doc, indent=1, sort_keys=True))


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_passes_axe_and_fits_the_screen(server, browser, size, lang):
    width, height = SIZES[size]
    phone = size == "phone"
    p = Page(browser, width, height, is_mobile=phone, has_touch=phone)
    serious, counts = {}, {}
    try:
        for pg in PAGES:
            p.open(with_lang(server + pg.url(), lang), charts=len(pg.charts), decks=pg.decks)
            found = AXE.run(p.page, options=AXE_OPTIONS).response["violations"]
            counts[pg.id] = {v["id"]: len(v["nodes"]) for v in found}
            bad = [
                (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
                for v in found
                if v["impact"] in ("serious", "critical")
            ]
            if bad:
                serious[pg.id] = bad
            # no page scrolls sideways
            overflow = p.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, (pg.id, overflow)
            if pg.charts:
                assert p.page.evaluate(SMALLEST_CHART_TEXT) >= 11, pg.id
                assert uncut(p) is True, pg.id  # no label is cut
            if phone:
                # the sidebar starts collapsed, its filters one tap away
                expect(p.page.locator('[data-testid="stSidebar"]')).to_have_attribute(
                    "data-collapsed", "true"
                )
                expect(p.page.locator('[data-testid="stExpandSidebarButton"]')).to_be_visible()
            p.shot(f"{pg.id}-{lang}-{width}")
        assert not p.errors, p.errors
    finally:
        record_axe(f"{size}-{lang}", counts)
        p.close()
    assert serious == {}


def test_a_phone_reader_opens_the_filters_in_one_tap(server, browser):
    p = Page(browser, 390, 844, is_mobile=True, has_touch=True)
    p.open(server + "/targets", charts=1)
    p.page.locator('[data-testid="stExpandSidebarButton"]').tap()
    expect(p.page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "false")
    expect(p.page.get_by_label("Status of target").first).to_be_visible()
    p.close()


def test_arabic_pages_run_right_to_left_and_charts_keep_their_stamp(server, page):
    page.open(server + "/timeline?lang=ar", charts=2)
    assert page.page.evaluate("document.documentElement.dir") == "rtl"
    assert page.page.evaluate("document.documentElement.lang") == "ar"
    main = page.page.locator('[data-testid="stMainBlockContainer"]')
    assert main.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "Pegasus Atlas" in page.page.locator(".js-plotly-plot").first.inner_text()
    assert page.page.title().endswith("Pegasus Atlas")


def test_a_story_is_walked_step_by_step_and_explored(server, page):
    story = BY_ID["stories"]
    page.open(server + story.path, charts=0)
    page.page.get_by_role("link", name=re.compile("Across borders")).click()
    page.wait(charts=1)
    expect(page.page).to_have_url(re.compile("step=1"))
    expect(page.page.locator('[data-testid="stMain"]')).to_contain_text("Step 1 of")
    page.page.get_by_role("button", name="Next").click()
    expect(page.page).to_have_url(re.compile("step=2"))
    expect(page.page.locator('[data-testid="stMain"]')).to_contain_text("Step 2 of")
    page.wait(charts=1)
    assert page.page.locator('[data-testid="stException"]').count() == 0
    page.shot("story-step-2-1280", full=False)
    with page.page.expect_download(timeout=TIMEOUT) as info:
        page.page.get_by_role("button", name="Briefing pack (PDF)").click()
    data = Path(info.value.path()).read_bytes()
    assert data[:5] == b"%PDF-"
    assert info.value.suggested_filename.endswith(".pdf")


def test_a_story_step_embeds_with_its_chart(server, page):
    page.open(server + "/?embed=story&story=mexico&step=1&lang=es&w=700", charts=1)
    expect(page.page.locator(".js-plotly-plot").first).to_contain_text("Pegasus Atlas")
    assert not page.page.locator('[data-testid="stSidebar"]').is_visible()
    page.shot("embed-story-es-700", full=False)


def test_a_case_url_is_one_click_and_its_card_png_two_from_the_targets_page(server, page):
    page.open(server + "/targets?q=Mansoor", charts=1)
    grid = page.page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    link = page.page.get_by_role("link", name="Open the case file")
    # click 1: select the row (the record opens with a link to its case file) ...
    box = grid.bounding_box()
    page.page.mouse.click(box["x"] + 18, box["y"] + 55)
    expect(link).to_be_visible(timeout=TIMEOUT)
    href = link.get_attribute("href")
    assert re.search(r"/case\?id=tgt-", href)
    # ... which is the shareable URL; click 2 (on the case page): the card as a PNG
    page.open(href, charts=2)
    with page.page.expect_download(timeout=TIMEOUT) as info:
        page.page.get_by_role("button", name=re.compile("PNG 1200×675")).first.click()
    data = Path(info.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert re.match(r"pegasus-atlas_case-tgt-[a-z0-9-]+_v", info.value.suggested_filename)
    page.shot("case-1280", full=False)


ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head>
<body style="margin:0;font-family:serif"><div style="width:{width}px;margin:0">
<p>An article paragraph before the chart.</p>{snippet}<p>After the chart.</p></div></body></html>
"""


@contextmanager
def article_server(body: str):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server interface
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("width", [320, 700, 1200])
def test_the_embed_snippet_sizes_itself_and_shows_the_whole_stamp(server, browser, width):
    snippet = (
        f'<div class="pegasus-atlas-embed"><iframe src="{server}/?embed=activity&w={width}" '
        'title="Documented targeting per year" width="100%" height="560" '
        'style="border:0;width:100%" referrerpolicy="no-referrer"></iframe>'
        f'<script src="{server}/embed.js" async></script></div>'
    )
    p = Page(browser, width + 40, 900)
    # the article is another origin on loopback (Chromium refuses a public page framing a
    # loopback one), served by a plain HTTP server for the length of the test
    with article_server(ARTICLE.format(width=width, snippet=snippet)) as article:
        p.page.goto(article)
        check_embed(p, server, width)
    p.close()


def check_embed(p: Page, server: str, width: int) -> None:
    frame = p.page.frame_locator("iframe")
    expect(frame.locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=TIMEOUT)
    stamp = frame.locator(".js-plotly-plot").first
    expect(stamp).to_contain_text("Pegasus Atlas · data v")
    iframe = p.page.locator("iframe")
    # the iframe grows to its content: the whole stamp inside, no inner scrollbar
    inner = frame.locator("body")
    expect(inner).to_be_attached()
    p.page.wait_for_function(
        "() => { const f = document.querySelector('iframe');"
        " return f && parseInt(f.style.height || '0') > 0; }",
        timeout=TIMEOUT,
    )
    box = iframe.bounding_box()
    footer = frame.locator(".annotation-text", has_text="Pegasus Atlas · data v").first
    fb = footer.bounding_box()
    assert fb["y"] + fb["height"] <= box["y"] + box["height"] + 1, (fb, box)
    assert fb["x"] >= box["x"] - 1 and fb["x"] + fb["width"] <= box["x"] + box["width"] + 1
    p.page.screenshot(path=str(ARTIFACTS / "screenshots" / f"embed-article-{width}.png"))
    article_host = p.page.url.split("/")[2]
    assert {u.split("/")[2] for u in p.requests} <= {article_host, server.split("/")[2]}


def test_the_no_script_fallback_is_a_stamped_image_of_the_same_view(server, page):
    resp = page.page.request.get(server + "/img/activity.png?status=infected&lang=es")
    assert resp.status == 200 and resp.headers["content-type"] == "image/png"
    etag = resp.headers["etag"]
    again = page.page.request.get(
        server + "/img/activity.png?status=infected&lang=es", headers={"If-None-Match": etag}
    )
    assert again.status == 304
    assert "max-age" in resp.headers["cache-control"]
    svg = html.unescape(
        page.page.request.get(server + "/img/activity.svg?status=infected&lang=es").text()
    )
    status = atlas().labels("es").code("targets.status", "infected")
    assert "Pegasus Atlas · " in svg and status.split(" (")[0] in svg
    assert "/timeline?status=infected&lang=es" in svg  # the stamp's link opens this chart
