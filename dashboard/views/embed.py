"""Embed mode: exactly one stamped chart, full width, nothing else (`/?embed=<chart-id>`), laid
out for the width the embedding page asks for (`w`). An unknown id gets a clear message that
lists the valid ids."""

from __future__ import annotations

import streamlit as st

from dashboard.figures import catalog
from dashboard.ui import share, state

EMBED_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.25rem 0.25rem 0 !important;
  max-width: 100% !important; }
</style>"""  # constant CSS, no data

ctx = state.context()
t = ctx.t
chart_id = ctx.param("embed") or ""
st.html(EMBED_CSS)
if chart_id in catalog.CHARTS:
    country = ctx.param("country")
    permalink = ctx.url(country=country, chart=chart_id)
    width = ctx.spec.width or share.SCREEN_WIDTH
    fig = ctx.atlas.figure(chart_id, ctx.state, ctx.private, ctx.lang, permalink, country, width)
    st.plotly_chart(
        fig,
        config={**share.PLOTLY_CONFIG, "displayModeBar": False},
        width="stretch",
        theme=None,
        key="embed_chart",
        alt=fig.layout.meta["alt"] or None,
    )
else:
    st.error(
        t._("Unknown chart “{id}”. Valid chart ids: {ids}.").format(
            id=chart_id[:40], ids=", ".join(catalog.CHARTS)
        )
    )
