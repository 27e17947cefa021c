"""Adding a category to the data package needs no code change: a new event type and a new
target status (with label, definition and colour), and a row using each, show up as a timeline
lane, a legend entry, a filter option, a methodology entry and in the exports, everywhere."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
import yaml

from dashboard import checksums, export
from dashboard.atlas import Atlas
from dashboard.filters import FilterState
from dashboard.schema import DATA_DIR
from tests.app.helpers import data_dir, run

pytestmark = pytest.mark.xdist_group("apptest")

NEW_TYPE = {
    "value": "leak_publication",
    "label": "Leak publication",
    "definition": "Leaked documents about the spyware trade are published.",
    "x-colour": "#117733",
}
NEW_STATUS = {
    "value": "suspected",
    "label": "Suspected by the person",
    "definition": "The person reported signs of an attack; nothing else is published.",
    "x-colour": "#aa4499",
    "x-countAs": "people",
}


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """A copy of the bundled package with one new category in each vocabulary and a row each."""
    pkg = tmp_path_factory.mktemp("grown")
    shutil.copytree(DATA_DIR, pkg, dirs_exist_ok=True)
    desc = pkg / "datapackage.yaml"
    raw = yaml.safe_load(desc.read_text(encoding="utf-8"))
    fields = {(r["name"], f["name"]): f for r in raw["resources"] for f in r["schema"]["fields"]}
    fields[("events", "event_type")]["categories"].append(NEW_TYPE)
    fields[("targets", "status")]["categories"].append(NEW_STATUS)
    desc.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def add_row(name: str, changes: dict) -> None:
        path = pkg / name
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        row = {**rows[0], **changes}
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows([*rows, row])
        path.write_text(out.getvalue(), encoding="utf-8")

    add_row(
        "events.csv",
        {
            "event_id": "evt-2024-test-leak",
            "date": "2024-05",
            "event_type": "leak_publication",
            "title": "A test leak is published",
        },
    )
    add_row(
        "targets.csv",
        {
            "target_id": "tgt-test-suspected-group",
            "label": "Test group",
            "is_group": "true",
            "named": "false",
            "group_size": "3",
            "status": "suspected",
        },
    )
    checksums.update(pkg)
    return pkg


def test_the_grown_package_loads(grown):
    a = Atlas(str(grown))
    assert "leak_publication" in a.ds.schema.field("events", "event_type").allowed


def test_the_new_event_type_is_a_timeline_lane_with_a_colour(grown):
    with data_dir(grown):
        at = run("timeline")
    assert not at.exception, [e.message for e in at.exception]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    lanes = {t.get("name"): t["marker"]["color"] for t in spec["data"] if t.get("x")}
    assert lanes.get("Leak publication") == "#117733"


def test_the_new_status_is_a_legend_entry_a_filter_option_and_a_methodology_entry(grown):
    with data_dir(grown):
        at = run("timeline", {"status": "suspected"})
        assert not at.exception, [e.message for e in at.exception]
        assert at.multiselect(key="f_statuses").value == ["suspected"]
        assert "suspected" in at.multiselect(key="f_statuses").options or any(
            "Suspected" in o for o in at.multiselect(key="f_statuses").options
        )
        activity = json.loads(at.get("plotly_chart")[1].proto.spec)
        assert "Suspected by the person" in {t.get("name") for t in activity["data"]}
        sources = run("sources")
    text = " ".join(e.value for e in sources.markdown)
    assert "Suspected by the person" in text and "nothing else is published" in text
    assert "Leak publication" in text


def test_the_exports_carry_the_new_codes(grown):
    a = Atlas(str(grown))
    view = a.view(FilterState.of(statuses=("suspected",)), False, "en")
    assert ",suspected," in export.view_csv(view, a.ds, "targets").decode()
    events = a.view(FilterState.of(query="test leak"), False, "en")
    assert "leak_publication" in export.view_csv(events, a.ds, "events").decode()
