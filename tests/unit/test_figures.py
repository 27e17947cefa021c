"""Figure builders return stamped figures whose content follows the data and the house palette."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import analysis
from dashboard.config import (
    DEPLOYMENT_LEVEL_COLOURS,
    TARGET_STATUS_COLOURS,
)
from dashboard.figures.charts import breakdown_bar
from dashboard.figures.maps import deployments_deck, rgb, state_table, world_figure
from dashboard.figures.stamps import view_stamp
from dashboard.figures.style import Stamp
from dashboard.figures.timeline import activity_chart, events_timeline
from dashboard.filters import FilterState, apply, prepare

GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "ARE",
            "properties": {"iso3": "ARE", "name": "UAE"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[51, 22], [56, 22], [56, 26], [51, 26], [51, 22]]],
            },
        },
        {
            "type": "Feature",
            "id": "SAU",
            "properties": {"iso3": "SAU", "name": "Saudi Arabia"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[36, 16], [55, 16], [55, 32], [36, 32], [36, 16]]],
            },
        },
    ],
}


def label(kind, value):
    return f"<{kind}:{value}>"


@pytest.fixture
def view(small_ds):
    return apply(prepare(small_ds), FilterState())


@pytest.fixture
def stamp(view):
    return view_stamp(view, "A title", (view.targets,), label, "9.8.7", "2026-01-02")


def footer_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "stamp-footer")


def test_the_stamp_names_publishers_version_date_and_filters(view):
    s = view_stamp(
        view, "T", (view.targets,), label, "1.2.3", "2026-11-28", permalink="http://x/?a=1"
    )
    assert s.publishers[0] == "Citizen Lab"  # cited by both target rows
    assert "Le Monde" in s.publishers  # a repost credits the original publisher
    assert s.credit_line() == "Pegasus Atlas · data v1.2.3 · as of 2026-11-28 · http://x/?a=1"
    assert s.subtitle == "All records"


def test_the_stamp_subtitle_describes_active_filters(small_ds):
    v = apply(prepare(small_ds), FilterState(year_from=2016, year_to=2021, operators=("SAU",)))
    s = view_stamp(v, "T", (v.targets,), label, "1.0.0", "2026-11-28", what="Counted things")
    assert s.subtitle == "Counted things; 2016–2021, suspected operator <country:SAU>"


def test_every_chart_carries_its_stamp_inside_the_figure(view, stamp):
    yearly = analysis.activity_by_year(view.targets)
    fig = activity_chart(yearly, str, stamp)
    assert fig.layout.title.text == "A title"
    assert "Sources: Citizen Lab" in footer_text(fig)
    assert "data v9.8.7 · as of 2026-01-02" in footer_text(fig)


def test_activity_chart_stacks_each_status_in_its_house_colour(view, stamp):
    yearly = analysis.activity_by_year(view.targets)
    fig = activity_chart(yearly, str, stamp)
    assert fig.layout.barmode == "stack"
    colours = {t.name: t.marker.color for t in fig.data}
    assert colours == {
        "infected": TARGET_STATUS_COLOURS["infected"],
        "attempted": TARGET_STATUS_COLOURS["attempted"],
    }
    infected = next(t for t in fig.data if t.name == "infected")
    assert list(infected.x) == [2020] and list(infected.y) == [1]


def test_events_timeline_has_one_lane_per_type_and_precise_hover(view, stamp):
    fig = events_timeline(view.events, lambda t: t.title(), lambda ids: "Citizen Lab", stamp)
    lanes = [t for t in fig.data if t.x is not None and len(t.x) and t.x[0] is not None]
    assert [t.name for t in lanes] == ["Investigation"]
    hover = " ".join(lanes[0].hovertext)
    assert "24 Aug 2016" in hover and "Jul 2021" in hover and "Source: Citizen Lab" in hover
    assert "CVE-2016-4655" in hover
    assert list(lanes[0].marker.symbol) == ["circle", "diamond"]  # day, month precision


def test_hover_text_is_escaped(view, stamp):
    events = view.events.copy()
    events.loc[0, "title"] = "<img src=x onerror=alert(1)>"
    fig = events_timeline(events, str, lambda ids: "x", stamp)
    text = fig.to_json()
    assert "<img" not in text and "&lt;img" in text


def test_an_empty_selection_draws_a_message_not_an_empty_axis(view, stamp):
    fig = events_timeline(view.events.iloc[0:0], str, str, stamp)
    assert len(fig.data) == 0
    assert any("No records match" in a.text for a in fig.layout.annotations)


def test_breakdown_bar_orders_largest_first_and_uses_level_colours(stamp):
    counts = pd.Series({"infected": 5, "listed": 2, "attempted": 9})
    fig = breakdown_bar(
        counts.sort_values(ascending=False), str, stamp, colours=TARGET_STATUS_COLOURS
    )
    bar = fig.data[0]
    assert list(bar.y) == ["attempted", "infected", "listed"] and list(bar.x) == [9, 5, 2]
    assert list(bar.marker.color) == [TARGET_STATUS_COLOURS[k] for k in bar.y]


def test_breakdown_bar_folds_a_long_tail_into_other(stamp):
    counts = pd.Series({f"c{i}": 100 - i for i in range(30)})
    fig = breakdown_bar(counts, str, stamp)
    assert len(fig.data[0].y) == 15 and fig.data[0].y[-1].startswith("Other")
    assert sum(fig.data[0].x) == counts.sum()


def test_country_levels_use_the_strongest_operator_evidence(small_ds):
    levels = analysis.country_levels(small_ds.deployments).set_index("iso3")["level"]
    assert levels.to_dict() == {"ARE": "confirmed", "BHR": "location"}


def test_arcs_join_operator_to_the_country_of_its_targets(small_ds):
    t = prepare(small_ds).targets
    arcs = analysis.arcs(t, small_ds.target_operators)
    assert arcs[["operator", "destination", "n_targets", "n_people"]].values.tolist() == [
        ["ARE", "QAT", 1, 36],
        ["SAU", "QAT", 1, 36],
    ]


def test_the_deck_has_no_basemap_and_colours_states_by_level(small_ds):
    levels = analysis.country_levels(small_ds.deployments)
    located = analysis.target_destinations(small_ds.targets).value_counts()
    states = state_table(levels, small_ds.countries, located)
    arcs = analysis.arcs(prepare(small_ds).targets, small_ds.target_operators)
    deck = deployments_deck(states, arcs, small_ds.countries, GEOJSON)
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"] == "__MAP_STYLE__" or not spec.get("mapStyle")
    assert deck.map_provider is None
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"ocean", "states", "markers", "arcs"} <= set(layers)
    feats = {f["id"]: f["properties"] for f in layers["states"]["data"]["features"]}
    assert feats["ARE"]["fill"] == rgb(DEPLOYMENT_LEVEL_COLOURS["confirmed"])
    assert "No deployment evidence" in feats["SAU"]["level_label"]
    markers = {m["iso3"] for m in layers["markers"]["data"]}
    assert "BHR" in markers  # not drawn as a polygon, so it must get a marker
    assert len(layers["arcs"]["data"]) == 2


def test_layer_toggles_remove_layers(small_ds):
    levels = analysis.country_levels(small_ds.deployments)
    states = state_table(levels, small_ds.countries, pd.Series(dtype=int))
    deck = deployments_deck(states, pd.DataFrame(), small_ds.countries, GEOJSON, layers=("states",))
    assert [layer.id for layer in deck.layers] == ["ocean", "states"]


def test_world_figure_has_one_trace_pair_per_level_present(small_ds, stamp):
    levels = analysis.country_levels(small_ds.deployments)
    states = state_table(levels, small_ds.countries, pd.Series(dtype=int))
    fig = world_figure(states, stamp, 500)
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    assert [list(t.locations) for t in choropleths] == [["ARE"], ["BHR"]]
    assert choropleths[0].colorscale[0][1] == DEPLOYMENT_LEVEL_COLOURS["confirmed"]


def test_stamp_source_line_names_the_first_publishers_and_counts_the_rest():
    s = Stamp("t", "s", tuple(f"P{i}" for i in range(7)), "1.0.0", "2026-01-01")
    assert s.source_line() == "Sources: P0, P1, P2, P3 and 3 more (list on the Sources page)"


def test_a_large_timeline_aggregates_markers_per_lane_and_month(view, stamp):
    import pandas as pd

    many = pd.concat([view.events] * 2000, ignore_index=True)  # 4,000 events
    fig = events_timeline(many, str, lambda ids: "x", stamp)
    lanes = [t for t in fig.data if t.x is not None and len(t.x) and t.x[0] is not None]
    assert sum(len(t.x) for t in lanes) == 2  # two distinct months in one lane
    assert "2,000 event(s)" in lanes[0].hovertext[0]
    assert [t.name for t in fig.data if t.x is not None and t.x[0] is None] == [
        "events per month (marker size)"
    ]
