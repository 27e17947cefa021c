"""Privacy mode: the same dataset with individuals' names replaced by role labels.

Belongs here: `redact(ds)`, which returns a `Dataset` in which every individual target's label is
a role label ("journalist, Mexico"), target ids are pseudonymous, and names are withheld from
every text field (summaries, titles, agencies, disputes, source titles). Because pages, charts,
tooltips and exports all read the dataset they are given, privacy mode holds everywhere by
construction. Does not belong here: Streamlit, the decision to turn it on.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from dashboard.dataset import Dataset

WITHHELD = "[name withheld]"
MIN_INDIVIDUALS = 3  # below this, say that even role labels may identify people


def role_label(target_type: str, country: str | None) -> str:
    return f"{target_type.lower()}, {country}" if country else target_type.lower()


def _name_pattern(names: list[str]) -> re.Pattern | None:
    """Full names, plus distinctive surnames (last capitalised word of 4+ letters)."""
    tokens = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        tokens.add(name)
        last = name.split()[-1]
        if len(name.split()) > 1 and len(last) >= 4 and last[0].isupper():
            tokens.add(last)
    if not tokens:
        return None
    alts = sorted(tokens, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(t) for t in alts) + r")(?![\w])")


def _scrub(series: pd.Series, pattern: re.Pattern | None) -> pd.Series:
    if pattern is None:
        return series
    return series.map(lambda v: pattern.sub(WITHHELD, v) if isinstance(v, str) else v).astype(
        series.dtype
    )


def redact(ds: Dataset) -> Dataset:
    """A copy of `ds` safe to show on a shared screen or to publish without names."""
    t = ds.targets.copy()
    people = ~t["is_group"]
    names = ds.country_names
    pattern = _name_pattern(t.loc[people, "label"].astype(str).tolist())
    country = t["target_country"].fillna(t["location_country"])
    type_labels = {c.value: c.label for c in ds.schema.categories("targets", "target_type")}
    roles = [
        role_label(type_labels.get(str(k), str(k)), names.get(c) if isinstance(c, str) else None)
        for k, c in zip(t["target_type"], country, strict=True)
    ]
    pseudo = {tid: f"tgt-person-{i:04d}" for i, tid in enumerate(t.loc[people, "target_id"], 1)}
    t["label"] = _scrub(t["label"], pattern).where(  # group labels may name people too
        ~people, pd.Series(roles, index=t.index, dtype="string")
    )
    t["target_id"] = t["target_id"].map(lambda v: pseudo.get(v, v)).astype("string")
    t["member_of"] = t["member_of"].map(lambda g: tuple(pseudo.get(x, x) for x in g))
    for col in ("summary", "dispute", "exploit"):
        t[col] = _scrub(t[col], pattern)
    ops = ds.target_operators.copy()
    ops["target_id"] = ops["target_id"].map(lambda v: pseudo.get(v, v)).astype("string")
    dep = ds.deployments.copy()
    for col in ("summary", "agency", "dispute"):
        dep[col] = _scrub(dep[col], pattern)
    ev = ds.events.copy()
    for col in ("title", "summary", "dispute"):
        ev[col] = _scrub(ev[col], pattern)
    ev["actors"] = ev["actors"].map(
        lambda a: tuple(pattern.sub(WITHHELD, x) for x in a) if pattern else a
    )
    src = ds.sources.copy()
    for col in ("title", "notes"):
        src[col] = _scrub(src[col], pattern)
    rep = ds.reports.copy()
    rep["notes"] = _scrub(rep["notes"], pattern)
    return replace(
        ds, targets=t, target_operators=ops, deployments=dep, events=ev, sources=src, reports=rep
    )


def few_individuals(targets: pd.DataFrame) -> bool:
    """True when a view shows between 1 and MIN_INDIVIDUALS - 1 individuals."""
    n = int((~targets["is_group"]).sum())
    return 0 < n < MIN_INDIVIDUALS
