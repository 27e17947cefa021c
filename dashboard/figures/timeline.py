"""Timeline builders: events in swimlanes by type, and targeting activity per year.

Belongs here: `events_timeline()` and `activity_chart()`, which take filtered frames and return
stamped figures. Lanes, their order and colours, and which event types are milestones come from
the descriptor (`events.event_type`: category order, `x-colour`, `x-milestone`). Hover text shows
each date at its own precision, in the reader's language. Time runs left to right in every
language, Arabic included (see the README: dates, years and CVE ids are read left to right in
Arabic text too, and most Arabic-language newsrooms keep chronological axes that way).
Does not belong here: filtering, counting (see `analysis`), Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.config import CHART_HEIGHT
from dashboard.figures.charts import count_ticks, short_labels
from dashboard.figures.style import (
    CHAR_PX,
    Layout,
    Stamp,
    apply_stamp,
    label_inset,
    legend_rows,
)
from dashboard.i18n import N_
from dashboard.labels import Labels
from dashboard.text import escape_html, truncate

EVENT_TYPES = "events.event_type"
STATUSES = "targets.status"
MAX_MILESTONES = 9
MAX_MARKERS = 3000  # beyond this many events, markers aggregate per lane and month
SYMBOLS = {"day": "circle", "month": "diamond", "year": "square"}
PRECISION_WORDS = {
    "day": N_("date known to the day"),
    "month": N_("to the month"),
    "year": N_("to the year"),
}


def milestone_label(row, n: int = 22) -> str:
    return row.cves[0] if row.cves else truncate(row.title, n)


def _milestones(events: pd.DataFrame, ranks: dict[str, int], levels: int, gap: float) -> list:
    """(row, level) of events labelled above the lanes: exploits with CVEs first, then by the
    descriptor's `x-milestone` rank; labels on one level stay `gap` years apart."""
    m = events[events["event_type"].astype(str).isin(ranks)].copy()
    if m.empty:
        return []
    m["_rank"] = m["event_type"].astype(str).map(ranks)
    m.loc[m["cves"].map(len) > 0, "_rank"] = -1
    chosen: list[tuple] = []
    labels: set[str] = set()
    for row in m.sort_values(["_rank", "date_start"]).head(500).itertuples():
        label = milestone_label(row)
        if label in labels:
            continue
        x = row.date_start.year + row.date_start.day_of_year / 366
        for level in range(levels):
            if all(abs(x - cx) >= gap for _, lv, cx in chosen if lv == level):
                chosen.append((row, level, x))
                labels.add(label)
                break
        if len(chosen) >= MAX_MILESTONES:
            break
    return [(row, level) for row, level, _ in sorted(chosen, key=lambda c: c[2])]


def _monthly_trace(sub: pd.DataFrame, lane: str, colour: str, lay: Layout) -> go.Scatter:
    """Beyond MAX_MARKERS events, one marker per lane and month, sized by the count."""
    t = lay.t
    month = sub["date_start"].dt.to_period("M").dt.to_timestamp()
    n = month.value_counts().sort_index()
    return go.Scatter(
        x=n.index,
        y=[lane] * len(n),
        mode="markers",
        name=lane,
        showlegend=False,
        hovertext=[
            t.n_("{n} event", "{n} events", k).format(n=t.num(k))
            + f" · {escape_html(lane)} · {t.date(d.strftime('%Y-%m'))}"
            for d, k in n.items()
        ],
        hoverinfo="text",
        marker={
            "size": (6 + 3 * np.sqrt(n.to_numpy())).clip(max=30),
            "color": colour,
            "opacity": 0.75,
            "line": {"width": 1, "color": "#ffffff"},
        },
    )


def events_timeline(
    events: pd.DataFrame,
    labels: Labels,
    publishers: Callable[[tuple[str, ...]], str],
    stamp: Stamp,
    layout: Layout,
    height: int = CHART_HEIGHT + 180,
    period: tuple[int | None, int | None] = (None, None),
    link: Callable[[str], str] | None = None,
) -> go.Figure:
    """One lane per event type; marker shape shows date precision (day, month, year).
    `events` is non-empty (the registry draws the empty state)."""
    t = layout.t
    colours = labels.colours(EVENT_TYPES)
    lanes = [v for v in labels.order(EVENT_TYPES) if (events["event_type"] == v).any()]
    milestone_lane = t._("Milestones")
    source_word = t._("Source: {publishers}")
    fig = go.Figure()
    aggregate = len(events) > MAX_MARKERS
    for etype in lanes:
        sub = events[events["event_type"] == etype]
        lane = labels.code(EVENT_TYPES, etype)
        if aggregate:
            fig.add_trace(_monthly_trace(sub, lane, colours[etype], layout))
            continue
        hover = [
            f"<b>{escape_html(truncate(title, 90))}</b><br>{t.date(date)} · {escape_html(lane)}"
            f"<br>{escape_html(source_word.format(publishers=publishers(ids)))}"
            + (f"<br>{escape_html(', '.join(cves))}" if cves else "")
            + (f"<br>{escape_html(link(eid))}" if link else "")
            for eid, title, date, ids, cves in zip(
                sub["event_id"],
                sub["title"],
                sub["date"],
                sub["source_ids"],
                sub["cves"],
                strict=True,
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=sub["date_start"],
                y=[lane] * len(sub),
                mode="markers",
                name=lane,
                showlegend=False,
                hovertext=hover,
                hoverinfo="text",
                customdata=sub["event_id"],
                marker={
                    "size": layout.px(12),
                    "color": colours[etype],
                    "opacity": 0.85,
                    "symbol": [SYMBOLS[str(p)] for p in sub["date_precision"]],
                    "line": {"width": 1, "color": "#ffffff"},
                },
            )
        )
    ranks = {
        c.value: int(c.prop("milestone"))
        for c in labels.schema.vocabulary(EVENT_TYPES).with_prop("milestone")
    }
    span = max(1.0, (events["date_start"].max() - events["date_start"].min()).days / 365.25)
    width_years = span / max(1, layout.width - 200) * layout.px(11) * 0.55 * 24
    gap = max(1.0, width_years)
    has_milestones = bool(_milestones(events, ranks, 1, gap))
    order = [labels.code(EVENT_TYPES, v) for v in reversed(lanes)]
    order += [milestone_lane] if has_milestones else []
    lo, hi = period
    pad = pd.Timedelta(days=60)
    first = pd.Timestamp(f"{lo}-01-01") if lo else events["date_start"].min() - pad
    last = pd.Timestamp(f"{hi}-12-31") if hi else events["date_start"].max() + pad
    fig.update_xaxes(type="date", range=[first, last])
    keys = (
        {t._("events per month (marker size)"): "circle"}
        if aggregate
        else {t._(PRECISION_WORDS[p]): sym for p, sym in SYMBOLS.items()}
    )
    # on a phone, lane names are shortened so the lanes keep most of the width (full names in
    # the hover text and the table view)
    shown = short_labels(order, layout, share=0.3) if layout.narrow else order
    inset = label_inset(shown, layout)
    rows = legend_rows(list(keys), layout)
    fig = apply_stamp(fig, stamp, height, layout, legend_rows=rows, inset=inset)
    # Milestone labels stack on up to three rows above the lanes; how many, and the room above
    # the top lane, follow from the plot height this figure is laid out for (a 394 px export
    # has room for one row, the 640 px page for three).
    plot_h = height - fig.layout.margin.t - fig.layout.margin.b
    plot_w = layout.width - fig.layout.margin.l - fig.layout.margin.r - inset
    levels, extra = _label_rows(len(order), plot_h, layout) if has_milestones else (0, 0.0)
    milestones = _milestones(events, ranks, levels, gap) if levels else []
    step = layout.px(15)
    for row, level in milestones:
        fig.add_shape(
            type="line",
            x0=row.date_start,
            x1=row.date_start,
            y0=milestone_lane,
            y1=labels.code(EVENT_TYPES, row.event_type),
            line={"color": "#b8b2bd", "width": 1, "dash": "dot"},
            layer="below",
        )
        # keep labels inside the plot: anchored at the side they would cross
        where = (row.date_start - first) / (last - first) * plot_w
        half = len(milestone_label(row)) * layout.px(11) * CHAR_PX / 2 + 6
        anchor = "left" if where < half else "right" if plot_w - where < half else "center"
        fig.add_annotation(
            x=row.date_start,
            y=milestone_lane,
            text=escape_html(milestone_label(row)),
            showarrow=False,
            yshift=step * (levels - 1 - level),
            xanchor=anchor,
            font={"size": layout.px(11), "color": "#3d3744"},
            bgcolor="rgba(255,255,255,0.9)",
            name="milestone",
        )
    for name, symbol in keys.items():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "color": "#6b6470", "size": layout.px(10)},
                hoverinfo="skip",
            )
        )
    lane_px = plot_h / max(1.0, len(order) + extra)
    if lane_px < 24:  # a short export: smaller lane labels and markers, every lane still named
        names = set(order)
        fig.update_traces(marker_size=layout.px(8), selector=lambda tr: tr.name in names)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=order,
        tickmode="array",
        tickvals=order,
        ticktext=[escape_html(x) for x in shown],
        tickfont={"size": layout.px(14 if lane_px >= 24 else 11)},
        showgrid=True,
        automargin=True,
        side="right" if layout.rtl else "left",
        range=[-0.5, len(order) - 0.5 + extra],
    )
    return fig


def _label_rows(lanes: int, plot_h: float, layout: Layout) -> tuple[int, float]:
    """(rows of milestone labels, extra lanes of room above the top lane) for a plot of
    `plot_h` px with `lanes` lanes: the most rows (up to three) that leave each lane at least
    16 px; the room holds the highest label whole."""
    for levels in (3, 2, 1):
        need = layout.px(15) * (levels - 1) + layout.px(11) * 0.8 + 4  # px above the top lane
        if plot_h <= need * 2:
            continue
        extra = max(0.0, (need * lanes - 0.5 * plot_h) / (plot_h - need))
        if plot_h / (lanes + extra) >= layout.px(16) or levels == 1:
            return levels, extra
    return 1, 1.0


def activity_chart(
    yearly: pd.DataFrame,
    labels: Labels,
    stamp: Stamp,
    layout: Layout,
    height: int = CHART_HEIGHT,
    period: tuple[int, int] | None = None,
    partial_year: int | None = None,
) -> go.Figure:
    """Target records with documented activity per year, stacked by status (strongest at base).
    The x axis spans exactly `period`; the bars of a year the data does not cover in full
    (`partial_year`, the year of the data's as-of date) are hatched and named so."""
    t = layout.t
    colours = labels.colours(STATUSES)
    fig = go.Figure()
    for status in labels.order(STATUSES):
        sub = yearly[yearly["status"] == status]
        if sub.empty:
            continue
        name = labels.code(STATUSES, status)
        fig.add_trace(
            go.Bar(
                x=sub["year"],
                y=sub["n_targets"],
                name=name,
                marker_color=colours.get(status),
                marker_pattern_shape=["/" if y == partial_year else "" for y in sub["year"]],
                hovertemplate="%{x}: %{y} "
                + escape_html(t._("target records"))
                + " — "
                + escape_html(name)
                + "<extra></extra>",
            )
        )
    lo, hi = period or (int(yearly["year"].min()), int(yearly["year"].max()))
    if partial_year is not None and (yearly["year"] == partial_year).any():
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=t._("{year}: partial year").format(year=partial_year),
                marker={
                    "color": "#ffffff",
                    "pattern": {"shape": "/", "fgcolor": "#5f5966"},
                    "line": {"color": "#5f5966", "width": 1},
                },
                hoverinfo="skip",
            )
        )
    totals = yearly.groupby("year")["n_targets"].sum()
    fig.update_layout(barmode="stack")
    fig.update_xaxes(
        dtick=1 if hi - lo <= 16 else 2,
        tickformat="d",
        title=None,
        range=[lo - 0.5, hi + 0.5],
    )
    fig.update_yaxes(
        # on a phone the subtitle says what is counted; the rotated title would squeeze the bars
        title=None if layout.narrow else t._("Target records with activity that year"),
        side="right" if layout.rtl else "left",
        **count_ticks(float(totals.max()) if len(totals) else 1.0),
    )
    rows = legend_rows([tr.name for tr in fig.data], layout)
    return apply_stamp(fig, stamp, height, layout, legend_rows=rows)
