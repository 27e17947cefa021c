"""The filter registry: every global filter declared once, and the state that holds their values.

Belongs here: `Filter` (id, URL keys, kind, vocabulary, the rules that say which tables it narrows
and how, its plain-words phrase, its widget title), `FILTERS` (the registry), `FilterState` (a
frozen value keyed by filter id), `prepare()` (per-dataset helper columns computed once),
`apply()` -> `View`, `describe_filters()` in the reader's language, and the URL codec
(`FilterState.to_query_params()` / `from_query_params()`). The sidebar, the URL, the sentence,
the notices, the stamps and the tests all loop over `FILTERS`: adding a filter is adding one entry.
Does not belong here: widgets (see `ui.state`), drawing, any vocabulary code (see the descriptor).

Semantics (stated on the methodology page too): filters combine with AND; the values of one
filter with OR. A record is kept by the period when its years overlap it (targets: first..last
activity, else the date first reported; deployments: period start..end, else reported; events:
their date). Each rule below says which table a filter narrows; a table it has no rule for is
left whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dashboard import search
from dashboard.analysis import publisher_map
from dashboard.dataset import Dataset
from dashboard.i18n import N_, Translator
from dashboard.labels import COUNTRY, Labels

MAX_QUERY = 200
MAX_ITEMS = 500
TABLES = ("targets", "deployments", "events")


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    """How a filter narrows one table. `mask()` returns the rows kept."""

    table: str

    def mask(self, p: Prepared, value: Any) -> pd.Series:  # pragma: no cover - interface
        raise NotImplementedError

    def present(self, p: Prepared) -> set[str]:
        """Codes that occur where this rule looks (for the widget's options)."""
        return set()


@dataclass(frozen=True)
class Overlap(Rule):
    """Years of activity overlap the period (helper columns `_y0`, `_y1`)."""

    def mask(self, p, value):
        frame = p.frame(self.table)
        lo, hi = value
        keep = pd.Series(True, index=frame.index)
        if lo is not None:
            keep &= frame["_y1"] >= lo
        if hi is not None:
            keep &= frame["_y0"] <= hi
        return keep.fillna(False).astype(bool)


@dataclass(frozen=True)
class IsIn(Rule):
    """Any of `columns` holds one of the values (a code, or an item of a list column)."""

    columns: tuple[str, ...] = ()

    def mask(self, p, value):
        frame = p.frame(self.table)
        keep = pd.Series(False, index=frame.index)
        for col in self.columns:
            items = p.items(self.table, col)
            if items is not None:
                hits = items.index[items.isin(value)]
                keep |= pd.Series(frame.index.isin(hits), index=frame.index)
            else:
                keep |= frame[col].isin(value).fillna(False).astype(bool)
        return keep

    def present(self, p):
        out: set[str] = set()
        for col in self.columns:
            items = p.items(self.table, col)
            out |= set(items if items is not None else p.frame(self.table)[col].dropna())
        return {str(v) for v in out}


@dataclass(frozen=True)
class Via(Rule):
    """Rows linked through another table (`link`) whose `column` holds one of the values."""

    link: str = ""
    key: str = ""
    column: str = ""

    def mask(self, p, value):
        frame = p.frame(self.table)
        linked = p.frame(self.link)
        keys = set(linked.loc[linked[self.column].isin(value), self.key])
        return frame[self.key].isin(keys).fillna(False).astype(bool)

    def present(self, p):
        return {str(v) for v in p.frame(self.link)[self.column].dropna()}


@dataclass(frozen=True)
class Matches(Rule):
    """Every word of a free-text search matches this table's search index (see `search`)."""

    def mask(self, p, value):
        return search.matches(p.search[self.table], value)


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filter:
    id: str
    keys: tuple[str, ...]  # URL keys (the period has two: from, to)
    kind: str  # "years" | "codes" | "text"
    title: str  # N_-marked widget title
    phrase: str  # N_-marked phrase, `{values}` replaced by the chosen values in words
    rules: tuple[Rule, ...]
    vocab: str | None = None  # descriptor reference ('targets.status') or 'country'
    options: str = "vocabulary"  # "vocabulary" (declared order) | "present" (codes in the data)
    help: str = ""  # N_-marked widget help

    @property
    def key(self) -> str:
        return self.keys[0]

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(r.table for r in self.rules)

    @property
    def default(self) -> Any:
        return {"years": (None, None), "codes": (), "text": ""}[self.kind]

    def active(self, value: Any) -> bool:
        return value != self.default

    # words -----------------------------------------------------------------------------
    def describe(self, value: Any, labels: Labels, t: Translator, private: bool = False) -> str:
        if self.kind == "years":
            lo, hi = value
            if lo is not None and lo == hi:
                return t._("in {year}").format(year=lo)
            return f"{lo if lo is not None else '…'}–{hi if hi is not None else '…'}"
        if self.kind == "text":
            if private:  # privacy mode never echoes what was typed (it may be a name)
                return t._("matching a search (terms withheld in privacy mode)")
            return t._(self.phrase).format(values=value)
        words = [labels.code(self.vocab or COUNTRY, v) for v in value]
        return t._(self.phrase).format(values=t.either(words))

    # URL codec -------------------------------------------------------------------------
    def encode(self, value: Any) -> dict[str, str]:
        if not self.active(value):
            return {}
        if self.kind == "years":
            return {k: str(v) for k, v in zip(self.keys, value, strict=True) if v is not None}
        if self.kind == "codes":
            return {self.key: ",".join(value)}
        return {self.key: str(value)}


def _country_rules() -> dict[str, tuple[Rule, ...]]:
    return {
        "operators": (
            Via("targets", link="target_operators", key="target_id", column="operator"),
            IsIn("target_operators", columns=("operator",)),
            IsIn("deployments", columns=("country",)),
            IsIn("events", columns=("countries",)),
        ),
        "target_countries": (
            IsIn("targets", columns=("target_country", "location_country")),
            IsIn("events", columns=("countries",)),
        ),
    }


FILTERS: tuple[Filter, ...] = (
    Filter(
        "period",
        ("from", "to"),
        "years",
        N_("Period"),
        "",
        tuple(Overlap(t) for t in TABLES),
    ),
    Filter(
        "operators",
        ("op",),
        "codes",
        N_("Suspected operator state"),
        N_("suspected operator {values}"),
        _country_rules()["operators"],
        vocab=COUNTRY,
        options="present",
    ),
    Filter(
        "target_countries",
        ("tc",),
        "codes",
        N_("Target country"),
        N_("targets from or in {values}"),
        _country_rules()["target_countries"],
        vocab=COUNTRY,
        options="present",
    ),
    Filter(
        "target_types",
        ("type",),
        "codes",
        N_("Target type"),
        N_("type: {values}"),
        (IsIn("targets", columns=("target_type",)),),
        vocab="targets.target_type",
    ),
    Filter(
        "statuses",
        ("status",),
        "codes",
        N_("Status of target"),
        N_("status: {values}"),
        (IsIn("targets", columns=("status",)),),
        vocab="targets.status",
    ),
    Filter(
        "confidence",
        ("conf",),
        "codes",
        N_("Deployment evidence confidence"),
        N_("{values} deployment evidence"),
        (IsIn("deployments", columns=("confidence",)),),
        vocab="deployments.confidence",
    ),
    Filter(
        "investigators",
        ("inv",),
        "codes",
        N_("Investigating organisation"),
        N_("investigated by {values}"),
        (IsIn("targets", columns=("investigated_by",)),),
        vocab="targets.investigated_by",
    ),
    Filter(
        "query",
        ("q",),
        "text",
        N_("Search"),
        N_("matching “{values}”"),
        tuple(Matches(t) for t in TABLES),
        help=N_(
            "Every word must match: names, roles, countries and nationalities, summaries, "
            "agencies, codenames, CVEs. Any language, accents optional."
        ),
    ),
)
BY_ID = {f.id: f for f in FILTERS}
BY_KEY = {k: f for f in FILTERS for k in f.keys}


# --------------------------------------------------------------------------- state


@dataclass(frozen=True)
class FilterState:
    """The values of the active filters, by filter id (defaults are not stored)."""

    items: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, **values: Any) -> FilterState:
        """`FilterState.of(statuses=("infected",), period=(2019, None))`; unknown ids raise."""
        clean = []
        for f in FILTERS:
            if f.id in values:
                v = values.pop(f.id)
                v = tuple(v) if f.kind == "codes" else v
                if f.active(v):
                    clean.append((f.id, v))
        if values:
            raise KeyError(f"unknown filter(s): {', '.join(values)}")
        return cls(tuple(clean))

    def get(self, filter_id: str) -> Any:
        if filter_id not in BY_ID:
            raise KeyError(f"unknown filter {filter_id!r}")
        return dict(self.items).get(filter_id, BY_ID[filter_id].default)

    def replace(self, **values: Any) -> FilterState:
        return FilterState.of(**{**dict(self.items), **values})

    @property
    def is_default(self) -> bool:
        return not self.items

    @property
    def active(self) -> list[Filter]:
        ids = dict(self.items)
        return [f for f in FILTERS if f.id in ids]

    def to_query_params(self, private: bool = False) -> dict[str, str]:
        """Only the active filters: a short, shareable URL. In privacy mode no search text."""
        out: dict[str, str] = {}
        for f in self.active:
            if private and f.kind == "text":
                continue
            out.update(f.encode(self.get(f.id)))
        return out


def from_query_params(
    params: Mapping[str, str | Sequence[str]],
    allowed: Mapping[str, Sequence[str] | frozenset[str]],
    years: tuple[int, int],
    t: Translator,
    other_keys: Sequence[str] = (),
) -> tuple[FilterState, list[str]]:
    """Decode a URL's parameters. Unknown keys and invalid values are dropped with a notice."""
    notices: list[str] = []
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    for key, value in params.items():
        items = [value] if isinstance(value, str) else list(value)
        text = ",".join(str(i) for i in items)
        if key in other_keys:
            continue
        if key not in BY_KEY:
            notices.append(t._("Ignored unknown link parameter “{key}”.").format(key=_shorten(key)))
            continue
        raw[key] = text
    for f in FILTERS:
        if not any(k in raw for k in f.keys):
            continue
        if f.kind == "years":
            values[f.id] = _period(f, raw, years, t, notices)
        elif f.kind == "text":
            text = raw[f.key]
            if len(text) > MAX_QUERY:
                notices.append(t._("Search text shortened to {n} characters.").format(n=MAX_QUERY))
            values[f.id] = "".join(ch for ch in text[:MAX_QUERY] if ch.isprintable()).strip()
        else:
            values[f.id] = _codes(f, raw[f.key], allowed[f.id], t, notices)
    return FilterState.of(**values), notices


def _shorten(text: str, n: int = 40) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return clean if len(clean) <= n else clean[: n - 1] + "…"


def _year(text: str, years: tuple[int, int]) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    return year if years[0] <= year <= years[1] else None


def _period(f: Filter, raw: dict, years: tuple[int, int], t: Translator, notices: list) -> tuple:
    bounds: list[int | None] = []
    for key in f.keys:
        if key not in raw:
            bounds.append(None)
            continue
        year = _year(raw[key], years)
        if year is None:
            notices.append(
                t._("Ignored “{key}”: not a year between {first} and {last}.").format(
                    key=_shorten(f"{key}={raw[key]}"), first=years[0], last=years[1]
                )
            )
        bounds.append(year)
    lo, hi = bounds
    if lo is not None and hi is not None and lo > hi:
        notices.append(t._("Ignored the period: its start is after its end."))
        return (None, None)
    return (lo, hi)


def _codes(f: Filter, text: str, allowed, t: Translator, notices: list[str]) -> tuple[str, ...]:
    upper = f.vocab == COUNTRY
    kept, dropped = [], []
    for raw in text.split(",")[:MAX_ITEMS]:
        code = raw.strip().upper() if upper else raw.strip().lower()
        if not code:
            continue
        (kept if code in allowed and code not in kept else dropped).append(code)
    if dropped:
        notices.append(
            t._("Ignored {n} unknown value(s) in “{key}”: {values}.").format(
                n=len(dropped), key=f.key, values=_shorten(", ".join(dropped))
            )
        )
    if not upper:  # keep the descriptor's order for categories
        kept = [c for c in allowed if c in kept]
    return tuple(kept)


# --------------------------------------------------------------------------- prepared data


@dataclass(frozen=True)
class Prepared:
    """Frames with helper columns (_y0, _y1 years) and exploded list columns, computed once."""

    ds: Dataset
    frames: dict[str, pd.DataFrame]
    lists: dict[tuple[str, str], pd.Series]  # (table, list column) -> items, index = row label
    search: dict[str, pd.Series]  # table -> folded search text per row
    allowed: dict[str, Any]  # filter id -> codes a URL may name
    years: tuple[int, int]  # the period a URL may name
    publisher_of: dict[str, str]
    source_rows: dict[str, pd.Series]  # table -> source row positions, index = row label
    private: bool = False

    def frame(self, table: str) -> pd.DataFrame:
        return self.frames[table]

    def items(self, table: str, column: str) -> pd.Series | None:
        return self.lists.get((table, column))

    def options(self, f: Filter) -> list[str]:
        """The choices a filter's widget offers: declared order, or codes present in the data."""
        if f.options == "present":
            return sorted(set().union(*(r.present(self) for r in f.rules)))
        return list(self.allowed[f.id])


def _years(first: pd.Series, *fallbacks: pd.Series) -> pd.Series:
    out = first.dt.year
    for fb in fallbacks:
        out = out.fillna(fb.dt.year)
    return out.astype("float64")


def _explode(series: pd.Series) -> pd.Series:
    """A list column as one row per item, indexed by the row it came from (vectorised filters)."""
    out = series.explode()
    return out[out.notna()].astype(object)


def _with_years(ds: Dataset) -> dict[str, pd.DataFrame]:
    t = ds.targets.copy()
    t["_y0"] = _years(t["first_activity_start"], t["last_activity_start"], t["reported_on_start"])
    t["_y1"] = _years(t["last_activity_end"], t["first_activity_end"], t["reported_on_end"])
    d = ds.deployments.copy()
    d["_y0"] = _years(d["period_start_start"], d["reported_on_start"])
    d["_y1"] = _years(d["period_end_end"], d["reported_on_end"])
    e = ds.events.copy()
    e["_y0"] = e["date_start"].dt.year.astype("float64")
    e["_y1"] = e["_y0"]
    return {"targets": t, "deployments": d, "events": e, "target_operators": ds.target_operators}


def prepare(ds: Dataset, private: bool = False) -> Prepared:
    """Compute per-row helper columns once per dataset (cache the result at the edge)."""
    frames = _with_years(ds)
    lists = {
        (name, f.name): _explode(frames[name][f.name])
        for name in frames
        for f in ds.schema.resource(name).fields
        if f.is_list
    }
    source_pos = pd.Index(ds.sources["source_id"].astype(object))
    source_rows = {}
    for name in frames:
        items = lists[(name, "source_ids")]
        source_rows[name] = pd.Series(source_pos.get_indexer(items.to_numpy()), index=items.index)
    years = pd.concat([frames[n][c] for n in TABLES for c in ("_y0", "_y1")]).dropna()
    span = (int(years.min()), int(years.max())) if len(years) else (2010, 2026)
    allowed: dict[str, Any] = {}
    for f in FILTERS:
        if f.kind == "codes":
            allowed[f.id] = (
                frozenset(ds.countries["iso3"])
                if f.vocab == COUNTRY
                else ds.schema.vocabulary(f.vocab).allowed
            )
    return Prepared(
        ds=ds,
        frames=frames,
        lists=lists,
        search=search.index(ds, frames, private),
        allowed=allowed,
        years=span,
        publisher_of=publisher_map(ds.sources),
        source_rows=source_rows,
        private=private,
    )


# --------------------------------------------------------------------------- applying


@dataclass(frozen=True)
class View:
    state: FilterState
    targets: pd.DataFrame
    target_operators: pd.DataFrame
    deployments: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    publisher_of: dict[str, str] = field(default_factory=dict)  # source_id -> credited publisher
    # Other tables whose rows belong to a kept record (e.g. the steps of the targets kept).
    extra: dict[str, pd.DataFrame] = field(default_factory=dict, compare=False, hash=False)
    # Results derived from this view's frames (e.g. credited publishers), shared by its charts.
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def narrowed(self, **frames: pd.DataFrame) -> View:
        """The same view with some tables narrowed further (e.g. one country's events)."""
        kw = {n: frames.get(n, getattr(self, n)) for n in (*TABLES, "target_operators", "sources")}
        return View(self.state, publisher_of=self.publisher_of, extra=self.extra, **kw)

    def table(self, name: str) -> pd.DataFrame:
        return self.extra[name] if name in self.extra else getattr(self, name)


def apply(p: Prepared, state: FilterState) -> View:
    """Filter every table by `state`; sources are those cited by the rows kept."""
    keep = {
        name: pd.Series(True, index=p.frame(name).index) for name in (*TABLES, "target_operators")
    }
    for f in state.active:
        value = state.get(f.id)
        for rule in f.rules:
            keep[rule.table] &= rule.mask(p, value).to_numpy()
    kept = {name: p.frame(name)[mask.to_numpy()] for name, mask in keep.items()}
    ops = kept["target_operators"]
    kept["target_operators"] = ops[ops["target_id"].isin(kept["targets"]["target_id"])]
    cited = [
        p.source_rows[name].to_numpy()[np.isin(p.source_rows[name].index, kept[name].index)]
        for name in (*TABLES, "target_operators")
    ]
    rows = np.unique(np.concatenate(cited)) if cited else np.array([], dtype=int)
    return View(
        state,
        kept["targets"],
        kept["target_operators"],
        kept["deployments"],
        kept["events"],
        p.ds.sources.iloc[rows],
        p.publisher_of,
        extra=_children(p, kept),
    )


def _children(p: Prepared, kept: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables (beyond the filtered ones) whose rows point at a kept target, event or
    deployment, narrowed to those rows."""
    out = {}
    for r in p.ds.schema.resources:
        if r.name in kept or r.name in p.frames:
            continue
        for fk in r.foreign_keys:
            if fk.resource in TABLES and not fk.on_list and p.ds.has(r.name):
                frame = p.ds.table(r.name)
                keys = kept[fk.resource][fk.reference_fields[0]]
                out[r.name] = frame[frame[fk.fields[0]].isin(keys)]
                break
    return out


# --------------------------------------------------------------------------- plain words


def describe_filters(
    state: FilterState,
    labels: Labels,
    t: Translator,
    tables: frozenset[str] = frozenset(TABLES),
    private: bool = False,
) -> list[str]:
    """Phrases for the active filters that narrow any of `tables`, registry order."""
    return [
        f.describe(state.get(f.id), labels, t, private) for f in state.active if f.tables & tables
    ]
