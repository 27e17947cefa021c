"""One event (`/event?id=<event_id>`): what happened, who, the countries, CVEs, the targets and
deployments it concerns, every source; a card to publish. Unknown ids get a clear message."""

from __future__ import annotations

import streamlit as st

from dashboard import tables
from dashboard.text import escape_markdown
from dashboard.ui import frame, publish, records, share, state

ctx = state.context()
t, labels = ctx.t, ctx.labels
rid = ctx.param("id") or ""
case = ctx.atlas.case("event", rid, ctx.private, ctx.lang)
if case is None and ctx.private and rid in ctx.atlas.opaque.get("events", {}):
    state.set_param("id", ctx.atlas.opaque["events"][rid])  # never a name-derived id in the URL
    st.rerun()
if case is None:
    frame.title(ctx, t._("Event"), sentence=False)
    st.warning(
        t._("No event has the id “{id}”. The timeline lists every event.").format(id=rid[:60])
    )
    st.page_link("views/timeline.py", label=t._("Timeline"), icon=":material/timeline:")
    st.stop()

rec = case.record
frame.title(ctx, case.heading, sentence=False)
st.caption(
    " · ".join(
        [
            t.date(rec["date"]),
            labels.code("events.event_type", str(rec["event_type"])),
            t._("record {id}").format(id=case.id),
        ]
    )
)
st.markdown(escape_markdown(rec["summary"]))
facts = {
    labels.field("events", "countries"): t.commas([labels.country(c) for c in rec["countries"]]),
    labels.field("events", "actors"): t.commas(rec["actors"]),
    labels.field("events", "cves"): t.commas(rec["cves"]),
}
st.markdown(
    "\n".join(f"- **{escape_markdown(k)}**: {escape_markdown(v)}" for k, v in facts.items() if v)
)
if isinstance(rec["dispute"], str) and rec["dispute"]:
    st.markdown("**" + t._("Disputed") + ":** " + escape_markdown(rec["dispute"]))
if len(case.targets):
    st.subheader(t._("Targets whose case includes this event"))
    share.table(
        tables.targets(
            case.targets,
            ctx.ds.target_operators,
            ctx.ds.sources,
            labels,
            t,
            record=lambda i: ctx.record_url("target", i),
        )
    )
if len(case.deployments):
    st.subheader(t._("Deployment evidence for the countries concerned"))
    share.table(tables.deployments(case.deployments, ctx.ds.sources, labels, t))
st.subheader(t._("Sources"))
records.sources(ctx, case.source_ids)
url = ctx.record_url("event", case.id)
w, h = share.card_size()
card = ctx.atlas.case_figure("card", "event", case.id, ctx.private, ctx.lang, url, w, h)
share.figure(ctx, card, key="event_card")
publish.record_kit(ctx, "event", case)
