"""Validator comparison: the atlas's own validator vs frictionless and pandera (issue "Declared
once", point 6). Prints lines of code, validation time at x1 and x100 data, and which of five
seeded errors each reports with file, row, field, value and rule. Numbers only; no assertion.

Fair setup: frictionless gets the descriptor with `constraints.enum` derived from the categories
(it ignores `categories`), pandera a schema generated from the same descriptor (types, required,
patterns, vocabularies, ranges, lengths, unique keys; foreign keys as dataframe checks). Neither
knows the atlas's own rules (partial dates, date order, conditional presence, list items, the
derived vocabulary), which the comparison counts as not reported.

Run: `.venv/bin/python benchmarks/validators.py [--json out.json]`.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402

from dashboard.dataset import DataError, load_dataset  # noqa: E402
from dashboard.schema import DATA_DIR, read_schema  # noqa: E402

SEEDED = [
    # (what, file, old, new, the value a useful report names)
    ("unknown category", "targets.csv", ",infected,", ",hacked,", "hacked"),
    ("bad partial date", "events.csv", ",2016-08-25,", ",2016-13-25,", "2016-13-25"),
    (
        "dangling source id",
        "events.csv",
        "securemac-2016-apple-releases-ios-update",
        "no-such-2016-source",
        "no-such-2016-source",
    ),
    (
        "duplicate id",
        "events.csv",
        "evt-2014-francisco-partners-buys-nso",
        "evt-2010-nso-group-founded",
        "evt-2010-nso-group-founded",
    ),
    ("end before start", "deployments.csv", ",2016-08,2018-08,", ",2016-08,2015-08,", "2015-08"),
]


def loc(path: Path) -> int:
    return sum(
        1
        for line in path.read_text().splitlines()
        if line.strip() and not line.strip().startswith("#")
    )


def with_enums(pkg: Path) -> None:
    """Write constraints.enum from categories (what frictionless reads)."""
    desc = pkg / "datapackage.yaml"
    raw = yaml.safe_load(desc.read_text())
    for r in raw["resources"]:
        for f in r["schema"]["fields"]:
            if f.get("categories") and f.get("type") != "list":
                f.setdefault("constraints", {})["enum"] = [c["value"] for c in f["categories"]]
    desc.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))


def run_own(pkg: Path) -> tuple[float, list]:
    t0 = time.perf_counter()
    try:
        load_dataset(pkg)
        out = []
    except DataError as exc:
        out = exc.violations
    return time.perf_counter() - t0, out


def run_frictionless(pkg: Path) -> tuple[float, list]:
    from frictionless import Package

    t0 = time.perf_counter()
    report = Package(str(pkg / "datapackage.yaml")).validate()
    errors = [e for task in report.tasks for e in task.errors]
    return time.perf_counter() - t0, errors


def pandera_schemas(pkg: Path):
    import pandera.pandas as pa

    schema = read_schema(pkg)
    out = {}
    for r in schema.resources:
        cols = {}
        for f in r.fields:
            checks = []
            c = f.constraints
            if f.categories and not f.is_list:
                checks.append(pa.Check.isin(list(f.allowed)))
            if "pattern" in c:
                checks.append(pa.Check.str_matches(c["pattern"]))
            if "maxLength" in c:
                checks.append(pa.Check.str_length(max_value=c["maxLength"]))
            if "minimum" in c:
                checks.append(pa.Check.ge(c["minimum"]))
            if "maximum" in c:
                checks.append(pa.Check.le(c["maximum"]))
            dtype = {"integer": "Int64", "number": float, "boolean": str}.get(f.type, str)
            cols[f.name] = pa.Column(
                dtype,
                checks=checks,
                nullable=not f.required,
                unique=bool(c.get("unique")),
                coerce=True,
            )
        out[r.name] = (r, pa.DataFrameSchema(cols, strict=True))
    return out


def run_pandera(pkg: Path) -> tuple[float, list]:
    import pandas as pd
    import pandera.pandas as pa

    t0 = time.perf_counter()
    errors = []
    frames = {}
    for name, (r, s) in pandera_schemas(pkg).items():
        frame = pd.read_csv(pkg / r.path, dtype=str, keep_default_na=False).replace("", None)
        frames[name] = frame
        try:
            s.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            errors += exc.failure_cases.to_dict("records")
    # foreign keys (also on list fields), as the atlas declares them
    schema = read_schema(pkg)
    for r in schema.resources:
        for fk in r.foreign_keys:
            known = set(frames[fk.resource][fk.reference_fields[0]].dropna())
            col = frames[r.name][fk.fields[0]].dropna()
            items = col.str.split(";").explode() if fk.on_list else col
            bad = items[~items.isin(known)]
            errors += [
                {"file": r.path, "index": i, "value": v, "check": "foreign-key"}
                for i, v in bad.items()
            ]
    return time.perf_counter() - t0, errors


def seeded(tmp: Path, what: str, name: str, old: str, new: str, enums: bool, tag: str) -> Path:
    pkg = tmp / what.replace(" ", "-") / tag
    shutil.copytree(DATA_DIR, pkg)
    path = pkg / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (what, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    desc = pkg / "datapackage.yaml"
    desc.write_text(
        "\n".join(x for x in desc.read_text().split("\n") if not x.strip().startswith("hash:"))
    )
    if enums:
        with_enums(pkg)
    return pkg


def found(errors: list, name: str, value: str) -> str:
    """'full' (file, row, field, value and rule), 'partial' or 'no'."""
    text = [
        json.dumps(e if isinstance(e, dict) else getattr(e, "__dict__", str(e)), default=str)
        for e in errors
    ]
    hits = [t for t in text if value in t]
    if not hits:
        return "no"
    return "full" if any(name in t or name.split(".")[0] in t for t in hits) else "partial"


def main() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="validators-"))
    x100 = tmp / "x100"
    generate(100, x100)
    for pkg in (x100,):
        desc = pkg / "datapackage.yaml"
        desc.write_text(
            "\n".join(x for x in desc.read_text().split("\n") if not x.strip().startswith("hash:"))
        )
    fl1, fl100 = tmp / "fl1", tmp / "fl100"
    shutil.copytree(DATA_DIR, fl1)
    shutil.copytree(x100, fl100)
    for pkg in (fl1, fl100):
        with_enums(pkg)
    rows = []
    for label, fn, p1, p100 in (
        ("atlas (dashboard/validation.py)", run_own, DATA_DIR, x100),
        ("frictionless", run_frictionless, fl1, fl100),
        ("pandera", run_pandera, DATA_DIR, x100),
    ):
        t1, _ = fn(p1)
        t100, _ = fn(p100)
        quality = []
        for what, name, old, new, needle in SEEDED:
            pkg = seeded(tmp, what, name, old, new, fn is run_frictionless, fn.__name__)
            _, errors = fn(pkg)
            quality.append(found(errors, name, needle))
        rows.append(
            {
                "validator": label,
                "x1_s": round(t1, 2),
                "x100_s": round(t100, 2),
                "seeded": dict(zip([s[0] for s in SEEDED], quality, strict=True)),
            }
        )
    rows[0]["loc"] = loc(ROOT / "dashboard" / "validation.py")
    rows[1]["loc"] = "0 (plus enum derivation)"
    rows[2]["loc"] = "about 60 (schema generation and foreign keys, in this file)"
    shutil.rmtree(tmp, ignore_errors=True)
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
    return {"validators": rows}


if __name__ == "__main__":
    result = main()
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(result, indent=1))
