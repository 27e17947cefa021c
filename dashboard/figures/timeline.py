"""Timeline builders: events in swimlanes by type, and targeting activity per year.

Belongs here: `events_timeline()` and `activity_chart()`, which take filtered frames and return
stamped figures. Hover text shows each date at its own precision. Does not belong here:
filtering, counting (see `analysis`), Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
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

MAX_MILESTONES = 9
MAX_MARKERS = 3000  # beyond this many events, markers aggregate per lane and month
MILESTONE_LANE = "Milestones"
SYMBOLS = {"day": "circle", "month": "diamond", "year": "square"}


def _milestones(events: pd.DataFrame, levels: int = 3, gap_years: float = 3.4) -> list[tuple]:
    """(row, level) of events labelled in the milestone lane: exploits with CVEs first, then
    rulings, sanctions/policy and lawsuits; labels on one level stay `gap_years` apart."""
    m = events[events["event_type"].isin(MILESTONE_TYPES)].copy()
    if m.empty:
        return []
    m["_rank"] = m["event_type"].astype(str).map(MILESTONE_TYPES.index)
    m.loc[m["cves"].map(len) > 0, "_rank"] = -1
    chosen: list[tuple] = []
    labels: set[str] = set()
    for row in m.sort_values(["_rank", "date_start"]).head(500).itertuples():
        label = milestone_label(row)
        if label in labels:
            continue
        x = row.date_start.year + row.date_start.day_of_year / 366
        for level in range(levels):
            if all(abs(x - cx) >= gap_years for _, lv, cx in chosen if lv == level):
                chosen.append((row, level, x))
                labels.add(label)
                break
        if len(chosen) >= MAX_MILESTONES:
            break
    return [(row, level) for row, level, _ in sorted(chosen, key=lambda c: c[2])]


def _monthly_trace(sub: pd.DataFrame, lane: str, colour: str) -> go.Scatter:
    """Beyond MAX_MARKERS events, one marker per lane and month, sized by the count."""
    month = sub["date_start"].dt.to_period("M").dt.to_timestamp()
    n = month.value_counts().sort_index()
    return go.Scatter(
        x=n.index,
        y=[lane] * len(n),
        mode="markers",
        name=lane,
        showlegend=False,
        hovertext=[f"{k:,} event(s) · {escape_html(lane)} · {d:%b %Y}" for d, k in n.items()],
        hoverinfo="text",
        marker={
            "size": (6 + 3 * np.sqrt(n.to_numpy())).clip(max=30),
            "color": colour,
            "opacity": 0.75,
            "line": {"width": 1, "color": "#ffffff"},
        },
    )


def milestone_label(row) -> str:
    return row.cves[0] if row.cves else truncate(row.title, 19)


def events_timeline(
    events: pd.DataFrame,
    type_label: Callable[[str], str],
    publishers: Callable[[tuple[str, ...]], str],
    stamp: Stamp,
    height: int = CHART_HEIGHT + 180,
) -> go.Figure:
    """One lane per event type; marker shape shows date precision (day, month, year)."""
    if events.empty:
        return empty_figure(stamp, height)
    fig = go.Figure()
    lanes = [t for t in EVENT_TYPE_COLOURS if (events["event_type"] == t).any()]
    aggregate = len(events) > MAX_MARKERS
    for etype in lanes:
        sub = events[events["event_type"] == etype]
        if aggregate:
            fig.add_trace(_monthly_trace(sub, type_label(etype), EVENT_TYPE_COLOURS[etype]))
            continue
        hover = [
            f"<b>{escape_html(truncate(title, 90))}</b><br>{format_partial_date(date)}"
            f" · {escape_html(type_label(etype))}<br>Source: {escape_html(publishers(ids))}"
            + (f"<br>{escape_html(', '.join(cves))}" if cves else "")
            for title, date, ids, cves in zip(
                sub["title"], sub["date"], sub["source_ids"], sub["cves"], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=sub["date_start"],
                y=[type_label(etype)] * len(sub),
                mode="markers",
                name=type_label(etype),
                showlegend=False,
                hovertext=hover,
                hoverinfo="text",
                customdata=sub["event_id"],
                marker={
                    "size": 12,
                    "color": EVENT_TYPE_COLOURS[etype],
                    "opacity": 0.85,
                    "symbol": [SYMBOLS[str(p)] for p in sub["date_precision"]],
                    "line": {"width": 1, "color": "#ffffff"},
                },
            )
        )
    milestones = _milestones(events)
    for row, level in milestones:
        label = milestone_label(row)  # (milestones stay individual events at any scale)
        fig.add_shape(
            type="line",
            x0=row.date_start,
            x1=row.date_start,
            y0=MILESTONE_LANE,
            y1=type_label(row.event_type),
            line={"color": "#b8b2bd", "width": 1, "dash": "dot"},
            layer="below",
        )
        fig.add_annotation(
            x=row.date_start,
            y=MILESTONE_LANE,
            text=escape_html(label),
            showarrow=False,
            yshift=30 - 15 * level,
            xanchor="center",
            font={"size": 11, "color": "#3d3744"},
            bgcolor="rgba(255,255,255,0.9)",
        )
    keys = (
        {"events per month (marker size)": "circle"}
        if aggregate
        else {f"date known to the {p}": sym for p, sym in SYMBOLS.items()}
    )
    for name, symbol in keys.items():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "color": "#6b6470", "size": 10},
                hoverinfo="skip",
            )
        )
    order = [type_label(t) for t in reversed(lanes)] + ([MILESTONE_LANE] if milestones else [])
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=order,
        showgrid=True,
        automargin=True,
        range=[-0.5, len(order) - 0.5 + (1.2 if milestones else 0)],
    )
    fig.update_xaxes(
        type="date", rangeslider={"visible": True, "thickness": 0.06}, rangeselector=None
    )
    return apply_stamp(fig, stamp, height)


def activity_chart(
    yearly: pd.DataFrame,
    status_label: Callable[[str], str],
    stamp: Stamp,
    height: int = CHART_HEIGHT,
) -> go.Figure:
    """Target records with documented activity per year, stacked by status (strongest at base)."""
    if yearly.empty:
        return empty_figure(stamp, height)
    fig = go.Figure()
    for status in TARGET_STATUSES:
        sub = yearly[yearly["status"] == status]
        if sub.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=sub["year"],
                y=sub["n_targets"],
                name=status_label(status),
                marker_color=TARGET_STATUS_COLOURS[status],
                hovertemplate="%{x}: %{y} target record(s) — "
                + escape_html(status_label(status))
                + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=1, tickformat="d", title=None)
    fig.update_yaxes(title="Target records with activity that year", rangemode="tozero")
    return apply_stamp(fig, stamp, height)
