"""Compare each major report's headline figure with what the dataset holds; coverage counts.

Belongs here: `reconciliation()` (one row per report figure: the published number next to the
dataset's count over rows tagged with the report, counted as the report's `measure` category
declares: `x-table` and `x-count` people | rows | states) and `main()`, which prints the
headline counts (`measures`), the primary-source share and the reconciliation
(`make data-report`). Does not belong here: Streamlit, drawing.
"""

from __future__ import annotations

import sys

import pandas as pd

from dashboard import measures, sourcing
from dashboard.analysis import people_count
from dashboard.dataset import Dataset, load_dataset
from dashboard.filters import FilterState, apply, prepare
from dashboard.i18n import translator
from dashboard.labels import Labels

COUNTS = {
    "people": people_count,
    "rows": len,
    "states": lambda frame: int(frame["country"].nunique()),
}


def _tagged(frame: pd.DataFrame, report_id: str) -> pd.DataFrame:
    return frame[frame["report_ids"].map(lambda ids: report_id in ids).to_numpy(dtype=bool)]


def dataset_value(ds: Dataset, report_id: str, measure: str) -> int | None:
    cat = ds.schema.field("reports", "measure").category(measure)
    if cat is None or not cat.prop("table"):
        return None
    return int(COUNTS[cat.prop("count")](_tagged(ds.table(cat.prop("table")), report_id)))


def reconciliation(ds: Dataset, labels: Labels | None = None) -> pd.DataFrame:
    labels = labels or Labels(ds.schema, ds.countries, translator("en"), ds.country_terms)
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
                "measure": labels.code("reports.measure", str(r.measure)),
                "dataset": value,
                "gap": None if value is None else value - int(r.figure_value),
                "notes": r.notes if isinstance(r.notes, str) else "",
            }
        )
    return pd.DataFrame(rows)


def headline(ds: Dataset) -> dict[str, int]:
    """The headline counts of the whole data, as the app shows them with no filter."""
    view = apply(prepare(ds), FilterState())
    return measures.headline(measures.frames_of(view, ds.schema))


def main() -> int:
    ds = load_dataset()
    t = translator("en")
    print(f"Pegasus Atlas data v{ds.version}\n\nHeadline counts (no filter; definitions below)")
    counts = headline(ds)
    for mid, m in measures.MEASURES.items():
        print(f"  {t._(m.label):<42}{counts[mid]:>8,}")
    share = sourcing.primary_share(ds)
    print("\nSourcing")
    print(
        f"  fact rows citing a primary source        {share['rows_with_primary']:>8,} "
        f"of {share['fact_rows']:,} ({share['share']:.1%})"
    )
    print(
        f"  secondary sources naming their original  {share['not_primary_named']:>8,} "
        f"of {share['not_primary']:,}"
    )
    table = reconciliation(ds)
    print("\nReconciliation: report figure vs. dataset (rows tagged with the report)")
    with pd.option_context("display.max_colwidth", 48, "display.width", 200):
        print(
            table[["report_id", "figure", "figure_value", "dataset", "gap"]].to_string(
                index=False, na_rep="n/a"
            )
        )
    print("\nDefinitions")
    for m in measures.MEASURES.values():
        print(f"  {t._(m.label)}: {t._(m.definition)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
