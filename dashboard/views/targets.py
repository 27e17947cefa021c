"""Targets: a searchable, sortable table, breakdown charts and a detail panel with every source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.text import escape_markdown, format_partial_date, format_span, safe_url

ctx = ui.context()
v = ctx.view
st.title("Targets")
st.caption(
    "People and groups whose phones were attacked, listed or notified, named only as "
    "public reports name them. Locations are country level."
)

ops = v.target_operators.groupby("target_id")["operator"].agg(tuple)
t = v.targets
if t.empty:
    ui.empty_state()
    st.stop()

urls = ctx.ds.sources.set_index("source_id")["url"]
table = pd.DataFrame(
    {
        "Name or group": t["label"],
        "Type": t["target_type"].astype(str).map(lambda x: ctx.label("target_type", x)),
        "Country": t["target_country"]
        .fillna(t["location_country"])
        .map(lambda c: ctx.label("country", c) if isinstance(c, str) else ""),
        "Suspected operator(s)": t["target_id"].map(
            lambda i: ", ".join(ctx.label("country", c) for c in ops.get(i, ())) or "unattributed"
        ),
        "Status": t["status"].astype(str).map(lambda s: ctx.label("status", s)),
        "People": t["group_size"].astype("Float64").fillna(1).astype(int),
        "Activity": [
            format_span(a, b) for a, b in zip(t["first_activity"], t["last_activity"], strict=True)
        ],
        "Vector / exploit": [
            ", ".join(
                x for x in (ctx.label("vector", str(a)), b if isinstance(b, str) else "") if x
            )
            for a, b in zip(t["vector"], t["exploit"], strict=True)
        ],
        "Reported": t["reported_on"].map(format_partial_date),
        "Source": t["source_ids"].map(lambda ids: urls.get(ids[0])),
        "Sources": t["source_ids"].map(len),
    }
)
st.markdown(
    "Select a row to see the record and every source it rests on. Use the table's "
    "search (magnifier icon) or the sidebar search; click a column to sort."
)
picked = st.dataframe(
    ui.coloured(table, "Status", ui.status_colours(ctx)),
    hide_index=True,
    width="stretch",
    height=420,
    on_select="rerun",
    selection_mode="single-row",
    key="targets_table",
    column_config={
        "Source": st.column_config.LinkColumn("First source", display_text="open"),
        "People": st.column_config.NumberColumn(help="1 for a person; group size for a group"),
    },
)

rows = picked.selection.get("rows") if picked else []
if rows:
    rec = t.iloc[rows[0]]
    with st.container(border=True):
        st.subheader(escape_markdown(rec["label"]))
        st.markdown(escape_markdown(rec["summary"]))
        attributions = v.target_operators[v.target_operators["target_id"] == rec["target_id"]]
        for a in attributions.itertuples():
            st.markdown(
                f"Suspected operator: **{escape_markdown(ctx.label('country', a.operator))}** "
                f"({escape_markdown(ctx.label('attribution', str(a.attribution_confidence)))} "
                "confidence)"
            )
        st.markdown("**Sources**")
        src = ctx.ds.sources.set_index("source_id")
        for sid in rec["source_ids"]:
            s = src.loc[sid]
            url = safe_url(s["url"])
            title = escape_markdown(s["title"])
            line = f"[{title}]({url})" if url else title
            st.markdown(
                f"- {line} — {escape_markdown(s['publisher'])}, "
                f"{format_partial_date(s['published'])} ({s['source_kind']})"
            )

st.subheader("Breakdowns")
c1, c2, c3 = st.tabs(["By target type", "By suspected operator", "By status"])
with c1:
    ui.chart(ctx, "targets-by-type", key="targets_by_type")
with c2:
    ui.chart(ctx, "targets-by-operator", key="targets_by_operator")
with c3:
    ui.chart(ctx, "targets-by-status", key="targets_by_status")
