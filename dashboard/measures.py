"""Headline counts, declared once: what each number counts, how, and its definition in words.

Belongs here: `MEASURES` (id, label, definition, function of a view's frames), the sentence at
the top of every page (`sentence()`: one unit first, the others in plain words after it), and
`headline()` for the README table and `make data-report`, so that the app, the README and the
report always give the same number with the same definition.
Does not belong here: filtering (see `filters`), Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import analysis
from dashboard.filters import View, describe_filters
from dashboard.i18n import N_, Translator
from dashboard.labels import Labels
from dashboard.schema import Schema


@dataclass(frozen=True)
class Frames:
    """The tables a measure counts over (a view, or the whole dataset)."""

    targets: pd.DataFrame
    deployments: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    schema: Schema


@dataclass(frozen=True)
class Measure:
    id: str
    label: str  # N_-marked
    definition: str  # N_-marked
    count: Callable[[Frames], int]


def _countries(f: Frames) -> int:
    t = f.targets
    return int(pd.concat([t["target_country"], t["location_country"]]).dropna().nunique())


def _operator_states(f: Frames) -> int:
    """States whose strongest level is marked `x-operator` in the descriptor."""
    levels = analysis.country_levels(f.deployments, f.schema)
    vocab = f.schema.vocabulary(analysis.LEVELS)
    operator_levels = [c.value for c in vocab.with_prop("operator")]
    return int(levels["level"].astype(str).isin(operator_levels).sum())


def _primary(f: Frames) -> int:
    primary = {c.value for c in f.schema.categories("sources", "source_kind") if c.prop("primary")}
    return int(f.sources["source_kind"].astype(str).isin(primary).sum())


MEASURES: dict[str, Measure] = {
    m.id: m
    for m in (
        Measure(
            "records",
            N_("target records"),
            N_(
                "Rows of the targets table: a named person, or a group of people counted together "
                "(e.g. the 36 Al Jazeera staff)."
            ),
            lambda f: len(f.targets),
        ),
        Measure(
            "named_people",
            N_("named people"),
            N_("Target records that stand for one person named by public reports."),
            lambda f: int(f.targets["named"].astype(bool).sum()),
        ),
        Measure(
            "groups",
            N_("groups"),
            N_("Target records that stand for several people not named one by one."),
            lambda f: int(f.targets["is_group"].sum()),
        ),
        Measure(
            "people",
            N_("people attacked, confirmed or notified"),
            N_(
                "People in target records whose status is evidence of an attack or a warning "
                "(everything but 'listed only'), group sizes included, each person counted once."
            ),
            lambda f: analysis.people_split(f.targets, f.schema)[0],
        ),
        Measure(
            "listed_numbers",
            N_("leaked-list numbers"),
            N_(
                "Phone numbers counted in 'listed only' records (the Pegasus Project leak): a "
                "selection, not proof of an attack."
            ),
            lambda f: analysis.people_split(f.targets, f.schema)[1],
        ),
        Measure(
            "target_countries",
            N_("countries of targets"),
            N_(
                "Distinct countries that target records name as the target's country or as where "
                "the phone was."
            ),
            _countries,
        ),
        Measure(
            "deployment_records",
            N_("deployment records"),
            N_("Rows of the deployments table: one evidence item connecting a state to Pegasus."),
            lambda f: len(f.deployments),
        ),
        Measure(
            "states_with_deployments",
            N_("states with deployment records"),
            N_(
                "Distinct states in deployment records, operators and locations of suspected "
                "infections alike."
            ),
            lambda f: int(f.deployments["country"].nunique()),
        ),
        Measure(
            "operator_states",
            N_("suspected operator states"),
            N_(
                "States whose strongest evidence makes them a confirmed, likely or possible "
                "operator (not only a location of suspected infections)."
            ),
            _operator_states,
        ),
        Measure(
            "events",
            N_("events"),
            N_(
                "Dated investigations, exploits, patches, lawsuits, rulings, policies and other "
                "events."
            ),
            lambda f: len(f.events),
        ),
        Measure(
            "sources",
            N_("sources"),
            N_("Public documents cited by the records counted."),
            lambda f: len(f.sources),
        ),
        Measure(
            "primary_sources",
            N_("primary sources"),
            N_(
                "Sources that are the original report, court record, official statement or the "
                "investigating outlet's own article."
            ),
            _primary,
        ),
    )
}


def frames_of(view: View, schema: Schema) -> Frames:
    return Frames(view.targets, view.deployments, view.events, view.sources, schema)


def count(measure_id: str, frames: Frames) -> int:
    return MEASURES[measure_id].count(frames)


def headline(frames: Frames) -> dict[str, int]:
    return {m.id: m.count(frames) for m in MEASURES.values()}


def view_counts(view: View, schema: Schema) -> dict[str, int]:
    """Every headline count of a view, computed once per view (views are shared by every
    session and page showing that filter state; the counts are read on every rerun)."""
    key = "headline-counts"
    if key not in view.memo:
        view.memo[key] = headline(frames_of(view, schema))
    return view.memo[key]


def sentence(view: View, labels: Labels, t: Translator, private: bool = False) -> str:
    """One sentence above every page: target records first (the one unit), the filters, then
    the other units in plain words."""
    counts = view_counts(view, labels.schema)
    n = counts["records"]
    phrases = describe_filters(view.state, labels, t, private=private)
    if n:
        c = counts["target_countries"]
        head = t.n_("{n} target record", "{n} target records", n).format(n=t.num(n))
        head += " " + t.n_("in {c} country", "in {c} countries", c).format(c=t.num(c))
    else:
        head = t._("No target records")
    head = t.commas([head, *phrases]) + "."
    if not n:
        rest = ""
    else:
        rest = " " + t._(
            "They cover {people} people attacked, confirmed or notified and {listed} "
            "leaked-list numbers, each counted once."
        ).format(people=t.num(counts["people"]), listed=t.num(counts["listed_numbers"]))
    d, s, e = (counts[k] for k in ("deployment_records", "states_with_deployments", "events"))
    tail = " " + t._("Also shown: {d}; {e}.").format(
        d=t.n_(
            "{n} deployment record for {s} states", "{n} deployment records for {s} states", d
        ).format(n=t.num(d), s=t.num(s)),
        e=t.n_("{n} event", "{n} events", e).format(n=t.num(e)),
    )
    return head + rest + tail
