"""Countries: without a country, an index of every state (evidence level, target and event
counts; sortable, searchable); with `?country=`, one state as operator, as location of
targets, and in events. Sections that do not apply to the country are left out."""

from __future__ import annotations

import streamlit as st

from dashboard import analysis, countries, tables
from dashboard.ui import frame, share, state

ctx = state.context()
t, labels, v = ctx.t, ctx.labels, ctx.view
index = countries.index(ctx.atlas.ds, v, labels)
iso3 = (ctx.param("country") or "").upper()

if iso3 not in set(index["iso3"]):
    frame.title(ctx, t._("Countries"))
    if iso3:
        st.info(t._("The link names a country with no records; choose one below."))
    st.markdown(
        t._(
            "Every state in the data: its strongest deployment evidence, and how many "
            "target records and events concern it under the current filters. Sort by "
            "any column; open a country's profile from the list."
        )
    )
    shown = tables.Table(
        countries.display(index, labels, t),
        colours={t._("Strongest deployment evidence"): labels.labelled_colours("evidence_level")},
    )
    picked = share.table(
        shown, key="country_index", on_select="rerun", selection_mode="single-row", height=560
    )
    rows = picked.selection.get("rows") if picked else []
    if rows:
        state.set_param("country", index.iloc[rows[0]]["iso3"])
        st.rerun()
    st.stop()

frame.title(ctx, labels.country(iso3))
if st.button(t._("All countries"), icon=":material/arrow_back:"):
    state.set_param("country", None)
    st.rerun()
row = index.set_index("iso3").loc[iso3]
c1, c2, c3, c4 = st.columns(4)
c1.metric(t._("Strongest deployment evidence"), row["level_short"], help=row["level_label"])
c2.metric(t._("Targets it is suspected of"), t.num(int(row["as_operator"])))
c3.metric(t._("Targets from or in it"), t.num(int(row["located"])))
c4.metric(t._("Events"), t.num(int(row["events"])))

dep = v.deployments[v.deployments["country"] == iso3]
if len(dep):
    st.subheader(t._("As operator: deployment evidence"))
    share.table(tables.deployments(dep, ctx.ds.sources, labels, t))
ops = v.target_operators[v.target_operators["operator"] == iso3]
for heading, rows in (
    (t._("Targets attributed to it"), v.targets[v.targets["target_id"].isin(ops["target_id"])]),
    (
        t._("Targets from or located in it"),
        v.targets[analysis.target_destinations(v.targets) == iso3],
    ),
):
    if len(rows):
        st.subheader(heading)
        share.table(
            tables.targets(
                rows,
                v.target_operators,
                ctx.ds.sources,
                labels,
                t,
                record=lambda i: ctx.record_url("target", i),
            )
        )
if row["events"] or not (len(dep) or row["as_operator"] or row["located"]):
    st.subheader(t._("Its timeline"))
    share.chart(ctx, "timeline", key="country_timeline", country=iso3)
