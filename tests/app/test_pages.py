"""Every registered page runs under default filters, under each registered filter, when nothing
matches, and in every language; links reproduce views. AppTest proves pages run and wire the
filters; chart content is tested on the builders."""

from __future__ import annotations

import pytest

from dashboard.figures import catalog
from dashboard.filters import FILTERS
from dashboard.i18n import LANGUAGES
from dashboard.pages import PAGES
from tests.app.helpers import run, sentence

pytestmark = pytest.mark.xdist_group("apptest")

# One value per registered filter (the test fails if a filter is added without one).
SINGLE = {
    "period": {"from": "2019", "to": "2021"},
    "operators": {"op": "SAU"},
    "target_countries": {"tc": "MEX"},
    "target_types": {"type": "journalist"},
    "statuses": {"status": "infected"},
    "confidence": {"conf": "confirmed"},
    "investigators": {"inv": "citizen_lab"},
    "query": {"q": "Bahraini activist"},
}
NOTHING = {"q": "no-record-has-this-text-anywhere"}


def test_every_registered_filter_has_a_case_here():
    assert set(SINGLE) == {f.id for f in FILTERS}


# the record pages (case, event) show one record; stories set their own filters per step
VIEW_PAGES = [p for p in PAGES if p.nav and p.filtered]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_every_page_runs_with_default_filters_and_has_its_own_title(page):
    at = run(page)
    assert not at.exception, [e.message for e in at.exception]
    if page.nav and page.filtered:
        assert sentence(at).split(" target records in ")[0].replace(",", "").isdigit()
    assert at.title


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
@pytest.mark.parametrize("name", list(SINGLE))
def test_every_page_runs_under_each_registered_filter(page, name):
    at = run(page, SINGLE[name])
    assert not at.exception, [e.message for e in at.exception]
    assert all("Ignored" not in i.value for i in at.info)


@pytest.mark.parametrize("page", VIEW_PAGES, ids=lambda p: p.id)
def test_every_page_says_plainly_when_nothing_matches(page):
    at = run(page, NOTHING)
    assert not at.exception
    assert sentence(at).startswith("No target records")
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        assert "empty-message" in spec and "Widen the period or remove a filter" in spec


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_every_page_runs_in_every_language(page, lang):
    at = run(page, {"lang": lang, "status": "infected"})
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params["lang"] in (lang, [lang])


def test_a_filter_changes_the_displayed_count():
    everything = sentence(run())
    infected = sentence(run(params={"status": "infected"}))
    assert int(everything.split()[0].replace(",", "")) > int(infected.split()[0].replace(",", ""))
    assert "Infected" in infected


def test_url_parameters_set_the_widgets_and_are_written_back_with_language_and_version():
    params = {"from": "2018", "to": "2022", "op": "ARE,SAU", "status": "infected,attempted"}
    at = run(params=params)
    assert at.slider(key="f_period").value == (2018, 2022)
    assert at.multiselect(key="f_operators").value == ["ARE", "SAU"]
    assert at.multiselect(key="f_statuses").value == ["infected", "attempted"]
    written = {k: at.query_params[k] for k in at.query_params}
    flat = {k: v[0] if isinstance(v, list) else v for k, v in written.items()}
    assert {k: flat[k] for k in params} == params
    assert flat["lang"] == "en" and flat["v"]


def test_changing_a_widget_updates_the_url_and_the_sentence():
    at = run()
    at.multiselect(key="f_statuses").set_value(["listed"]).run()
    value = at.query_params["status"]
    assert (value[0] if isinstance(value, list) else value) == "listed"
    assert "Listed only" in sentence(at)


def test_reset_clears_every_filter():
    at = run(params={"status": "infected", "q": "Mexico"})
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert at.multiselect(key="f_statuses").value == [] and at.text_input(key="f_query").value == ""
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


def test_the_country_page_without_a_country_is_an_index_of_every_state():
    at = run("country", sample=False)
    assert at.title[0].value == "Countries"
    table = at.dataframe[0].value
    assert len(table) > 50 and "Morocco" in set(table.iloc[:, 0])


def test_the_country_profile_reads_its_country_from_the_url_and_its_stamp_keeps_it():
    at = run("country", {"country": "MAR"})
    assert at.title[0].value == "Morocco"
    assert "country=MAR" in at.get("plotly_chart")[0].proto.spec


def test_a_country_with_no_events_leaves_the_timeline_out():
    at = run("country", {"country": "DZA"})
    assert at.title[0].value == "Algeria"
    for chart in at.get("plotly_chart"):
        assert (
            "Pegasus events involving Algeria" not in chart.proto.spec
            or "empty" not in chart.proto.spec
        )


@pytest.mark.parametrize("chart_id", list(catalog.CHARTS))
def test_embed_mode_renders_exactly_one_chart_and_no_filters(chart_id):
    at = run(params={"embed": chart_id, "status": "infected"})
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert not at.multiselect
    assert not at.caption  # no sentence, no footer: the chart carries its own stamp
    assert '"stamp_title"' in charts[0].proto.spec


def test_an_unknown_embed_id_says_which_exist():
    at = run(params={"embed": "nope"})
    assert not at.get("plotly_chart")
    assert "Valid chart ids: " + ", ".join(catalog.CHARTS) in at.error[0].value


def test_a_chart_choice_is_in_the_url_so_a_link_opens_that_chart():
    at = run(params={"chart": "activity"})
    assert "Documented targeting per year" in at.get("plotly_chart")[0].proto.spec
    assert "chart=activity" in at.get("plotly_chart")[0].proto.spec  # the stamp's permalink


def test_privacy_mode_from_the_url_hides_names_on_the_targets_page():
    at = run("targets", {"privacy": "1", "q": "Mexico"})
    assert at.toggle(key="f_privacy").value is True
    table = at.dataframe[0].value
    assert "Carmen Aristegui" not in " ".join(table.iloc[:, 0].astype(str))
    assert any("Privacy mode" in i.value for i in at.info)
