"""Map: states by strongest deployment evidence, small-state markers, cross-border arcs; the
tables of the same numbers; a static stamped map for publication. Clicking a state (or choosing
it from the list, for keyboards) opens its country profile."""

from __future__ import annotations

import streamlit as st

from dashboard import tables
from dashboard.config import MAP_HEIGHT
from dashboard.figures.maps import LAYERS
from dashboard.pages import BY_ID
from dashboard.ui import frame, share, state

ctx = state.context()
t, labels = ctx.t, ctx.labels
frame.title(ctx, t._("Map of Pegasus deployments and targeting"))

states, arc_rows = ctx.atlas.map_data(ctx.state, ctx.private, ctx.lang)
names = {
    "states": t._("Countries"),
    "markers": t._("Small-state markers"),
    "arcs": t._("Cross-border arcs"),
}
layers = st.pills(
    t._("Layers"),
    LAYERS,
    default=list(LAYERS),
    selection_mode="multi",
    format_func=names.get,
    key="map_layers",
)
frame.legend(ctx, "evidence_level", "— " + t._("arcs: suspected operator → country of targets"))

if states.empty and arc_rows.empty:
    frame.empty(ctx, frame.no_match(ctx))
else:
    event = st.pydeck_chart(
        ctx.atlas.deck(ctx.state, ctx.private, ctx.lang, tuple(layers or ())),
        height=MAP_HEIGHT,
        on_select="rerun",
        selection_mode="single-object",
        key="deployment_map",
    )
    picked = [o for objs in (event.selection.get("objects") or {}).values() for o in objs]
    iso3 = (
        (picked[0].get("iso3") or (picked[0].get("properties") or {}).get("iso3"))
        if picked
        else None
    )
    if iso3:
        state.set_param("country", iso3)
        st.switch_page(BY_ID["country"].view)
    st.caption(
        t._(
            "Click a country or marker to open its profile. Map geometry: Natural Earth "
            "(public domain), drawn locally; no map tiles are loaded."
        )
    )

left, right = st.columns(2)
with left:
    st.subheader(t._("States by strongest evidence"))
    share.table(tables.states(states, labels, t))
with right:
    st.subheader(t._("Cross-border surveillance"))
    if arc_rows.empty:
        frame.empty(ctx, t._("No cross-border cases match these filters."))
    else:
        share.table(tables.arcs(arc_rows, labels, t))

st.subheader(t._("Static map for publication"))
st.caption(
    t._(
        "The same evidence levels as a stamped image (interactive maps cannot be "
        "exported): use “Download & share” under it for PNG, SVG or an embed snippet."
    )
)
share.chart(ctx, "map", key="map_static")
