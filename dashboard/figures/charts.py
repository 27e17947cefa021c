"""Breakdown bar charts (by target type, operator state, status, evidence type).

Belongs here: horizontal bar figures from a counts Series, coloured by evidence level when the
categories are evidence levels. Does not belong here: counting (see `analysis`), Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.config import SMALL_CHART_HEIGHT
from dashboard.figures.style import Stamp, apply_stamp, empty_figure
from dashboard.text import escape_html

DEFAULT_BAR = "#6a1b4d"
MAX_BARS = 15


def breakdown_bar(
    counts: pd.Series,
    label: Callable[[str], str],
    stamp: Stamp,
    *,
    colours: Mapping[str, str] | None = None,
    unit: str = "target records",
    height: int = SMALL_CHART_HEIGHT + 60,
) -> go.Figure:
    """Largest first from the top; beyond MAX_BARS the rest are summed as 'Other'."""
    counts = counts[counts > 0]
    if counts.empty:
        return empty_figure(stamp, height)
    if len(counts) > MAX_BARS:
        head = counts.iloc[: MAX_BARS - 1]
        counts = pd.concat([head, pd.Series({"__other__": counts.iloc[MAX_BARS - 1 :].sum()})])
    names = [
        f"Other ({len(counts)} more)" if k == "__other__" else label(str(k)) for k in counts.index
    ]
    fill = [(colours or {}).get(str(k), DEFAULT_BAR) for k in counts.index]
    fig = go.Figure(
        go.Bar(
            x=counts.values,
            y=[escape_html(n) for n in names],
            orientation="h",
            marker_color=fill,
            text=[f"{v:,}" for v in counts.values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} " + unit + "<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False)
    fig.update_xaxes(title=unit.capitalize(), rangemode="tozero")
    fig.update_layout(showlegend=False, height=max(height, 120 + 26 * len(counts)))
    return apply_stamp(fig, stamp, max(height, 160 + 26 * len(counts)), legend_top=False)
