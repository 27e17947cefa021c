"""Load the data package into typed pandas DataFrames, or refuse with every violation.

Belongs here: `load_dataset()`, the `Dataset` it returns and the typing of columns per the
descriptor (categories ordered as declared, list fields as tuples, partial dates with derived
`<field>_start`, `<field>_end` and `<field>_precision` columns).
Does not belong here: the rules themselves (see `validation`, driven by `schema`), filtering
(see `filters`), anything about Streamlit.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from dashboard.checksums import sha256_of
from dashboard.i18n import LANGUAGES
from dashboard.schema import DATA_DIR, Field, Resource, Schema, read_schema
from dashboard.validation import (
    DataError,
    Table,
    Violation,
    check_derived,
    check_descriptor,
    check_keys,
    partial_date_bounds,
    read_table,
)

__all__ = ["DataError", "Dataset", "Violation", "load_dataset"]


class Dataset:
    """The validated data package: one typed DataFrame per resource of the descriptor, by name
    (`ds.targets`, `ds.table("case_steps")`). DataFrames are shared: treat them as read-only."""

    def __init__(self, schema: Schema, data_dir: Path, tables: dict[str, pd.DataFrame]):
        self.schema = schema
        self.data_dir = data_dir
        self.tables = dict(tables)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def has(self, name: str) -> bool:
        return name in self.tables

    def with_tables(self, **frames: pd.DataFrame) -> Dataset:
        """A copy with some tables replaced (privacy mode)."""
        return Dataset(self.schema, self.data_dir, {**self.tables, **frames})

    @property
    def version(self) -> str:
        return self.schema.version

    @property
    def country_terms(self) -> pd.DataFrame | None:
        return self.tables.get("country_terms")

    @property
    def country_names(self) -> dict[str, str]:
        """English names (labels in other languages: see `labels.Labels`)."""
        return dict(zip(self.countries["iso3"], self.countries["name"], strict=True))


def _column(f: Field, values: list) -> pd.Series:
    if f.categories and not f.is_list:
        return pd.Series(pd.Categorical(values, categories=[c.value for c in f.categories]))
    if f.is_list:
        return pd.Series([v if v is not None else () for v in values], dtype=object)
    if f.type == "boolean":
        return pd.Series(values, dtype="boolean" if None in values else bool)
    if f.type == "integer":
        return pd.Series(values, dtype="Int64")
    if f.type == "number":
        return pd.Series(values, dtype="float64")
    if f.type == "date":
        return pd.to_datetime(pd.Series(values, dtype=object))
    return pd.Series(values, dtype="string")


def _frame(r: Resource, table: Table) -> pd.DataFrame:
    cols: dict[str, pd.Series] = {}
    for f in r.fields:
        values = [row[f.name] for row in table.rows]
        cols[f.name] = _column(f, values)
        if f.partial_date:
            bounds = [partial_date_bounds(v) if v else (None, None, None) for v in values]
            cols[f"{f.name}_start"] = pd.to_datetime(
                pd.Series([b[0] for b in bounds], dtype=object)
            )
            cols[f"{f.name}_end"] = pd.to_datetime(pd.Series([b[1] for b in bounds], dtype=object))
            cols[f"{f.name}_precision"] = pd.Series(
                pd.Categorical([b[2] for b in bounds], categories=["day", "month", "year"])
            )
    frame = pd.DataFrame(cols)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate the data package in `data_dir` (default: the bundled `data/`).

    Raises `DataError` listing every violation (file, line, field, value, rule) when any
    rule of the descriptor is broken; returns a `Dataset` of typed DataFrames otherwise.
    """
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    try:
        schema = read_schema(base)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise DataError(
            [
                Violation(
                    "datapackage.yaml",
                    None,
                    None,
                    None,
                    "descriptor",
                    f"the descriptor cannot be read: {exc}",
                )
            ]
        ) from exc
    tables: dict[str, Table] = {}
    violations: list[Violation] = []
    for r in schema.resources:
        table, bad = read_table(base / r.path, r)
        tables[r.name] = table
        violations += bad
    violations += check_keys(tables, schema)
    violations += check_descriptor(schema, tuple(lang.code for lang in LANGUAGES))
    violations += check_derived(tables, schema)
    geo = schema.raw.get("x-geo") or {}
    if (
        geo.get("hash")
        and (base / geo["path"]).is_file()
        and sha256_of(base / geo["path"]) != geo["hash"]
    ):
        violations.append(
            Violation(
                geo["path"],
                None,
                None,
                None,
                "checksum",
                "the geometry's SHA-256 differs from datapackage.yaml",
            )
        )
    if violations:
        raise DataError(violations)
    frames = {r.name: _frame(r, tables[r.name]) for r in schema.resources}
    return Dataset(schema, base, frames)


def changelog(data_dir: Path | str | None = None) -> list[tuple[str, str, str]]:
    """Entries of data/CHANGELOG.md as (version, date, body), newest first.

    Headings look like `## 0.1.0 — 2026-11-28`; the top entry is the current release.
    """
    path = Path(data_dir or DATA_DIR) / "CHANGELOG.md"
    entries: list[tuple[str, str, str]] = []
    if not path.exists():
        return entries
    for block in path.read_text(encoding="utf-8").split("\n## ")[1:]:
        head, _, body = block.partition("\n")
        parts = [p.strip() for p in head.replace("—", "-").split(" - ", 1)]
        version = parts[0].lstrip("v")
        when = parts[1] if len(parts) > 1 else ""
        entries.append((version, when, body.strip()))
    return entries
