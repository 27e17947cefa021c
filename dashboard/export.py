"""Bytes for downloads: chart images, data of the current view, the data package, citations.

Belongs here: PNG/SVG rendering through kaleido with the system Chromium (one warm browser per
process), flat CSV and nested JSON of a view (with formula-injection neutralised), the ZIP of
the data package, file names, and "cite this view" texts. Does not belong here: Streamlit.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import threading
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.config import APP_NAME
from dashboard.dataset import Dataset
from dashboard.filters import View
from dashboard.text import format_partial_date, present

TOPOJSON_DIR = Path(__file__).resolve().parent / "static" / "topojson"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Preset:
    id: str
    label: str
    width: int
    height: int


PRESETS = {
    "landscape": Preset("landscape", "PNG 1200×675", 1200, 675),
    "square": Preset("square", "PNG 1080×1080", 1080, 1080),
}
SCALE = 2

_lock = threading.Lock()
# plotly passes kaleido options that a warm server ignores (we set them at start instead).
warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
_started = False


def _start_kaleido() -> None:
    """Start one warm Chromium for kaleido (system chromium; local topojson; no MathJax CDN)."""
    global _started
    if _started:
        return
    import kaleido

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    os.environ.setdefault("BROWSER_PATH", chromium)
    pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"
    pio.defaults.mathjax = None
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _started = True


def figure_image(fig: go.Figure, fmt: str = "png", preset: str = "landscape") -> bytes:
    """PNG (at 2x) or SVG of a stamped figure at a preset size."""
    p = PRESETS[preset]
    out = go.Figure(fig)
    out.update_layout(width=p.width, height=p.height)
    if out.layout.xaxis.rangeslider.visible:  # an interactive control, not for print
        out.update_xaxes(rangeslider_visible=False)
    with _lock:
        _start_kaleido()
        return pio.to_image(
            out, format=fmt, width=p.width, height=p.height, scale=SCALE if fmt == "png" else 1
        )


def file_stem(chart_id: str, version: str, as_of: str) -> str:
    return f"pegasus-atlas_{chart_id}_v{version}_{as_of}"


# ------------------------------------------------------------------- data of a view


def neutralise(value: object) -> object:
    """Make a text cell inert in spreadsheets: a leading =, +, -, @ gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value if present(value) else ""


def _plain(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    return [{c: _cell(row[c]) for c in columns} for row in frame[columns].to_dict("records")]


def _fields(ds: Dataset, table: str) -> list[str]:
    return ds.schema.resource(table).field_names


def flat_rows(view: View, ds: Dataset, table: str) -> list[dict]:
    """One row per record of `table` in the view, with operators and source URLs inlined."""
    frame = getattr(view, table)
    cols = [c for c in _fields(ds, table) if c in frame.columns]
    rows = _plain(frame, cols)
    urls = ds.sources.set_index("source_id")["url"]
    if table == "targets":
        ops = view.target_operators.groupby("target_id")
        by_target = {k: g for k, g in ops}
        for row in rows:
            g = by_target.get(row["target_id"])
            row["suspected_operators"] = (
                ";".join(
                    f"{o}:{c}"
                    for o, c in zip(
                        g["operator"], g["attribution_confidence"].astype(str), strict=True
                    )
                )
                if g is not None
                else ""
            )
    for row in rows:
        row["source_urls"] = " ".join(
            urls.get(s, "") for s in str(row["source_ids"]).split(";") if s
        )
    return rows


def view_csv(view: View, ds: Dataset, table: str) -> bytes:
    """Flat CSV (UTF-8, RFC 4180 line ends, one row per record), formula injection neutralised."""
    rows = flat_rows(view, ds, table)
    header = list(rows[0]) if rows else _fields(ds, table)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n")  # RFC 4180
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return buf.getvalue().encode("utf-8")


def view_json(
    view: View, ds: Dataset, filters: str, permalink: str | None, accessed: str | None = None
) -> bytes:
    """Nested JSON: every record with its full source records (and operators for targets)."""
    src = {
        r["source_id"]: {k: _cell(v) for k, v in r.items() if not k.startswith("published_")}
        for r in ds.sources.to_dict("records")
    }

    def records(table: str) -> list[dict]:
        frame = getattr(view, table)
        cols = [c for c in _fields(ds, table) if c in frame.columns]
        out = []
        for row in frame[cols].to_dict("records"):
            rec = {
                k: (list(v) if isinstance(v, tuple) else (v if present(v) else None))
                for k, v in row.items()
            }
            rec["sources"] = [src[s] for s in row["source_ids"]]
            if table == "targets":
                ops = view.target_operators[view.target_operators["target_id"] == row["target_id"]]
                rec["suspected_operators"] = [
                    {"operator": o, "attribution_confidence": str(c)}
                    for o, c in zip(ops["operator"], ops["attribution_confidence"], strict=True)
                ]
            out.append(rec)
        return out

    doc = {
        "dataset": APP_NAME,
        "version": ds.version,
        "filters": filters,
        "permalink": permalink,
        "accessed": accessed or date.today().isoformat(),
        "licence": "CC-BY-4.0",
        "targets": records("targets"),
        "deployments": records("deployments"),
        "events": records("events"),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def package_zip(data_dir: Path) -> bytes:
    """The whole data package (descriptor, tables, docs, geometry) as a ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(data_dir.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                z.write(path, Path("pegasus-atlas-data") / path.relative_to(data_dir))
    return buf.getvalue()


# ---------------------------------------------------------------------- citation


def citation(
    view: View,
    version: str,
    as_of: str,
    filters: str,
    permalink: str | None,
    accessed: str | None = None,
) -> dict[str, str]:
    """Author-date and BibTeX citations of the view (its sources: `source_list`)."""
    accessed = accessed or date.today().isoformat()
    link = permalink or ""
    text = (
        f"Pegasus Atlas contributors ({as_of[:4]}). {APP_NAME}: sourced records of NSO Group "
        f"Pegasus spyware use, data version {version} ({as_of}). View: {filters}. {link} "
        f"(accessed {accessed})."
    ).replace("  ", " ")
    key = f"pegasusatlas{as_of[:4]}v{version.replace('.', '')}"
    bib = (
        f"@misc{{{key},\n  author = {{{{Pegasus Atlas contributors}}}},\n"
        f"  title = {{{{{APP_NAME}}}: sourced records of NSO Group Pegasus spyware use}},\n"
        f"  year = {{{as_of[:4]}}},\n  version = {{{version}}},\n"
        f"  note = {{View: {_bib_escape(filters)}. Data as of {as_of}}},\n"
        f"  url = {{{link}}},\n  urldate = {{{accessed}}}\n}}"
    )
    return {"author_date": text, "bibtex": bib}


def source_list(view: View) -> str:
    """One line per source of the records shown, by publisher and date."""
    s = view.sources.sort_values(["publisher", "published"])
    lines = [
        f"{p} ({format_partial_date(d)}). {t}. {u}"
        for p, d, t, u in zip(s["publisher"], s["published"], s["title"], s["url"], strict=True)
    ]
    return "\n".join(lines)


def _bib_escape(text: str) -> str:
    return "".join("\\" + c if c in "{}%&$#_" else c for c in text)
