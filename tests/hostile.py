"""Hostile data and URL payloads shared by the security tests."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from dashboard import checksums
from dashboard.schema import DATA_DIR

PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "[click me](javascript:window.__pwned=1)",
    '<a href="javascript:window.__pwned=1">link</a>',
    "![x](https://evil.example/track.png)",
    '<iframe src="https://evil.example/"></iframe>',
    "**bold** `code` $x^2$ <b>tag</b>",
    '=HYPERLINK("https://evil.example")',
]
MARK = "HOSTILE"


def hostile_copy(target: Path) -> Path:
    """The bundled data with payloads in labels, summaries, titles, agencies and publishers."""
    shutil.copytree(DATA_DIR, target)
    edits = {
        "targets.csv": ("label", "summary"),
        "events.csv": ("title", "summary"),
        "deployments.csv": ("agency", "summary"),
        "sources.csv": ("title", "publisher"),
    }
    for name, fields in edits.items():
        path = target / name
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        for i, row in enumerate(rows[: len(PAYLOADS)]):
            for f in fields:
                row[f] = f"{MARK}{i} {PAYLOADS[i]} padding text"[:150]
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    checksums.update(target)
    return target
