"""Publishing one record: its stamped case card as PNG (article and social sizes) and SVG, the
embed snippet, and "cite this record".

Belongs here: `record_kit()`, shared by the case and event pages. Does not belong here: the
card itself (see `cases.card`), computing the record.
"""

from __future__ import annotations

import streamlit as st

from dashboard import cases, export
from dashboard.pages import PAGES
from dashboard.text import escape_html
from dashboard.ui.state import Context


def record_kit(ctx: Context, kind: str, case: cases.Case) -> None:
    t, a = ctx.t, ctx.atlas
    url = ctx.record_url(kind, case.id)
    st.subheader(t._("Publish this case"))
    cols = st.columns(3)
    for col, (fmt, preset) in zip(
        cols, [("png", "landscape"), ("png", "square"), ("svg", "landscape")], strict=True
    ):
        p = export.PRESETS[preset]
        label = t._(p.label).format(w=p.width, h=p.height) if fmt == "png" else t._("SVG")

        def render(fm=fmt, pr=p):
            fig = a.case_figure(
                "card", kind, case.id, ctx.private, ctx.lang, url, pr.layout, pr.layout_height
            )
            return export.render(fig, fm, pr.layout, pr.layout_height, pr.scale)

        col.download_button(
            label,
            data=render,
            icon=":material/download:",
            on_click="ignore",
            file_name=export.image_name(f"case-{case.id}", ctx.version, ctx.as_of, fmt, preset),
            mime="image/png" if fmt == "png" else "image/svg+xml",
            key=f"card_{fmt}_{preset}",
        )
    st.caption(t._("Link to this case"))
    st.code(url, language=None, wrap_lines=True)
    embed = ctx.url(PAGES[0], embed="case" if kind == "target" else "event", id=case.id, w="700")
    st.caption(t._("Embed this case card"))
    st.code(
        f'<iframe src="{escape_html(embed)}" title="{escape_html(case.heading)}" width="100%" '
        'height="560" style="border:0;width:100%" loading="lazy" referrerpolicy="no-referrer">'
        "</iframe>",
        language="html",
        wrap_lines=True,
    )
    cite = cases.cite(case, url, ctx.version, ctx.as_of, t)
    st.caption(t._("Cite this record"))
    st.code(cite["author_date"], language=None, wrap_lines=True)
    st.code(cite["bibtex"], language="bibtex")
