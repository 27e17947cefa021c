"""Embed mode: exactly one stamped chart (`/?embed=<chart-id>`) or case card
(`/?embed=case&id=<target>`, `/?embed=event&id=<event>`), full width, nothing else, laid out
for the width the embedding page asks for (`w`). An unknown id gets a clear message that lists
the valid ids."""

from __future__ import annotations

import streamlit as st

from dashboard import links, stories
from dashboard.figures import catalog
from dashboard.pages import BY_ID as PAGES_BY_ID
from dashboard.ui import share, state

EMBED_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.25rem 0.25rem 0 !important;
  max-width: 100% !important; }
</style>"""  # constant CSS, no data
RECORDS = {"case": "target", "event": "event"}

ctx = state.context()
t = ctx.t
what = ctx.param("embed") or ""
width = ctx.spec.width or share.SCREEN_WIDTH
st.html(EMBED_CSS)
if what in catalog.CHARTS:
    country = ctx.param("country")
    # the stamp links to the live atlas showing this chart, not to the embed itself
    view = ctx.spec.with_extra(**{k: None for k, _ in ctx.spec.extra})
    permalink = (
        ctx.url(PAGES_BY_ID["country"], country=country)
        if country
        else links.chart_url(ctx.origin, what, view, ctx.version)
    )
    fig = ctx.atlas.figure(what, ctx.state, ctx.private, ctx.lang, permalink, country, width)
    share.figure(ctx, fig, key="embed_chart", toolbar=False)
elif what in RECORDS and ctx.atlas.case(
    RECORDS[what], ctx.param("id") or "", ctx.private, ctx.lang
):
    rid = ctx.param("id") or ""
    url = ctx.record_url(RECORDS[what], rid)
    fig = ctx.atlas.case_figure(
        "card", RECORDS[what], rid, ctx.private, ctx.lang, url, width, round(width * 9 / 16)
    )
    share.figure(ctx, fig, key="embed_card", toolbar=False)
elif what == "story" and (
    found := stories.pick(
        ctx.atlas.stories(ctx.private, ctx.lang), ctx.param("story") or "", ctx.lang
    )
):
    raw = ctx.param("step") or "1"
    step = found.steps[min(max(int(raw) if raw.isdigit() else 1, 1), len(found.steps)) - 1]
    url = ctx.url(PAGES_BY_ID["stories"], story=found.id, step=str(step.n))
    if step.chart in stories.RECORD_VIEWS:
        kind = "target" if stories.RECORD_VIEWS[step.chart] == "targets" else "event"
        fig = ctx.atlas.case_figure(
            "card", kind, step.record, ctx.private, found.lang, url, width, round(width * 9 / 16)
        )
    else:
        fig = ctx.atlas.figure(step.chart, step.state, ctx.private, found.lang, url, None, width)
    share.figure(ctx, fig, key="embed_story", toolbar=False)
else:
    valid = [*catalog.CHARTS, *RECORDS, "story"]
    st.error(
        t._("Unknown chart “{id}”. Valid chart ids: {ids}.").format(
            id=what[:40], ids=", ".join(valid)
        )
    )
