"""House style for every plotly figure, and the stamp that makes a chart self-explaining.

Belongs here: the plotly template, text wrapping, `Layout` (the width a figure is laid out for,
its font scale and reading direction) and `apply_stamp()`: title, subtitle with the active
filters, a source line naming the publishers of the rows shown, and the credit line
"Pegasus Atlas · data vX.Y.Z · as of YYYY-MM-DD" (plus a permalink when known), all in the
reader's language and on the reading side. A screenshot or export of any chart therefore still
says where it came from. Does not belong here: data-dependent choices (see the builders),
Streamlit.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass, replace

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.config import APP_NAME, FONT_FAMILY, GRID_COLOUR, MUTED_COLOUR, TEXT_COLOUR
from dashboard.i18n import Translator, translator
from dashboard.text import escape_html

TEMPLATE = "atlas"
CHAR_PX = 0.5  # average character width relative to the font size (Source Sans, DejaVu)


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
        legend={"orientation": "h", "font": {"size": 13}, "bgcolor": "rgba(255,255,255,0)"},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}, "align": "auto"},
        title={"xref": "paper", "font": {"size": 21, "color": TEXT_COLOUR}},
        bargap=0.25,
    )
    return t


pio.templates[TEMPLATE] = _template()


@dataclass(frozen=True)
class Layout:
    """What a figure is laid out for: its width in px, a font scale so that text reads at least
    11 px where the image is displayed, and the language (direction, words)."""

    width: int = 1200
    scale: float = 1.0
    lang: str = "en"

    @property
    def t(self) -> Translator:
        return translator(self.lang)

    @property
    def rtl(self) -> bool:
        return self.t.language.rtl

    @property
    def narrow(self) -> bool:
        return self.width < 600

    def px(self, size: float) -> int:
        return round(size * self.scale)

    def chars(self, size: float, inset: int = 0) -> int:
        """Characters of text at `size` px that fit on one line across the figure (less
        `inset` px taken by axis labels on the reading side)."""
        return max(12, int((self.width - 40 - inset) / (self.px(size) * CHAR_PX)))

    @property
    def side(self) -> tuple[float, str]:
        """(x, anchor) of text on the reading side: the left, or the right in Arabic."""
        return (1.0, "right") if self.rtl else (0.0, "left")

    def sized(self, width: int, scale: float | None = None) -> Layout:
        return replace(self, width=width, scale=self.scale if scale is None else scale)


@dataclass(frozen=True)
class Stamp:
    """What a chart says about itself."""

    title: str
    subtitle: str
    publishers: tuple[str, ...]
    version: str
    as_of: str
    permalink: str | None = None
    alt: str = ""  # the generated text alternative (see `figures.catalog`)

    def source_line(self, t: Translator, most: int = 4) -> str:
        names = list(self.publishers)
        if not names:
            return t._("Source: no records match these filters")
        if len(names) > most:
            more = len(names) - most
            tail = t.n_(
                "{n} more (list on the Sources page)", "{n} more (list on the Sources page)", more
            ).format(n=t.num(more))
            names = [*names[:most], tail]
        return t._("Sources: {publishers}").format(publishers=t.both(names))

    def credit_line(self, t: Translator) -> str:
        parts = [
            APP_NAME,
            t._("data v{version}").format(version=self.version),
            t._("as of {date}").format(date=t.date(self.as_of)),
        ]
        if self.permalink:
            parts.append(self.permalink)
        return " · ".join(parts)


def label_inset(labels: list[str], layout: Layout, size: float = 14) -> int:
    """Px that category axis labels take beside the plot (the stamp starts after them)."""
    longest = max((len(x) for x in labels), default=0)
    return int(longest * layout.px(size) * CHAR_PX) + 12


def legend_rows(names: list[str], layout: Layout, size: float = 13) -> int:
    """Rows a horizontal legend of `names` takes across the figure (greedy, as plotly packs
    it): each item is its symbol (about 40 px) and its text."""
    room = layout.width - layout.px(64 if not layout.narrow else 40) - 24
    rows, used = 1, 0.0
    for name in names:
        item = 40 + len(name) * layout.px(size) * CHAR_PX
        if used and used + item > room:
            rows, used = rows + 1, 0.0
        used += item
    return rows


# Right-to-left embedding for lines of figure text. Plotly lays text out left to right (its
# measuring SVG must stay ltr, see web.rewrite_html), so in an Arabic figure a line mixing
# Arabic with digits or Latin (a date, a publisher) would be ordered left to right: "10" after
# the Arabic month, "Sources:" reversed. As on the page (each paragraph takes the direction of
# its first letter), a line whose first letter is Arabic is embedded right to left; a line of
# an English summary stays left to right, its full stop at its end. The marks are invisible.
RLE, PDF = "\u202b", "\u202c"
_MARKUP = re.compile(r"<[^>]*>|&#?\w+;")


def first_strong_rtl(text: str) -> bool:
    """Whether the first letter with a direction (markup ignored) is right to left."""
    for ch in _MARKUP.sub("", text):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def rtl_lines(html: str, rtl: bool, every: bool = False) -> str:
    """In an rtl layout, embed right to left each <br>-separated line that starts in Arabic
    (`every`: each line, for our own translated sentences that may start with a name, such as
    the credit line "Pegasus Atlas · …")."""
    if not rtl:
        return html
    return "<br>".join(
        f"{RLE}{line}{PDF}" if every or first_strong_rtl(line) else line
        for line in html.split("<br>")
    )


def wrap(text: str, width: int, rtl: bool = False) -> str:
    """Escape text and break it into <br>-separated lines for plotly (stamps: in an rtl layout
    every line runs right to left)."""
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    return rtl_lines("<br>".join(escape_html(line) for line in lines), rtl, every=True)


def apply_stamp(
    fig: go.Figure,
    stamp: Stamp,
    height: int,
    layout: Layout | None = None,
    *,
    legend_top: bool = True,
    legend_rows: int = 1,
    axes: bool = True,
    inset: int = 0,
) -> go.Figure:
    """Put title, subtitle, source and credit lines inside the figure; returns the figure.

    Every size is scaled by the layout so that the smallest text stays legible where the image
    is shown; text lines wrap at the layout's width; `legend_rows` reserves room for a legend
    that wraps (long labels in narrow figures)."""
    lay = layout or Layout()
    t = lay.t
    x, anchor = lay.side
    sub_px, foot_px, title_px = lay.px(14), lay.px(12.5), lay.px(21 if not lay.narrow else 18)
    title = wrap(stamp.title, lay.chars(title_px, inset), lay.rtl)
    subtitle = wrap(stamp.subtitle, lay.chars(sub_px, inset), lay.rtl)
    footer = wrap(stamp.source_line(t), lay.chars(foot_px, inset), lay.rtl) + "<br>"
    footer += wrap(stamp.credit_line(t), lay.chars(foot_px, inset), lay.rtl)
    title_lines = title.count("<br>") + 1
    sub_lines, foot_lines = subtitle.count("<br>") + 1, footer.count("<br>") + 1
    head = 18 + int(title_px * 1.3) * title_lines + int(sub_px * 1.35) * sub_lines + 8
    top = head + (lay.px(8) + int(lay.px(13) * 1.9) * legend_rows if legend_top else 0)
    # room for the x axis' tick labels (none on a card or an empty state), then the footer
    bottom = (lay.px(56) if axes else lay.px(16)) + int(foot_px * 1.4) * foot_lines
    side_margin = lay.px(64 if not lay.narrow else 40)
    fig.update_layout(
        template=TEMPLATE,
        height=height,
        font={"size": lay.px(14)},
        title={
            "text": title,
            "x": x,
            "xanchor": anchor,
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            # plotly places a title of several lines too high by about 0.7 of a line
            # (measured with kaleido: its first line was cut at the top); the pad makes up
            "pad": {"t": 14 + (round(0.7 * title_px) if title_lines > 1 else 0)},
            "font": {"size": title_px},
            "subtitle": {"text": subtitle, "font": {"size": sub_px, "color": MUTED_COLOUR}},
        },
        margin={
            "t": top,
            "b": bottom,
            "l": 24 if lay.rtl else side_margin,
            "r": side_margin if lay.rtl else 24,
        },
        meta={
            "stamp_title": stamp.title,
            "stamp_credit": stamp.credit_line(t),
            "stamp_sources": stamp.source_line(t),
            "alt": stamp.alt,
            "lang": lay.lang,
            "dir": "rtl" if lay.rtl else "ltr",
        },
        hoverlabel={"font": {"size": lay.px(13)}},
    )
    if legend_top:  # between subtitle and plot, whatever the export size
        fig.update_layout(
            legend={
                "yref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "xref": "paper",
                "x": x,
                "xanchor": anchor,
                "orientation": "h",
                "font": {"size": lay.px(13)},
            }
        )
    fig.add_annotation(
        text=footer,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=x,
        y=0,
        xanchor=anchor,
        yanchor="top",
        yshift=-(bottom - lay.px(10) - int(foot_px * 1.4) * foot_lines),
        align=anchor,
        font={"size": foot_px, "color": MUTED_COLOUR},
        name="stamp-footer",
    )
    return fig


def empty_figure(
    stamp: Stamp, height: int, message: str, layout: Layout | None = None
) -> go.Figure:
    """A stamped figure that says in one sentence why nothing is drawn and the nearest way out
    (never an empty axis or a blank map)."""
    lay = layout or Layout()
    fig = go.Figure()
    fig.add_annotation(
        text=wrap(message, lay.chars(lay.px(17))),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": lay.px(17), "color": MUTED_COLOUR},
        name="empty-message",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_stamp(fig, stamp, height, lay, legend_top=False, axes=False)
