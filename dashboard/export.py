"""Bytes for downloads: chart images, data of the current view, the data package, citations.

Belongs here: PNG/SVG rendering through kaleido with the system Chromium (one warm browser per
process), flat CSV and nested JSON of a view (with formula-injection neutralised), the ZIP of
the data package, file names, and "cite this view" texts. Does not belong here: Streamlit.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import shutil
import threading
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.config import APP_NAME
from dashboard.dataset import Dataset
from dashboard.filters import View
from dashboard.i18n import N_, Translator
from dashboard.labels import Labels
from dashboard.text import present

TOPOJSON_DIR = Path(__file__).resolve().parent / "static" / "topojson"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Preset:
    """An image size, laid out for where it is shown: a `layout` px wide layout rendered at
    `width` x `height` real pixels, so the smallest text (12.5 px at layout size) still reads at
    least 11 px once the image is displayed `layout` px wide."""

    id: str
    label: str  # N_-marked; {w} and {h} are the real pixel size
    width: int
    height: int
    layout: int  # the display width the image is designed for (CSS px)

    @property
    def scale(self) -> float:
        return self.width / self.layout

    @property
    def layout_height(self) -> int:
        return round(self.height / self.scale)


PRESETS = {
    "landscape": Preset("landscape", N_("PNG {w}×{h} (article)"), 1200, 675, 700),
    "square": Preset("square", N_("PNG {w}×{h} (social)"), 1080, 1080, 500),
    "wide": Preset("wide", N_("PNG {w}×{h} (full width)"), 2400, 1350, 1200),
}
SVG_PRESET = "landscape"

_lock = threading.Lock()
# plotly passes kaleido options that a warm server ignores (we set them at start instead).
warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
_started = False


def _start_kaleido() -> None:
    """Start one warm Chromium for kaleido (system chromium; local topojson; no MathJax CDN;
    the project's fonts via its own fontconfig, so Arabic shapes in exported images)."""
    global _started
    if _started:
        return
    import kaleido

    from dashboard import fonts

    fonts.use_project_fonts()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    os.environ.setdefault("BROWSER_PATH", chromium)
    pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"
    pio.defaults.mathjax = None
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _started = True


def exporter_available() -> str | None:
    """None when images can be exported, else why not (shown to the reader)."""
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        return "Image export needs Chromium on the server (make run installs it)."
    return None


def render(fig: go.Figure, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """PNG or SVG of a figure laid out at width x height (CSS px), PNG pixels x `scale`."""
    out = go.Figure(fig)
    out.update_layout(width=width, height=height)
    if out.layout.xaxis.rangeslider.visible:  # an interactive control, not for print
        out.update_xaxes(rangeslider_visible=False)
    with _lock:
        _start_kaleido()
        data = pio.to_image(
            out, format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1
        )
    if fmt == "svg":
        data = svg_with_description(data, fig.layout.meta or {})
    return data


def svg_with_description(svg: bytes, meta: dict) -> bytes:
    """Give the SVG its accessible name and description (<title>, <desc>) and its language."""
    title = html.escape(str(meta.get("stamp_title", "")), quote=False)
    desc = html.escape(str(meta.get("alt", "")), quote=False)
    lang = html.escape(str(meta.get("lang", "en")), quote=True)
    text = svg.decode("utf-8")
    start = text.find("<svg")
    end = text.find(">", start)
    attrs = f' role="img" lang="{lang}" aria-labelledby="atlas-title atlas-desc"'
    inserted = f'<title id="atlas-title">{title}</title><desc id="atlas-desc">{desc}</desc>'
    return (text[:end] + attrs + ">" + inserted + text[end + 1 :]).encode("utf-8")


def figure_image(fig: go.Figure, fmt: str = "png", preset: str = "landscape") -> bytes:
    """PNG or SVG of a figure that was laid out for `preset` (see `Preset`)."""
    p = PRESETS[preset]
    return render(fig, fmt, p.layout, p.layout_height, p.scale)


def file_stem(chart_id: str, version: str, as_of: str) -> str:
    return f"pegasus-atlas_{chart_id}_v{version}_{as_of}"


def image_name(chart_id: str, version: str, as_of: str, fmt: str, preset: str) -> str:
    """The file name states the real pixel size (or 'vector' for SVG)."""
    p = PRESETS[preset]
    size = f"{p.width}x{p.height}" if fmt == "png" else "vector"
    return f"{file_stem(chart_id, version, as_of)}_{size}.{fmt}"


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


RecordLink = Callable[[str, str], str]  # (table, id) -> URL of the record's page
PAGED = ("targets", "events")  # tables whose records have a page of their own


def flat_rows(
    view: View, ds: Dataset, table: str, record_link: RecordLink | None = None
) -> list[dict]:
    """One row per record of `table` in the view, with operators, source URLs and the URL of
    the record's page (`url`) inlined."""
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
    key = ds.schema.resource(table).primary_key[0]
    for row in rows:
        row["source_urls"] = " ".join(
            u for u in (urls.get(s, "") for s in str(row["source_ids"]).split(";") if s) if u
        )
        if record_link and table in PAGED:
            row["url"] = record_link(table, row[key])
    return rows


def view_csv(view: View, ds: Dataset, table: str, record_link: RecordLink | None = None) -> bytes:
    """Flat CSV (UTF-8, RFC 4180 line ends, one row per record), formula injection neutralised."""
    rows = flat_rows(view, ds, table, record_link)
    header = list(rows[0]) if rows else _fields(ds, table)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n")  # RFC 4180
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return buf.getvalue().encode("utf-8")


def view_json(
    view: View,
    ds: Dataset,
    filters: str,
    permalink: str | None,
    labels: Labels | None = None,
    accessed: str | None = None,
    record_link: RecordLink | None = None,
) -> bytes:
    """Nested JSON: every record with its full source records (and operators for targets);
    stable field names and codes, and their labels in the reader's language under `fields`."""
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
            if record_link and table in PAGED:
                key = ds.schema.resource(table).primary_key[0]
                rec["url"] = record_link(table, row[key])
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
        "language": labels.lang if labels else "en",
        "fields": {
            table: {
                f.name: {
                    "title": f.title_in(labels.lang if labels else "en"),
                    "description": f.description_in(labels.lang if labels else "en"),
                }
                for f in ds.schema.resource(table).fields
            }
            for table in ("targets", "deployments", "events")
        },
        "targets": records("targets"),
        "deployments": records("deployments"),
        "events": records("events"),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def package_zip(data_dir: Path) -> bytes:
    """The whole data package (descriptor, tables, docs, geometry) as a ZIP; the archived
    earlier releases (data/releases/) are not repeated in it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(data_dir.rglob("*")):
            rel = path.relative_to(data_dir)
            if path.is_file() and not path.name.startswith(".") and rel.parts[0] != "releases":
                z.write(path, Path("pegasus-atlas-data") / path.relative_to(data_dir))
    return buf.getvalue()


# ---------------------------------------------------------------------- citation


def citation(
    view: View,
    version: str,
    as_of: str,
    filters: str,
    permalink: str | None,
    t: Translator,
    accessed: str | None = None,
) -> dict[str, str]:
    """Author-date and BibTeX citations of the view (its sources: `source_list`)."""
    accessed = accessed or date.today().isoformat()
    link = permalink or ""
    who = t._("Pegasus Atlas contributors")
    title = t._("Pegasus Atlas: sourced records of NSO Group Pegasus spyware use")
    text = (
        t._(
            "{who} ({year}). {title}, data version {version} ({as_of}). View: {filters}. {link} "
            "(accessed {accessed})."
        )
        .format(
            who=who,
            year=as_of[:4],
            title=title,
            version=version,
            as_of=as_of,
            filters=filters,
            link=link,
            accessed=accessed,
        )
        .replace("  ", " ")
    )
    key = f"pegasusatlas{as_of[:4]}v{version.replace('.', '')}"
    view_word, data_as_of = t._("View"), t._("Data as of {date}").format(date=as_of)
    bib = (
        f"@misc{{{key},\n  author = {{{{{_bib_escape(who)}}}}},\n"
        f"  title = {{{{{_bib_escape(title)}}}}},\n"
        f"  year = {{{as_of[:4]}}},\n  version = {{{version}}},\n"
        f"  note = {{{_bib_escape(view_word)}: {_bib_escape(filters)}. "
        f"{_bib_escape(data_as_of)}}},\n"
        f"  url = {{{link}}},\n  urldate = {{{accessed}}},\n  language = {{{t.code}}}\n}}"
    )
    return {"author_date": text, "bibtex": bib}


def source_list(view: View, t: Translator) -> str:
    """One line per source of the records shown, by publisher and date."""
    s = view.sources.sort_values(["publisher", "published"])
    withheld = t._("link withheld in privacy mode")
    lines = [
        f"{p} ({t.date(d)}). {title}. {u or withheld}"
        for p, d, title, u in zip(s["publisher"], s["published"], s["title"], s["url"], strict=True)
    ]
    return "\n".join(lines)


def _bib_escape(text: str) -> str:
    return "".join("\\" + c if c in "{}%&$#_" else c for c in text)
