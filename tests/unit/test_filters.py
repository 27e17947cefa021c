"""The filter registry filters every table, describes itself in words and round-trips URLs."""

from __future__ import annotations

import pytest

from dashboard import measures
from dashboard.filters import (
    FILTERS,
    FilterState,
    apply,
    describe_filters,
    from_query_params,
    prepare,
)
from dashboard.i18n import translator
from tests.conftest import labels_for

T = translator("en")


@pytest.fixture
def p(small_ds):
    return prepare(small_ds)


def decode(p, params):
    return from_query_params(params, p.allowed, p.years, T)


def test_unknown_url_keys_and_values_are_dropped_with_a_notice(p):
    state, notices = decode(p, {"op": ["SAU,XXX"], "status": "hacked", "zzz": "1", "from": "1066"})
    assert state == FilterState.of(operators=("SAU",))
    assert len(notices) == 4
    assert any("zzz" in n for n in notices) and any("XXX" in n for n in notices)


def test_an_unknown_filter_id_is_an_error_not_a_silent_default():
    with pytest.raises(KeyError):
        FilterState.of(nonsense=("x",))
    with pytest.raises(KeyError):
        FilterState().get("nonsense")


def test_a_period_whose_start_is_after_its_end_is_ignored(p):
    state, notices = decode(p, {"from": "2021", "to": "2016"})
    assert state.get("period") == (None, None) and notices


def test_hostile_text_never_raises(p):
    for raw in ["<script>alert(1)</script>", "' OR 1=1 --", "\x00\x01", "é" * 10_000, "", ","]:
        for f in FILTERS:
            state, _ = decode(p, {f.key: raw})
            assert isinstance(state, FilterState)
            assert len(state.get("query")) <= 200


def test_every_registered_filter_round_trips_through_query_params(p):
    state = FilterState.of(
        period=(2017, 2020),
        operators=("ARE", "SAU"),
        statuses=("infected", "attempted"),
        query="Mansoor",
        investigators=("citizen_lab",),
        target_types=("journalist",),
        confidence=("confirmed",),
        target_countries=("QAT",),
    )
    assert {f.id for f in state.active} == {f.id for f in FILTERS}  # the test covers them all
    params = state.to_query_params()
    assert params["op"] == "ARE,SAU" and params["from"] == "2017"
    back, notices = decode(p, params)
    assert back == state and notices == []


def test_privacy_mode_never_writes_the_search_text_into_a_link():
    state = FilterState.of(query="Carmen Aristegui", statuses=("infected",))
    assert "q" not in state.to_query_params(private=True)
    assert state.to_query_params()["q"] == "Carmen Aristegui"


def test_the_default_state_writes_no_parameters():
    assert FilterState().to_query_params() == {}


def test_no_filter_keeps_everything(p, small_ds):
    v = apply(p, FilterState())
    assert len(v.targets) == len(small_ds.targets)
    assert len(v.events) == len(small_ds.events)
    assert set(v.sources["source_id"]) == set(small_ds.sources["source_id"])


def test_operator_filter_narrows_targets_their_operators_deployments_and_events(p):
    v = apply(p, FilterState.of(operators=("SAU",)))
    assert list(v.targets["target_id"]) == ["tgt-al-jazeera-staff"]
    assert set(v.target_operators["operator"]) == {"SAU"}
    assert v.deployments.empty
    assert list(v.events["event_id"]) == ["evt-2021-pegasus-project"]


def test_filters_combine_with_and(p):
    v = apply(p, FilterState.of(operators=("ARE",), target_countries=("QAT",)))
    assert list(v.targets["target_id"]) == ["tgt-al-jazeera-staff"]
    assert v.events.empty  # no event concerns both


def test_period_filter_uses_overlap_of_activity(p):
    assert list(apply(p, FilterState.of(period=(2020, None))).targets["target_id"]) == [
        "tgt-al-jazeera-staff"
    ]
    assert list(apply(p, FilterState.of(period=(None, 2016))).targets["target_id"]) == [
        "tgt-ahmed-mansoor"
    ]
    assert apply(p, FilterState.of(period=(2017, 2019))).targets.empty


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("MANSOOR", ["tgt-ahmed-mansoor"]),
        ("kismet", ["tgt-al-jazeera-staff"]),
        ("activist emirati", ["tgt-ahmed-mansoor"]),  # a role synonym and a demonym, any order
        ("saudi", ["tgt-al-jazeera-staff"]),  # a suspected operator's demonym
        ("saudí", ["tgt-al-jazeera-staff"]),  # in another language, accents optional
        ("nothing-like-this", []),
    ],
)
def test_search_matches_every_word_anywhere_in_peoples_words(p, query, expected):
    assert list(apply(p, FilterState.of(query=query)).targets["target_id"]) == expected


def test_search_in_privacy_mode_never_matches_a_name(small_ds):
    private = prepare(small_ds, private=True)
    assert apply(private, FilterState.of(query="Mansoor")).targets.empty
    assert len(apply(private, FilterState.of(query="journalist")).targets) == 1


def test_status_type_and_investigator_filters(p):
    v = apply(p, FilterState.of(statuses=("infected",)))
    assert list(v.targets["status"]) == ["infected"]
    v = apply(p, FilterState.of(target_types=("journalist",)))
    assert list(v.targets["label"]) == ["Al Jazeera journalists and staff"]
    assert len(apply(p, FilterState.of(investigators=("lookout",))).targets) == 1


def test_confidence_filter_applies_to_deployments_only(p):
    v = apply(p, FilterState.of(confidence=("confirmed",)))
    assert list(v.deployments["country"]) == ["ARE"] and len(v.targets) == 2


def test_sources_are_those_cited_by_the_rows_kept(p):
    v = apply(p, FilterState.of(period=(None, 2016)))
    assert list(v.sources["source_id"]) == ["citizenlab-2016-million-dollar-dissident"]


def test_the_sentence_leads_with_one_unit_and_names_the_filters(p, small_ds):
    v = apply(p, FilterState.of(period=(2019, 2022), statuses=("infected", "attempted")))
    text = measures.sentence(v, labels_for(small_ds), T)
    assert text.startswith("1 target record in 1 country, 2019–2022, status: Infected")
    assert "36 people attacked, confirmed or notified and 0 leaked-list numbers" in text


def test_the_sentence_says_plainly_when_nothing_matches(p, small_ds):
    text = measures.sentence(apply(p, FilterState.of(query="zzz")), labels_for(small_ds), T)
    assert text.startswith("No target records, matching")


def test_phrases_are_in_the_readers_language(p, small_ds):
    state = FilterState.of(operators=("SAU", "ARE"))
    fr = describe_filters(state, labels_for(small_ds, "fr"), translator("fr"))
    assert fr and "Arabie saoudite" in fr[0]


def test_real_data_filters_change_the_counts(real_prepared):
    everything = apply(real_prepared, FilterState())
    infected = apply(real_prepared, FilterState.of(statuses=("infected",)))
    assert 0 < len(infected.targets) < len(everything.targets)
    assert set(infected.targets["status"]) == {"infected"}
