"""Figure builders return stamped figures whose content follows the data and the descriptor."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import analysis
from dashboard.figures import catalog
from dashboard.figures.charts import breakdown_bar, count_ticks
from dashboard.figures.maps import (
    deployments_deck,
    fit_view,
    in_view,
    rgb,
    view_states,
    world_figure,
)
from dashboard.figures.stamps import view_stamp
from dashboard.figures.style import PDF, RLE, Layout, Stamp, rtl_lines, wrap
from dashboard.figures.timeline import activity_chart, events_timeline
from dashboard.filters import FilterState, apply, prepare
from dashboard.i18n import translator
from tests.conftest import labels_for

T = translator("en")
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": iso,
            "properties": {"iso3": iso, "name": iso},
            "geometry": {"type": "Polygon", "coordinates": [box]},
        }
        for iso, box in (
            ("ARE", [[51, 22], [56, 22], [56, 26], [51, 26], [51, 22]]),
            ("SAU", [[36, 16], [55, 16], [55, 32], [36, 32], [36, 16]]),
        )
    ],
}


@pytest.fixture
def labels(small_ds):
    return labels_for(small_ds)


@pytest.fixture
def view(small_ds):
    return apply(prepare(small_ds), FilterState())


@pytest.fixture
def stamp(view, labels):
    return view_stamp(view, "A title", "What", ("targets",), labels, T, "9.8.7", "2026-01-02")


def footer_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "stamp-footer")


def test_the_stamp_names_publishers_version_date_and_filters(view, labels):
    s = view_stamp(view, "T", "", ("targets",), labels, T, "1.2.3", "2026-11-28", "http://x/?a=1")
    assert s.publishers[0] == "Citizen Lab"  # cited by both target rows
    assert "Le Monde" in s.publishers  # a repost credits the original publisher
    assert s.credit_line(T) == "Pegasus Atlas · data v1.2.3 · as of 28 Nov 2026 · http://x/?a=1"
    assert s.subtitle == "All records"


def test_the_stamp_names_only_the_filters_that_narrow_what_the_chart_draws(small_ds, labels):
    v = apply(
        prepare(small_ds),
        FilterState.of(period=(2016, 2021), operators=("SAU",), confidence=("likely",)),
    )
    s = view_stamp(v, "T", "Counted things", ("targets",), labels, T, "1.0.0", "2026-11-28")
    assert s.subtitle == "Counted things; 2016–2021, suspected operator Saudi Arabia"


def test_a_publisher_appears_once_in_the_source_line():
    assert analysis.credited_publishers(
        {"a": "Reuters", "b": "reuters ", "c": "AP"}, ["a", "b", "c"]
    ) == ["Reuters", "AP"]


def test_stamp_source_line_names_the_first_publishers_and_counts_the_rest():
    s = Stamp("t", "s", tuple(f"P{i}" for i in range(7)), "1.0.0", "2026-01-01")
    assert s.source_line(T) == "Sources: P0, P1, P2, P3 and 3 more (list on the Sources page)"


def test_every_chart_carries_its_stamp_inside_the_figure(view, labels, stamp):
    yearly = analysis.activity_by_year(view.targets, labels.schema)
    fig = activity_chart(yearly, labels, stamp, Layout())
    assert fig.layout.title.text == "A title"
    assert "Sources: Citizen Lab" in footer_text(fig)
    assert "data v9.8.7 · as of 2 Jan 2026" in footer_text(fig)


def test_activity_chart_stacks_statuses_in_descriptor_order_and_colours(view, labels, stamp):
    yearly = analysis.activity_by_year(view.targets, labels.schema)
    fig = activity_chart(yearly, labels, stamp, Layout())
    assert fig.layout.barmode == "stack"
    colours = labels.colours("targets.status")
    bars = {t.name: t.marker.color for t in fig.data if t.x is not None and t.x[0] is not None}
    assert bars == {
        labels.code("targets.status", "infected"): colours["infected"],
        labels.code("targets.status", "attempted"): colours["attempted"],
    }


def test_count_axes_have_whole_number_ticks():
    for maximum in (1, 3, 7, 40, 113, 2627):
        ticks = count_ticks(maximum)
        assert (
            isinstance(ticks["dtick"], int)
            and ticks["dtick"] >= 1
            and maximum / ticks["dtick"] <= 6
        )


def test_the_time_axis_spans_exactly_the_filtered_period(small_ds, labels):
    a = prepare(small_ds)
    v = apply(a, FilterState.of(period=(2018, 2021)))
    inp = catalog.Inputs(labels, Layout(), "1", "2026-11-28", period=a.years)
    fig = catalog.build("activity", v, inp)
    assert list(fig.layout.xaxis.range) == [2017.5, 2021.5]


def test_bars_of_a_partial_year_are_hatched_and_named(view, labels, stamp):
    yearly = pd.DataFrame(
        {"year": [2025, 2026], "status": ["infected", "infected"], "n_targets": [3, 1]}
    )
    fig = activity_chart(yearly, labels, stamp, Layout(), partial_year=2026)
    bar = next(t for t in fig.data if t.name == labels.code("targets.status", "infected"))
    assert list(bar.marker.pattern.shape) == ["", "/"]
    assert any(t.name == "2026: partial year" for t in fig.data)


def test_events_timeline_has_one_lane_per_type_and_precise_hover(view, labels, stamp):
    fig = events_timeline(view.events, labels, lambda ids: "Citizen Lab", stamp, Layout())
    lanes = [t for t in fig.data if t.x is not None and len(t.x) and t.x[0] is not None]
    assert [t.name for t in lanes] == [labels.code("events.event_type", "investigation")]
    hover = " ".join(lanes[0].hovertext)
    assert "24 Aug 2016" in hover and "Jul 2021" in hover and "Source: Citizen Lab" in hover
    assert "CVE-2016-4655" in hover
    assert list(lanes[0].marker.symbol) == ["circle", "diamond"]  # day, month precision


def test_hover_text_is_escaped(view, labels, stamp):
    events = view.events.copy()
    events.loc[0, "title"] = "<img src=x onerror=alert(1)>"
    fig = events_timeline(events, labels, lambda ids: "x", stamp, Layout())
    text = fig.to_json()
    assert "<img" not in text and "&lt;img" in text


@pytest.mark.parametrize("chart_id", list(catalog.CHARTS))
def test_a_view_with_no_rows_draws_one_sentence_and_no_axes(small_ds, labels, chart_id):
    v = apply(prepare(small_ds), FilterState.of(query="no-such-record"))
    fig = catalog.build(chart_id, v, catalog.Inputs(labels, Layout(), "1", "2026-11-28"))
    assert len(fig.data) == 0
    messages = [a.text for a in fig.layout.annotations if a.name == "empty-message"]
    assert messages and "Widen the period or remove a filter" in messages[0]
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_breakdown_bar_orders_largest_first_and_uses_vocabulary_colours(labels, stamp):
    counts = pd.Series({"attempted": 9, "infected": 5, "listed": 2})
    colours = labels.colours("targets.status")
    fig = breakdown_bar(counts, str, stamp, Layout(), unit="records", colours=colours)
    bar = fig.data[0]
    assert list(bar.y) == ["attempted", "infected", "listed"] and list(bar.x) == [9, 5, 2]
    assert list(bar.marker.color) == [colours[k] for k in bar.y]


@pytest.mark.parametrize(("height", "bars"), [(394, 8), (460, 11), (900, 15)])
def test_breakdown_bar_shows_the_bars_its_height_holds_and_names_the_rest(stamp, height, bars):
    counts = pd.Series({f"c{i}": 100 - i for i in range(30)})
    fig = breakdown_bar(counts, str, stamp, Layout(), unit="records", height=height)
    y = list(fig.data[0].y)
    assert len(y) == bars and fig.layout.height == height
    assert y[:-1] == [f"c{i}" for i in range(bars - 1)]  # the largest, in order
    assert y[-1] == f"{30 - bars + 1} more: see the table view"
    assert fig.data[0].x[-1] == 0 and fig.data[0].text[-1] == ""  # not summed


def test_country_levels_follow_the_derived_vocabulary(small_ds):
    levels = analysis.country_levels(small_ds.deployments, small_ds.schema)
    assert levels.set_index("iso3")["level"].to_dict() == {"ARE": "confirmed", "BHR": "location"}


def test_arcs_join_operator_to_the_country_of_its_targets(small_ds):
    t = prepare(small_ds).frame("targets")
    arcs = analysis.arcs(t, small_ds.target_operators, small_ds.schema)
    assert arcs[["operator", "destination", "n_targets", "n_people"]].values.tolist() == [
        ["ARE", "QAT", 1, 36],
        ["SAU", "QAT", 1, 36],
    ]


def test_the_deck_has_no_basemap_and_colours_states_by_level(small_ds, labels):
    states = view_states(small_ds.deployments, small_ds.targets, small_ds.countries, labels)
    arcs = analysis.arcs(
        prepare(small_ds).frame("targets"), small_ds.target_operators, small_ds.schema
    )
    deck = deployments_deck(states, arcs, small_ds.countries, GEOJSON, labels)
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"] == "__MAP_STYLE__" or not spec.get("mapStyle")
    assert deck.map_provider is None
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"ocean", "states", "markers", "arcs"} <= set(layers)
    feats = {f["id"]: f["properties"] for f in layers["states"]["data"]["features"]}
    assert feats["ARE"]["fill"] == rgb(labels.colours("evidence_level")["confirmed"])
    assert "No deployment evidence" in feats["SAU"]["level_label"]
    assert "BHR" in {m["iso3"] for m in layers["markers"]["data"]}  # no polygon: a marker
    assert len(layers["arcs"]["data"]) == 2
    assert all(a["greatCircle"] is False for a in spec["layers"] if a["id"] == "arcs")


def test_the_initial_map_view_shows_every_state_and_arc_end(real_atlas):
    from dashboard.figures.maps import MAP_HEIGHT

    a = real_atlas
    v = a.view(FilterState(), False, "en")
    states = view_states(v.deployments, v.targets, a.ds.countries, a.labels("en"))
    arcs = analysis.arcs(v.targets, v.target_operators, a.ds.schema)
    pos = a.ds.countries.set_index("iso3")[["lon", "lat"]]
    points = states[["lon", "lat"]].values.tolist()
    points += [pos.loc[c].tolist() for c in set(arcs["operator"]) | set(arcs["destination"])]
    view = fit_view(points, height=MAP_HEIGHT)
    assert all(in_view(view, p, 760, MAP_HEIGHT) for p in points)


def test_layer_toggles_remove_layers(small_ds, labels):
    states = view_states(
        small_ds.deployments, small_ds.targets.iloc[0:0], small_ds.countries, labels
    )
    deck = deployments_deck(
        states, pd.DataFrame(), small_ds.countries, GEOJSON, labels, ("states",)
    )
    assert [layer.id for layer in deck.layers] == ["ocean", "states"]


def test_world_figure_is_equal_area_with_one_trace_pair_per_level(small_ds, labels, stamp):
    states = view_states(
        small_ds.deployments, small_ds.targets.iloc[0:0], small_ds.countries, labels
    )
    fig = world_figure(states, labels, stamp, Layout(), 500)
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    assert [list(t.locations) for t in choropleths] == [["ARE"], ["BHR"]]
    assert choropleths[0].colorscale[0][1] == labels.colours("evidence_level")["confirmed"]
    assert fig.layout.geo.projection.type == "equal earth"
    assert fig.layout.geo.lataxis.range[1] < 90  # polar areas cropped


def test_a_large_timeline_aggregates_markers_per_lane_and_month(view, labels, stamp):
    many = pd.concat([view.events] * 2000, ignore_index=True)  # 4,000 events
    fig = events_timeline(many, labels, lambda ids: "x", stamp, Layout())
    lanes = [t for t in fig.data if t.x is not None and len(t.x) and t.x[0] is not None]
    assert sum(len(t.x) for t in lanes) == 2  # two distinct months in one lane
    assert "2,000 events" in lanes[0].hovertext[0]


def test_arabic_figures_put_title_legend_and_stamp_on_the_right(view, labels, stamp):
    yearly = analysis.activity_by_year(view.targets, labels.schema)
    fig = activity_chart(yearly, labels, stamp, Layout(lang="ar"))
    assert fig.layout.title.xanchor == "right" and fig.layout.title.x == 1.0
    assert fig.layout.legend.xanchor == "right"
    footer = next(a for a in fig.layout.annotations if a.name == "stamp-footer")
    assert footer.xanchor == "right" and footer.align == "right"
    assert fig.layout.meta["dir"] == "rtl"


def test_arabic_figure_lines_are_embedded_right_to_left_by_their_first_letter():
    """Plotly lays text out left to right: in Arabic figures a line that starts in Arabic (even
    after a date's digits or a bold tag) is embedded right to left, an English line is not, and
    our own stamp lines always are (the credit line starts with the atlas's Latin name)."""
    html = "<b>10 أغسطس 2016 · هجوم</b> — Targeted with<br>Pegasus (until 2016): SMS link."
    first, second = rtl_lines(html, True).split("<br>")
    assert first == f"{RLE}<b>10 أغسطس 2016 · هجوم</b> — Targeted with{PDF}"
    assert second == "Pegasus (until 2016): SMS link."
    assert rtl_lines(html, False) == html
    credit = wrap("Pegasus Atlas · إصدار البيانات 0.3.0", 80, rtl=True)
    assert credit.startswith(RLE) and credit.endswith(PDF)
    assert RLE not in wrap("Pegasus Atlas · data v0.3.0", 80)
