"""Targets: a searchable, sortable table, breakdown charts and the record a reader opened (its
id is in the URL, so a link reopens it)."""

from __future__ import annotations

import streamlit as st

from dashboard import tables
from dashboard.ui import frame, records, share, state

ctx = state.context()
t, labels, v = ctx.t, ctx.labels, ctx.view
frame.title(ctx, t._("Targets"))
st.caption(
    t._(
        "People and groups whose phones were attacked, listed or notified, named only as "
        "public reports name them. Locations are country level."
    )
)

if v.targets.empty:
    frame.empty(ctx, frame.no_match(ctx))
    st.stop()

table = tables.targets(
    v.targets,
    v.target_operators,
    ctx.ds.sources,
    labels,
    t,
    record=lambda i: ctx.record_url("target", i),
)
st.markdown(
    t._(
        "Select a row to see the record and every source it rests on. Click a column "
        "heading to sort."
    )
)
picked = share.table(
    table, height=420, key="targets_table", on_select="rerun", selection_mode="single-row"
)
rows = picked.selection.get("rows") if picked else []
ids = list(v.targets["target_id"])
if rows:
    state.set_param("record", ids[rows[0]])
record = ctx.param("record") if not rows else ids[rows[0]]
if record in ids:
    with st.container(border=True):
        records.show_target(ctx, record)

st.subheader(t._("Breakdowns"))
charts = {
    "targets-by-type": t._("By target type"),
    "targets-by-operator": t._("By suspected operator"),
    "targets-by-status": t._("By status"),
    "funnel": t._("Evidence funnel"),
}
current = ctx.param("chart") if ctx.param("chart") in charts else "targets-by-type"
tabs = st.tabs(
    list(charts.values()), default=charts[current], key="targets_tabs", on_change="rerun"
)
for (chart_id, _label), tab in zip(charts.items(), tabs, strict=True):
    if tab.open:
        state.set_param("chart", chart_id if chart_id != "targets-by-type" else None)
        with tab:
            share.chart(ctx, chart_id, key=f"targets_{chart_id}")
