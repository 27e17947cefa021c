"""Aggregations of filtered frames that figures, tables and pages share. Pure pandas, no drawing.

Belongs here: strongest deployment evidence per state (the descriptor's derived vocabulary
`evidence_level`), operator -> target-country arcs, yearly activity counts, category counts, the
people a set of target rows covers, and the publishers a set of rows credits. Every order, rank
and special meaning of a code comes from the descriptor (`x-when`, `x-countAs`, category order).
Does not belong here: filtering (see `filters`), colours and layout (see `figures`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from dashboard.schema import Schema

LEVELS = "evidence_level"  # the descriptor's derived vocabulary of a state's strongest evidence
PEOPLE, NUMBERS = "people", "numbers"  # the two units of target status (`x-countAs`)


def row_levels(deployments: pd.DataFrame, schema: Schema) -> pd.Series:
    """Each deployment row's evidence level: the first category whose `x-when` it meets."""
    vocab = schema.vocabulary(LEVELS)
    out = pd.Series(pd.NA, index=deployments.index, dtype="object")
    for value, when in vocab.conditions():
        hit = pd.Series(True, index=deployments.index)
        for column, wanted in when.items():
            hit &= (deployments[column].astype(object) == wanted).to_numpy()
        out = out.where(out.notna() | ~hit, value)
    return out


def country_levels(deployments: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """One row per state: strongest evidence level (category order = strength) and counts."""
    cols = ["iso3", "level", "n_records"]
    order = schema.vocabulary(LEVELS).allowed
    if deployments.empty:
        return pd.DataFrame(columns=cols)
    rank = row_levels(deployments, schema).map({v: i for i, v in enumerate(order)})
    d = pd.DataFrame(
        {"iso3": deployments["country"].astype(object).to_numpy(), "_rank": rank.to_numpy()}
    )
    g = d.groupby("iso3", sort=True)
    out = pd.DataFrame({"n_records": g.size(), "_rank": g["_rank"].min()})
    out["level"] = pd.Categorical(out["_rank"].map(dict(enumerate(order))), categories=list(order))
    out = out.rename_axis("iso3").reset_index()[cols]
    return out.sort_values(["level", "iso3"]).reset_index(drop=True)


def counted_alone(targets: pd.DataFrame) -> pd.Series:
    """True for rows whose people are not already counted by a group row in the same frame.

    A named person (or a sub-group) that is `member_of` a group row, e.g. one of CatalanGate's
    65, adds nobody when that group row is present too; shown alone, it counts in full.
    """
    present = set(targets.loc[targets["is_group"], "target_id"])
    return ~targets["member_of"].map(lambda g: bool(present.intersection(g)))


def people_count(targets: pd.DataFrame) -> int:
    """People covered by target records, without counting a group's named members twice."""
    sizes = targets["group_size"].astype("Float64").fillna(1).where(targets["is_group"], 1)
    return int(sizes[counted_alone(targets)].sum())


def status_units(schema: Schema) -> dict[str, str]:
    """Status code -> the unit it counts (`x-countAs`: people attacked, or list numbers)."""
    return {c.value: c.prop("countAs", PEOPLE) for c in schema.categories("targets", "status")}


def people_split(targets: pd.DataFrame, schema: Schema) -> tuple[int, int]:
    """(people attacked, attempted or notified; numbers listed only), each counted once.

    Leaked-list rows count phone numbers, not confirmed people, so they are kept apart.
    """
    units = status_units(schema)
    listed = targets["status"].astype(str).map(units) == NUMBERS
    return people_count(targets[~listed]), people_count(targets[listed])


def target_destinations(targets: pd.DataFrame) -> pd.Series:
    """Country a target's surveillance reached: where the phone was, else the target's country."""
    return targets["location_country"].fillna(targets["target_country"])


def arcs(targets: pd.DataFrame, operators: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Cross-border surveillance: operator state -> country of targets, with counts.

    Only pairs where the two differ; `n_targets` counts records, `n_people` group sizes.
    """
    cols = ["operator", "destination", "n_targets", "n_people", "statuses"]
    if targets.empty or operators.empty:
        return pd.DataFrame(columns=cols)
    order = {v: i for i, v in enumerate(schema.field("targets", "status").allowed)}
    t = targets.assign(destination=target_destinations(targets))[
        ["target_id", "destination", "status", "is_group", "group_size"]
    ]
    m = operators[["target_id", "operator"]].merge(t, on="target_id")
    m = m[m["destination"].notna() & (m["destination"] != m["operator"])]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m["people"] = m["group_size"].astype("Float64").fillna(1).where(m["is_group"], 1)
    out = (
        m.groupby(["operator", "destination"], observed=True)
        .agg(
            n_targets=("target_id", "nunique"),
            n_people=("people", "sum"),
            statuses=(
                "status",
                lambda s: sorted(set(s.astype(str)), key=lambda v: order.get(v, len(order))),
            ),
        )
        .reset_index()
    )
    out["n_people"] = out["n_people"].astype(int)
    return out.sort_values(["n_targets", "operator"], ascending=[False, True]).reset_index(
        drop=True
    )


def activity_by_year(targets: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Target records with documented activity in each year, by status (long format)."""
    cols = ["year", "status", "n_targets"]
    spans = targets[["_y0", "_y1", "status"]].dropna(subset=["_y0", "_y1"])
    if spans.empty:
        return pd.DataFrame(columns=cols)
    y0 = spans["_y0"].to_numpy(dtype="int64")
    length = spans["_y1"].to_numpy(dtype="int64") - y0 + 1
    start = np.repeat(y0, length)
    offset = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    years = pd.DataFrame(
        {
            "year": start + offset,
            "status": np.repeat(spans["status"].astype(str).to_numpy(), length),
        }
    )
    out = years.value_counts().rename("n_targets").reset_index()
    order = list(schema.field("targets", "status").allowed)
    out["status"] = pd.Categorical(out["status"], categories=order)
    return out.sort_values(["year", "status"]).reset_index(drop=True)


def counts(frame: pd.DataFrame, column: str) -> pd.Series:
    """Row counts per value of a (category or list) column, largest first."""
    s = frame[column]
    if s.dtype == object:
        c = Counter(v for items in s for v in items)
        return pd.Series(c, dtype="int64").sort_values(ascending=False)
    return s.astype(str).value_counts()


def operator_counts(operators: pd.DataFrame) -> pd.Series:
    """Targets per suspected operator state, largest first."""
    return (
        operators.groupby("operator", observed=True)["target_id"]
        .nunique()
        .sort_values(ascending=False)
    )


def publisher_map(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> the publisher a chart credits: the original publisher of a repost, if known."""
    who = sources["original_publisher"].fillna(sources["publisher"]).astype(str)
    return dict(zip(sources["source_id"], who, strict=True))


def credited_publishers(publisher_of: Mapping[str, str], source_ids: Iterable[str]) -> list[str]:
    """Publishers credited for the given source ids, most-cited first (ties by name), each once
    (names that differ only by case or surrounding space are the same publisher; a source
    that carries the reporting of several, "Citizen Lab; The New Yorker", credits each)."""
    tally: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for s in source_ids:
        for name in (publisher_of.get(s) or "").split(";"):
            if not name.strip():
                continue
            key = " ".join(name.split()).casefold()
            shown.setdefault(key, name.strip())
            tally[key] += 1
    return [shown[k] for k, _ in sorted(tally.items(), key=lambda kv: (-kv[1], shown[kv[0]]))]


def source_ids_of(*frames: pd.DataFrame) -> list[str]:
    """All source ids cited by the rows of the frames (with repetition, for ranking)."""
    return [sid for f in frames if len(f) for ids in f["source_ids"] for sid in ids]
