"""Display tables: the rows a page shows, with headings from the descriptor in the reader's
language, codes turned into labels, dates at their precision, links to sources and record pages.

Belongs here: pure functions from a view (or a frame) to a `Table` (the frame plus which columns
are links and which column is coloured by a vocabulary), tested without Streamlit.
Does not belong here: Streamlit (pages hand a `Table` to `ui.share.table()`), filtering.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.i18n import Translator
from dashboard.labels import Labels

Link = Callable[[str], str]  # record id -> URL of its page


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    links: dict[str, str] = field(default_factory=dict)  # column -> display text of its links
    colours: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> label -> colour
    help: dict[str, str] = field(default_factory=dict)  # column -> tooltip

    @property
    def empty(self) -> bool:
        return self.frame.empty


def _first_source(frame: pd.DataFrame, urls: pd.Series) -> pd.Series:
    return frame["source_ids"].map(lambda ids: (urls.get(ids[0]) or None) if ids else None)


def _country(labels: Labels, frame: pd.DataFrame) -> pd.Series:
    return frame["target_country"].fillna(frame["location_country"]).map(labels.country)


def targets(
    view_targets: pd.DataFrame,
    operators: pd.DataFrame,
    sources: pd.DataFrame,
    labels: Labels,
    t: Translator,
    record: Link | None = None,
) -> Table:
    """One row per target: name or role label, type, country, operators, status, people..."""
    f = labels.field
    ops = operators.groupby("target_id")["operator"].agg(tuple)
    urls = sources.set_index("source_id")["url"]
    tt = view_targets
    frame = pd.DataFrame(
        {
            f("targets", "label"): tt["label"],
            f("targets", "target_type"): tt["target_type"]
            .astype(str)
            .map(lambda v: labels.code("targets.target_type", v)),
            t._("Country"): _country(labels, tt),
            t._("Suspected operator(s)"): tt["target_id"].map(
                lambda i: (
                    t.commas([labels.country(c) for c in ops.get(i, ())]) or t._("unattributed")
                )
            ),
            f("targets", "status"): tt["status"]
            .astype(str)
            .map(lambda v: labels.code("targets.status", v)),
            t._("People"): tt["group_size"].astype("Float64").fillna(1).astype(int),
            t._("Activity"): [
                t.span(a, b) for a, b in zip(tt["first_activity"], tt["last_activity"], strict=True)
            ],
            f("targets", "reported_on"): tt["reported_on"].map(t.date),
            t._("First source"): _first_source(tt, urls),
            t._("Sources"): tt["source_ids"].map(len),
        }
    )
    links = {t._("First source"): t._("open")}
    if record is not None:
        frame.insert(0, t._("Case file"), tt["target_id"].map(record))
        links[t._("Case file")] = t._("open")
    return Table(
        frame.reset_index(drop=True),
        links=links,
        colours={f("targets", "status"): labels.labelled_colours("targets.status")},
        help={t._("People"): t._("1 for a person; the group's size for a group")},
    )


def events(
    view_events: pd.DataFrame,
    sources: pd.DataFrame,
    labels: Labels,
    t: Translator,
    record: Link | None = None,
) -> Table:
    f = labels.field
    ev = view_events.sort_values("date_start", ascending=False)
    urls = sources.set_index("source_id")["url"]
    frame = pd.DataFrame(
        {
            f("events", "date"): ev["date"].map(t.date),
            f("events", "event_type"): ev["event_type"]
            .astype(str)
            .map(lambda v: labels.code("events.event_type", v)),
            f("events", "title"): ev["title"],
            f("events", "countries"): ev["countries"].map(
                lambda cs: t.commas([labels.country(c) for c in cs])
            ),
            f("events", "cves"): ev["cves"].map(", ".join),
            t._("First source"): _first_source(ev, urls),
        }
    )
    links = {t._("First source"): t._("open")}
    if record is not None:
        frame.insert(0, t._("Event page"), ev["event_id"].map(record).to_numpy())
        links[t._("Event page")] = t._("open")
    return Table(frame.reset_index(drop=True), links=links)


def deployments(dep: pd.DataFrame, sources: pd.DataFrame, labels: Labels, t: Translator) -> Table:
    f = labels.field
    urls = sources.set_index("source_id")["url"]
    frame = pd.DataFrame(
        {
            f("deployments", "evidence_type"): dep["evidence_type"]
            .astype(str)
            .map(lambda v: labels.code("deployments.evidence_type", v)),
            f("deployments", "country_role"): dep["country_role"]
            .astype(str)
            .map(lambda v: labels.code("deployments.country_role", v)),
            f("deployments", "confidence"): dep["confidence"]
            .astype(str)
            .map(lambda v: labels.code("deployments.confidence", v)),
            f("deployments", "agency"): dep["agency"].fillna(""),
            f("deployments", "operator_codenames"): dep["operator_codenames"].map(", ".join),
            t._("Period"): [
                t.span(a, b) for a, b in zip(dep["period_start"], dep["period_end"], strict=True)
            ],
            f("deployments", "reported_on"): dep["reported_on"].map(t.date),
            f("deployments", "summary"): dep["summary"],
            t._("First source"): _first_source(dep, urls),
        }
    )
    return Table(frame.reset_index(drop=True), links={t._("First source"): t._("open")})


def sources_table(src: pd.DataFrame, labels: Labels, t: Translator) -> Table:
    f = labels.field
    frame = pd.DataFrame(
        {
            f("sources", "publisher"): src["publisher"],
            f("sources", "title"): src["title"],
            f("sources", "published"): src["published"].map(t.date),
            f("sources", "source_kind"): src["source_kind"]
            .astype(str)
            .map(lambda v: labels.code("sources.source_kind", v)),
            f("sources", "original_publisher"): src["original_publisher"].fillna(""),
            f("sources", "url"): src["url"].map(lambda u: u or None),
            f("sources", "source_id"): src["source_id"],
        }
    )
    return Table(frame.reset_index(drop=True), links={f("sources", "url"): ""})


def states(states_frame: pd.DataFrame, labels: Labels, t: Translator) -> Table:
    shown = states_frame[states_frame["level"].notna()]
    frame = pd.DataFrame(
        {
            t._("State"): shown["name"],
            t._("Strongest evidence"): shown["level_label"],
            t._("Deployment records"): shown["n_records"],
            t._("Target records located there"): shown["n_targets"],
        }
    )
    return Table(
        frame.reset_index(drop=True),
        colours={t._("Strongest evidence"): labels.labelled_colours("evidence_level")},
    )


def arcs(arc_rows: pd.DataFrame, labels: Labels, t: Translator) -> Table:
    frame = pd.DataFrame(
        {
            t._("Suspected operator"): arc_rows["operator"].map(labels.country),
            t._("Targets in"): arc_rows["destination"].map(labels.country),
            t._("Target records"): arc_rows["n_targets"],
            t._("People"): arc_rows["n_people"],
        }
    )
    return Table(frame.reset_index(drop=True))


def reports(reconciled: pd.DataFrame, labels: Labels, t: Translator) -> Table:
    f = labels.field
    frame = pd.DataFrame(
        {
            f("reports", "title"): reconciled["report"],
            f("reports", "published"): reconciled["published"].map(t.date),
            f("reports", "figure"): reconciled["figure"],
            f("reports", "measure"): reconciled["measure"],
            t._("In the data"): reconciled["dataset"],
            t._("Difference"): reconciled["gap"],
            f("reports", "notes"): reconciled["notes"],
        }
    )
    return Table(frame.reset_index(drop=True))


def text_on(hex_colour: str) -> str:
    """Dark or white text, whichever has the higher WCAG contrast on the colour."""

    def lum(h: str) -> float:
        rgb = [int(h.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    bg = lum(hex_colour)
    dark = (bg + 0.05) / (lum("#1f1b24") + 0.05)
    light = 1.05 / (bg + 0.05)
    return "#1f1b24" if dark >= light else "#ffffff"
