"""Stories: guided, cited walk-throughs of the data, declared in the data package
(`stories.csv`, `story_steps.csv`) and checked against the registries.

Belongs here: `Story` / `Step`, `stories(ds)` (every story version, steps in order), `pick()`
(the reader's language, else English), `validate(ds)` (the rules a loader refuses a story for:
an unknown chart id, filter key or value, record, highlighted record or source; a step numbering
with gaps; a step text outside two to five sentences). Does not belong here: Streamlit, drawing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs

from dashboard import filters as flt
from dashboard.dataset import Dataset
from dashboard.figures import catalog
from dashboard.i18n import DEFAULT, LANGUAGES, translator
from dashboard.validation import Violation

RECORD_VIEWS = {"case": "targets", "event": "events"}  # step chart -> the table of its record
SENTENCE = re.compile(r"[^.!?؟。]+[.!?؟。]+(?=\s|$)")
FILE = "story_steps.csv"


@dataclass(frozen=True)
class Step:
    n: int
    chart: str
    state: flt.FilterState
    query: str  # the filters as written (URL parameters)
    record: str | None
    highlight: tuple[str, ...]
    heading: str
    text: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    id: str
    lang: str
    title: str
    summary: str
    as_of: str
    steps: tuple[Step, ...]


def _allowed(ds: Dataset) -> tuple[dict, tuple[int, int]]:
    allowed = {}
    for f in flt.FILTERS:
        if f.kind == "codes":
            allowed[f.id] = (
                frozenset(ds.countries["iso3"])
                if f.vocab == "country"
                else ds.schema.vocabulary(f.vocab).allowed
            )
    return allowed, (2010, 2026)


def parse_filters(ds: Dataset, query: str) -> tuple[flt.FilterState, list[str]]:
    params = {k: v for k, v in parse_qs(query or "", keep_blank_values=True).items()}
    allowed, years = _allowed(ds)
    return flt.from_query_params(params, allowed, years, translator(DEFAULT))


def stories(ds: Dataset) -> dict[tuple[str, str], Story]:
    """Every story version by (story id, language), steps in order."""
    if not ds.has("stories"):
        return {}
    steps = ds.table("story_steps").sort_values(["story_id", "lang", "step"])
    out = {}
    for s in ds.table("stories").itertuples():
        own = steps[(steps["story_id"] == s.story_id) & (steps["lang"] == s.lang)]
        out[(s.story_id, s.lang)] = Story(
            s.story_id,
            s.lang,
            s.title,
            s.summary,
            s.as_of,
            tuple(
                Step(
                    int(r.step),
                    r.chart,
                    parse_filters(ds, _text(r.filters))[0],
                    _text(r.filters),
                    _text(r.record) or None,
                    tuple(r.highlight),
                    r.heading,
                    r.text,
                    tuple(r.source_ids),
                )
                for r in own.itertuples()
            ),
        )
    return out


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def ids(ds: Dataset) -> list[str]:
    """Story ids in file order."""
    return list(dict.fromkeys(ds.table("stories")["story_id"])) if ds.has("stories") else []


def pick(all_: dict[tuple[str, str], Story], story_id: str, lang: str) -> Story | None:
    """The story in the reader's language, else in English."""
    return all_.get((story_id, lang)) or all_.get((story_id, DEFAULT))


def sentences(text: str) -> int:
    return len(SENTENCE.findall(text.strip() + (" " if text.strip()[-1:] in ".!?؟" else ". ")))


def validate(ds: Dataset) -> list[Violation]:
    """What a loader refuses: see the module docstring."""
    if not ds.has("story_steps"):
        return []
    out = []
    langs = {lang.code for lang in LANGUAGES}
    versions = set(zip(ds.table("stories")["story_id"], ds.table("stories")["lang"], strict=True))
    for _story, lang in versions:
        if lang not in langs:
            out.append(
                Violation(
                    "stories.csv",
                    None,
                    "lang",
                    lang,
                    "language",
                    "is not one of the atlas's languages",
                )
            )
    known = {"targets": set(ds.targets["target_id"]), "events": set(ds.events["event_id"])}
    steps = ds.table("story_steps")
    for i, r in enumerate(steps.itertuples(), start=2):  # line 1 is the header
        where = (FILE, i)
        if (r.story_id, r.lang) not in versions:
            out.append(
                Violation(
                    *where,
                    "story_id",
                    r.story_id,
                    "story",
                    f"has no row in stories.csv for language {r.lang}",
                )
            )
        if r.chart not in catalog.CHARTS and r.chart not in RECORD_VIEWS:
            valid = ", ".join([*catalog.CHARTS, *RECORD_VIEWS])
            out.append(Violation(*where, "chart", r.chart, "chart", f"is not one of {valid}"))
        _, notices = parse_filters(ds, _text(r.filters))
        for n in notices:
            out.append(Violation(*where, "filters", _text(r.filters), "filters", n))
        record = _text(r.record)
        if r.chart in RECORD_VIEWS:
            table = RECORD_VIEWS[r.chart]
            if record not in known[table]:
                out.append(
                    Violation(*where, "record", record, "record", f"is not an id of {table}")
                )
        for h in r.highlight:
            if h not in known["targets"] | known["events"]:
                out.append(
                    Violation(*where, "highlight", h, "record", "is not an id of targets or events")
                )
        count = sentences(r.text)
        if not 2 <= count <= 5:
            out.append(
                Violation(
                    *where,
                    "text",
                    r.text[:40],
                    "sentences",
                    f"has {count} sentences; a step has two to five",
                )
            )
    for (story_id, lang), group in steps.groupby(["story_id", "lang"]):
        numbers = sorted(int(x) for x in group["step"])
        if numbers != list(range(1, len(numbers) + 1)):
            out.append(
                Violation(
                    FILE,
                    None,
                    "step",
                    story_id,
                    "step-order",
                    f"steps of {story_id} ({lang}) are not numbered 1..n",
                )
            )
    return out
