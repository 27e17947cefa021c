"""House style for every plotly figure, and the stamp that makes a chart self-explaining.

Belongs here: the plotly template, wrapping, and `apply_stamp()`: title, subtitle with the
active filters, a source line naming the publishers of the rows shown, and the credit line
"Pegasus Atlas · data vX.Y.Z · as of YYYY-MM-DD" (plus a permalink when known). A screenshot
or export of any chart therefore still says where it came from.
Does not belong here: data-dependent choices (see the figure builders), Streamlit.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.config import APP_NAME, FONT_FAMILY, GRID_COLOUR, MUTED_COLOUR, TEXT_COLOUR
from dashboard.text import escape_html

TEMPLATE = "atlas"
WRAP = 120  # characters per subtitle/footer line at 1200 px


def _template() -> go.layout.Template:
    t = go.layout.Template()
    t.layout = go.Layout(
        font={"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=["#6a1b4d", "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"],
        xaxis={
            "gridcolor": GRID_COLOUR,
            "linecolor": "#b8b2bd",
            "zeroline": False,
            "ticks": "outside",
            "tickcolor": "#b8b2bd",
        },
        yaxis={"gridcolor": GRID_COLOUR, "linecolor": "#b8b2bd", "zeroline": False},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 13},
            "bgcolor": "rgba(255,255,255,0)",
        },
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}, "align": "left"},
        title={
            "x": 0.0,
            "xanchor": "left",
            "xref": "paper",
            "font": {"size": 21, "color": TEXT_COLOUR},
        },
        bargap=0.25,
    )
    return t


pio.templates[TEMPLATE] = _template()


@dataclass(frozen=True)
class Stamp:
    """What a chart says about itself."""

    title: str
    subtitle: str
    publishers: tuple[str, ...]
    version: str
    as_of: str
    permalink: str | None = None

    def source_line(self, most: int = 4) -> str:
        names = list(self.publishers)
        if not names:
            return "Source: no records match these filters"
        shown = ", ".join(names[:most])
        more = len(names) - most
        tail = f" and {more} more (list on the Sources page)" if more > 0 else ""
        return f"Sources: {shown}{tail}"

    def credit_line(self) -> str:
        parts = [APP_NAME, f"data v{self.version}", f"as of {self.as_of}"]
        if self.permalink:
            parts.append(self.permalink)
        return " · ".join(parts)


def wrap(text: str, width: int = WRAP) -> str:
    """Escape data text and break it into <br>-separated lines for plotly."""
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    return "<br>".join(escape_html(line) for line in lines)


def apply_stamp(
    fig: go.Figure, stamp: Stamp, height: int, *, legend_top: bool = True, legend_rows: int = 1
) -> go.Figure:
    """Put title, subtitle, source and credit lines inside the figure; returns the figure.

    `legend_rows` reserves room for a legend that wraps (long labels in narrow columns)."""
    subtitle = wrap(stamp.subtitle)
    footer = wrap(stamp.source_line()) + "<br>" + wrap(stamp.credit_line())
    sub_lines = subtitle.count("<br>") + 1
    foot_lines = footer.count("<br>") + 1
    head = 62 + 19 * sub_lines  # title + subtitle, px from the top
    top = head + (4 + 26 * legend_rows if legend_top else 0)
    bottom = 84 + 17 * foot_lines
    fig.update_layout(
        template=TEMPLATE,
        height=height,
        title={
            "text": escape_html(stamp.title),
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14},
            "subtitle": {"text": subtitle, "font": {"size": 14, "color": MUTED_COLOUR}},
        },
        margin={"t": top, "b": bottom, "l": 70, "r": 30},
        meta={"stamp_title": stamp.title, "stamp_credit": stamp.credit_line()},
    )
    if legend_top:  # one row between subtitle and plot, whatever the export size
        fig.update_layout(
            legend={
                "yref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "xref": "paper",
                "x": 0.0,
                "xanchor": "left",
                "orientation": "h",
            }
        )
    fig.add_annotation(
        text=footer,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(bottom - 14 - 17 * foot_lines),
        align="left",
        font={"size": 12, "color": MUTED_COLOUR},
        name="stamp-footer",
    )
    return fig


def empty_figure(
    stamp: Stamp, height: int, message: str = "No records match these filters"
) -> go.Figure:
    """A stamped figure that says plainly that nothing matches (never an empty axis)."""
    fig = go.Figure()
    fig.add_annotation(
        text=escape_html(message),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 18, "color": MUTED_COLOUR},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_stamp(fig, stamp, height, legend_top=False)
