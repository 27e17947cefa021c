"""The chart registry: every published chart declared once, used on pages, in embeds, in image
exports and routes, in the README's table of chart ids, and by the tests and benchmarks.

Belongs here: `Chart` (id, title, what it shows, which view tables it draws and therefore credits,
how to compute the numbers it draws, the figure builder, a template for its text alternative and
its table view, its default height) and `CHARTS`, plus `build()`, `describe()` and `table()`.
Chart ids are part of the public URL scheme (`?embed=<id>`, `/img/<id>.png`): rename none without
keeping the old id working. An unknown id raises `UnknownChart`, which names the valid ids; no
chart ever falls back to another.
Does not belong here: Streamlit, file or network I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import analysis
from dashboard.config import CHART_HEIGHT
from dashboard.figures import charts, maps, timeline
from dashboard.figures.stamps import credited, view_stamp
from dashboard.figures.style import Layout, empty_figure
from dashboard.filters import View, describe_filters
from dashboard.i18n import N_
from dashboard.labels import Labels

STATUSES = "targets.status"
STEPS = "case_steps"
STEP_TYPES = "case_steps.step_type"
TYPES = "targets.target_type"


def widen(t) -> str:
    """The nearest way out of an empty view, in the reader's language."""
    return t._("Widen the period or remove a filter (sidebar → Reset filters).")


class UnknownChart(KeyError):
    """A chart id that is not in the registry; the message lists the ids that exist."""

    def __init__(self, chart_id: str):
        self.chart_id = chart_id
        super().__init__(f"unknown chart {chart_id!r}; valid ids: {', '.join(CHARTS)}")


@dataclass(frozen=True)
class Inputs:
    """What every chart needs besides the view."""

    labels: Labels
    layout: Layout
    version: str
    as_of: str
    permalink: str | None = None
    private: bool = False
    country: str | None = None  # the country profile's focus (see `Chart.focus`)
    period: tuple[int, int] = (2010, 2026)  # the data's years (a filter may narrow them)
    link: Callable[[str, str], str] | None = None  # (table, id) -> URL of a record's page

    @property
    def t(self):
        return self.layout.t


@dataclass(frozen=True)
class Chart:
    id: str
    title: str  # N_-marked
    what: str  # N_-marked: what is counted (the subtitle's first words)
    credits: tuple[str, ...]  # view tables it draws: its stamp credits their rows' publishers
    data: Callable[[View, Inputs], pd.DataFrame]  # the numbers drawn (also the table view)
    figure: Callable[..., go.Figure]  # (chart, data, view, inputs, stamp, height) -> figure
    alt: Callable[..., str]  # (chart, data, view, inputs) -> text alternative from the data
    columns: Callable[[Inputs], dict[str, str]]  # data column -> heading of the table view
    ref: str | None = None  # vocabulary of the data's `code` column ('country' for states)
    coloured: bool = False  # bars take the vocabulary's colours
    height: int = CHART_HEIGHT
    unit: str = N_("target records")  # N_-marked: what one count is
    focus_title: str | None = None  # N_-marked title when focused on one country ({country})

    def title_for(self, inp: Inputs) -> str:
        t = inp.t
        if inp.country and self.focus_title:
            return t._(self.focus_title).format(country=inp.labels.country(inp.country))
        return t._(self.title)


# ------------------------------------------------------------------------ data of charts


def _year_span(view: View, inp: Inputs, data: pd.DataFrame | None = None) -> tuple[int, int]:
    """The years a time axis spans: the filtered period, else the years the data covers."""
    lo, hi = view.state.get("period")
    if data is not None and len(data):
        first, last = int(data["year"].min()), int(data["year"].max())
    else:
        first, last = inp.period
    return (lo if lo is not None else first, hi if hi is not None else last)


def _focus(view: View, inp: Inputs) -> View:
    if not inp.country:
        return view
    ev = view.events
    concerned = ev["countries"].map(lambda cs: inp.country in cs).to_numpy(dtype=bool)
    return view.narrowed(events=ev[concerned])


def _states(view: View, inp: Inputs) -> pd.DataFrame:
    s = maps.view_states(view.deployments, view.targets, inp.labels.countries, inp.labels)
    return s[s["level"].notna()].reset_index(drop=True)


def _events(view: View, inp: Inputs) -> pd.DataFrame:
    return view.events  # already narrowed to the focus country by `build`


def _activity(view: View, inp: Inputs) -> pd.DataFrame:
    yearly = analysis.activity_by_year(view.targets, inp.labels.schema)
    lo, hi = _year_span(view, inp)
    return yearly[(yearly["year"] >= lo) & (yearly["year"] <= hi)].reset_index(drop=True)


def _counts(column: str) -> Callable[[View, Inputs], pd.DataFrame]:
    def data(view: View, inp: Inputs) -> pd.DataFrame:
        c = analysis.counts(view.targets, column)
        return pd.DataFrame({"code": c.index.astype(str), "n": c.to_numpy()})

    return data


def _operators(view: View, inp: Inputs) -> pd.DataFrame:
    c = analysis.operator_counts(view.target_operators)
    return pd.DataFrame({"code": c.index.astype(str), "n": c.to_numpy()})


def _funnel(view: View, inp: Inputs) -> pd.DataFrame:
    """Target records whose evidence reaches each stage: weakest status first, cumulative
    (descriptor order, strongest first), then peer-reviewed (a peer_review step in the trail)."""
    labels = inp.labels
    if view.targets.empty:
        return pd.DataFrame(columns=["code", "label", "n", "colour"])
    order = list(labels.order(STATUSES))
    status = view.targets["status"].astype(str)
    rows = []
    for i in range(len(order) - 1, -1, -1):
        rows.append(
            {
                "code": order[i],
                "label": labels.code(STATUSES, order[i]),
                "n": int(status.isin(order[: i + 1]).sum()),
                "colour": labels.colours(STATUSES).get(order[i], "#6a1b4d"),
            }
        )
    steps = view.extra.get(STEPS)
    if steps is not None:  # the last stage: a trail step whose type is marked `x-funnel`
        for cat in labels.schema.vocabulary(STEP_TYPES).with_prop("funnel"):
            reached = set(steps.loc[steps["step_type"].astype(str) == cat.value, "target_id"])
            rows.append(
                {
                    "code": cat.value,
                    "label": labels.code(STEP_TYPES, cat.value),
                    "n": int(view.targets["target_id"].isin(reached).sum()),
                    "colour": "#1f1b24",
                }
            )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------ figures


def _fig_map(c, data, view, inp, stamp, height):
    return maps.world_figure(data, inp.labels, stamp, inp.layout, height)


def _fig_timeline(c, data, view, inp, stamp, height):
    def publishers(ids: tuple[str, ...]) -> str:
        return inp.t.commas(analysis.credited_publishers(view.publisher_of, ids)[:3])

    link = (lambda eid: inp.link("events", eid)) if inp.link else None
    return timeline.events_timeline(
        data,
        inp.labels,
        publishers,
        stamp,
        inp.layout,
        height,
        period=view.state.get("period"),
        link=link,
    )


def _fig_activity(c, data, view, inp, stamp, height):
    as_of_year = int(inp.as_of[:4])
    return timeline.activity_chart(
        data,
        inp.labels,
        stamp,
        inp.layout,
        height,
        period=_year_span(view, inp, data),
        partial_year=as_of_year,
    )


def _fig_bars(c, data, view, inp, stamp, height):
    counts = pd.Series(data["n"].to_numpy(), index=data["code"])
    return charts.breakdown_bar(
        counts,
        lambda code: inp.labels.code(c.ref, code),
        stamp,
        inp.layout,
        unit=inp.t._(c.unit),
        colours=inp.labels.colours(c.ref) if c.coloured else None,
        height=height,
    )


def _fig_funnel(c, data, view, inp, stamp, height):
    return charts.funnel(data, stamp, inp.layout, unit=inp.t._("target records"), height=height)


# ------------------------------------------------------------------------ text alternatives


def _filters_phrase(chart: Chart, view: View, inp: Inputs) -> str:
    scope = frozenset("targets" if c == "target_operators" else c for c in chart.credits)
    phrases = describe_filters(view.state, inp.labels, inp.t, scope, inp.private)
    return (" (" + inp.t.commas(phrases) + ")") if phrases else ""


def _alt_map(c, data, view, inp):
    t, labels = inp.t, inp.labels
    by_level = data["level"].astype(str).value_counts()
    parts = [
        f"{labels.code(maps.LEVELS, lv)}: {t.num(int(by_level.get(lv, 0)))}"
        for lv in labels.order(maps.LEVELS)
    ]
    top = data.sort_values(["n_records", "name"], ascending=[False, True]).iloc[0]
    return t._(
        "World map of {n} states by strongest deployment evidence{filters}: {levels}. "
        "Most deployment records: {state} ({k})."
    ).format(
        n=t.num(len(data)),
        filters=_filters_phrase(c, view, inp),
        levels=t.clauses(parts),
        state=top["name"],
        k=t.num(int(top["n_records"])),
    )


def _alt_timeline(c, data, view, inp):
    t, labels = inp.t, inp.labels
    years = data["date_start"].dt.year
    busiest = years.value_counts().sort_index().idxmax()
    kinds = data["event_type"].astype(str).value_counts()
    return t._(
        "{n} events from {first} to {last}{filters}, in {k} types; the most are "
        "{type} ({m}); the busiest year is {year} ({y} events)."
    ).format(
        n=t.num(len(data)),
        first=int(years.min()),
        last=int(years.max()),
        filters=_filters_phrase(c, view, inp),
        k=t.num(len(kinds)),
        type=labels.code("events.event_type", kinds.index[0]),
        m=t.num(int(kinds.iloc[0])),
        year=int(busiest),
        y=t.num(int((years == busiest).sum())),
    )


def _alt_activity(c, data, view, inp):
    t, labels = inp.t, inp.labels
    totals = data.groupby("year")["n_targets"].sum()
    peak = int(totals.idxmax())
    at_peak = data[data["year"] == peak].sort_values("n_targets", ascending=False)
    strongest = next(s for s in labels.order(STATUSES) if s in set(at_peak["status"].astype(str)))
    n_strong = int(at_peak.loc[at_peak["status"].astype(str) == strongest, "n_targets"].sum())
    lo, hi = _year_span(view, inp, data)
    return t._(
        "Target records with documented activity per year, {lo}–{hi}, by status{filters}: "
        "most in {year} ({n}), {m} of them {status}."
    ).format(
        lo=lo,
        hi=hi,
        filters=_filters_phrase(c, view, inp),
        year=peak,
        n=t.num(int(totals.max())),
        m=t.num(n_strong),
        status=labels.code(STATUSES, strongest).lower(),
    )


def _alt_bars(c, data, view, inp):
    t, labels = inp.t, inp.labels
    d = data.sort_values(["n", "code"], ascending=[False, True])
    named = [
        f"{labels.code(c.ref, code)} ({t.num(int(n))})"
        for code, n in zip(d["code"].head(3), d["n"].head(3), strict=True)
    ]
    k = len(d)
    return t.n_(
        "{title}{filters}: {k} bar: {top}.",
        "{title}{filters}: {k} bars, largest first: {top}.",
        k,
    ).format(
        title=t._(c.title),
        filters=_filters_phrase(c, view, inp),
        top=t.both(named),
        k=t.num(k),
    )


def _alt_funnel(c, data, view, inp):
    t = inp.t
    steps = t.clauses([f"{r.label}: {t.num(int(r.n))}" for r in data.itertuples()])
    return t._("Target records by the strongest evidence they reach{filters}: {steps}.").format(
        filters=_filters_phrase(c, view, inp), steps=steps
    )


# ------------------------------------------------------------------------ table views


def _cols_map(inp):
    t = inp.t
    return {
        "name": t._("State"),
        "level_label": t._("Strongest evidence"),
        "n_records": t._("Deployment records"),
        "n_targets": t._("Target records located there"),
    }


def _cols_timeline(inp):
    lab = inp.labels
    return {
        "date": lab.field("events", "date"),
        "event_type": lab.field("events", "event_type"),
        "title": lab.field("events", "title"),
        "cves": lab.field("events", "cves"),
    }


def _cols_activity(inp):
    return {
        "year": inp.t._("Year"),
        "status": inp.labels.field("targets", "status"),
        "n_targets": inp.t._("Target records"),
    }


def _cols_bars(heading: Callable[[Inputs], str]):
    return lambda inp: {"code": heading(inp), "n": inp.t._("Target records")}


def _cols_funnel(inp):
    return {"label": inp.t._("Stage"), "n": inp.t._("Target records")}


CHARTS: dict[str, Chart] = {
    c.id: c
    for c in (
        Chart(
            "map",
            N_("Where Pegasus use is documented"),
            N_("States by strongest deployment evidence"),
            ("deployments", "targets"),
            _states,
            _fig_map,
            _alt_map,
            _cols_map,
            height=CHART_HEIGHT + 80,
        ),
        Chart(
            "timeline",
            N_("Pegasus: investigations, exploits, lawsuits and policy"),
            N_("Events by type (marker shape: date known to the day, month or year)"),
            ("events",),
            _events,
            _fig_timeline,
            _alt_timeline,
            _cols_timeline,
            unit=N_("events"),
            focus_title=N_("Pegasus events involving {country}"),
            height=CHART_HEIGHT + 180,
        ),
        Chart(
            "activity",
            N_("Documented targeting per year"),
            N_("Target records with activity in each year, by status"),
            ("targets",),
            _activity,
            _fig_activity,
            _alt_activity,
            _cols_activity,
        ),
        Chart(
            "targets-by-type",
            N_("Targets by type"),
            N_("Target records by role"),
            ("targets",),
            _counts("target_type"),
            _fig_bars,
            _alt_bars,
            _cols_bars(lambda inp: inp.labels.field("targets", "target_type")),
            ref=TYPES,
        ),
        Chart(
            "targets-by-operator",
            N_("Targets by suspected operator"),
            N_("Target records per suspected operator state"),
            ("target_operators",),
            _operators,
            _fig_bars,
            _alt_bars,
            _cols_bars(lambda inp: inp.labels.field("target_operators", "operator")),
            ref="country",
        ),
        Chart(
            "targets-by-status",
            N_("Targets by status"),
            N_("Strongest published evidence per record"),
            ("targets",),
            _counts("status"),
            _fig_bars,
            _alt_bars,
            _cols_bars(lambda inp: inp.labels.field("targets", "status")),
            ref=STATUSES,
            coloured=True,
        ),
        Chart(
            "funnel",
            N_("From listed to proven: the evidence funnel"),
            N_("Target records by the strongest evidence they reach"),
            ("targets",),
            _funnel,
            _fig_funnel,
            _alt_funnel,
            _cols_funnel,
        ),
    )
}


def chart(chart_id: str) -> Chart:
    try:
        return CHARTS[chart_id]
    except KeyError:
        raise UnknownChart(chart_id) from None


def empty_message(c: Chart, view: View, inp: Inputs) -> str:
    """One sentence in the chart's place: why nothing is drawn and the nearest way out."""
    t = inp.t
    what = t._(c.unit)
    if inp.country and "events" in c.credits:
        located = analysis.target_destinations(view.targets) == inp.country
        msg = t._("No {what} concern {country} under these filters.").format(
            what=what, country=inp.labels.country(inp.country)
        )
        if located.any():
            msg += " " + t._("It appears in {n} target records: see the tables above.").format(
                n=t.num(int(located.sum()))
            )
        if not view.state.is_default:
            msg += " " + widen(t)
        return msg
    if view.state.is_default:
        return t._("The data holds no {what} for this chart.").format(what=what)
    return t._("No {what} match these filters.").format(what=what) + " " + widen(t)


def build(chart_id: str, view: View, inp: Inputs, height: int | None = None) -> go.Figure:
    """The stamped figure for `chart_id` under `view`; `UnknownChart` for an unknown id."""
    c = chart(chart_id)
    view = _focus(view, inp) if c.focus_title else view
    data = c.data(view, inp)
    h = height or c.height
    alt = c.alt(c, data, view, inp) if len(data) else empty_message(c, view, inp)
    stamp = view_stamp(
        view,
        c.title_for(inp),
        inp.t._(c.what),
        c.credits,
        inp.labels,
        inp.t,
        inp.version,
        inp.as_of,
        inp.permalink,
        inp.private,
        alt,
    )
    if not len(data):
        return empty_figure(stamp, h, empty_message(c, view, inp), inp.layout)
    return c.figure(c, data, view, inp, stamp, h)


def describe(chart_id: str, view: View, inp: Inputs) -> str:
    """The chart's text alternative (its accessible name, SVG <desc>, alt text of images)."""
    c = chart(chart_id)
    view = _focus(view, inp) if c.focus_title else view
    data = c.data(view, inp)
    return c.alt(c, data, view, inp) if len(data) else empty_message(c, view, inp)


def table(chart_id: str, view: View, inp: Inputs) -> pd.DataFrame:
    """The same numbers the chart draws, with headings in the reader's language."""
    c = chart(chart_id)
    view = _focus(view, inp) if c.focus_title else view
    data = c.data(view, inp).copy()
    labels = inp.labels
    if c.ref:
        data["code"] = data["code"].map(lambda v: labels.code(c.ref, v))
    if "status" in data:
        data["status"] = data["status"].astype(str).map(lambda v: labels.code(STATUSES, v))
    if "event_type" in data:
        data["event_type"] = (
            data["event_type"].astype(str).map(lambda v: labels.code("events.event_type", v))
        )
        data["date"] = data["date"].map(inp.t.date)
        data["cves"] = data["cves"].map(", ".join)
        data = data.sort_values("date_start")
    cols = c.columns(inp)
    return data[list(cols)].rename(columns=cols).reset_index(drop=True)


def credits(chart_id: str, view: View) -> tuple[str, ...]:
    """The publishers a chart's stamp credits under a view."""
    return credited(view, chart(chart_id).credits)


def with_layout(inp: Inputs, layout: Layout) -> Inputs:
    return replace(inp, layout=layout)
