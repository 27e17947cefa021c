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
    lines = []
    for sid in source_ids:
        if sid not in src.index:
            continue
        s = src.loc[sid]
        url = safe_url(s["url"])
        title = escape_markdown(s["title"])
        line = f"[{title}]({url})" if url else f"{title} ({t._('link withheld in privacy mode')})"
        kind = ctx.labels.code("sources.source_kind", str(s["source_kind"]))
        lines.append(
            f"- {line} — {escape_markdown(s['publisher'])}, {t.date(s['published'])} ({kind})"
        )
    st.markdown("\n".join(lines))


def show_target(ctx: Context, target_id: str) -> None:
    t, labels, v = ctx.t, ctx.labels, ctx.view
    rec = v.targets[v.targets["target_id"] == target_id].iloc[0]
    st.subheader(escape_markdown(rec["label"]))
    status = str(rec["status"])
    st.markdown(
        f"**{escape_markdown(labels.code('targets.status', status))}** — "
        f"{escape_markdown(labels.definition('targets.status', status))}"
    )
    st.markdown(escape_markdown(rec["summary"]))
    ops = v.target_operators[v.target_operators["target_id"] == target_id]
    for a in ops.itertuples():
        st.markdown(
            t._("Suspected operator: **{state}** ({confidence} confidence)").format(
                state=escape_markdown(labels.country(a.operator)),
                confidence=escape_markdown(
                    labels.code(
                        "target_operators.attribution_confidence", str(a.attribution_confidence)
                    )
                ),
            )
        )
    if isinstance(rec["dispute"], str) and rec["dispute"]:
        st.markdown(f"**{t._('Disputed')}:** {escape_markdown(rec['dispute'])}")
    st.markdown(f"**{t._('Sources')}**")
    sources(ctx, rec["source_ids"])
