"""Privacy mode: the same dataset with every individual's name withheld, driven by the descriptor.

Belongs here: `redact(ds, labels)` -> a `Dataset` in which every field the descriptor marks
`x-personal` is rewritten: a person's `name` becomes a role label ("journalist, Mexico", in the
reader's language); `text` has every personal name withheld; `id`s that could carry a name
become opaque ids (stable within a data version) and every reference to them follows; `url`s
that name a person are withheld. Names come from the data itself: individual targets' labels and
`names.csv` (every person named anywhere, with the variants used), matched in every form a
reader would recognise (see `name_forms`). Also `scrub()` for our own texts shown in privacy mode
(the changelog), and `few_individuals()`. Pages, charts, tooltips, exports and routes all read
the dataset they are given, so privacy mode holds everywhere by construction.
Does not belong here: Streamlit, the decision to turn it on.

Caveat (SECURITY.md): opaque ids are stable within a data version, so someone holding the full
public dataset can still line them up with it; privacy mode protects screens, images and files
that are shown or published, not against a reader who has the data.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.i18n import ui_texts
from dashboard.labels import Labels

WITHHELD = "[name withheld]"
URL_WITHHELD = ""  # a withheld URL: pages say "link withheld in privacy mode"
MIN_INDIVIDUALS = 3  # below this, say that even role labels may identify people
PARTICLES = frozenset(
    [
        "al",
        "el",
        "de",
        "del",
        "della",
        "la",
        "le",
        "las",
        "los",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "bin",
        "ibn",
        "abu",
        "bint",
        "ben",
        "da",
        "das",
        "dos",
        "di",
        "du",
        "y",
        "e",
        "mac",
        "mc",
        "st",
    ]
)
# Single words too common to withhold on their own (a surname equal to one of them is withheld
# only together with a first name or initial).
COMMON = frozenset(
    [
        "said",
        "long",
        "rose",
        "may",
        "will",
        "grant",
        "king",
        "young",
        "white",
        "black",
        "brown",
        "green",
        "hope",
        "faith",
        "love",
        "star",
        "mar",
        "sol",
        "luz",
        "paz",
        "cruz",
        "leon",
        "leal",
        "santos",
        "ramos",
        "flores",
        "rey",
        "reyes",
        "rico",
        "blanco",
        "moreno",
        "castillo",
        "gil",
        "vera",
        "mora",
        "sala",
        "salas",
        "rojas",
        "vega",
        "campos",
        "nunes",
        "silva",
        "costa",
        "pereira",
        "lima",
        "pinto",
        "cano",
        "lara",
        "ali",
        "rao",
        "sen",
        "das",
        "khan",
        "shah",
        "singh",
        "kumar",
        "gupta",
        "sharma",
        "jain",
        "patel",
        "mohammed",
        "muhammad",
        "ahmed",
        "hassan",
        "hussein",
        "omar",
        "abdullah",
    ]
)
_SEP = set("-‐‑–—_'’`´.,/\\:;()[]{}\"“”«»")


@cache
def _fold_char(ch: str) -> str:
    if ch in _SEP:
        return " "
    norm = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in norm if not unicodedata.combining(c))


# ASCII text (most of the data) folds one character to one: lower case, separators and white
# space to a space. str.translate does that in C; runs of spaces are then collapsed.
_ASCII = str.maketrans(
    {chr(i): (" " if chr(i) in _SEP or chr(i).isspace() else chr(i).lower()) for i in range(128)}
)
_RUNS = re.compile(r" +|[^ ]+")


def fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text (case, accents, separators as single spaces) and, for each folded
    character, the index of the original character it came from."""
    if text.isascii():
        out, where = [], []
        for m in _RUNS.finditer(text.translate(_ASCII)):
            piece = m.group()
            if piece[0] == " ":
                out.append(" ")
                where.append(m.start())
            else:
                out.append(piece)
                where.extend(range(m.start(), m.end()))
        return "".join(out), where
    out, where = [], []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            if c.isspace():
                if out and out[-1] == " ":
                    continue
                c = " "
            out.append(c)
            where.append(i)
    return "".join(out), where


def fold(text: str) -> str:
    return fold_map(text)[0].strip()


def name_forms(name: str, ordinary: frozenset[str] = frozenset()) -> set[str]:
    """Folded forms a reader would recognise: the full name, without particles, first + last,
    last name with and without its particle, initial + last name, the slug. A single word
    that is also an ordinary word (`COMMON`, or used in lower case by the texts: "link",
    "bel") is withheld only together with a first name or initial."""
    tokens = fold(name).split()
    if not tokens:
        return set()
    core = [t for t in tokens if t not in PARTICLES]
    if len(core) == 1 and core[0] in COMMON | ordinary:
        return set()  # a one-word name that is also an ordinary word cannot be told apart
    forms = {" ".join(tokens), " ".join(core)}
    if len(core) >= 2:
        last = core[-1]
        forms.add(f"{core[0]} {last}")
        forms.add(f"{core[0][0]} {last}")
        i = len(tokens) - 1 - tokens[::-1].index(last)
        with_particle = " ".join(tokens[max(0, i - 1) : i + 1])
        if tokens[max(0, i - 1)] in PARTICLES:
            forms.add(with_particle)
        if len(last) >= 3 and last not in COMMON and last not in ordinary:
            forms.add(last)
    elif len(core) == 1 and len(core[0]) >= 3 and core[0] not in COMMON | ordinary:
        forms.add(core[0])
    return {f for f in forms if len(f.replace(" ", "")) >= 3}


class Scrubber:
    """Withholds every form of a set of names from text."""

    def __init__(self, names: Iterable[str], ordinary: Iterable[str] = ()):
        ordinary = frozenset(ordinary)
        forms: set[str] = set()
        for n in names:
            forms |= name_forms(n, ordinary)
        alts = sorted(forms, key=len, reverse=True)
        body = "|".join(re.escape(f) for f in alts)
        self.pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])") if alts else None
        self.forms = frozenset(forms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.pattern is None or not text:
            return []
        folded, where = fold_map(text)
        return [(where[m.start()], where[m.end() - 1] + 1) for m in self.pattern.finditer(folded)]

    def hits(self, text: str) -> list[str]:
        """The name forms found in a text (for the leak scanner)."""
        if self.pattern is None or not text:
            return []
        return [m.group(0) for m in self.pattern.finditer(fold_map(text)[0])]

    def __call__(self, text: object) -> object:
        if not isinstance(text, str):
            return text
        spans = self.spans(text)
        if not spans:
            return text
        out, pos = [], 0
        for start, end in spans:
            if start < pos:
                continue
            out += [text[pos:start], WITHHELD]
            pos = end
        out.append(text[pos:])
        return "".join(out)


def personal_names(ds: Dataset) -> list[str]:
    """Every personal name the data holds: named targets and `names.csv` with its variants."""
    t = ds.targets
    names = list(t.loc[t["named"].astype(bool), "label"].astype(str))
    if ds.has("names"):
        n = ds.table("names")
        names += list(n["name"].astype(str))
        names += [v for items in n["variants"] for v in items]
    return sorted(set(names))


_WORD = re.compile(r"\b[a-z][a-z'-]{2,}\b")


def ordinary_words(ds: Dataset) -> set[str]:
    """Words that are not names on their own: those the data's texts use in lower case, and
    every word of the fields that are not personal (codes, country names and demonyms,
    vocabulary labels): "link", "BEL", "Costa" (Rica)."""
    words: set[str] = set()
    personal_ids = {
        r.name for r in ds.schema.resources if any(f.personal == "id" for f in r.fields)
    }
    for r in ds.schema.resources:
        if not ds.has(r.name) or r.name == "names":
            continue
        refs = {fk.fields[0] for fk in r.foreign_keys if fk.resource in personal_ids}
        for f in r.fields:
            if f.type not in ("string", "list") or f.personal in ("name", "id", "url", "ref"):
                continue
            if f.name in refs:  # ids of records that may carry a name
                continue
            for value in ds.table(r.name)[f.name].dropna().astype(object):
                text = " ".join(value) if isinstance(value, tuple) else str(value)
                if f.personal == "text":
                    words |= {fold(w) for w in _WORD.findall(text)}
                else:
                    words |= set(fold(text).split())
            for c in f.categories:
                words |= set(fold(c.label).split())
    # the interface's own words in every language, and the descriptor's translations: the
    # Spanish "campo" (field) is not the surname Campo
    for text in [*ui_texts(), *_translations(ds.schema.raw)]:
        words |= {fold(w) for w in _WORD.findall(text)}
    return words


def _translations(node: object, inside: bool = False) -> Iterable[str]:
    """Every string under an `x-i18n` key of the descriptor."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _translations(value, inside or key == "x-i18n")
    elif isinstance(node, list):
        for value in node:
            yield from _translations(value, inside)
    elif inside and isinstance(node, str):
        yield node


def scrubber(ds: Dataset) -> Scrubber:
    return Scrubber(personal_names(ds), ordinary_words(ds))


def opaque_ids(ids: Iterable[str], prefix: str, version: str) -> dict[str, str]:
    """Stable within a data version, carrying nothing of the original id."""
    ordered = sorted(set(ids), key=lambda i: hashlib.sha256(f"{version}:{i}".encode()).hexdigest())
    return {old: f"{prefix}-{n:04d}" for n, old in enumerate(ordered, 1)}


def role_label(labels: Labels, target_type: str, country: object) -> str:
    role = labels.code("targets.target_type", target_type)
    role = role[:1].lower() + role[1:]  # a label used inside a phrase
    if isinstance(country, str):
        return labels.t._("{role}, {country}").format(role=role, country=labels.country(country))
    return role


def _rewrite_list(series: pd.Series, f) -> pd.Series:
    return series.map(
        lambda items: tuple(f(x) for x in items) if isinstance(items, tuple) else items
    )


def id_maps(ds: Dataset) -> dict[str, dict[str, str]]:
    """Table -> (original id -> opaque id) for every id the descriptor marks personal."""
    out: dict[str, dict[str, str]] = {}
    for r in ds.schema.resources:
        for f in r.fields:
            if f.personal == "id" and ds.has(r.name):
                prefix = r.name[:1].upper()
                out[r.name] = opaque_ids(ds.table(r.name)[f.name].astype(str), prefix, ds.version)
    return out


def redact(ds: Dataset, labels: Labels) -> Dataset:
    """A copy of `ds` safe to show on a shared screen or to publish without names."""
    scrub = scrubber(ds)
    schema = ds.schema
    id_maps_ = id_maps(ds)
    tables = {}
    for r in schema.resources:
        if not ds.has(r.name):
            continue
        frame = ds.table(r.name).copy()
        for f in r.fields:
            col = frame[f.name]
            if f.personal == "id":
                mapping = id_maps_[r.name]
                frame[f.name] = col.map(lambda v, m=mapping: m.get(v, v)).astype(col.dtype)
            elif f.personal == "name" and r.name == "targets":
                people = ~frame["is_group"]
                country = frame["target_country"].fillna(frame["location_country"])
                roles = [
                    role_label(labels, str(k), c)
                    for k, c in zip(frame["target_type"], country, strict=True)
                ]
                frame[f.name] = col.map(scrub).where(~people, pd.Series(roles, index=frame.index))
                frame[f.name] = frame[f.name].astype(col.dtype)
            elif f.personal in ("text", "name"):
                frame[f.name] = (
                    _rewrite_list(col, scrub) if f.is_list else col.map(scrub).astype(col.dtype)
                )
            elif f.personal == "ref":  # an id of a target or an event (stories' records)
                every = {k: v for m in id_maps_.values() for k, v in m.items()}
                if f.is_list:
                    frame[f.name] = _rewrite_list(col, lambda v, m=every: m.get(v, v))
                else:
                    frame[f.name] = col.map(lambda v, m=every: m.get(v, v)).astype(col.dtype)
            elif f.personal == "url":
                title = ds.table(r.name)[r.heading] if r.heading else pd.Series("", index=col.index)
                named = [
                    bool(scrub.spans(str(u))) or bool(scrub.spans(str(h)))
                    for u, h in zip(col, title, strict=True)
                ]
                frame[f.name] = col.where(~pd.Series(named, index=col.index), URL_WITHHELD)
        for fk in r.foreign_keys:  # references to rewritten ids follow them
            mapping = id_maps_.get(fk.resource)
            if not mapping:
                continue
            col = frame[fk.fields[0]]
            if fk.on_list:
                frame[fk.fields[0]] = _rewrite_list(col, lambda v, m=mapping: m.get(v, v))
            else:
                frame[fk.fields[0]] = col.map(lambda v, m=mapping: m.get(v, v)).astype(col.dtype)
        tables[r.name] = frame
    return ds.with_tables(**tables)


def few_individuals(targets: pd.DataFrame) -> bool:
    """True when a view shows between 1 and MIN_INDIVIDUALS - 1 individuals."""
    n = int((~targets["is_group"]).sum())
    return 0 < n < MIN_INDIVIDUALS
