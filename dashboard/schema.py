"""The data package descriptor (`data/datapackage.yaml`) as Python objects.

Belongs here: reading the descriptor and answering questions about it: fields, types, closed
vocabularies (categories with their order, labels and definitions in every language, colours,
synonyms and vocabulary-specific properties), derived vocabularies, field roles (personal,
searchable, heading), keys and version. Everything that validates, labels, colours, searches or
redacts the data asks this module instead of restating the schema.
Does not belong here: reading CSV rows (see `dataset`), anything about Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.yaml"
COUNTRIES = "countries"  # the resource whose key every country code refers to


def _texts(raw: Any) -> dict[str, dict[str, str]]:
    """`x-i18n: {ar: {label: ..}}` as a plain dict (empty when absent)."""
    return {str(lang): {str(k): str(v) for k, v in d.items()} for lang, d in (raw or {}).items()}


@dataclass(frozen=True)
class Category:
    """One value of a closed vocabulary, with everything said about it in the descriptor."""

    value: str
    label: str
    definition: str
    colour: str | None = None
    i18n: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def label_in(self, lang: str = "en") -> str:
        return self.i18n.get(lang, {}).get("label") or self.label

    def definition_in(self, lang: str = "en") -> str:
        return self.i18n.get(lang, {}).get("definition") or self.definition

    def prop(self, name: str, default: Any = None) -> Any:
        """A vocabulary-specific property (`x-<name>` in the descriptor)."""
        return self.props.get(name, default)


def _category(d: Mapping[str, Any]) -> Category:
    known = {"value", "label", "definition", "x-colour", "x-i18n", "x-synonyms"}
    return Category(
        value=str(d["value"]),
        label=str(d["label"]),
        definition=str(d.get("definition", "")),
        colour=d.get("x-colour"),
        i18n=_texts(d.get("x-i18n")),
        synonyms={str(k): tuple(str(x) for x in v) for k, v in (d.get("x-synonyms") or {}).items()},
        props={k.removeprefix("x-"): v for k, v in d.items() if k not in known},
    )


class _Vocabulary:
    """Shared behaviour of anything that owns categories (a field or a derived vocabulary)."""

    categories: tuple[Category, ...]
    title: str
    description: str
    i18n: dict[str, dict[str, str]]

    @property
    def allowed(self) -> tuple[str, ...]:
        """The allowed codes, in declared order (what older tools call `enum`)."""
        return tuple(c.value for c in self.categories)

    @property
    def coloured(self) -> bool:
        return any(c.colour for c in self.categories)

    def category(self, value: str) -> Category | None:
        for c in self.categories:
            if c.value == value:
                return c
        return None

    def label(self, value: str, lang: str = "en") -> str:
        """Label of a code in `lang` (the code itself when it is not a category)."""
        c = self.category(value)
        return c.label_in(lang) if c else value

    def colours(self) -> dict[str, str]:
        return {c.value: c.colour for c in self.categories if c.colour}

    def title_in(self, lang: str = "en") -> str:
        return self.i18n.get(lang, {}).get("title") or self.title

    def description_in(self, lang: str = "en") -> str:
        return self.i18n.get(lang, {}).get("description") or self.description

    def with_prop(self, name: str) -> list[Category]:
        return [c for c in self.categories if c.prop(name) is not None]


@dataclass(frozen=True)
class Field(_Vocabulary):
    name: str
    type: str
    title: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    categories: tuple[Category, ...] = ()
    delimiter: str | None = None
    item_constraints: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    partial_date: bool = False
    not_before: str | None = None
    required_when: dict[str, Any] | None = field(default=None, hash=False, compare=False)
    empty_when: dict[str, Any] | None = field(default=None, hash=False, compare=False)
    personal: str | None = None  # name | text | id | ref | url (see the descriptor's header)
    searchable: bool = False
    heading: bool = False
    i18n: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def is_list(self) -> bool:
        return self.type == "list"


@dataclass(frozen=True)
class Vocabulary(_Vocabulary):
    """A vocabulary derived from rows: the first category whose `x-when` a row meets."""

    name: str
    title: str
    description: str
    resource: str
    categories: tuple[Category, ...] = ()
    i18n: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)

    def conditions(self) -> list[tuple[str, dict[str, str]]]:
        return [(c.value, dict(c.prop("when") or {})) for c in self.categories]


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
    i18n: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    def has_field(self, name: str) -> bool:
        return any(f.name == name for f in self.fields)

    def fields_with(self, role: str) -> list[Field]:
        """Fields carrying a role: `personal`, `searchable` or `heading`."""
        return [f for f in self.fields if getattr(f, role)]

    @property
    def heading(self) -> str | None:
        found = self.fields_with("heading")
        return found[0].name if found else None

    def references(self, resource: str) -> list[ForeignKey]:
        """Foreign keys of this resource that point at `resource`."""
        return [fk for fk in self.foreign_keys if fk.resource == resource]

    def title_in(self, lang: str = "en") -> str:
        return self.i18n.get(lang, {}).get("title") or self.title


@dataclass(frozen=True)
class Schema:
    """The whole package descriptor."""

    raw: dict[str, Any] = field(hash=False, compare=False)
    resources: tuple[Resource, ...]
    vocabularies: tuple[Vocabulary, ...] = ()

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

    def has_resource(self, name: str) -> bool:
        return any(r.name == name for r in self.resources)

    def field(self, resource: str, name: str) -> Field:
        return self.resource(resource).field(name)

    def categories(self, resource: str, name: str) -> tuple[Category, ...]:
        return self.field(resource, name).categories

    def label(self, resource: str, name: str, value: str, lang: str = "en") -> str:
        return self.field(resource, name).label(value, lang)

    def vocabulary(self, ref: str) -> Field | Vocabulary:
        """A vocabulary by reference: `table.field` for a field, or a derived vocabulary's name."""
        if "." in ref:
            table, name = ref.split(".", 1)
            return self.field(table, name)
        for v in self.vocabularies:
            if v.name == ref:
                return v
        raise KeyError(f"no vocabulary {ref!r}")

    def all_vocabularies(self) -> list[tuple[str, Field | Vocabulary]]:
        """Every closed vocabulary as (reference, owner), descriptor order."""
        out: list[tuple[str, Field | Vocabulary]] = [
            (f"{r.name}.{f.name}", f) for r in self.resources for f in r.fields if f.categories
        ]
        return out + [(v.name, v) for v in self.vocabularies]

    def country_fields(self) -> list[tuple[str, str]]:
        """(resource, field) of every field whose values are country codes."""
        out = []
        for r in self.resources:
            for fk in r.references(COUNTRIES):
                out.append((r.name, fk.fields[0]))
        return out


def _field(d: dict[str, Any]) -> Field:
    return Field(
        name=d["name"],
        type=d.get("type", "string"),
        title=d.get("title", d["name"]),
        description=d.get("description", ""),
        constraints=dict(d.get("constraints", {})),
        categories=tuple(_category(c) for c in d.get("categories", [])),
        delimiter=d.get("delimiter"),
        item_constraints=dict(d.get("x-itemConstraints", {})),
        partial_date=bool(d.get("x-partialDate", False)),
        not_before=d.get("x-notBefore"),
        required_when=d.get("x-requiredWhen"),
        empty_when=d.get("x-emptyWhen"),
        personal=d.get("x-personal"),
        searchable=bool(d.get("x-search", False)),
        heading=bool(d.get("x-heading", False)),
        i18n=_texts(d.get("x-i18n")),
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
                i18n=_texts(r.get("x-i18n")),
            )
        )
    vocabularies = tuple(
        Vocabulary(
            name=v["name"],
            title=v.get("title", v["name"]),
            description=v.get("description", ""),
            resource=v["resource"],
            categories=tuple(_category(c) for c in v.get("categories", [])),
            i18n=_texts(v.get("x-i18n")),
        )
        for v in raw.get("x-vocabularies", []) or []
    )
    return Schema(raw=raw, resources=tuple(resources), vocabularies=vocabularies)


# libyaml's loader when PyYAML was built with it (its wheels are): the same safe subset of
# YAML as `yaml.safe_load`, about 10x faster on the 5,000-line descriptor.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str | bytes) -> Any:
    """`yaml.safe_load`, with libyaml when available."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def read_schema(data_dir: Path | str | None = None) -> Schema:
    """Parse the descriptor in `data_dir` (default: the bundled data)."""
    path = Path(data_dir or DATA_DIR) / DESCRIPTOR
    return parse_descriptor(load_yaml(path.read_text(encoding="utf-8")))


@cache
def bundled_schema() -> Schema:
    """The bundled descriptor, parsed once per process."""
    return read_schema(DATA_DIR)
