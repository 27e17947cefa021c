"""One record shown in full: a target's summary, suspected operators with their confidence,
dispute and every source as a link (withheld in privacy mode when it names a person).

Belongs here: the record panels pages share (Targets' detail panel, the case and event pages).
Does not belong here: computing the record (see the pure core).
"""

from __future__ import annotations

import streamlit as st

from dashboard.text import escape_markdown, safe_url
from dashboard.ui.state import Context


def sources(ctx: Context, source_ids: tuple[str, ...]) -> None:
    """Every source as a link that opens in a new tab and sends no referrer."""
    t = ctx.t
    src = ctx.ds.sources.set_index("source_id")
    withheld = t._("link withheld in privacy mode")
    lines = []
    for sid in source_ids:
        if sid not in src.index:
            continue
        s = src.loc[sid]
        url = safe_url(s["url"])
        title = escape_markdown(s["title"])
        line = f"[{title}]({url})" if url else f"{title} ({withheld})"
        kind = ctx.labels.code("sources.source_kind", str(s["source_kind"]))
        lines.append(
            f"- {line} — {escape_markdown(s['publisher'])}, {t.date(s['published'])} ({kind})"
        )
    st.markdown("\n".join(lines))


def show_target(ctx: Context, target_id: str) -> None:
    t, labels, v = ctx.t, ctx.labels, ctx.view
    rec = v.targets[v.targets["target_id"] == target_id].iloc[0]
    st.subheader(escape_markdown(rec["label"]))
    open_case = t._("Open the case file")
    st.markdown(f"[{open_case}]({ctx.record_url('target', target_id)})")
    status = str(rec["status"])
    st.markdown(
        f"**{escape_markdown(labels.code('targets.status', status))}** — "
        f"{escape_markdown(labels.definition('targets.status', status))}"
    )
    st.markdown(escape_markdown(rec["summary"]))
    operators(ctx, v.target_operators[v.target_operators["target_id"] == target_id])
    if isinstance(rec["dispute"], str) and rec["dispute"]:
        disputed = t._("Disputed")
        st.markdown(f"**{disputed}:** {escape_markdown(rec['dispute'])}")
    st.markdown("**" + t._("Sources") + "**")
    sources(ctx, rec["source_ids"])


def steps(ctx: Context, trail) -> None:
    """The evidence trail as a dated list, each step with its own sources."""
    t, labels = ctx.t, ctx.labels
    event_word = t._("event")
    for s in trail.itertuples():
        kind = labels.code("case_steps.step_type", str(s.step_type))
        basis_cat = labels.schema.field("case_steps", "date_basis").category(str(s.date_basis))
        flagged = basis_cat is not None and basis_cat.prop("flag")  # x-flag: say it by the date
        basis = f" ({labels.code('case_steps.date_basis', str(s.date_basis))})" if flagged else ""
        who = f" — {escape_markdown(s.actor)}" if isinstance(s.actor, str) and s.actor else ""
        link = ""
        if isinstance(s.event_id, str) and s.event_id:
            link = f" · [{event_word}]({ctx.record_url('event', s.event_id)})"
        st.markdown(
            f"**{escape_markdown(t.date(s.date))}**{escape_markdown(basis)} · "
            f"**{escape_markdown(kind)}**{who}: {escape_markdown(s.summary)}{link}"
        )
        with st.expander(
            t.n_("{n} source", "{n} sources", len(s.source_ids)).format(n=t.num(len(s.source_ids)))
        ):
            sources(ctx, s.source_ids)


def operators(ctx: Context, ops, with_sources: bool = False) -> None:
    """Each suspected operator with the attribution confidence and what it means."""
    t, labels = ctx.t, ctx.labels
    ref = "target_operators.attribution_confidence"
    for a in ops.itertuples():
        conf = str(a.attribution_confidence)
        st.markdown(
            t._("Suspected operator: **{state}** ({confidence} confidence)").format(
                state=escape_markdown(labels.country(a.operator)),
                confidence=escape_markdown(labels.code(ref, conf)),
            )
            + f" — {escape_markdown(labels.definition(ref, conf))}"
        )
        if with_sources:
            sources(ctx, a.source_ids)


def link_list(ctx: Context, kind: str, rows: list[tuple[str, str, str]]) -> None:
    """A list of links to record pages: (prefix, label, id)."""
    st.markdown(
        "\n".join(
            f"- {escape_markdown(prefix)}[{escape_markdown(label)}]({ctx.record_url(kind, rid)})"
            for prefix, label, rid in rows
        )
    )


def highlighted(ctx: Context, ids: tuple[str, ...]) -> None:
    """Links to the pages of the targets and events a story step points to."""
    t_rows = ctx.ds.targets.set_index("target_id")["label"]
    e_rows = ctx.ds.events.set_index("event_id")["title"]
    for rid in ids:
        if rid in t_rows.index:
            link_list(ctx, "target", [("", t_rows[rid], rid)])
        elif rid in e_rows.index:
            link_list(ctx, "event", [("", e_rows[rid], rid)])
