"""Case file of one target (`/case?id=<target_id>`): who, status and what it means, suspected
operators with their confidence and sources, the evidence trail as a dated list and a stamped
step chart, the group and its other members, linked events, every source; a card to publish.
An unknown id gets a clear message and a search box."""

from __future__ import annotations

import streamlit as st

from dashboard.filters import FilterState
from dashboard.text import escape_markdown
from dashboard.ui import frame, publish, records, share, state

ctx = state.context()
t, labels = ctx.t, ctx.labels
rid = ctx.param("id") or ""
case = ctx.atlas.case("target", rid, ctx.private, ctx.lang)
if case is None and ctx.private and rid in ctx.atlas.opaque.get("targets", {}):
    state.set_param("id", ctx.atlas.opaque["targets"][rid])  # never a name-derived id in the URL
    st.rerun()
if case is None:
    frame.title(ctx, t._("Case file"), sentence=False)
    st.warning(
        t._("No target has the id “{id}”. Search for a person or group:").format(id=rid[:60])
    )
    query = st.text_input(t._("Search targets"), key="case_search")
    if query:
        hits = ctx.atlas.view(FilterState.of(query=query), ctx.private, ctx.lang).targets
        found = [("", r.label, r.target_id) for r in hits.head(30).itertuples()]
        records.link_list(ctx, "target", found) if found else st.info(t._("No target matches."))
    st.stop()

rec = case.record
frame.title(ctx, case.heading, sentence=False)
st.caption(
    " · ".join(
        filter(
            None,
            [
                labels.code("targets.target_type", str(rec["target_type"])),
                labels.country(rec["target_country"])
                if isinstance(rec["target_country"], str)
                else "",
                t._("record {id}").format(id=case.id),
            ],
        )
    )
)
status = str(rec["status"])
st.markdown(
    f"**{escape_markdown(labels.code('targets.status', status))}** — "
    f"{escape_markdown(labels.definition('targets.status', status))}"
)
st.markdown(escape_markdown(rec["summary"]))
records.operators(ctx, case.operators, with_sources=True)

st.subheader(t._("Evidence trail"))
if case.steps.empty:
    frame.empty(ctx, t._("No dated steps are recorded for this case yet."))
else:
    trail = ctx.atlas.case_figure(
        "trail",
        "target",
        case.id,
        ctx.private,
        ctx.lang,
        ctx.record_url("target", case.id),
        share.layout_width(),
        320,
    )
    share.figure(ctx, trail, key="case_trail")
    records.steps(ctx, case.steps)

if case.group is not None or len(case.members):
    st.subheader(t._("Group"))
    if case.group is not None:
        st.markdown(t._("Counted in:"))
        records.link_list(ctx, "target", [("", case.group["label"], case.group["target_id"])])
    if len(case.members):
        st.markdown(t._("Named members in the data:"))
        members = [("", m.label, m.target_id) for m in case.members.itertuples()]
        records.link_list(ctx, "target", members)
if len(case.events):
    st.subheader(t._("Linked events"))
    events = [(f"{t.date(e.date)}: ", e.title, e.event_id) for e in case.events.itertuples()]
    records.link_list(ctx, "event", events)
st.subheader(t._("Sources"))
records.sources(ctx, case.source_ids)
url = ctx.record_url("target", case.id)
w, h = share.card_size()
card = ctx.atlas.case_figure("card", "target", case.id, ctx.private, ctx.lang, url, w, h)
share.figure(ctx, card, key="case_card")
publish.record_kit(ctx, "target", case)
