"""Sources & methodology: definitions from the descriptor, inclusion criteria, sources table,
data version and changelog, how to cite, licence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.config import APP_NAME
from dashboard.dataset import changelog
from dashboard.text import escape_markdown, format_partial_date

ctx = ui.context()
ds, v = ctx.ds, ctx.view
st.title("Sources & methodology")

st.header("Evidence levels and categories")
st.markdown(
    "Every definition below is read from the data package descriptor "
    "(`data/datapackage.yaml`), the same file that validates the data."
)
for resource, field in [
    ("deployments", "evidence_type"),
    ("deployments", "confidence"),
    ("deployments", "country_role"),
    ("targets", "status"),
    ("target_operators", "attribution_confidence"),
    ("targets", "target_type"),
    ("targets", "vector"),
    ("events", "event_type"),
    ("targets", "investigated_by"),
    ("sources", "source_kind"),
]:
    f = ds.schema.field(resource, field)
    with st.expander(
        f"{f.title} ({ds.schema.resource(resource).title.lower()})",
        expanded=field in ("evidence_type", "status"),
    ):
        st.markdown(escape_markdown(f.description))
        st.markdown(
            "\n".join(
                f"- **{escape_markdown(c.label)}** (`{c.value}`): {escape_markdown(c.definition)}"
                for c in f.categories
            )
        )

st.header("Inclusion criteria")
readme = (ds.data_dir / "README.md").read_text(encoding="utf-8")
section = readme.split("## Inclusion criteria", 1)[-1].split("\n## ", 1)[0]
st.markdown(section)  # our own documentation, not data text

st.header("Sources")
scope = st.radio(
    "Show",
    ["Sources cited by the records shown", "All sources"],
    horizontal=True,
    key="sources_scope",
)
src = v.sources if scope.startswith("Sources cited") else ds.sources
st.dataframe(
    pd.DataFrame(
        {
            "Publisher": src["publisher"],
            "Title": src["title"],
            "Published": src["published"].map(format_partial_date),
            "Kind": src["source_kind"].astype(str).map(lambda k: ctx.label("source_kind", k)),
            "Original publisher": src["original_publisher"].fillna(""),
            "URL": src["url"],
            "Id": src["source_id"],
        }
    ),
    hide_index=True,
    width="stretch",
    height=420,
    column_config={"URL": st.column_config.LinkColumn("URL")},
)
st.caption(f"{len(src):,} sources; {int((src['source_kind'] == 'primary').sum()):,} primary.")

reports = ds.data_dir / "reports.csv"
if reports.exists():
    st.header("Report reconciliation")
    st.dataframe(
        pd.read_csv(reports, dtype=str, keep_default_na=False), hide_index=True, width="stretch"
    )

st.header("Data version and changes")
for version, when, body in changelog(ds.data_dir)[:5]:
    with st.expander(f"v{version} — {when}", expanded=version == ctx.version):
        st.markdown(body)

st.header("How to cite")
st.code(
    f"{APP_NAME} contributors ({ctx.as_of[:4]}). {APP_NAME}: sourced records of NSO Group "
    f"Pegasus spyware use, data version {ctx.version} (as of {ctx.as_of}). "
    "Cite the original sources listed for each record as well.",
    language=None,
    wrap_lines=True,
)

st.header("Licence")
lic = ds.schema.licenses[0] if ds.schema.licenses else {}
st.markdown(
    f"Data: {lic.get('title', 'see data/datapackage.yaml')}. Code: MIT. Country "
    "boundaries: Natural Earth (public domain). Summaries are the curators' own words; "
    "quoted sources remain their publishers' work."
)
