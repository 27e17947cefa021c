"""Country profile: one state as operator, as location of targets, in events, on its timeline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import analysis, ui
from dashboard.config import DEPLOYMENT_LEVEL_LABELS, DEPLOYMENT_LEVEL_SHORT
from dashboard.text import format_partial_date, format_span

ctx = ui.context()
v, ds = ctx.view, ctx.ds
name = ds.country_names

involved = (
    set(ds.deployments["country"])
    | set(ds.target_operators["operator"])
    | set(ds.targets["target_country"].dropna())
    | set(ds.targets["location_country"].dropna())
)
options = sorted(involved, key=lambda c: name.get(c, c))
wanted = str(st.query_params.get("country", "")).upper()
if wanted and wanted not in options:
    st.info(
        "The link names a country with no records; showing the first one instead.",
        icon=":material/info:",
    )
index = options.index(wanted) if wanted in options else 0
iso3 = st.selectbox(
    "Country",
    options,
    index=index,
    format_func=lambda c: name.get(c, c),
    key=f"country_pick_{wanted}",
)
if st.query_params.get("country") != iso3:
    st.query_params["country"] = iso3
st.title(name.get(iso3, iso3))

dep = v.deployments[v.deployments["country"] == iso3]
ops = v.target_operators[v.target_operators["operator"] == iso3]
as_operator = v.targets[v.targets["target_id"].isin(ops["target_id"])]
located = v.targets[analysis.target_destinations(v.targets) == iso3]
events = v.events[v.events["countries"].map(lambda cs: iso3 in cs)]
urls = ds.sources.set_index("source_id")["url"]

c1, c2, c3, c4 = st.columns(4)
levels = analysis.country_levels(dep)
level = str(levels["level"].iloc[0]) if len(levels) else None
c1.metric(
    "Strongest deployment evidence",
    DEPLOYMENT_LEVEL_SHORT[level] if level else "None",
    help=DEPLOYMENT_LEVEL_LABELS[level] if level else None,
)
c2.metric("Targets it is suspected of", len(as_operator))
c3.metric("Targets from or in it", len(located))
c4.metric("Events", len(events))

st.subheader("As operator: deployment evidence")
if dep.empty:
    ui.empty_state("No deployment evidence for this country under these filters.")
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Evidence": dep["evidence_type"]
                .astype(str)
                .map(lambda x: ctx.label("evidence_type", x)),
                "What it shows": dep["country_role"]
                .astype(str)
                .map(lambda x: ctx.label("country_role", x)),
                "Confidence": dep["confidence"]
                .astype(str)
                .map(lambda x: ctx.label("confidence", x)),
                "Agency": dep["agency"].fillna(""),
                "Codenames": dep["operator_codenames"].map(", ".join),
                "Period": [
                    format_span(a, b)
                    for a, b in zip(dep["period_start"], dep["period_end"], strict=True)
                ],
                "Reported": dep["reported_on"].map(format_partial_date),
                "Summary": dep["summary"],
                "Source": dep["source_ids"].map(lambda ids: urls.get(ids[0])),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Source": st.column_config.LinkColumn("Source", display_text="open"),
            "Summary": st.column_config.TextColumn(width="large"),
        },
    )


def target_table(frame: pd.DataFrame, empty: str) -> None:
    if frame.empty:
        ui.empty_state(empty)
        return
    st.dataframe(
        ui.coloured(
            pd.DataFrame(
                {
                    "Name or group": frame["label"],
                    "Type": frame["target_type"]
                    .astype(str)
                    .map(lambda x: ctx.label("target_type", x)),
                    "Status": frame["status"].astype(str).map(lambda x: ctx.label("status", x)),
                    "Country": frame["target_country"]
                    .fillna(frame["location_country"])
                    .map(lambda c: name.get(c, "") if isinstance(c, str) else ""),
                    "Reported": frame["reported_on"].map(format_partial_date),
                    "Source": frame["source_ids"].map(lambda ids: urls.get(ids[0])),
                }
            ),
            "Status",
            ui.status_colours(ctx),
        ),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn("Source", display_text="open")},
    )


left, right = st.columns(2)
with left:
    st.subheader("Targets attributed to it")
    target_table(as_operator, "No targets attributed to this country under these filters.")
with right:
    st.subheader("Targets from or located in it")
    target_table(located, "No targets from or in this country under these filters.")

st.subheader("Its timeline")


ui.chart(
    ctx,
    "timeline",
    key="country_timeline",
    title=f"Pegasus events involving {name.get(iso3, iso3)}",
    country=iso3,
)
