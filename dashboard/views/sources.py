"""Sources & methodology: definitions from the descriptor (in the reader's language),
headline counts and what each counts, inclusion criteria, sources, report reconciliation, data
versions and changes, how to cite, licence."""

from __future__ import annotations

import streamlit as st

from dashboard import measures, reconcile, tables
from dashboard.config import APP_NAME
from dashboard.dataset import changelog
from dashboard.text import escape_markdown
from dashboard.ui import frame, releases, share, state

ctx = state.context()
t, labels, ds = ctx.t, ctx.labels, ctx.ds
frame.title(ctx, t._("Sources & methodology"))

st.header(t._("Evidence levels and categories"))
st.markdown(
    t._(
        "Every definition below is read from the data package descriptor "
        "(`data/datapackage.yaml`), the same file that validates the data."
    )
)
for ref, vocab in labels.schema.all_vocabularies():
    if ref.split(".")[0] in ("countries", "country_terms", "names"):
        continue
    with st.expander(
        vocab.title_in(ctx.lang), expanded=ref in ("evidence_level", "targets.status")
    ):
        st.markdown(escape_markdown(vocab.description_in(ctx.lang)))
        st.markdown(
            "\n".join(
                f"- **{escape_markdown(c.label_in(ctx.lang))}** (`{c.value}`): "
                f"{escape_markdown(c.definition_in(ctx.lang))}"
                for c in vocab.categories
            )
        )

st.header(t._("What the numbers count"))
st.markdown(
    "\n".join(
        f"- **{escape_markdown(t._(m.label))}**: {escape_markdown(t._(m.definition))}"
        for m in measures.MEASURES.values()
    )
)

st.header(t._("Inclusion criteria"))
readme = (ds.data_dir / "README.md").read_text(encoding="utf-8")
section = readme.split("## Inclusion criteria", 1)[-1].split("\n## ", 1)[0]
st.markdown(ctx.atlas.text(section, ctx.private))  # our own documentation (English)

st.header(t._("Sources"))
scope = st.radio(
    t._("Show"),
    ["shown", "all"],
    horizontal=True,
    key="sources_scope",
    format_func={"shown": t._("Sources cited by the records shown"), "all": t._("All sources")}.get,
)
src = ctx.view.sources if scope == "shown" else ds.sources
share.table(tables.sources_table(src, labels, t), height=420)
primary = measures.count("primary_sources", measures.Frames(src, src, src, src, ds.schema))
st.caption(t._("{n} sources; {p} primary.").format(n=t.num(len(src)), p=t.num(primary)))

st.header(t._("Report reconciliation"))
share.table(tables.reports(reconcile.reconciliation(ds, labels), labels, t))

st.header(t._("Data version and changes"))
st.markdown(
    t._(
        "Every released version is kept; links made on an older version say so. "
        "Releases are also an Atom feed: [/feed.atom](/feed.atom)."
    )
)
releases.diff_view(ctx)
for version, when, body in changelog(ds.data_dir)[:5]:
    with st.expander(f"v{version} — {t.date(when)}", expanded=version == ctx.version):
        st.markdown(ctx.atlas.text(body, ctx.private))

st.header(t._("How to cite"))
st.code(
    t._(
        "{app} contributors ({year}). {app}: sourced records of NSO Group Pegasus spyware "
        "use, data version {version} (as of {date}). Cite the original sources listed for "
        "each record as well."
    ).format(app=APP_NAME, year=ctx.as_of[:4], version=ctx.version, date=ctx.as_of),
    language=None,
    wrap_lines=True,
)

st.header(t._("Licence"))
st.markdown(
    t._(
        "Data: Creative Commons Attribution 4.0 (CC BY 4.0). Code: MIT. Country "
        "boundaries: Natural Earth (public domain). Summaries are the curators' own "
        "words; quoted sources remain their publishers' work."
    )
)
