"""Timeline: events in swimlanes by type, targeting activity per year, and the event list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.text import format_partial_date

ctx = ui.context()
v = ctx.view
st.title("Timeline")


ui.chart(ctx, "timeline", key="timeline_events")
ui.chart(ctx, "activity", key="timeline_activity")

st.subheader("Events")
if v.events.empty:
    ui.empty_state()
else:
    src = v.sources.set_index("source_id")["url"]
    ev = v.events.sort_values("date_start", ascending=False)
    st.dataframe(
        pd.DataFrame(
            {
                "Date": ev["date"].map(format_partial_date),
                "Type": ev["event_type"].astype(str).map(lambda t: ctx.label("event_type", t)),
                "Event": ev["title"],
                "Countries": ev["countries"].map(
                    lambda cs: ", ".join(ctx.label("country", c) for c in cs)
                ),
                "CVEs": ev["cves"].map(", ".join),
                "Source": ev["source_ids"].map(lambda ids: src.get(ids[0]) if ids else None),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn("Source", display_text="open")},
    )
