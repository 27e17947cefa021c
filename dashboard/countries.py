"""The country index: every state the data involves, with its strongest deployment evidence and
how many records of a view concern it.

Belongs here: `index()` (one row per state involved anywhere in the data, counts from a view)
and `display()` (the same with headings in the reader's language). Does not belong here:
Streamlit, drawing.
"""

from __future__ import annotations

import pandas as pd

from dashboard import analysis
from dashboard.dataset import Dataset
from dashboard.filters import View
from dashboard.i18n import Translator
from dashboard.labels import Labels


def involved(ds: Dataset) -> set[str]:
    """States any record of the data concerns."""
    return (
        set(ds.deployments["country"])
        | set(ds.target_operators["operator"])
        | set(ds.targets["target_country"].dropna())
        | set(ds.targets["location_country"].dropna())
        | {c for cs in ds.events["countries"] for c in cs}
    )


def index(ds: Dataset, view: View, labels: Labels) -> pd.DataFrame:
    iso = sorted(involved(ds), key=labels.country)
    levels = analysis.country_levels(view.deployments, ds.schema).set_index("iso3")
    ops = view.target_operators.groupby("operator")["target_id"].nunique()
    located = analysis.target_destinations(view.targets).value_counts()
    events = pd.Series([c for cs in view.events["countries"] for c in cs]).value_counts()
    out = pd.DataFrame({"iso3": iso})
    out["name"] = out["iso3"].map(labels.country)
    out["level"] = out["iso3"].map(levels["level"].astype(object)) if len(levels) else None
    none = labels.t._("None")
    out["level_label"] = out["level"].map(
        lambda lv: labels.code("evidence_level", lv) if isinstance(lv, str) else none
    )
    out["level_short"] = out["level"].map(
        lambda lv: labels.short("evidence_level", lv) if isinstance(lv, str) else none
    )
    out["deployments"] = out["iso3"].map(levels["n_records"]).fillna(0).astype(int)
    out["as_operator"] = out["iso3"].map(ops).fillna(0).astype(int)
    out["located"] = out["iso3"].map(located).fillna(0).astype(int)
    out["events"] = out["iso3"].map(events).fillna(0).astype(int)
    return out


def display(idx: pd.DataFrame, labels: Labels, t: Translator) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t._("Country"): idx["name"],
            t._("Strongest deployment evidence"): idx["level_label"],
            t._("Deployment records"): idx["deployments"],
            t._("Targets it is suspected of"): idx["as_operator"],
            t._("Targets from or in it"): idx["located"],
            t._("Events"): idx["events"],
        }
    )
