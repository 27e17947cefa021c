"""Every published chart, by id: one definition used on pages, in embeds and in exports.

Belongs here: `CHARTS` (id -> title) and `build()`, which turns a filtered view into the stamped
figure for a chart id. Chart ids are part of the public URL scheme (`?embed=<id>`) and are listed
in the README: rename none without keeping the old id working.
Does not belong here: Streamlit, file or network I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import analysis
from dashboard.config import CHART_HEIGHT, TARGET_STATUS_COLOURS
from dashboard.figures.charts import breakdown_bar
from dashboard.figures.maps import view_states, world_figure
from dashboard.figures.stamps import view_stamp
from dashboard.figures.timeline import activity_chart, events_timeline
from dashboard.filters import View

Labeller = Callable[[str, str], str]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    what: str


CHARTS = {
    c.id: c
    for c in (
        Chart("map", "Where Pegasus use is documented", "States by strongest deployment evidence"),
        Chart(
            "timeline",
            "Pegasus: investigations, exploits, lawsuits and policy",
            "Events by type (marker shape: date known to the day, month or year)",
        ),
        Chart(
            "activity",
            "Documented targeting per year",
            "Target records with activity in each year, by status",
        ),
        Chart("targets-by-type", "Targets by type", "Target records by role"),
        Chart(
            "targets-by-operator",
            "Targets by suspected operator",
            "Target records per suspected operator state",
        ),
        Chart("targets-by-status", "Targets by status", "Strongest published evidence per record"),
    )
}


@dataclass(frozen=True)
class Inputs:
    """What every chart needs besides the view."""

    label: Labeller
    version: str
    as_of: str
    countries: pd.DataFrame
    permalink: str | None = None


def build(
    chart_id: str, view: View, inp: Inputs, height: int | None = None, title: str | None = None
) -> go.Figure:
    """The stamped figure for `chart_id` under `view`; KeyError for an unknown id."""
    chart = CHARTS[chart_id]
    frames = _frames(chart_id, view)

    def stamp():
        return view_stamp(
            view,
            title or chart.title,
            frames,
            inp.label,
            inp.version,
            inp.as_of,
            inp.permalink,
            what=chart.what,
        )

    h = height or CHART_HEIGHT
    if chart_id == "map":
        states = view_states(view.deployments, view.targets, inp.countries)
        return world_figure(states, stamp(), h + 80)
    if chart_id == "timeline":

        def publishers(ids: tuple[str, ...]) -> str:
            return ", ".join(analysis.credited_publishers(view.publisher_of, ids)[:3])

        return events_timeline(
            view.events, lambda t: inp.label("event_type", t), publishers, stamp(), h + 180
        )
    if chart_id == "activity":
        return activity_chart(
            analysis.activity_by_year(view.targets), lambda s: inp.label("status", s), stamp(), h
        )
    if chart_id == "targets-by-type":
        return breakdown_bar(
            analysis.counts(view.targets, "target_type"),
            lambda x: inp.label("target_type", x),
            stamp(),
            height=h,
        )
    if chart_id == "targets-by-operator":
        return breakdown_bar(
            analysis.operator_counts(view.target_operators),
            lambda x: inp.label("country", x),
            stamp(),
            height=h,
        )
    return breakdown_bar(
        analysis.counts(view.targets, "status"),
        lambda x: inp.label("status", x),
        stamp(),
        colours=TARGET_STATUS_COLOURS,
        height=h,
    )


def _frames(chart_id: str, view: View) -> tuple[pd.DataFrame, ...]:
    """The rows a chart shows: its source line credits exactly these."""
    if chart_id == "map":
        return (view.deployments, view.targets)
    if chart_id == "timeline":
        return (view.events,)
    if chart_id == "targets-by-operator":
        return (view.target_operators,)
    return (view.targets,)
