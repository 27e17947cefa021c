"""How well the data is sourced: the share of fact rows that cite a primary source, and whether
every secondary source names the publisher whose reporting it carries.

Belongs here: `primary_share()` (printed by `make data-report`, checked by the data tests).
"Primary" is the `x-primary` category of `sources.source_kind` in the descriptor.
Does not belong here: Streamlit.
"""

from __future__ import annotations

from dashboard.dataset import Dataset

FACT_TABLES = ("targets", "deployments", "events", "target_operators")


def primary_ids(ds: Dataset) -> set[str]:
    kinds = {c.value for c in ds.schema.categories("sources", "source_kind") if c.prop("primary")}
    s = ds.sources
    return set(s.loc[s["source_kind"].astype(str).isin(kinds), "source_id"])


def primary_share(ds: Dataset) -> dict:
    prim = primary_ids(ds)
    rows = with_primary = 0
    for name in FACT_TABLES:
        ids = ds.table(name)["source_ids"]
        rows += len(ids)
        with_primary += int(ids.map(lambda xs: any(x in prim for x in xs)).sum())
    s = ds.sources
    secondary = s[~s["source_id"].isin(prim)]
    return {
        "fact_rows": rows,
        "rows_with_primary": with_primary,
        "share": with_primary / rows if rows else 0.0,
        "not_primary": len(secondary),
        "not_primary_named": int(secondary["original_publisher"].notna().sum()),
    }
