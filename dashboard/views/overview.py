"""Overview: headline numbers with their definitions, one chart at a time (its choice is in the
URL), latest data changes, and what the evidence levels mean."""

from __future__ import annotations

import streamlit as st

from dashboard import measures
from dashboard.config import APP_NAME
from dashboard.dataset import changelog
from dashboard.text import escape_markdown
from dashboard.ui import frame, share, state

ctx = state.context()
t, labels = ctx.t, ctx.labels
frame.title(ctx, APP_NAME)
st.markdown(
    t._("Sourced records of NSO Group's Pegasus spyware: who used it, against whom, and when.")
)

counts = measures.view_counts(ctx.view, ctx.ds.schema)
cols = st.columns(4)
for col, (mid, note) in zip(
    cols,
    [
        ("records", "people"),
        ("operator_states", "states_with_deployments"),
        ("events", None),
        ("sources", "primary_sources"),
    ],
    strict=True,
):
    m = measures.MEASURES[mid]
    col.metric(t._(m.label).capitalize(), t.num(counts[mid]), help=t._(m.definition))
    if note:
        n = measures.MEASURES[note]
        col.caption(f"{t.num(counts[note])} {t._(n.label)}", help=t._(n.definition))

CHARTS = {
    "map": t._("Map"),
    "activity": t._("Targeting per year"),
    "timeline": t._("Events timeline"),
    "funnel": t._("Evidence funnel"),
}
chosen = ctx.param("chart") if ctx.param("chart") in CHARTS else "map"
picked = st.segmented_control(
    t._("Chart"),
    list(CHARTS),
    default=chosen,
    format_func=CHARTS.get,
    key="overview_chart",
    required=True,
)
state.set_param("chart", picked if picked != "map" else None)
share.chart(ctx, picked, key=f"overview_{picked}")

st.subheader(t._("How strong is the evidence?"))
for ref in ("evidence_level", "targets.status"):
    vocab = labels.schema.vocabulary(ref)
    st.markdown(
        f"**{escape_markdown(vocab.title_in(ctx.lang))}**\n\n"
        + "\n".join(
            f"- **{escape_markdown(c.label_in(ctx.lang))}**: "
            f"{escape_markdown(c.definition_in(ctx.lang))}"
            for c in vocab.categories
        )
    )

entries = changelog(ctx.ds.data_dir)
if entries:
    version, when, body = entries[0]
    title = t._("Latest data changes: v{version} ({date})").format(
        version=version, date=t.date(when)
    )
    with st.expander(title):
        st.markdown(ctx.atlas.text(body, ctx.private))
