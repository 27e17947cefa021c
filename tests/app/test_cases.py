"""Every target and event of the data has a page that renders without exception; unknown ids
get a clear message and a search box; record links reach their pages."""

from __future__ import annotations

import pytest

from dashboard.atlas import atlas
from dashboard.figures import catalog
from tests.app.helpers import run
from tests.leaks import LeakScanner, apptest_text

pytestmark = pytest.mark.xdist_group("apptest")
A = atlas()
TARGETS = list(A.ds.targets["target_id"])
EVENTS = list(A.ds.events["event_id"])
CHUNKS = 6


def render_all(page: str, ids: list[str]) -> list[str]:
    """Run the page once, then again for every id (an AppTest re-run is cheap)."""
    failures = []
    at = run(page, {"id": ids[0]})
    for rid in ids:
        at.query_params["id"] = rid
        at.run()
        if at.exception:
            failures.append(f"{rid}: {at.exception[0].message}")
        elif not at.title or at.title[0].value in ("Case file", "Event"):
            failures.append(f"{rid}: did not open")
    return failures


@pytest.mark.parametrize("part", range(CHUNKS))
def test_every_target_has_a_case_page(part):
    assert render_all("case", TARGETS[part::CHUNKS]) == []


@pytest.mark.parametrize("part", range(2))
def test_every_event_has_a_page(part):
    assert render_all("event", EVENTS[part::2]) == []


@pytest.mark.parametrize("page", ["case", "event"])
def test_an_unknown_id_gets_a_message_not_a_traceback(page):
    at = run(page, {"id": "no-such-record"})
    assert not at.exception
    assert any("no-such-record" in w.value for w in at.warning)


def test_the_case_page_search_box_finds_the_record():
    at = run("case", {"id": "nope"})
    at.text_input(key="case_search").set_value("Mansoor").run()
    assert "/case?id=tgt-ahmed-mansoor" in " ".join(m.value for m in at.markdown)


def test_a_case_page_shows_the_trail_operators_and_sources():
    at = run("case", {"id": "tgt-ahmed-mansoor"})
    text = apptest_text(at)
    assert "Evidence trail" in text and "Suspected operator" in text
    assert "citizenlab.ca" in text
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert any("Evidence trail" in s for s in specs) and any("Case file" in s for s in specs)


def test_the_card_can_be_embedded():
    at = run(params={"embed": "case", "id": "tgt-omar-radi"})
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and "Omar Radi" in charts[0].proto.spec


def test_an_unknown_embedded_case_lists_the_valid_ids():
    at = run(params={"embed": "case", "id": "nope"})
    assert "case" in at.error[0].value and ", ".join(catalog.CHARTS) in at.error[0].value


def test_records_link_to_their_pages_from_tables_and_hover_text():
    at = run("targets", {"q": "Mansoor"})
    assert "/case?id=tgt-ahmed-mansoor" in at.dataframe[0].value.to_csv()
    at = run("timeline")
    assert "event?id=evt-" in at.get("plotly_chart")[0].proto.spec  # hover text


@pytest.mark.parametrize("page", ["case", "event"])
def test_no_case_or_event_page_shows_a_name_in_privacy_mode(page):
    scanner = LeakScanner(A.ds)
    ids = TARGETS[::7] if page == "case" else EVENTS[::5]
    found = {}
    at = run(page, {"id": ids[0], "privacy": "1"})
    for rid in ids:
        at.query_params["id"] = rid
        at.query_params["privacy"] = "1"
        at.run()
        assert not at.exception
        hits = scanner.hits(apptest_text(at))
        if hits:
            found[rid] = sorted(set(hits))
    assert found == {}
