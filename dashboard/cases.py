"""Case files: one target or one event with everything it rests on, and a stamped case card.

Belongs here: `target_case()` / `event_case()` (the record, its suspected operators, its group
and the group's other members, its evidence trail in date order, linked events, sources), the
step chart and the stamped case card (plotly figures: the same builder for screen, PNG presets,
SVG and embed), and `cite()` (author-date and BibTeX of one record). Everything takes the
dataset it is given, so privacy mode (a redacted dataset) applies by construction.
Does not belong here: Streamlit, URLs of the app (the caller passes `link`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import credited_publishers, source_ids_of
from dashboard.config import MUTED_COLOUR, TEXT_COLOUR
from dashboard.dataset import Dataset
from dashboard.figures.style import Layout, Stamp, apply_stamp, label_inset, rtl_lines
from dashboard.labels import Labels
from dashboard.text import escape_html, truncate

STEPS = "case_steps"
STEP_TYPES = "case_steps.step_type"
MAX_CARD_STEPS = 6


@dataclass(frozen=True)
class Case:
    kind: str  # "target" or "event"
    id: str
    record: pd.Series
    heading: str
    steps: pd.DataFrame  # the evidence trail, in date order (targets)
    operators: pd.DataFrame
    group: pd.Series | None
    members: pd.DataFrame
    events: pd.DataFrame
    targets: pd.DataFrame  # an event's targets (events)
    deployments: pd.DataFrame
    source_ids: tuple[str, ...]


def _steps(ds: Dataset, target_id: str) -> pd.DataFrame:
    if not ds.has(STEPS):
        return pd.DataFrame()
    s = ds.table(STEPS)
    s = s[s["target_id"] == target_id]
    order = {v: i for i, v in enumerate(ds.schema.field(STEPS, "step_type").allowed)}
    rank = s["step_type"].astype(str).map(order)
    return s.assign(_rank=rank).sort_values(["date_start", "_rank"]).drop(columns="_rank")


def target_case(ds: Dataset, target_id: str) -> Case | None:
    t = ds.targets
    hit = t[t["target_id"] == target_id]
    if hit.empty:
        return None
    rec = hit.iloc[0]
    steps = _steps(ds, target_id)
    ops = ds.target_operators[ds.target_operators["target_id"] == target_id]
    groups = t[t["target_id"].isin(rec["member_of"])]
    group = groups.iloc[0] if len(groups) else None
    members = (
        t[t["member_of"].map(lambda g: group["target_id"] in g) & (t["target_id"] != target_id)]
        if group is not None
        else t.iloc[0:0]
    )
    if rec["is_group"]:
        members = t[t["member_of"].map(lambda g: target_id in g)]
    event_ids = set(steps["event_id"].dropna()) if len(steps) else set()
    events = ds.events[ds.events["event_id"].isin(event_ids)].sort_values("date_start")
    ids = [*rec["source_ids"], *source_ids_of(ops), *source_ids_of(steps)]
    return Case(
        "target",
        target_id,
        rec,
        str(rec["label"]),
        steps,
        ops,
        group,
        members,
        events,
        t.iloc[0:0],
        ds.deployments.iloc[0:0],
        tuple(dict.fromkeys(ids)),
    )


def event_case(ds: Dataset, event_id: str) -> Case | None:
    e = ds.events
    hit = e[e["event_id"] == event_id]
    if hit.empty:
        return None
    rec = hit.iloc[0]
    steps = ds.table(STEPS) if ds.has(STEPS) else pd.DataFrame(columns=["event_id", "target_id"])
    linked = set(steps.loc[steps["event_id"] == event_id, "target_id"])
    countries = set(rec["countries"])
    targets = ds.targets[ds.targets["target_id"].isin(linked)]
    deployments = ds.deployments[ds.deployments["country"].isin(countries)]
    return Case(
        "event",
        event_id,
        rec,
        str(rec["title"]),
        steps[steps["event_id"] == event_id],
        ds.target_operators.iloc[0:0],
        None,
        ds.targets.iloc[0:0],
        e.iloc[0:0],
        targets,
        deployments,
        tuple(dict.fromkeys(rec["source_ids"])),
    )


def publishers(ds: Dataset, case: Case) -> tuple[str, ...]:
    from dashboard.analysis import publisher_map

    return tuple(credited_publishers(publisher_map(ds.sources), case.source_ids))


# ------------------------------------------------------------------------ figures


def step_chart(case: Case, labels: Labels, stamp: Stamp, layout: Layout, height: int = 320):
    """The trail on a time axis: one row per step type, a marker per step."""
    t = layout.t
    steps = case.steps
    colours = labels.colours(STEP_TYPES)
    fig = go.Figure()
    for kind in labels.order(STEP_TYPES):
        sub = steps[steps["step_type"].astype(str) == kind]
        if sub.empty:
            continue
        name = labels.code(STEP_TYPES, kind)
        fig.add_trace(
            go.Scatter(
                x=sub["date_start"],
                y=[name] * len(sub),
                mode="markers",
                name=name,
                showlegend=False,
                marker={
                    "size": layout.px(13),
                    "color": colours.get(kind),
                    "line": {"width": 1, "color": "#ffffff"},
                },
                hovertext=[
                    f"<b>{escape_html(name)}</b> · {t.date(d)}<br>{escape_html(truncate(s, 160))}"
                    for d, s in zip(sub["date"], sub["summary"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    order = [
        labels.code(STEP_TYPES, k)
        for k in reversed(labels.order(STEP_TYPES))
        if (steps["step_type"].astype(str) == k).any()
    ]
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=order,
        automargin=True,
        side="right" if layout.rtl else "left",
    )
    fig.update_xaxes(type="date")
    tall = max(height, 160 + 30 * len(order))
    return apply_stamp(fig, stamp, tall, layout, legend_top=False, inset=label_inset(order, layout))


def key_steps(case: Case, most: int = MAX_CARD_STEPS) -> pd.DataFrame:
    """The steps a card shows: every kind of step once (its first), then the rest by date."""
    steps = case.steps
    if len(steps) <= most:
        return steps
    first = steps.drop_duplicates("step_type")
    rest = steps.drop(first.index)
    return pd.concat([first, rest]).head(most).sort_values("date_start")


def card(case: Case, labels: Labels, stamp: Stamp, layout: Layout, height: int) -> go.Figure:
    """The stamped case card: the name (or role label), status and its meaning, the key dated
    steps and the sources line, laid out in pixels for `layout.width` x `height` (CSS px): steps
    that do not fit are left to the case page, and the card says how many."""
    t = layout.t
    x, anchor = layout.side
    rec = case.record
    fig = go.Figure()
    fig.update_xaxes(visible=False, range=[0, 1])
    fig.update_yaxes(visible=False, range=[0, 1])
    fig.update_layout(showlegend=False)
    apply_stamp(fig, stamp, height, layout, legend_top=False, axes=False)
    plot_h = height - fig.layout.margin.t - fig.layout.margin.b
    chars = max(30, int((layout.width - 60) / (layout.px(13) * 0.52)))
    entries: list[tuple[str, int, str]] = []  # (html, size, colour)
    if case.kind == "target":
        status = str(rec["status"])
        entries.append(
            (
                f"<b>{escape_html(labels.code('targets.status', status))}</b> — "
                + escape_html(labels.definition("targets.status", status)),
                14,
                TEXT_COLOUR,
            )
        )
        for s in key_steps(case, 12).itertuples():
            kind = labels.code(STEP_TYPES, str(s.step_type))
            entries.append(
                (
                    f"<b>{escape_html(t.date(s.date))} · {escape_html(kind)}</b> — "
                    + escape_html(truncate(s.summary, 170)),
                    13,
                    TEXT_COLOUR,
                )
            )
    else:
        kind = labels.code("events.event_type", str(rec["event_type"]))
        entries.append(
            (f"<b>{escape_html(t.date(rec['date']))} · {escape_html(kind)}</b>", 14, TEXT_COLOUR)
        )
        entries.append((escape_html(truncate(rec["summary"], 500)), 13, TEXT_COLOUR))
    used, shown = 0.0, 0
    for text, size, colour in entries:
        body = rtl_lines(wrap_html(text, chars), layout.rtl)
        need = (body.count("<br>") + 1) * layout.px(size) * 1.3 + layout.px(8)
        if used + need > plot_h - layout.px(18):
            break
        fig.add_annotation(
            x=x,
            y=1 - used / plot_h,
            xref="paper",
            yref="paper",
            xanchor=anchor,
            yanchor="top",
            text=body,
            showarrow=False,
            align=anchor,
            font={"size": layout.px(size), "color": colour},
            name="card-line",
        )
        used += need
        shown += 1
    left = len(entries) - shown
    if left > 0:
        fig.add_annotation(
            x=x,
            y=1 - used / plot_h,
            xref="paper",
            yref="paper",
            xanchor=anchor,
            yanchor="top",
            showarrow=False,
            name="card-more",
            text=rtl_lines(
                escape_html(
                    t.n_(
                        "{n} more step on the case page", "{n} more steps on the case page", left
                    ).format(n=t.num(left))
                ),
                layout.rtl,
            ),
            font={"size": layout.px(12.5), "color": MUTED_COLOUR},
        )
    return fig


def wrap_html(text: str, width: int) -> str:
    """Wrap text that already holds escaped HTML (bold tags) at about `width` characters."""
    return "<br>".join(textwrap.wrap(text, width=max(20, width), break_long_words=False)) or text


def stamp_for(
    ds: Dataset,
    case: Case,
    labels: Labels,
    version: str,
    as_of: str,
    permalink: str | None,
    what: str,
) -> Stamp:
    return Stamp(
        title=case.heading,
        subtitle=what,
        publishers=publishers(ds, case),
        version=version,
        as_of=as_of,
        permalink=permalink,
        alt=f"{case.heading}: {what}",
    )


# ------------------------------------------------------------------------ citation


def cite(
    case: Case, url: str, version: str, as_of: str, t, accessed: str | None = None
) -> dict[str, str]:
    """Author-date and BibTeX citations of one record, with its URL and the data version."""
    accessed = accessed or date.today().isoformat()
    who = t._("Pegasus Atlas contributors")
    text = t._(
        "{who} ({year}). “{record}”. In: Pegasus Atlas, data version {version} ({as_of}). "
        "{url} (accessed {accessed})."
    ).format(
        who=who,
        year=as_of[:4],
        record=case.heading,
        version=version,
        as_of=as_of,
        url=url,
        accessed=accessed,
    )
    key = "pegasusatlas-" + "".join(c for c in case.id.lower() if c.isalnum())[:40]
    esc = lambda s: "".join("\\" + c if c in "{}%&$#_" else c for c in s)  # noqa: E731
    bib = (
        f"@misc{{{key},\n  author = {{{{{esc(who)}}}}},\n  title = {{{esc(case.heading)}}},\n"
        f"  howpublished = {{Pegasus Atlas, data version {version}}},\n"
        f"  year = {{{as_of[:4]}}},\n  url = {{{url}}},\n  urldate = {{{accessed}}},\n"
        f"  language = {{{t.code}}}\n}}"
    )
    return {"author_date": text, "bibtex": bib}
