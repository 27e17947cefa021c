"""Synthetic data in the REAL schema: the bundled package replicated N times, keys kept valid.

`generate(factor, out_dir)` copies the data package (descriptor, countries, reports, geometry,
README, CHANGELOG) and writes sources, targets, target_operators, deployments and events with
`factor` times the bundled rows: copy 0 is the bundled data; copy k > 0 gets new unique ids
that still match the descriptor's patterns (`<id>-r<k>`; deployments `dep-xxx-<slug>-r<letters>
-<year>`), and every foreign key of copy k points into copy k (sources, member_of groups,
target_operators -> targets). Countries and reports are unchanged (reports' sources are copy 0).
Cell text is otherwise copied verbatim, so every row passes the same validation as the bundled
data. If the descriptor records file digests (`hash: sha256:...`), they are rewritten for the
generated files.

CLI: `.venv/bin/python benchmarks/generate.py 10 /tmp/atlas-x10`.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REPLICATED = ("sources", "targets", "target_operators", "deployments", "events")
DEPLOYMENT_ID = re.compile(r"^(dep-[a-z]{3}-[a-z-]+?)(-[0-9]{4}(?:-[0-9]+)?)$")


def letters(k: int) -> str:
    """k >= 1 as lower-case letters (a, b, ..., z, ba, bb, ...): ids with [a-z-] slugs."""
    out = ""
    while True:
        k, r = divmod(k, 26)
        out = chr(97 + r) + out
        if k == 0:
            return out


def _resources(data_dir: Path) -> dict:
    raw = yaml.safe_load((data_dir / "datapackage.yaml").read_text(encoding="utf-8"))
    return {r["name"]: r for r in raw["resources"]}


def _list_fields(resource: dict) -> dict[str, str]:
    return {
        f["name"]: f.get("delimiter", ";")
        for f in resource["schema"]["fields"]
        if f.get("type") == "list"
    }


def _id_maps(resource: dict) -> dict[str, str]:
    """List or scalar field -> the replicated resource its values point to."""
    out = {}
    schema = resource["schema"]
    for key in ("foreignKeys", "x-foreignKeys"):
        for fk in schema.get(key, []) or []:
            ref = fk["reference"]["resource"]
            if ref in REPLICATED:
                out[fk["fields"][0]] = ref
    for pk in schema.get("primaryKey", []):
        if pk.endswith("_id") and pk not in out:
            out[pk] = resource["name"]
    return out


def new_id(resource: str, value: str, k: int) -> str:
    if k == 0 or not value:
        return value
    if resource == "deployments":
        m = DEPLOYMENT_ID.match(value)
        if not m:
            raise ValueError(f"unexpected deployment id {value!r}")
        return f"{m.group(1)}-r{letters(k)}{m.group(2)}"
    return f"{value}-r{k}"


def generate(factor: int, out_dir: Path | str, data_dir: Path = DATA) -> dict[str, int]:
    """Write the package replicated `factor` times to `out_dir`; return rows per table."""
    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(data_dir, out)
    resources = _resources(data_dir)
    counts = {}
    for name in REPLICATED:
        r = resources[name]
        lists = _list_fields(r)
        refs = _id_maps(r)
        with (data_dir / r["path"]).open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            rows = list(reader)
        cols = {c: i for i, c in enumerate(header)}
        plan = [(cols[c], ref, lists.get(c)) for c, ref in refs.items() if c in cols]
        url_col = cols.get("url") if name == "sources" else None
        label_col = cols.get("label") if name == "targets" else None
        n = 0
        with (out / r["path"]).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            for k in range(factor):
                for row in rows:
                    if k:
                        row = list(row)
                        for i, ref, delim in plan:
                            if not row[i]:
                                continue
                            if delim:
                                row[i] = delim.join(new_id(ref, v, k) for v in row[i].split(delim))
                            else:
                                row[i] = new_id(ref, row[i], k)
                        if url_col is not None:
                            row[url_col] = f"{row[url_col]}#r{k}"
                        if label_col is not None:
                            row[label_col] = f"{row[label_col]} ({k})"
                    w.writerow(row)
                    n += 1
        counts[name] = n
    _rehash(out)
    return counts


def _rehash(out: Path) -> None:
    """Rewrite `hash: "sha256:..."` lines (if the descriptor has any) for the new files."""
    desc = out / "datapackage.yaml"
    lines = desc.read_text(encoding="utf-8").split("\n")
    path = None
    changed = False
    for i, line in enumerate(lines):
        m = re.match(r"^\s*path: (\S+)\s*$", line)
        if m:
            path = m.group(1)
            continue
        h = re.match(r"^(\s*)hash: .*$", line)
        if h and path and (out / path).is_file():
            digest = hashlib.sha256((out / path).read_bytes()).hexdigest()
            lines[i] = f'{h.group(1)}hash: "sha256:{digest}"'
            changed = True
            path = None
    if changed:
        desc.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    factor, target = int(sys.argv[1]), Path(sys.argv[2])
    print(generate(factor, target))
