"""Every page runs under default filters, under each single filter, and when nothing matches.

AppTest proves pages run and wire the filters; chart content is tested on the builders.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = [
    "views/overview.py",
    "views/map.py",
    "views/timeline.py",
    "views/targets.py",
    "views/country.py",
    "views/sources.py",
]
SINGLE_FILTERS = {
    "period": {"from": "2019", "to": "2021"},
    "operator": {"op": "SAU"},
    "target country": {"tc": "MEX"},
    "target type": {"type": "journalist"},
    "status": {"status": "infected"},
    "confidence": {"conf": "confirmed"},
    "investigator": {"inv": "citizen_lab"},
    "search": {"q": "Mansoor"},
}
NOTHING = {"q": "no-record-has-this-text-anywhere"}


def run(page: str | None = None, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page and page != PAGES[0]:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sentence(at: AppTest) -> str:
    return at.caption[0].value.replace("\\", "")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_default_filters(page):
    at = run(page)
    assert sentence(at).split(" targets in ")[0].replace(",", "").isdigit()
    assert at.title, "page has a title"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", list(SINGLE_FILTERS))
def test_every_page_runs_under_each_single_filter(page, name):
    at = run(page, SINGLE_FILTERS[name])
    assert not at.info or all("Ignored" not in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_an_empty_state_when_nothing_matches(page):
    at = run(page, NOTHING)
    assert sentence(at).startswith("No targets")
    if page in ("views/targets.py", "views/map.py", "views/country.py"):
        assert any("Widen the period or remove a filter" in i.value for i in at.info)


def test_a_filter_changes_the_displayed_count():
    everything = sentence(run())
    infected = sentence(run(params={"status": "infected"}))
    assert int(everything.split()[0].replace(",", "")) > int(infected.split()[0].replace(",", ""))
    assert "infected" in infected


def test_url_parameters_set_the_widgets_and_are_written_back():
    params = {"from": "2018", "to": "2022", "op": "ARE,SAU", "status": "infected,attempted"}
    at = run(params=params)
    assert at.slider(key="f_period").value == (2018, 2022)
    assert at.multiselect(key="f_op").value == ["ARE", "SAU"]
    assert at.multiselect(key="f_status").value == ["infected", "attempted"]
    written = {k: at.query_params[k] for k in params}
    assert {k: v[0] if isinstance(v, list) else v for k, v in written.items()} == params


def test_changing_a_widget_updates_the_url_and_the_sentence():
    at = run()
    at.multiselect(key="f_status").set_value(["listed"]).run()
    value = at.query_params["status"]
    assert (value[0] if isinstance(value, list) else value) == "listed"
    assert "listed only" in sentence(at)


def test_reset_clears_every_filter():
    at = run(params={"status": "infected", "q": "Mexico"})
    at.button[0].click().run()
    assert at.multiselect(key="f_status").value == [] and at.text_input(key="f_q").value == ""
    assert "status" not in at.query_params


@pytest.mark.parametrize(
    "params",
    [
        {"op": "XXX"},
        {"from": "99999"},
        {"bogus": "1"},
        {"status": "<script>alert(1)</script>"},
        {"q": "x" * 5000},
        {"from": "2022", "to": "2012"},
    ],
)
def test_invalid_parameters_are_ignored_with_a_visible_notice(params):
    at = run(params=params)
    assert any("Ignored" in i.value or "shortened" in i.value for i in at.info)


def test_country_profile_reads_its_country_from_the_url():
    at = run("views/country.py", {"country": "MAR"})
    assert at.title[0].value == "Morocco"
    spec = at.get("plotly_chart")[0].proto.spec
    assert "country=MAR" in spec  # the chart's stamp links back to this country


@pytest.mark.parametrize(
    "chart_id",
    ["map", "timeline", "activity", "targets-by-type", "targets-by-operator", "targets-by-status"],
)
def test_embed_mode_renders_exactly_one_chart_and_no_filters(chart_id):
    at = run(params={"embed": chart_id, "status": "infected"})
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert not at.sidebar.children or not at.multiselect
    assert not at.caption  # no sentence, no footer: the chart carries its own stamp
    assert '"stamp_title"' in charts[0].proto.spec


def test_an_unknown_embed_id_says_which_exist():
    at = run(params={"embed": "nope"})
    assert "Available: map, timeline" in at.error[0].value


def test_privacy_mode_from_the_url_hides_names_on_the_targets_page():
    at = run("views/targets.py", {"privacy": "1", "q": "Mexico"})
    assert at.toggle(key="f_privacy").value is True
    table = at.dataframe[0].value
    assert "Carmen Aristegui" not in " ".join(table["Name or group"].astype(str))
    assert any("Privacy mode" in i.value for i in at.info)
