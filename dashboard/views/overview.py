"""Overview: KPIs, a small map and a small timeline, latest data changes, evidence levels."""

from __future__ import annotations

import streamlit as st

from dashboard import analysis, ui
from dashboard.config import APP_NAME, APP_TAGLINE, DEPLOYMENT_LEVEL_LABELS, SMALL_CHART_HEIGHT
from dashboard.dataset import changelog

ctx = ui.context()
v = ctx.view
st.title(APP_NAME)
st.markdown(APP_TAGLINE + ".")

levels = analysis.country_levels(v.deployments)
by_level = levels["level"].astype(str).value_counts()
operators = int(sum(by_level.get(k, 0) for k in ("confirmed", "likely", "possible")))
people = int((~v.targets["is_group"]).sum())
groups = v.targets[v.targets["is_group"]]
status = analysis.counts(v.targets, "status")

c1, c2, c3, c4 = st.columns(4)
c1.metric(
    "Operator states",
    operators,
    help=" · ".join(
        f"{DEPLOYMENT_LEVEL_LABELS[k]}: {by_level.get(k, 0)}" for k in DEPLOYMENT_LEVEL_LABELS
    ),
)
c1.caption(
    f"confirmed {by_level.get('confirmed', 0)} · likely {by_level.get('likely', 0)} · "
    f"possible {by_level.get('possible', 0)} · plus {by_level.get('location', 0)} "
    "with suspected infections only"
)
c2.metric("Documented targets", f"{len(v.targets):,}")
c2.caption(
    f"{people:,} named people · {len(groups):,} groups · "
    "{:,} people attacked or notified · {:,} leaked-list numbers · ".format(
        *analysis.people_split(v.targets)
    )
    + " · ".join(f"{ctx.label('status', k).split(' (')[0].lower()} {n}" for k, n in status.items())
)
c3.metric("Events", f"{len(v.events):,}")
c3.caption("investigations, exploits, lawsuits, rulings, sanctions")
c4.metric("Sources cited", f"{len(v.sources):,}")
c4.caption(f"{int((v.sources['source_kind'] == 'primary').sum()):,} primary")

tab_map, tab_activity, tab_events = st.tabs(["Map", "Targeting per year", "Events timeline"])
with tab_map:
    ui.chart(ctx, "map", key="overview_map", height=SMALL_CHART_HEIGHT + 120)
with tab_activity:
    ui.chart(ctx, "activity", key="overview_activity", height=SMALL_CHART_HEIGHT + 120)
with tab_events:
    ui.chart(ctx, "timeline", key="overview_timeline", height=SMALL_CHART_HEIGHT + 60)

st.subheader("How strong is the evidence?")
st.markdown(
    "Every record cites public sources. **Deployments** say what connects a state to Pegasus: "
    "an official admission, a court or procurement record or a parliamentary finding is "
    "*confirmed*; leaked-list clustering, circumstantial forensics or investigative reporting is "
    "*likely*; ambiguous or retracted claims are *possible*. A 2018 internet scan (Citizen Lab, "
    "Hide and Seek) only shows where suspected infections were **located**, not who operated "
    "them. **Targets** are *infected* when forensic analysis found Pegasus, *attempted* when an "
    "attack was documented without confirmed infection, *notified* when a platform warned them, "
    "and *listed only* when their number appears in the Pegasus Project leak, which alone does "
    "not prove an attack. Definitions are on the Sources & methodology page."
)

entries = changelog(ctx.ds.data_dir)
if entries:
    version, when, body = entries[0]
    with st.expander(f"Latest data changes: v{version} ({when})"):
        st.markdown(body)
