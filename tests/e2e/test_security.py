"""In a real browser: hostile data text stays inert, and invalid data gets an error page."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.conftest import Page, start_server
from tests.hostile import MARK, hostile_copy

pytestmark = pytest.mark.e2e
PAGES = [
    "",
    "map",
    "timeline",
    "targets",
    "country?country=ARE",
    "sources",
    "?embed=timeline",
    "targets?privacy=1",
]
FLAG = "window.__pwned = 0; window.__dialogs = 0;"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    data = hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    proc, url = start_server(data_dir=data)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_shown_literally_and_nothing_executes(hostile_server, browser, path):
    p = Page(browser)
    dialogs = []
    p.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.page.add_init_script(FLAG)
    p.open(f"{hostile_server}/{path}")
    p.page.wait_for_timeout(2500)
    assert p.page.evaluate("window.__pwned") == 0
    assert dialogs == []
    hrefs = p.page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    assert p.page.locator('[data-testid="stException"]').count() == 0
    assert p.outside_hosts(hostile_server) == set()
    p.close()


def test_a_hostile_record_opened_in_the_detail_panel_reads_as_text(hostile_server, browser):
    p = Page(browser)
    p.page.add_init_script(FLAG)
    p.open(f"{hostile_server}/targets?q={MARK}0")
    p.select_first_row()
    text = p.page.locator('[data-testid="stMain"]').inner_text()
    assert f"{MARK}0 <script>window.__pwned=1;alert(1)</script>" in text
    assert p.page.evaluate("window.__pwned") == 0
    p.close()


def test_invalid_data_gets_an_error_page_that_keeps_being_served(browser, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(hostile_copy(tmp_path / "src"), data)
    path = data / "events.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("investigation", "hacking", 1), encoding="utf-8"
    )
    proc, url = start_server(data_dir=data)
    try:
        p = Page(browser)
        for _ in range(2):  # and again: it keeps serving the error page
            p.open(url + "/targets")
            body = p.page.locator("body").inner_text()
            assert "cannot show its data" in body
            assert "events.csv" in body and "checksum" in body and "enum" in body
            assert "Traceback" not in body
            assert p.page.locator('[data-testid="stException"]').count() == 0
        p.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
