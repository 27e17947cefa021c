"""Data releases readers can follow: every released version kept, and record-level differences.

Belongs here: `releases()` (the current package and the archived ones in `data/releases/`, with
their recorded SHA-256), `tables_of(version)` (the rows of a version's fact tables, read as
plain text so that any version can be compared), `diff(a, b)` (records added, removed and
changed field by field between two versions, each with the reason the CHANGELOG gives) and
`python -m dashboard.versions A B` (`make data-diff A=.. B=..`). Does not belong here:
Streamlit, HTTP (see `feed`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dashboard.dataset import changelog
from dashboard.schema import DATA_DIR, load_yaml

RELEASES = "releases"
INDEX = "index.yaml"
KEYS = {  # fact tables compared, with their keys (the same in every version)
    "targets": ("target_id",),
    "deployments": ("deployment_id",),
    "events": ("event_id",),
    "target_operators": ("target_id", "operator"),
    "sources": ("source_id",),
    "case_steps": ("step_id",),
}
IGNORED = {"last_reviewed"}  # a review date alone is not a change of the record


@dataclass(frozen=True)
class Change:
    table: str
    key: str
    kind: str  # "added" | "removed" | "changed"
    fields: tuple[tuple[str, str, str], ...] = ()  # (field, old, new)
    reason: str = ""


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def index(data_dir: Path = DATA_DIR) -> dict:
    path = data_dir / RELEASES / INDEX
    return load_yaml(path.read_text(encoding="utf-8")) if path.exists() else {"releases": []}


def versions(data_dir: Path = DATA_DIR) -> list[str]:
    """Every version readers can open, oldest first (the current one last)."""
    current = load_yaml((data_dir / "datapackage.yaml").read_text(encoding="utf-8"))
    old = [r["version"] for r in index(data_dir)["releases"]]
    return [*old, str(current["version"])]


def _files(version: str, data_dir: Path) -> dict[str, bytes]:
    current = versions(data_dir)[-1]
    if version == current:
        return {p.name: p.read_bytes() for p in data_dir.glob("*.csv")} | {
            "CHANGELOG.md": (data_dir / "CHANGELOG.md").read_bytes()
        }
    entry = next((r for r in index(data_dir)["releases"] if r["version"] == version), None)
    if entry is None:
        raise KeyError(f"no data version {version!r}; known: {', '.join(versions(data_dir))}")
    blob = (data_dir / RELEASES / entry["archive"]).read_bytes()
    if sha256(blob) != entry["sha256"]:
        raise ValueError(f"the archive of {version} does not match its recorded SHA-256")
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {Path(n).name: z.read(n) for n in z.namelist() if not n.endswith("/")}


@cache
def tables_of(version: str, data_dir: Path = DATA_DIR) -> dict[str, dict[str, dict]]:
    """Table -> key -> row (plain text) of a version's compared tables."""
    files = _files(version, data_dir)
    out = {}
    for table, keys in KEYS.items():
        raw = files.get(f"{table}.csv")
        if raw is None:
            out[table] = {}
            continue
        rows = csv.DictReader(io.StringIO(raw.decode("utf-8")))
        out[table] = {"|".join(r[k] for k in keys): r for r in rows}
    return out


def _reasons(version: str, data_dir: Path) -> tuple[str, str]:
    """(the CHANGELOG entry of a version, its first paragraph)."""
    for v, _when, body in changelog(data_dir):
        if v == version:
            return body, body.split("\n\n", 1)[0]
    return "", ""


def _reason_for(key: str, body: str, summary: str) -> str:
    ident = key.split("|")[0]
    for line in body.splitlines():
        if ident in line:
            return re.sub(r"^[-*]\s*", "", line.strip())
    return summary


def diff(a: str, b: str, data_dir: Path = DATA_DIR) -> list[Change]:
    """Records added, removed and changed from version `a` to version `b`."""
    old, new = tables_of(a, data_dir), tables_of(b, data_dir)
    body, summary = _reasons(b, data_dir)
    out = []
    for table in KEYS:
        before, after = old.get(table, {}), new.get(table, {})
        for key in sorted(after.keys() - before.keys()):
            out.append(Change(table, key, "added", reason=_reason_for(key, body, summary)))
        for key in sorted(before.keys() - after.keys()):
            out.append(Change(table, key, "removed", reason=_reason_for(key, body, summary)))
        for key in sorted(before.keys() & after.keys()):
            x, y = before[key], after[key]
            fields = tuple(
                (f, x.get(f, ""), y.get(f, ""))
                for f in sorted(set(x) & set(y))  # a column new in `b` is not a record change
                if f not in IGNORED and x[f] != y[f]
            )
            if fields:
                out.append(Change(table, key, "changed", fields, _reason_for(key, body, summary)))
    return out


def touching(changes: list[Change], keys: dict[str, set[str]]) -> list[Change]:
    """The changes of the records of a view (table -> keys shown)."""
    return [c for c in changes if c.key.split("|")[0] in keys.get(c.table, set())]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(
            "usage: python -m dashboard.versions OLD NEW   (versions: "
            + ", ".join(versions())
            + ")"
        )
        return 2
    changes = diff(argv[0], argv[1])
    counts: dict[str, int] = {}
    for c in changes:
        counts[f"{c.table} {c.kind}"] = counts.get(f"{c.table} {c.kind}", 0) + 1
    print(f"Data {argv[0]} -> {argv[1]}: {len(changes)} record changes")
    for k, n in sorted(counts.items()):
        print(f"  {k:<32}{n:>6}")
    for c in changes:
        print(f"\n{c.kind.upper()} {c.table} {c.key}")
        for f, x, y in c.fields:
            print(f"  {f}: {x[:120]!r} -> {y[:120]!r}")
        if c.reason:
            print(f"  reason: {c.reason[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
