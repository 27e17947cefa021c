"""Timeline: events in swimlanes by type, targeting activity per year, and the event list."""

from __future__ import annotations

import streamlit as st

from dashboard import tables
from dashboard.ui import frame, share, state

ctx = state.context()
t = ctx.t
frame.title(ctx, t._("Timeline"))

share.chart(ctx, "timeline", key="timeline_events")
share.chart(ctx, "activity", key="timeline_activity")

st.subheader(t._("Events"))
if ctx.view.events.empty:
    frame.empty(ctx, frame.no_match(ctx))
else:
    share.table(
        tables.events(
            ctx.view.events,
            ctx.ds.sources,
            ctx.labels,
            t,
            record=lambda i: ctx.record_url("event", i),
        )
    )
