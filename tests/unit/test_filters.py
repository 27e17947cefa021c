"""FilterState filters every table, describes itself in words and round-trips through URLs."""

from __future__ import annotations

import pytest

from dashboard.filters import FilterState, apply, describe, from_query_params, prepare


def label(kind, value):
    return {"ARE": "United Arab Emirates", "SAU": "Saudi Arabia", "QAT": "Qatar"}.get(value, value)


@pytest.fixture
def p(small_ds):
    return prepare(small_ds)


def test_unknown_url_keys_and_values_are_dropped_with_a_notice(p):
    state, notices = from_query_params(
        {"op": ["SAU,XXX"], "status": "hacked", "zzz": "1", "from": "1066"}, p.vocab
    )
    assert state == FilterState(operators=("SAU",))
    assert len(notices) == 4
    assert any("zzz" in n for n in notices) and any("XXX" in n for n in notices)


def test_a_period_whose_start_is_after_its_end_is_ignored(p):
    state, notices = from_query_params({"from": "2021", "to": "2016"}, p.vocab)
    assert state.year_from is None and state.year_to is None
    assert notices


def test_hostile_text_never_raises(p):
    for raw in ["<script>alert(1)</script>", "' OR 1=1 --", "\x00\x01", "é" * 10_000, "", ","]:
        for key in ("op", "q", "from", "status", "tc"):
            state, _ = from_query_params({key: raw}, p.vocab)
            assert isinstance(state, FilterState)
            assert len(state.query) <= 200


def test_a_state_round_trips_through_query_params(p):
    state = FilterState(
        year_from=2017,
        year_to=2020,
        operators=("ARE", "SAU"),
        statuses=("infected", "attempted"),
        query="Mansoor",
        investigators=("citizen_lab",),
    )
    params = state.to_query_params()
    assert params["op"] == "ARE,SAU" and params["from"] == "2017"
    back, notices = from_query_params(params, p.vocab)
    assert back == state and notices == []


def test_the_default_state_writes_no_parameters():
    assert FilterState().to_query_params() == {}


def test_no_filter_keeps_everything(p, small_ds):
    v = apply(p, FilterState())
    assert len(v.targets) == len(small_ds.targets)
    assert len(v.events) == len(small_ds.events)
    assert set(v.sources["source_id"]) == set(small_ds.sources["source_id"])


def test_operator_filter_keeps_targets_with_any_matching_operator(p):
    v = apply(p, FilterState(operators=("SAU",)))
    assert list(v.targets["target_id"]) == ["tgt-al-jazeera-staff"]
    assert set(v.target_operators["operator"]) == {"SAU"}
    assert v.deployments.empty
    assert list(v.events["event_id"]) == ["evt-2021-pegasus-project"]


def test_period_filter_uses_overlap_of_activity(p):
    assert list(apply(p, FilterState(year_from=2020)).targets["target_id"]) == [
        "tgt-al-jazeera-staff"
    ]
    assert list(apply(p, FilterState(year_to=2016)).targets["target_id"]) == ["tgt-ahmed-mansoor"]
    assert apply(p, FilterState(year_from=2017, year_to=2019)).targets.empty


def test_search_ignores_case_and_accents(p):
    assert len(apply(p, FilterState(query="MANSOOR")).targets) == 1
    assert len(apply(p, FilterState(query="kismet")).targets) == 1
    assert apply(p, FilterState(query="nothing-like-this")).targets.empty


def test_status_type_and_investigator_filters(p):
    assert list(apply(p, FilterState(statuses=("infected",))).targets["status"]) == ["infected"]
    assert list(apply(p, FilterState(target_types=("journalist",))).targets["label"]) == [
        "Al Jazeera journalists and staff"
    ]
    assert len(apply(p, FilterState(investigators=("lookout",))).targets) == 1


def test_confidence_filter_applies_to_deployments(p):
    v = apply(p, FilterState(confidence=("confirmed",)))
    assert list(v.deployments["country"]) == ["ARE"] and len(v.targets) == 2


def test_sources_are_those_cited_by_the_rows_kept(p):
    v = apply(p, FilterState(year_to=2016))
    assert list(v.sources["source_id"]) == ["citizenlab-2016-million-dollar-dissident"]


def test_describe_states_result_and_filters_in_plain_words(p):
    v = apply(p, FilterState(year_from=2019, year_to=2022, statuses=("infected", "attempted")))
    text = describe(v, label)
    assert text.startswith("1 target in 1 country, 2019–2022, infected or attempted")
    assert (
        "(0 named people and 1 group: 36 people attacked or notified, 0 leaked-list numbers" in text
    )


def test_describe_says_plainly_when_nothing_matches(p):
    assert describe(apply(p, FilterState(query="zzz")), label).startswith("No targets, matching")


def test_real_data_filters_change_the_counts(real_prepared):
    everything = apply(real_prepared, FilterState())
    infected = apply(real_prepared, FilterState(statuses=("infected",)))
    assert 0 < len(infected.targets) < len(everything.targets)
    assert set(infected.targets["status"]) == {"infected"}
