"""The real server in headless Chromium: pages render charts, filters change counts, and the
page never talks to a host other than its own. Screenshots land in artifacts/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

PAGES = {
    "overview": ("", 1, 0),  # the first tab (map) is drawn; the others on click
    "map": ("map", 1, 1),
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
    page.select_first_row()
    links = page.page.locator('[data-testid="stMain"] a[href^="http"]')
    assert links.count() >= 1
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert all(h.startswith(("http://", "https://")) for h in hrefs)


def test_embed_mode_shows_one_stamped_chart_and_no_sidebar(server, page):
    page.open(f"{server}/?embed=timeline&status=infected")
    page.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.page.wait_for_timeout(800)
    assert page.page.locator(".js-plotly-plot").count() == 1
    assert not page.page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert page.page.locator('[data-testid="stExpander"]').count() == 0
    text = page.page.locator(".js-plotly-plot").inner_text()
    assert "Pegasus Atlas · data v" in text
    assert page.outside_hosts(server) == set()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "embed-timeline.png"))


def test_a_chart_downloads_as_a_stamped_png_in_two_clicks(server, page):
    page.open(f"{server}/timeline")
    page.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.page.get_by_role("button", name="Download & share").first.click()
    with page.page.expect_download(timeout=60_000) as info:
        page.page.get_by_role("button", name="PNG 1200×675").first.click()
    data = Path(info.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 2400 and int.from_bytes(data[20:24], "big") == 1350
    assert info.value.suggested_filename.startswith("pegasus-atlas_timeline_v")
    assert page.outside_hosts(server) == set()


def test_data_downloads_produce_csv_and_json_of_the_view(server, page):
    page.open(f"{server}/targets?status=infected")
    page.page.get_by_text("Download data & cite this view").click()
    with page.page.expect_download(timeout=60_000) as info:
        page.page.get_by_role("button", name="Targets CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = text.strip().splitlines()
    assert rows[0].startswith("target_id,label,") and len(rows) > 5
    assert all(",infected," in r for r in rows[1:] if r.startswith("tgt-"))
    with page.page.expect_download(timeout=60_000) as info:
        page.page.get_by_role("button", name="View JSON").click()
    import json

    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert doc["targets"] and all(t["sources"] for t in doc["targets"])
    assert "Cite this view" in page.page.locator('[data-testid="stMain"]').inner_text()


def real_names() -> list[str]:
    from dashboard.dataset import load_dataset

    ds = load_dataset()
    return [
        n
        for n in ds.targets.loc[~ds.targets["is_group"], "label"].astype(str)
        if len(n.split()) > 1 and n[0].isupper()
    ]


def test_without_privacy_mode_names_are_shown(server, page):
    """Guards the privacy test below: the same checks do see names when privacy is off."""
    page.open(f"{server}/targets?tc=MEX&status=attempted")
    page.select_first_row()
    text = page.page.locator("body").inner_text()
    assert any(n in text for n in real_names())


def test_privacy_mode_shows_no_individual_name_on_any_page_or_download(server, page):
    names = real_names()
    for path in ("country?country=MEX", "timeline", "map", "", "sources"):
        sep = "&" if "?" in path else "?"
        page.open(f"{server}/{path}{sep}privacy=1")
        page.page.wait_for_timeout(1500)
        text = page.page.locator("body").inner_text()
        assert "Privacy mode" in text
        assert [n for n in names if n in text] == [], path
    page.open(f"{server}/targets?tc=MEX&status=attempted&privacy=1")
    page.select_first_row()
    text = page.page.locator("body").inner_text()
    assert ", mexico" in text.lower()  # the detail panel shows a role label
    assert [n for n in names if n in text] == []
    page.page.get_by_text("Download data & cite this view").click()
    with page.page.expect_download(timeout=60_000) as info:
        page.page.get_by_role("button", name="Targets CSV").click()
    csv_text = Path(info.value.path()).read_text(encoding="utf-8")
    assert csv_text.count("\n") > 3
    assert [n for n in names if n in csv_text] == []
