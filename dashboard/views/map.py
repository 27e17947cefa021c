"""Map: states by strongest deployment evidence, small-state markers, cross-border arcs.

Clicking a state or marker opens its country profile.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.config import DEPLOYMENT_LEVEL_COLOURS, DEPLOYMENT_LEVEL_LABELS, MAP_HEIGHT
from dashboard.figures.maps import LAYERS

ctx = ui.context()
v = ctx.view
st.title("Map of Pegasus deployments and targeting")

states, arc_rows = ui.map_data(ctx.state, ctx.private)

names = {"states": "Countries", "markers": "Small-state markers", "arcs": "Cross-border arcs"}
layers = st.pills(
    "Layers",
    LAYERS,
    default=list(LAYERS),
    selection_mode="multi",
    format_func=names.get,
    key="map_layers",
)
legend = " ".join(
    f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{c};'
    f'border-radius:2px;margin:0 0.3em 0 0.9em;vertical-align:middle"></span>'
    f"{DEPLOYMENT_LEVEL_LABELS[k]}"
    for k, c in DEPLOYMENT_LEVEL_COLOURS.items()
)
st.markdown(
    legend + ' <span style="margin-left:0.9em">— arcs: suspected operator → country of '
    "targets</span>",
    unsafe_allow_html=True,
)  # constants only, no data text

if states.empty and arc_rows.empty:
    ui.empty_state()
else:
    deck = ui.deck(ctx.state, ctx.private, tuple(layers or ()))
    event = st.pydeck_chart(
        deck,
        height=MAP_HEIGHT,
        on_select="rerun",
        selection_mode="single-object",
        key="deployment_map",
    )
    picked = [o for objs in (event.selection.get("objects") or {}).values() for o in objs]
    if picked:
        obj = picked[0]
        iso3 = obj.get("iso3") or (obj.get("properties") or {}).get("iso3")
        if iso3:
            st.query_params["country"] = iso3
            st.switch_page("views/country.py")
    st.caption(
        "Click a country or marker to open its profile. Map geometry: Natural Earth "
        "(public domain), drawn locally; no map tiles are loaded."
    )

left, right = st.columns(2)
with left:
    st.subheader("States by strongest evidence")
    table = (
        states[states["level"].notna()]
        .assign(level=lambda d: d["level_label"])
        .rename(
            columns={
                "name": "State",
                "level": "Strongest evidence",
                "n_records": "Deployment records",
                "n_targets": "Target records located there",
            }
        )
    )
    colours = {DEPLOYMENT_LEVEL_LABELS[k]: c for k, c in DEPLOYMENT_LEVEL_COLOURS.items()}
    st.dataframe(
        ui.coloured(
            table[
                [
                    "State",
                    "Strongest evidence",
                    "Deployment records",
                    "Target records located there",
                ]
            ],
            "Strongest evidence",
            colours,
        ),
        hide_index=True,
        width="stretch",
    )
with right:
    st.subheader("Cross-border surveillance")
    if arc_rows.empty:
        ui.empty_state("No cross-border cases match these filters.")
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "Suspected operator": arc_rows["operator"].map(
                        lambda c: ctx.label("country", c)
                    ),
                    "Targets in": arc_rows["destination"].map(lambda c: ctx.label("country", c)),
                    "Target records": arc_rows["n_targets"],
                    "People": arc_rows["n_people"],
                }
            ),
            hide_index=True,
            width="stretch",
        )

st.subheader("Static map for publication")
st.caption(
    "The same evidence levels as a stamped image (interactive maps cannot be exported): "
    "use “Download & share” under it for PNG, SVG or an embed snippet."
)
ui.chart(ctx, "map", key="map_static")
