"""SHA-256 of every data file, recorded in the descriptor (`hash: sha256:<hex>`) and checked.

Belongs here: computing file digests and writing them into `datapackage.yaml` after a reviewed
data edit (`make data-hash`, i.e. `python -m dashboard.checksums --update`). The check itself
runs in `validation` on every load. Does not belong here: Streamlit.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from dashboard.schema import DATA_DIR, DESCRIPTOR, read_schema

PREFIX = "sha256:"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return PREFIX + h.hexdigest()


def expected(data_dir: Path) -> dict[str, str]:
    """Resource path -> digest recorded in the descriptor (resources that declare one)."""
    raw = read_schema(data_dir).raw
    out = {r["path"]: r["hash"] for r in raw["resources"] if r.get("hash")}
    geo = raw.get("x-geo", {})
    if geo.get("hash"):
        out[geo["path"]] = geo["hash"]
    return out


def mismatches(data_dir: Path) -> list[str]:
    return [
        p
        for p, h in expected(data_dir).items()
        if not (data_dir / p).exists() or sha256_of(data_dir / p) != h
    ]


def update(data_dir: Path = DATA_DIR) -> list[str]:
    """Write the current digest of every resource (and the geometry) into the descriptor.

    Edits the YAML text in place (a `hash:` line after each `path:` line), keeping comments.
    Returns the paths whose digest changed.
    """
    desc = data_dir / DESCRIPTOR
    lines = desc.read_text(encoding="utf-8").split("\n")
    out, changed = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        m = re.match(r"^(\s*)path: (\S+)\s*$", line)
        if m and (data_dir / m.group(2)).is_file():
            indent, rel = m.group(1), m.group(2)
            digest = sha256_of(data_dir / rel)
            old = None
            if i + 1 < len(lines) and lines[i + 1].strip().startswith("hash:"):
                old = lines[i + 1].split(":", 1)[1].strip().strip('"')
                i += 1
            out.append(f'{indent}hash: "{digest}"')
            if old != digest:
                changed.append(rel)
        i += 1
    desc.write_text("\n".join(out), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    data_dir = DATA_DIR
    if "--update" in argv:
        changed = update(data_dir)
        print("updated: " + (", ".join(changed) if changed else "nothing (all digests current)"))
        return 0
    bad = mismatches(data_dir)
    print("all digests match" if not bad else "digest mismatch: " + ", ".join(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
