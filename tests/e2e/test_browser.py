"""The real server in headless Chromium: every registered page renders its charts, filters change
what is shown, links reproduce views, downloads produce files, and the page never talks to a
host other than its own. Screenshots land in artifacts/screenshots/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.figures import catalog
from dashboard.pages import PAGES
from tests.e2e.conftest import Page

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def count_in_sentence(page: Page) -> int:
    m = re.match(r"([\d,]+) target records?", page.sentence())
    return int(m.group(1).replace(",", "")) if m else 0


def select_first_row(page: Page) -> None:
    """Click the selection cell of the first row of the first table (a canvas grid)."""
    grid = page.page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    page.page.mouse.click(box["x"] + 18, box["y"] + 55)
    page.wait()


@pytest.mark.parametrize("p", PAGES, ids=lambda p: p.id)
def test_every_page_renders_its_charts_without_errors_or_outside_requests(server, page, p):
    page.open(server + p.url(), charts=len(p.charts), decks=p.decks)
    assert page.page.locator(".js-plotly-plot").count() >= len(p.charts)
    assert page.page.locator('[data-testid="stException"]').count() == 0
    assert not page.errors, page.errors
    assert page.outside_hosts(server) == set()
    assert page.csp_violations() == []
    assert page.page.title().endswith("Pegasus Atlas") and page.page.title() != "Pegasus Atlas"
    page.shot(f"{p.id}-1280")


def test_charts_carry_their_stamp_and_accessible_name_on_screen(server, page):
    page.open(server + "/timeline", charts=2)
    text = page.page.locator(".js-plotly-plot").first.inner_text()
    assert "Pegasus Atlas · data v" in text and "as of" in text and "Sources:" in text


def test_changing_a_sidebar_filter_changes_the_displayed_count_and_the_url(server, page):
    page.open(server + "/targets", charts=1)
    before = count_in_sentence(page)
    page.page.get_by_label("Status of target").first.click()
    page.page.get_by_role("option", name=re.compile("^Infected")).click()
    page.page.keyboard.press("Escape")
    expect(page.page).to_have_url(re.compile("status=infected"))
    expect(page.page.locator('[data-testid="stCaptionContainer"]').first).not_to_have_text(
        re.compile(f"^{before:,} target records")
    )
    page.wait(charts=1)
    after = count_in_sentence(page)
    assert 0 < after < before
    assert page.outside_hosts(server) == set()


def test_a_copied_link_reproduces_the_view(server, page):
    page.open(server + "/targets?status=infected&op=MAR&chart=targets-by-status", charts=1)
    first = page.sentence()
    assert "Infected" in first and "Morocco" in first
    link = page.page.url
    assert "lang=en" in link and "v=" in link and "chart=targets-by-status" in link
    page.open(link, charts=1)
    assert page.sentence() == first
    assert "Targets by status" in page.page.locator(".js-plotly-plot").first.inner_text()


def test_an_invalid_link_shows_a_notice_not_an_error(server, page):
    page.open(server + "/?op=<script>alert(1)</script>&from=1066&nonsense=1")
    assert page.page.locator('[data-testid="stException"]').count() == 0
    expect(page.page.locator('[data-testid="stMain"]')).to_contain_text("Ignored")


def test_selecting_a_target_shows_every_source_as_a_link_and_puts_it_in_the_url(server, page):
    page.open(server + "/targets?q=Mansoor", charts=1)
    select_first_row(page)
    expect(page.page).to_have_url(re.compile("record=tgt-"))
    links = page.page.locator('[data-testid="stMain"] a[href^="http"]')
    expect(links.first).to_be_visible()
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    rels = {links.nth(i).get_attribute("rel") or "" for i in range(links.count())}
    assert all("noreferrer" in r for r in rels)
    reopened = Page(page.ctx.browser)
    reopened.open(page.page.url, charts=1)
    expect(reopened.page.locator('[data-testid="stMain"]')).to_contain_text("Suspected operator")
    reopened.close()


def test_embed_mode_shows_one_stamped_chart_and_no_sidebar(server, page):
    page.open(server + "/?embed=timeline&status=infected&w=700", charts=1)
    assert page.page.locator(".js-plotly-plot").count() == 1
    assert not page.page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert page.page.locator('[data-testid="stExpander"]').count() == 0
    assert "Pegasus Atlas · data v" in page.page.locator(".js-plotly-plot").inner_text()
    assert page.outside_hosts(server) == set()
    page.shot("embed-timeline-700", full=False)


def test_an_unknown_embed_id_lists_the_valid_ids(server, page):
    page.open(server + "/?embed=nope")
    expect(page.page.locator('[data-testid="stMain"]')).to_contain_text(", ".join(catalog.CHARTS))


def test_a_chart_downloads_as_a_stamped_png_in_two_clicks(server, page):
    page.open(server + "/timeline", charts=2)
    page.page.get_by_role("button", name="Download & share").first.click()
    with page.page.expect_download(timeout=90_000) as info:
        page.page.get_by_role("button", name=re.compile("PNG 1200×675")).first.click()
    data = Path(info.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1200 and int.from_bytes(data[20:24], "big") == 675
    assert info.value.suggested_filename.startswith("pegasus-atlas_timeline_v")
    assert info.value.suggested_filename.endswith("_1200x675.png")
    assert page.outside_hosts(server) == set()


def test_data_downloads_produce_csv_and_json_of_the_view(server, page):
    page.open(server + "/targets?status=infected", charts=1)
    page.page.get_by_text("Download data & cite this view").click()
    with page.page.expect_download(timeout=90_000) as info:
        page.page.get_by_role("button", name="Targets CSV").click()
    rows = Path(info.value.path()).read_text(encoding="utf-8").strip().splitlines()
    assert rows[0].startswith("target_id,label,") and len(rows) > 5
    assert all(",infected," in r for r in rows[1:] if r.startswith("tgt-"))
    with page.page.expect_download(timeout=90_000) as info:
        page.page.get_by_role("button", name="View JSON").click()
    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert doc["targets"] and all(t["sources"] for t in doc["targets"])
    expect(page.page.locator('[data-testid="stMain"]')).to_contain_text("Cite this view")


def test_the_country_index_opens_a_profile(server, page):
    page.open(server + "/country")
    expect(page.page.get_by_role("heading", name="Countries")).to_be_visible()
    grid = page.page.locator('[data-testid="stDataFrame"]').first
    expect(grid.locator("canvas").first).to_be_visible()
    expect(
        page.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    ).to_be_visible()
    page.shot("country-index-1280")
    # select the first row (its row marker, left of the first column): its profile opens
    box = grid.bounding_box()
    page.page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)
    expect(page.page).to_have_url(re.compile(r"[?&]country=[A-Z]{3}"))
    expect(page.page.get_by_role("button", name="All countries")).to_be_visible()
    page.wait(charts=0)
    iso3 = re.search(r"country=([A-Z]{3})", page.page.url).group(1)
    assert page.page.get_by_role("heading").first.inner_text().strip() != "Countries", iso3
