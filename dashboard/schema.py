"""The data package descriptor (`data/datapackage.yaml`) as Python objects.

Belongs here: reading the descriptor and answering questions about it (fields, types,
categories with labels and definitions, keys, version). Everything that validates, labels or
explains the data asks this module instead of restating the schema.
Does not belong here: reading CSV rows (see `dataset`), anything about Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.yaml"


@dataclass(frozen=True)
class Category:
    value: str
    label: str
    definition: str


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: str
    description: str
    constraints: dict[str, Any]
    categories: tuple[Category, ...] = ()
    delimiter: str | None = None
    item_constraints: dict[str, Any] = field(default_factory=dict)
    partial_date: bool = False
    not_before: str | None = None
    required_when: dict[str, Any] | None = None
    empty_when: dict[str, Any] | None = None

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def is_list(self) -> bool:
        return self.type == "list"

    def label(self, value: str) -> str:
        """Human label of a category value (the value itself when not a category)."""
        for cat in self.categories:
            if cat.value == value:
                return cat.label
        return value


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]
    on_list: bool  # the field is a list; every item must resolve


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    hash: str | None = None  # "sha256:<hex>" of the file, checked on load

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")


@dataclass(frozen=True)
class Schema:
    """The whole package descriptor."""

    raw: dict[str, Any]
    resources: tuple[Resource, ...]

    @property
    def version(self) -> str:
        return str(self.raw["version"])

    @property
    def title(self) -> str:
        return str(self.raw.get("title", ""))

    @property
    def licenses(self) -> list[dict[str, Any]]:
        return list(self.raw.get("licenses", []))

    def resource(self, name: str) -> Resource:
        for r in self.resources:
            if r.name == name:
                return r
        raise KeyError(f"no resource {name!r}")

    def field(self, resource: str, name: str) -> Field:
        return self.resource(resource).field(name)

    def categories(self, resource: str, name: str) -> tuple[Category, ...]:
        return self.field(resource, name).categories

    def label(self, resource: str, name: str, value: str) -> str:
        return self.field(resource, name).label(value)


def _field(d: dict[str, Any]) -> Field:
    cats = tuple(
        Category(str(c["value"]), str(c["label"]), str(c.get("definition", "")))
        for c in d.get("categories", [])
    )
    return Field(
        name=d["name"],
        type=d.get("type", "string"),
        title=d.get("title", d["name"]),
        description=d.get("description", ""),
        constraints=dict(d.get("constraints", {})),
        categories=cats,
        delimiter=d.get("delimiter"),
        item_constraints=dict(d.get("x-itemConstraints", {})),
        partial_date=bool(d.get("x-partialDate", False)),
        not_before=d.get("x-notBefore"),
        required_when=d.get("x-requiredWhen"),
        empty_when=d.get("x-emptyWhen"),
    )


def _foreign_keys(schema: dict[str, Any]) -> tuple[ForeignKey, ...]:
    out = []
    for key, on_list in (("foreignKeys", False), ("x-foreignKeys", True)):
        for fk in schema.get(key, []) or []:
            ref = fk["reference"]
            out.append(
                ForeignKey(tuple(fk["fields"]), ref["resource"], tuple(ref["fields"]), on_list)
            )
    return tuple(out)


def parse_descriptor(raw: dict[str, Any]) -> Schema:
    resources = []
    for r in raw["resources"]:
        s = r["schema"]
        resources.append(
            Resource(
                name=r["name"],
                path=r["path"],
                title=r.get("title", r["name"]),
                description=r.get("description", ""),
                fields=tuple(_field(f) for f in s["fields"]),
                primary_key=tuple(s.get("primaryKey", [])),
                foreign_keys=_foreign_keys(s),
                hash=r.get("hash"),
            )
        )
    return Schema(raw=raw, resources=tuple(resources))


def read_schema(data_dir: Path | str | None = None) -> Schema:
    """Parse the descriptor in `data_dir` (default: the bundled data)."""
    path = Path(data_dir or DATA_DIR) / DESCRIPTOR
    with path.open(encoding="utf-8") as fh:
        return parse_descriptor(yaml.safe_load(fh))


@cache
def bundled_schema() -> Schema:
    """The bundled descriptor, parsed once per process."""
    return read_schema(DATA_DIR)
