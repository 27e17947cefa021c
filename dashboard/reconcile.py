"""Compare each major report's headline figure with what the dataset holds; coverage counts.

Belongs here: `reconciliation()` (one row per report figure: the published number next to the
dataset's count over rows tagged with the report, per the report's `measure`) and `coverage()`.
`python -m dashboard.reconcile` prints both (this is `make data-report`).
Does not belong here: Streamlit, drawing.
"""

from __future__ import annotations

import sys

import pandas as pd

from dashboard.analysis import people_count
from dashboard.dataset import Dataset, load_dataset


def _tagged(frame: pd.DataFrame, report_id: str) -> pd.DataFrame:
    return frame[frame["report_ids"].map(lambda ids: report_id in ids)]


def dataset_value(ds: Dataset, report_id: str, measure: str) -> int | None:
    if measure == "target_people":
        return people_count(_tagged(ds.targets, report_id))
    if measure == "target_records":
        return len(_tagged(ds.targets, report_id))
    if measure == "deployment_states":
        return int(_tagged(ds.deployments, report_id)["country"].nunique())
    return None


def reconciliation(ds: Dataset) -> pd.DataFrame:
    rows = []
    for r in ds.reports.itertuples():
        value = dataset_value(ds, r.report_id, str(r.measure))
        rows.append(
            {
                "report_id": r.report_id,
                "report": r.title,
                "published": r.published,
                "figure": r.figure,
                "figure_value": int(r.figure_value),
                "measure": ds.schema.label("reports", "measure", str(r.measure)),
                "dataset": value,
                "gap": None if value is None else value - int(r.figure_value),
                "notes": r.notes if isinstance(r.notes, str) else "",
            }
        )
    return pd.DataFrame(rows)


def coverage(ds: Dataset) -> dict[str, int]:
    t = ds.targets
    countries = set(t["target_country"].dropna()) | set(t["location_country"].dropna())
    return {
        "target rows": len(t),
        "named individuals": int((~t["is_group"]).sum()),
        "group rows": int(t["is_group"].sum()),
        "people counted once": people_count(t),
        "target countries": len(countries),
        "deployment rows": len(ds.deployments),
        "states with deployment rows": int(ds.deployments["country"].nunique()),
        "events": len(ds.events),
        "events' first year": int(ds.events["date_start"].dt.year.min()),
        "events' last year": int(ds.events["date_start"].dt.year.max()),
        "sources": len(ds.sources),
        "primary sources": int((ds.sources["source_kind"] == "primary").sum()),
        "reports reconciled": len(ds.reports),
    }


def main() -> int:
    ds = load_dataset()
    print(f"Pegasus Atlas data v{ds.version}\n\nCoverage")
    for k, v in coverage(ds).items():
        print(f"  {k:<30}{v:>8}" if "year" in k else f"  {k:<30}{v:>8,}")
    table = reconciliation(ds)
    print("\nReconciliation: report figure vs. dataset (rows tagged with the report)")
    with pd.option_context("display.max_colwidth", 48, "display.width", 200):
        print(
            table[["report_id", "figure", "figure_value", "dataset", "gap"]].to_string(
                index=False, na_rep="n/a"
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
