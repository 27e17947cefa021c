"""Timeline builders: events in swimlanes by type, and targeting activity per year.

Belongs here: `events_timeline()` and `activity_chart()`, which take filtered frames and return
stamped figures. Hover text shows each date at its own precision. Does not belong here:
filtering, counting (see `analysis`), Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.config import (
    CHART_HEIGHT,
    EVENT_TYPE_COLOURS,
    MILESTONE_TYPES,
    TARGET_STATUS_COLOURS,
    TARGET_STATUSES,
)
from dashboard.figures.style import Stamp, apply_stamp, empty_figure
from dashboard.text import escape_html, format_partial_date, truncate

MAX_MILESTONES = 10
SYMBOLS = {"day": "circle", "month": "diamond", "year": "square"}


def _milestones(events: pd.DataFrame) -> pd.DataFrame:
    """Events annotated on the chart: exploits with CVEs first, then rulings and sanctions."""
    m = events[events["event_type"].isin(MILESTONE_TYPES)].copy()
    m["_rank"] = m["event_type"].astype(str).map(MILESTONE_TYPES.index)
    m.loc[m["cves"].map(len) > 0, "_rank"] = -1
    return m.sort_values(["_rank", "date_start"]).head(MAX_MILESTONES).sort_values("date_start")


def events_timeline(events: pd.DataFrame, type_label: Callable[[str], str],
                    publishers: Callable[[tuple[str, ...]], str], stamp: Stamp,
                    height: int = CHART_HEIGHT + 120) -> go.Figure:
    """One lane per event type; marker shape shows date precision (day, month, year)."""
    if events.empty:
        return empty_figure(stamp, height)
    fig = go.Figure()
    lanes = [t for t in EVENT_TYPE_COLOURS if (events["event_type"] == t).any()]
    for etype in lanes:
        sub = events[events["event_type"] == etype]
        hover = [
            f"<b>{escape_html(truncate(title, 90))}</b><br>{format_partial_date(date)}"
            f" · {escape_html(type_label(etype))}<br>Source: {escape_html(publishers(ids))}"
            + (f"<br>{escape_html(', '.join(cves))}" if cves else "")
            for title, date, ids, cves in zip(sub["title"], sub["date"], sub["source_ids"],
                                              sub["cves"], strict=True)
        ]
        fig.add_trace(go.Scatter(
            x=sub["date_start"], y=[type_label(etype)] * len(sub), mode="markers",
            name=type_label(etype), showlegend=False, hovertext=hover, hoverinfo="text",
            customdata=sub["event_id"],
            marker={"size": 12, "color": EVENT_TYPE_COLOURS[etype], "opacity": 0.85,
                    "symbol": [SYMBOLS[str(p)] for p in sub["date_precision"]],
                    "line": {"width": 1, "color": "#ffffff"}}))
    for i, row in enumerate(_milestones(events).itertuples()):
        label = row.cves[0] if row.cves else truncate(row.title, 34)
        fig.add_annotation(x=row.date_start, y=type_label(row.event_type), text=escape_html(label),
                           showarrow=True, arrowhead=0, arrowcolor="#8a8390", ax=0,
                           ay=-26 if i % 2 == 0 else 26, font={"size": 11, "color": "#3d3744"},
                           bgcolor="rgba(255,255,255,0.85)")
    for precision, symbol in SYMBOLS.items():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"date known to the {precision}",
                                 marker={"symbol": symbol, "color": "#6b6470", "size": 10},
                                 hoverinfo="skip"))
    fig.update_yaxes(categoryorder="array", categoryarray=[type_label(t) for t in reversed(lanes)],
                     showgrid=True, automargin=True)
    fig.update_xaxes(type="date", rangeslider={"visible": True, "thickness": 0.06},
                     rangeselector=None)
    return apply_stamp(fig, stamp, height)


def activity_chart(yearly: pd.DataFrame, status_label: Callable[[str], str], stamp: Stamp,
                   height: int = CHART_HEIGHT) -> go.Figure:
    """Target records with documented activity per year, stacked by status (strongest at base)."""
    if yearly.empty:
        return empty_figure(stamp, height)
    fig = go.Figure()
    for status in TARGET_STATUSES:
        sub = yearly[yearly["status"] == status]
        if sub.empty:
            continue
        fig.add_trace(go.Bar(
            x=sub["year"], y=sub["n_targets"], name=status_label(status),
            marker_color=TARGET_STATUS_COLOURS[status],
            hovertemplate="%{x}: %{y} target record(s) — " + escape_html(status_label(status))
            + "<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=1, tickformat="d", title=None)
    fig.update_yaxes(title="Target records with activity that year", rangemode="tozero")
    return apply_stamp(fig, stamp, height)
