"""Embed mode: exactly one stamped chart, full width, nothing else (`/?embed=<chart-id>`)."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.figures import catalog

EMBED_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.5rem 0.5rem 0 !important;
  max-width: 100% !important; }
</style>"""  # constant CSS, no data

ctx = ui.context()
chart_id = ui.embed_param() or ""
st.markdown(EMBED_CSS, unsafe_allow_html=True)
if chart_id in catalog.CHARTS:
    fig = catalog.build(chart_id, ctx.view, ctx.inputs)
    st.plotly_chart(
        fig,
        config={**ui.PLOTLY_CONFIG, "displayModeBar": False},
        width="stretch",
        theme=None,
        key="embed_chart",
    )
else:
    st.error(f"Unknown chart. Available: {', '.join(catalog.CHARTS)}.")
