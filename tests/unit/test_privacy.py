"""Privacy mode withholds every individual's name from every table, label and export."""

from __future__ import annotations

import json

from dashboard import export, privacy
from dashboard.figures import catalog
from dashboard.filters import FilterState, apply, prepare


def test_individuals_get_role_labels_and_groups_keep_theirs(small_ds):
    r = privacy.redact(small_ds)
    assert list(r.targets["label"]) == [
        "human rights defender, United Arab Emirates",
        "Al Jazeera journalists and staff",
    ]
    assert "tgt-ahmed-mansoor" not in set(r.targets["target_id"])
    assert set(r.target_operators["target_id"]) <= set(r.targets["target_id"])


def test_no_name_survives_in_any_export_of_the_real_data():
    from dashboard.dataset import load_dataset

    ds = load_dataset()
    names = [
        n
        for n in ds.targets.loc[~ds.targets["is_group"], "label"].astype(str)
        if len(n.split()) > 1 and n[0].isupper()
    ]
    assert len(names) > 100
    r = privacy.redact(ds)
    view = apply(prepare(r), FilterState())
    blobs = [export.view_csv(view, r, t).decode() for t in ("targets", "deployments", "events")]
    blobs.append(export.view_json(view, r, "all", None).decode())
    blobs.append(export.source_list(view))
    inputs = catalog.Inputs(lambda k, v: v, "1", "2026-11-28", r.countries)
    blobs += [catalog.build(c, view, inputs).to_json() for c in catalog.CHARTS]
    text = "\n".join(blobs)
    text += json.dumps(json.loads(blobs[3]), ensure_ascii=False)
    leaked = [n for n in names if n in text]
    assert leaked == []


def test_few_individuals_triggers_the_notice(small_ds):
    one = small_ds.targets.iloc[[0]]
    assert privacy.few_individuals(one)
    assert not privacy.few_individuals(small_ds.targets.iloc[[1]])  # a group only
