"""The real server in headless Chromium: pages render charts, filters change counts, and the
page never talks to a host other than its own. Screenshots land in artifacts/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

PAGES = {
    "overview": ("", 1, 0),
    "map": ("map", 0, 1),
    "timeline": ("timeline", 2, 0),
    "targets": ("targets", 1, 0),  # first breakdown tab is drawn
    "country": ("country?country=MAR", 1, 0),
    "sources": ("sources", 0, 0),
}
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def count_in_sentence(page) -> int:
    text = page.page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    m = re.match(r"([\d,]+) targets?", text)
    return int(m.group(1).replace(",", "")) if m else 0


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_its_charts_without_errors_or_outside_requests(server, page, name):
    path, plots, decks = PAGES[name]
    page.open(f"{server}/{path}")
    if plots:
        page.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    if decks:
        page.page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=60_000)
    page.page.wait_for_timeout(1500)
    assert page.page.locator(".js-plotly-plot").count() >= plots
    assert page.page.locator('[data-testid="stDeckGlJsonChart"]').count() >= decks
    assert page.page.locator('[data-testid="stException"]').count() == 0
    assert not page.errors, page.errors
    assert page.outside_hosts(server) == set()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_charts_carry_their_stamp_on_screen(server, page):
    page.open(f"{server}/timeline")
    page.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    text = page.page.locator(".js-plotly-plot").first.inner_text()
    assert "Pegasus Atlas · data v" in text and "as of" in text and "Sources:" in text


def test_changing_a_sidebar_filter_changes_the_displayed_count_and_the_url(server, page):
    page.open(f"{server}/targets")
    before = count_in_sentence(page)
    box = page.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(3)
    box.click()
    page.page.get_by_role("option", name=re.compile("^Infected")).click()
    page.page.keyboard.press("Escape")
    page.wait()
    page.page.wait_for_timeout(800)
    after = count_in_sentence(page)
    assert 0 < after < before
    assert "status=infected" in page.page.url
    assert page.outside_hosts(server) == set()


def test_a_copied_link_reproduces_the_view(server, page):
    page.open(f"{server}/targets?status=infected&op=MAR")
    first = page.page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert "infected" in first and "Morocco" in first
    link = page.page.url
    page.open(link)
    assert page.page.locator('[data-testid="stCaptionContainer"]').first.inner_text() == first


def test_an_invalid_link_shows_a_notice_not_an_error(server, page):
    page.open(f"{server}/?op=<script>alert(1)</script>&from=1066&nonsense=1")
    assert page.page.locator('[data-testid="stException"]').count() == 0
    body = page.page.locator('[data-testid="stMain"]').inner_text()
    assert "Ignored" in body


def test_selecting_a_target_shows_every_source_as_a_link(server, page):
    page.open(f"{server}/targets?q=Mansoor")
    grid = page.page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    box = grid.bounding_box()
    page.page.mouse.click(box["x"] + 18, box["y"] + 55)  # the first row's selection cell
    page.wait()
    page.page.wait_for_timeout(800)
    links = page.page.locator('[data-testid="stMain"] a[href^="http"]')
    assert links.count() >= 1
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
