"""Data versions for readers: the notice on a link made on an older version (with what changed
since for the records in view), and the record-level difference between any two versions.

Belongs here: `version_notice()` and `diff_view()`. Does not belong here: computing the
differences (see `versions`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import tables, versions
from dashboard.text import escape_markdown
from dashboard.ui import share
from dashboard.ui.state import Context

OLD_VERSION_KEY = "_link_version"
RECORD_PAGES = {"targets": "target", "events": "event"}


def _frame(ctx: Context, changes: list[versions.Change]) -> pd.DataFrame:
    t = ctx.t
    kinds = {"added": t._("added"), "removed": t._("removed"), "changed": t._("changed")}
    maps = ctx.atlas.opaque if ctx.private else {}
    rows = []
    for c in changes:
        rid = maps.get(c.table, {}).get(c.key, c.key)
        page = RECORD_PAGES.get(c.table)
        rows.append(
            {
                t._("Table"): ctx.labels.schema.resource(c.table).title_in(ctx.lang),
                t._("Record"): ctx.record_url(page, rid) if page and c.kind != "removed" else None,
                t._("Change"): kinds[c.kind],
                t._("Fields"): t.commas([f for f, _old, _new in c.fields]),
                t._("Reason"): ctx.atlas.text(c.reason, ctx.private)[:300],
            }
        )
    return pd.DataFrame(rows)


def version_notice(ctx: Context) -> None:
    """A link made on an older data version says so, and what changed in the records shown."""
    old = st.session_state.pop(OLD_VERSION_KEY, None)
    if not old or old == ctx.version or old not in versions.versions(ctx.ds.data_dir):
        return
    t = ctx.t
    shown = {
        "targets": set(ctx.view.targets["target_id"]),
        "events": set(ctx.view.events["event_id"]),
        "deployments": set(ctx.view.deployments["deployment_id"]),
    }
    if ctx.private:  # the view holds opaque ids; the releases hold the originals
        back = {tb: {v: k for k, v in m.items()} for tb, m in ctx.atlas.opaque.items()}
        shown = {tb: {back.get(tb, {}).get(i, i) for i in ids} for tb, ids in shown.items()}
    changes = versions.touching(versions.diff(old, ctx.version, ctx.ds.data_dir), shown)
    st.warning(
        t._(
            "This link was made with data v{old}; the atlas now shows v{new}. Since then, {n} "
            "of the records in this view were added, corrected or removed."
        ).format(old=old, new=ctx.version, n=t.num(len(changes))),
        icon=":material/history:",
    )
    if changes:
        with st.expander(t._("What changed since v{old}").format(old=old)):
            share.table(tables.Table(_frame(ctx, changes), links={t._("Record"): t._("open")}))


def diff_view(ctx: Context) -> None:
    """Pick two versions; see every record added, removed or changed, with the reason."""
    t = ctx.t
    known = versions.versions(ctx.ds.data_dir)
    since = ctx.param("since")
    start = known.index(since) - 1 if since in known and known.index(since) > 0 else len(known) - 2
    left, right = st.columns(2)
    a = left.selectbox(t._("From version"), known, index=max(start, 0), key="diff_from")
    b = right.selectbox(t._("To version"), known, index=len(known) - 1, key="diff_to")
    if a == b:
        st.info(t._("Choose two different versions."))
        return
    changes = versions.diff(a, b, ctx.ds.data_dir)
    counts = pd.Series([f"{c.table} · {c.kind}" for c in changes]).value_counts().sort_index()
    st.markdown(
        t._("{n} record changes from v{a} to v{b}:").format(n=t.num(len(changes)), a=a, b=b)
        + " "
        + escape_markdown(t.clauses([f"{k} {t.num(int(v))}" for k, v in counts.items()]))
    )
    share.table(tables.Table(_frame(ctx, changes), links={t._("Record"): t._("open")}), height=360)
