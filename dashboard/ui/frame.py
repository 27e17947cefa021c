"""The frame around every page: styles (reading direction, contrast), the sentence above the
page, notices, the privacy notice, empty states and the footer.

Belongs here: output that every page shares and that is not a chart or a download.
Does not belong here: computing (see the pure core), the sidebar (see `state`).
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard import measures, privacy
from dashboard.config import APP_NAME, LICENCE_CODE, LICENCE_DATA, MUTED_COLOUR
from dashboard.figures import catalog
from dashboard.text import escape_markdown
from dashboard.ui import releases
from dashboard.ui.state import NOTICES_KEY, Context

# Constant CSS, no data. Captions and muted text darkened to pass WCAG AA contrast on white and
# on the sidebar's grey; focus outlines kept visible.
BASE_CSS = f"""
@font-face {{ font-family: "Noto Sans Arabic"; font-weight: 400;
  src: url(/app/static/fonts/NotoSansArabic-Regular.ttf) format("truetype"); }}
@font-face {{ font-family: "Noto Sans Arabic"; font-weight: 700;
  src: url(/app/static/fonts/NotoSansArabic-Bold.ttf) format("truetype"); }}
[data-testid="stCaption"], [data-testid="stCaptionContainer"], .stCaption,
[data-testid="stCaptionContainer"] p, .stCaption p,
[data-testid="stWidgetLabel"] small, [data-testid="stTooltipHoverTarget"] {{
  color: {MUTED_COLOUR} !important; opacity: 1 !important; }}
[data-testid="stMarkdownContainer"] a {{ color: #5a1540; text-decoration: underline; }}
:focus-visible {{ outline: 3px solid #6a1b4d !important; outline-offset: 2px; }}
@media (max-width: 640px) {{ h1 {{ font-size: 2rem !important; }}
  h2 {{ font-size: 1.5rem !important; }} }}
.sr-only {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
"""
# Right-to-left: everything inside the main area and the sidebar runs right to left (text,
# tables, widgets); numbers, URLs and code keep their own direction inside (the browser's bidi
# algorithm). The sidebar itself stays at the left edge: Streamlit slides it out to the left
# when it collapses, and a mirrored container (<html dir=rtl>) left a strip of it over the
# page on phones, so the app's frame keeps ltr and its two areas run rtl (Plotly's text
# measuring svg is kept ltr by the page's head: see web.rewrite_html). No angle brackets in
# this CSS: st.html's sanitiser drops a style that seems to hold tags.
RTL_CSS = """
[data-testid="stAppViewContainer"], [data-testid="stSidebar"] { direction: ltr; }
[data-testid="stMain"], [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], h1, h2, h3, label,
[data-testid="stMetric"], [data-testid="stExpander"] summary { text-align: start; }
/* each paragraph takes the direction of its own first letter: the data's English summaries
   read left to right inside an Arabic page, with their full stop at the end */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"] p, h1, h2, h3 { unicode-bidi: plaintext; text-align: start; }
[data-testid="stCode"] pre, code { direction: ltr; text-align: left; }
body, [data-testid="stAppViewContainer"] { font-family: "Source Sans", "Noto Sans Arabic",
  sans-serif; }
[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"] { direction: ltr; }
"""


def style(rtl: bool) -> None:
    st.html(f"<style>{BASE_CSS}{RTL_CSS if rtl else ''}</style>")


def title(ctx: Context, text: str, sentence: bool = True) -> None:
    """A page's title (data text made inert), then the sentence that says what the view holds
    (not on a single record's page), then the notices."""
    st.title(escape_markdown(text))
    header(ctx, sentence)


def header(ctx: Context, sentence: bool = True) -> None:
    """The sentence under every page title, the link notices and the privacy notices."""
    if sentence:
        st.caption(
            escape_markdown(measures.sentence(ctx.view, ctx.labels, ctx.t, ctx.private)),
            width="stretch",
        )
    for text in st.session_state.pop(NOTICES_KEY, []):
        st.info(text, icon=":material/info:")
    releases.version_notice(ctx)
    if ctx.private:
        st.info(
            ctx.t._("Privacy mode: individuals are shown by role and country, never by name."),
            icon=":material/visibility_off:",
        )
        if privacy.few_individuals(ctx.view.targets):
            st.warning(
                ctx.t._(
                    "Fewer than {n} individuals match these filters: even role labels may "
                    "identify them. Widen the filters before sharing."
                ).format(n=privacy.MIN_INDIVIDUALS),
                icon=":material/warning:",
            )


def empty(ctx: Context, message: str) -> None:
    """One clear sentence where there is nothing to show, with the nearest way out."""
    st.info(message, icon=":material/filter_alt_off:")


def no_match(ctx: Context) -> str:
    return ctx.t._("No records match these filters.") + " " + catalog.widen(ctx.t)


def footer(ctx: Context) -> None:
    t = ctx.t
    st.caption(
        t._(
            "{app} · data v{version} (as of {date}) · data {data_licence}, code {code_licence} · "
            "no tracking, no third-party requests."
        ).format(
            app=APP_NAME,
            version=ctx.version,
            date=t.date(ctx.as_of),
            data_licence=LICENCE_DATA,
            code_licence=LICENCE_CODE,
        )
    )


def legend(ctx: Context, ref: str, tail: str = "") -> None:
    """A colour key of a vocabulary: colours are checked #rrggbb codes from the descriptor and
    labels are escaped, so nothing from a data file is live HTML."""
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-inline-end:1.1em">'
        f'<span aria-hidden="true" style="display:inline-block;width:0.9em;height:0.9em;'
        f'background:{colour};border-radius:2px;margin-inline-end:0.35em"></span>'
        f"{html.escape(ctx.labels.code(ref, code))}</span>"
        for code, colour in ctx.labels.colours(ref).items()
    )
    st.html(f'<div style="line-height:1.9">{items}{html.escape(tail)}</div>')
