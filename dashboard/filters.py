"""Global filter state: a value that filters every table, describes itself, and round-trips URLs.

Belongs here: `FilterState` (frozen), `prepare()` (per-dataset helper columns computed once),
`apply()` -> `View` (the filtered tables and the sources they cite), `describe()` in plain words,
and the query-parameter codec. Does not belong here: widgets or Streamlit (see `ui`), drawing.

Semantics (also stated on the methodology page):
- period: a record is kept when its years overlap the period. Targets use first..last activity,
  falling back to the date first reported; deployments use period start..end, falling back to the
  date reported; events use their date.
- operators: targets with any suspected operator in the set; deployments of those states;
  events concerning them. target countries: targets from or located in the set; events concerning.
- target type, status, investigator: targets only. evidence confidence: deployments only.
- search: case-insensitive substring in names, summaries, agencies, codenames, titles, actors, CVEs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd

from dashboard.analysis import people_split, publisher_map
from dashboard.dataset import Dataset

MAX_QUERY = 200
Labeller = Callable[[str, str], str]  # (kind, code) -> display name
LIST_KEYS = {
    "operators": "op",
    "target_countries": "tc",
    "target_types": "type",
    "statuses": "status",
    "confidence": "conf",
    "investigators": "inv",
}
PARAM_KEYS = {"year_from": "from", "year_to": "to", **LIST_KEYS, "query": "q"}


@dataclass(frozen=True)
class FilterState:
    year_from: int | None = None
    year_to: int | None = None
    operators: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    target_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    confidence: tuple[str, ...] = ()
    investigators: tuple[str, ...] = ()
    query: str = ""

    @property
    def is_default(self) -> bool:
        return self == FilterState()

    def to_query_params(self) -> dict[str, str]:
        """Only the non-default filters, lists comma-joined: a short, shareable URL."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, (), ""):
                continue
            key = PARAM_KEYS[f.name]
            out[key] = ",".join(value) if isinstance(value, tuple) else str(value)
        return out


@dataclass(frozen=True)
class Vocabulary:
    """Values a URL may name: derived from the descriptor and the countries table."""

    countries: frozenset[str]
    target_types: tuple[str, ...]
    statuses: tuple[str, ...]
    confidence: tuple[str, ...]
    investigators: tuple[str, ...]
    first_year: int
    last_year: int

    def allowed(self, name: str) -> Sequence[str] | frozenset[str]:
        if name in ("operators", "target_countries"):
            return self.countries
        return getattr(self, name)


@dataclass(frozen=True)
class Prepared:
    """Frames with helper columns (_y0, _y1 years, _text search blob) and exploded lists."""

    ds: Dataset
    targets: pd.DataFrame
    deployments: pd.DataFrame
    events: pd.DataFrame
    vocab: Vocabulary
    publisher_of: dict[str, str]
    lists: dict[str, pd.Series]  # "table.column" -> list items exploded (index = row label)


@dataclass(frozen=True)
class View:
    state: FilterState
    targets: pd.DataFrame
    target_operators: pd.DataFrame
    deployments: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    publisher_of: dict[str, str] = field(default_factory=dict)  # source_id -> credited publisher
    # Results derived from this view's frames (e.g. credited publishers), shared by its charts.
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


def _fold(text: str) -> str:
    """Lower case without accents, so 'jose' finds 'José'."""
    norm = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in norm if not unicodedata.combining(c))


def _blob(frame: pd.DataFrame, cols: Sequence[str]) -> pd.Series:
    parts = []
    for c in cols:
        s = frame[c]
        if s.dtype == object:
            s = s.map(lambda v: " ".join(v) if isinstance(v, tuple) else "")
        parts.append(s.astype("string").fillna(""))
    joined = parts[0].str.cat(parts[1:], sep=" ") if len(parts) > 1 else parts[0]
    return joined.map(_fold).astype(object)


def _years(first: pd.Series, *fallbacks: pd.Series) -> pd.Series:
    out = first.dt.year
    for fb in fallbacks:
        out = out.fillna(fb.dt.year)
    return out.astype("float64")


def vocabulary(ds: Dataset) -> Vocabulary:
    s = ds.schema
    years = pd.concat(
        [
            ds.events["date_start"],
            ds.targets["reported_on_start"],
            ds.deployments["reported_on_start"],
        ]
    ).dt.year
    return Vocabulary(
        countries=frozenset(ds.countries["iso3"]),
        target_types=tuple(c.value for c in s.categories("targets", "target_type")),
        statuses=tuple(c.value for c in s.categories("targets", "status")),
        confidence=tuple(c.value for c in s.categories("deployments", "confidence")),
        investigators=tuple(c.value for c in s.categories("targets", "investigated_by")),
        first_year=int(years.min()) if len(years) else 2010,
        last_year=int(years.max()) if len(years) else 2026,
    )


def prepare(ds: Dataset) -> Prepared:
    """Compute per-row helper columns once per dataset (cache the result at the edge)."""
    t = ds.targets.copy()
    t["_y0"] = _years(t["first_activity_start"], t["last_activity_start"], t["reported_on_start"])
    t["_y1"] = _years(t["last_activity_end"], t["first_activity_end"], t["reported_on_end"])
    t["_text"] = _blob(t, ["label", "summary", "exploit", "target_id"])
    d = ds.deployments.copy()
    d["_y0"] = _years(d["period_start_start"], d["reported_on_start"])
    d["_y1"] = _years(d["period_end_end"], d["reported_on_end"])
    d["_text"] = _blob(d, ["summary", "agency", "operator_codenames"])
    e = ds.events.copy()
    e["_y0"] = e["date_start"].dt.year.astype("float64")
    e["_y1"] = e["_y0"]
    e["_text"] = _blob(e, ["title", "summary", "actors", "cves"])
    ops = ds.target_operators
    ops_row = pd.Index(t["target_id"].astype(object)).get_indexer(ops["target_id"].astype(object))
    source_pos = pd.Index(ds.sources["source_id"].astype(object))

    def positions(series: pd.Series) -> pd.Series:  # source ids -> row positions in sources
        items = _explode(series)
        return pd.Series(source_pos.get_indexer(items.to_numpy()), index=items.index)

    lists = {
        "targets.operators": pd.Series(ops["operator"].to_numpy(), index=ops_row),
        "targets.investigated_by": _explode(t["investigated_by"]),
        "events.countries": _explode(e["countries"]),
        "target_operators.target_row": pd.Series(ops_row, index=ops.index),
        "targets.sources": positions(t["source_ids"]),
        "deployments.sources": positions(d["source_ids"]),
        "events.sources": positions(e["source_ids"]),
        "target_operators.sources": positions(ops["source_ids"]),
    }
    return Prepared(ds, t, d, e, vocabulary(ds), publisher_map(ds.sources), lists)


def _explode(series: pd.Series) -> pd.Series:
    """A list column as one row per item, indexed by the row it came from (vectorised filters)."""
    out = series.explode()
    return out[out.notna()].astype(object)


def _overlaps(frame: pd.DataFrame, state: FilterState) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if state.year_from is not None:
        keep &= frame["_y1"] >= state.year_from
    if state.year_to is not None:
        keep &= frame["_y0"] <= state.year_to
    return keep


def _any_in(frame: pd.DataFrame, items: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Rows of `frame` with any of `wanted` among their exploded list `items`."""
    hits = items.index[items.isin(wanted)]
    return pd.Series(frame.index.isin(hits), index=frame.index)


def apply(p: Prepared, state: FilterState) -> View:
    """Filter every table by `state`; sources are those cited by the rows kept."""
    needle = _fold(state.query.strip())
    t, d, e = p.targets, p.deployments, p.events
    kt, kd, ke = _overlaps(t, state), _overlaps(d, state), _overlaps(e, state)
    if state.operators:
        kt &= _any_in(t, p.lists["targets.operators"], state.operators)
        kd &= d["country"].isin(state.operators)
    if state.target_countries:
        tc = set(state.target_countries)
        kt &= t["target_country"].isin(tc).fillna(False) | t["location_country"].isin(tc).fillna(
            False
        )
    if state.operators or state.target_countries:
        ke &= _any_in(e, p.lists["events.countries"], state.operators + state.target_countries)
    if state.target_types:
        kt &= t["target_type"].isin(state.target_types)
    if state.statuses:
        kt &= t["status"].isin(state.statuses)
    if state.investigators:
        kt &= _any_in(t, p.lists["targets.investigated_by"], state.investigators)
    if state.confidence:
        kd &= d["confidence"].isin(state.confidence)
    if needle:
        kt &= t["_text"].str.contains(needle, regex=False)
        kd &= d["_text"].str.contains(needle, regex=False)
        ke &= e["_text"].str.contains(needle, regex=False)
    targets, deployments, events = t[kt.astype(bool)], d[kd.astype(bool)], e[ke.astype(bool)]
    ops = p.ds.target_operators
    ops = ops[np.isin(p.lists["target_operators.target_row"].to_numpy(), targets.index)]
    if state.operators:
        ops = ops[ops["operator"].isin(state.operators)]
    cited = [
        items.to_numpy()[np.isin(items.index, frame.index)]
        for items, frame in (
            (p.lists["targets.sources"], targets),
            (p.lists["deployments.sources"], deployments),
            (p.lists["events.sources"], events),
            (p.lists["target_operators.sources"], ops),
        )
    ]
    sources = p.ds.sources.iloc[np.unique(np.concatenate(cited))]
    return View(state, targets, ops, deployments, events, sources, p.publisher_of)


# ------------------------------------------------------------------ plain words


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _either(values: Sequence[str]) -> str:
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    if len(values) > 4:
        return f"{', '.join(values[:3])} or {len(values) - 3} more"
    return f"{', '.join(values[:-1])} or {values[-1]}"


# Which tables each filter narrows (see the module docstring); a chart's subtitle names only the
# filters that apply to what it shows.
SCOPES = {
    "period": {"targets", "deployments", "events"},
    "statuses": {"targets"},
    "target_types": {"targets"},
    "operators": {"targets", "deployments", "events"},
    "target_countries": {"targets", "events"},
    "confidence": {"deployments"},
    "investigators": {"targets"},
    "query": {"targets", "deployments", "events"},
}
ALL_TABLES = frozenset({"targets", "deployments", "events"})


def describe_filters(
    state: FilterState, label: Labeller, tables: frozenset[str] = ALL_TABLES
) -> list[str]:
    """Phrases for the active filters that narrow `tables`; `label(kind, code)` names codes."""
    out = []

    def applies(name: str) -> bool:
        return bool(SCOPES[name] & tables)

    if (state.year_from is not None or state.year_to is not None) and applies("period"):
        lo = state.year_from if state.year_from is not None else "…"
        hi = state.year_to if state.year_to is not None else "…"
        out.append(f"{lo}–{hi}" if lo != hi else f"in {lo}")
    if state.statuses and applies("statuses"):
        out.append(_either([label("status", v).split(" (")[0].lower() for v in state.statuses]))
    if state.target_types and applies("target_types"):
        out.append(_either([label("target_type", v).lower() + "s" for v in state.target_types]))
    if state.operators and applies("operators"):
        out.append("suspected operator " + _either([label("country", v) for v in state.operators]))
    if state.target_countries and applies("target_countries"):
        out.append(
            "targets from or in " + _either([label("country", v) for v in state.target_countries])
        )
    if state.confidence and applies("confidence"):
        out.append(
            _either([label("confidence", v).lower() for v in state.confidence])
            + " deployment evidence"
        )
    if state.investigators and applies("investigators"):
        out.append(
            "investigated by " + _either([label("investigator", v) for v in state.investigators])
        )
    if state.query.strip() and applies("query"):
        out.append(f"matching “{state.query.strip()}”")
    return out


def describe(view: View, label: Labeller) -> str:
    """One sentence: the result and the active filters, e.g. '41 targets in 6 countries, ...'."""
    t = view.targets
    countries = t["target_country"].fillna(t["location_country"]).dropna().nunique()
    people = int((~t["is_group"]).sum())
    groups = t[t["is_group"]]
    attacked, listed = people_split(t)
    head = _plural(len(t), "target") if len(t) else "No targets"
    if len(t):
        head += f" in {_plural(countries, 'country', 'countries')}"
    phrases = describe_filters(view.state, label)
    sentence = ", ".join([head, *phrases])
    detail = (
        f" ({_plural(people, 'named person', 'named people')} and "
        f"{_plural(len(groups), 'group')}: {attacked:,} people attacked or notified, "
        f"{_plural(listed, 'leaked-list number')}, each counted once)"
        if len(t)
        else ""
    )
    states = view.deployments["country"].nunique()
    return (
        f"{sentence}{detail}; {_plural(len(view.deployments), 'deployment record')} for "
        f"{_plural(states, 'state')}; {_plural(len(view.events), 'event')}."
    )


# --------------------------------------------------------------- URL decoding


def from_query_params(
    params: Mapping[str, str | Sequence[str]], vocab: Vocabulary, other_keys: Sequence[str] = ()
) -> tuple[FilterState, list[str]]:
    """Decode a URL's parameters. Unknown keys and invalid values are dropped with a notice."""
    notices: list[str] = []
    values: dict[str, object] = {}
    by_param = {v: k for k, v in PARAM_KEYS.items()}
    for key, raw in params.items():
        items = [raw] if isinstance(raw, str) else list(raw)
        text = ",".join(str(i) for i in items)
        shown = _shorten(key)
        if key in other_keys:
            continue
        if key not in by_param:
            notices.append(f"Ignored unknown link parameter “{shown}”.")
            continue
        name = by_param[key]
        if name in ("year_from", "year_to"):
            year = _year(text, vocab)
            if year is None:
                notices.append(
                    f"Ignored “{shown}”: not a year between {vocab.first_year} and "
                    f"{vocab.last_year}."
                )
            else:
                values[name] = year
        elif name == "query":
            if len(text) > MAX_QUERY:
                notices.append(f"Search text shortened to {MAX_QUERY} characters.")
            values[name] = "".join(ch for ch in text[:MAX_QUERY] if ch.isprintable()).strip()
        else:
            values[name] = _codes(name, text, vocab, shown, notices)
    state = FilterState(**values)
    if state.year_from and state.year_to and state.year_from > state.year_to:
        notices.append("Ignored the period: its start is after its end.")
        state = replace(state, year_from=None, year_to=None)
    return state, notices


def _shorten(text: str, n: int = 40) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return clean if len(clean) <= n else clean[: n - 1] + "…"


def _year(text: str, vocab: Vocabulary) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    return year if vocab.first_year <= year <= vocab.last_year else None


def _codes(name: str, text: str, vocab: Vocabulary, shown: str, notices: list[str]) -> tuple:
    allowed = vocab.allowed(name)
    upper = name in ("operators", "target_countries")
    kept, dropped = [], []
    for raw in text.split(",")[:500]:
        code = raw.strip().upper() if upper else raw.strip().lower()
        if not code:
            continue
        (kept if code in allowed and code not in kept else dropped).append(code)
    if dropped:
        notices.append(
            f"Ignored {len(dropped)} unknown value(s) in “{shown}”: {_shorten(', '.join(dropped))}."
        )
    if not upper:  # keep the descriptor's order for categories
        kept = [c for c in allowed if c in kept]
    return tuple(kept)
