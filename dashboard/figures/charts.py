"""Bar charts: breakdowns (by target type, operator state, status) and the case funnel.

Belongs here: horizontal bar figures from a counts Series (coloured by the vocabulary's colours
when it has them) and the funnel of evidence stages. Integer ticks on every count axis.
Does not belong here: counting (see `analysis`), Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.config import SMALL_CHART_HEIGHT
from dashboard.figures.style import CHAR_PX, Layout, Stamp, apply_stamp, label_inset
from dashboard.text import escape_html, truncate

DEFAULT_BAR = "#6a1b4d"
MAX_BARS = 15
OTHER = "__other__"


def count_ticks(maximum: float) -> dict:
    """Axis settings for a count: whole-number ticks only, about five of them."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        step = candidate
        if maximum / candidate <= 6:
            break
    return {"tick0": 0, "dtick": step, "tickformat": ",d", "rangemode": "tozero"}


def short_labels(names: list[str], layout: Layout, share: float = 0.38) -> list[str]:
    """Category labels that take at most `share` of the figure's width (a phone keeps room
    for its bars), shortened with an ellipsis; never two alike (a bar axis would merge them).
    The full names stay in the hover text and the table view."""
    n = max(12, int(share * layout.width / (layout.px(14) * CHAR_PX)))
    while True:
        out = [truncate(x, n) for x in names]
        if len(set(out)) == len(out) or n > max(map(len, names), default=0):
            return out
        n += 4


def breakdown_bar(
    counts: pd.Series,
    label: Callable[[str], str],
    stamp: Stamp,
    layout: Layout,
    *,
    unit: str,
    colours: Mapping[str, str] | None = None,
    height: int = SMALL_CHART_HEIGHT + 60,
) -> go.Figure:
    """Largest first from the top, as many bars as the height holds (at most MAX_BARS); the
    rest are named in a last row that points to the table view (not summed: one record may
    count under several operators). `counts` is non-empty (the registry draws the empty
    state)."""
    t = layout.t
    counts = counts[counts > 0]
    fit = max(4, min(MAX_BARS, (height - layout.px(190)) // layout.px(24)))
    rest = len(counts) - (fit - 1) if len(counts) > fit else 0
    if rest:
        counts = pd.concat([counts.iloc[: fit - 1], pd.Series({OTHER: 0})])
    names = [
        t._("{n} more: see the table view").format(n=t.num(rest)) if k == OTHER else label(str(k))
        for k in counts.index
    ]
    fill = [(colours or {}).get(str(k), DEFAULT_BAR) for k in counts.index]
    shown = short_labels(names, layout)
    fig = go.Figure(
        go.Bar(
            x=counts.values,
            y=[escape_html(n) for n in shown],
            customdata=[escape_html(n) for n in names],
            orientation="h",
            marker_color=fill,
            text=[t.num(v) if k != OTHER else "" for k, v in counts.items()],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": layout.px(13)},
            hovertemplate="%{customdata}: %{x} " + escape_html(unit) + "<extra></extra>",
        )
    )
    fig.update_yaxes(
        autorange="reversed",
        automargin=True,
        showgrid=False,
        side="right" if layout.rtl else "left",
    )
    fig.update_xaxes(  # the subtitle says what is counted: no axis title to collide
        autorange="reversed" if layout.rtl else True,
        **count_ticks(float(counts.max())),
    )
    fig.update_layout(showlegend=False)
    inset = label_inset(shown, layout)
    return apply_stamp(fig, stamp, height, layout, legend_top=False, inset=inset)


def funnel(
    stages: pd.DataFrame, stamp: Stamp, layout: Layout, *, unit: str, height: int
) -> go.Figure:
    """Stages of evidence, widest first: `stages` has columns label, n, colour."""
    fig = go.Figure(
        go.Funnel(
            y=[escape_html(s) for s in stages["label"]],
            x=stages["n"],
            text=[layout.t.num(v) for v in stages["n"]],
            textinfo="text",
            marker={"color": list(stages["colour"])},
            textfont={"size": layout.px(14)},
            hovertemplate="%{y}: %{x} " + escape_html(unit) + "<extra></extra>",
        )
    )
    fig.update_yaxes(automargin=True, side="right" if layout.rtl else "left")
    fig.update_layout(showlegend=False)
    return apply_stamp(fig, stamp, height, layout, legend_top=False)
