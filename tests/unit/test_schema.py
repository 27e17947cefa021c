"""The descriptor is the only place a vocabulary, its order, labels, colours and roles live."""

from __future__ import annotations

import re

import pytest
import yaml

from dashboard.dataset import DataError, load_dataset
from dashboard.schema import DATA_DIR, bundled_schema

RAW = yaml.safe_load((DATA_DIR / "datapackage.yaml").read_text(encoding="utf-8"))


def fields():
    for r in RAW["resources"]:
        for f in r["schema"]["fields"]:
            yield r["name"], f


@pytest.mark.parametrize(
    "resource,field", [(r, f["name"]) for r, f in fields() if "categories" in f]
)
def test_a_vocabulary_is_declared_once_as_categories_without_an_enum_copy(resource, field):
    f = next(f for r, f in fields() if r == resource and f["name"] == field)
    assert "enum" not in (f.get("constraints") or {})
    assert "enum" not in (f.get("x-itemConstraints") or {})
    assert all(c.get("label") and c.get("definition") for c in f["categories"])


def test_allowed_codes_are_derived_from_the_categories_in_order():
    status = bundled_schema().field("targets", "status")
    assert status.allowed == tuple(
        c["value"]
        for c in next(f for r, f in fields() if r == "targets" and f["name"] == "status")[
            "categories"
        ]
    )


def test_every_coloured_vocabulary_gives_every_category_a_colour():
    for ref, vocab in bundled_schema().all_vocabularies():
        if vocab.coloured:
            assert all(
                re.fullmatch(r"#[0-9a-fA-F]{6}", c.colour or "") for c in vocab.categories
            ), ref


def test_roles_are_declared_in_the_descriptor():
    s = bundled_schema()
    assert s.resource("targets").heading == "label"
    assert s.field("targets", "label").personal == "name"
    assert {f.name for f in s.resource("targets").fields_with("searchable")} >= {"label", "summary"}
    assert {f.name for f in s.resource("events").fields_with("personal")} >= {"event_id", "title"}


def test_the_derived_evidence_level_vocabulary_names_real_codes():
    levels = bundled_schema().vocabulary("evidence_level")
    assert len(levels.categories) >= 4
    for _, when in levels.conditions():
        assert when


def test_a_colour_missing_from_a_coloured_vocabulary_is_a_load_error(minimal_dir):
    path = minimal_dir / "datapackage.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"\n *x-colour: '#[0-9a-fA-F]{6}'", text)
    path.write_text(text[: first.start()] + text[first.end() :], encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(minimal_dir)
    assert any(v.rule == "colour" for v in info.value.violations)
