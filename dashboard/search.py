"""Search in people's words: every word of a query must match somewhere in a record.

Belongs here: folding text for comparison (case, accents, hyphens, Arabic letter variants and the
article al-), the per-record search text built from the descriptor's searchable fields
(`x-search`): category labels and synonyms in every language for coded fields, country names,
demonyms and aliases in every language for country codes (`countries.csv`, Babel's CLDR names,
`country_terms.csv`), the text itself otherwise, plus the searchable fields of rows that point at
the record (a target's suspected operators). `matches()` keeps the records where every word is
the start of a word of that text, in any order; `explain()` says where each word matched.
In privacy mode fields marked personal are left out, so a search can never reveal whether a name
is in the data.
Does not belong here: Streamlit, filtering of anything but text (see `filters`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.i18n import LANGUAGES, translator
from dashboard.labels import Labels
from dashboard.schema import COUNTRIES, Field

_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": ""})
_SPLIT = re.compile(r"[\s\-‐‑–—_/.,;:!?()\[\]{}\"'“”‘’«»<>|+*=#&%$@^~`\\]+")
MAX_WORDS = 12


def fold(text: object) -> str:
    """Lower case without accents, hyphens as spaces, Arabic letter variants unified."""
    if not isinstance(text, str):
        return ""
    norm = unicodedata.normalize("NFKD", text.casefold()).translate(_ARABIC)
    plain = "".join(c for c in norm if not unicodedata.combining(c))
    return " ".join(_SPLIT.split(plain)).strip()


def _tokens(text: str) -> list[str]:
    out = []
    for tok in text.split():
        out.append(tok)
        if tok.startswith("ال") and len(tok) > 3:  # Arabic article: "السعودية" ~ "سعودية"
            out.append(tok[2:])
    return out


def words(query: str) -> list[str]:
    """The folded words of a query (at most MAX_WORDS)."""
    return [w for w in fold(query).split() if w][:MAX_WORDS]


def _terms_by_country(ds: Dataset) -> dict[str, set[str]]:
    """Every name, demonym and alias of each country, in every language."""
    out: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        labels = Labels(ds.schema, ds.countries, translator(lang.code), ds.country_terms)
        for iso3, name in labels.country_names.items():
            out.setdefault(iso3, set()).add(name)
    terms = ds.country_terms
    if terms is not None and len(terms):
        for iso3, term in zip(terms["iso3"], terms["term"], strict=True):
            out.setdefault(iso3, set()).add(term)
    return out


def _category_terms(f: Field) -> dict[str, str]:
    out = {}
    for c in f.categories:
        words_ = [c.label, *(d.get("label", "") for d in c.i18n.values())]
        words_ += [w for ws in c.synonyms.values() for w in ws]
        out[c.value] = " ".join(w for w in words_ if w)
    return out


def _field_text(f: Field, column: pd.Series, countries: dict[str, str] | None) -> pd.Series:
    terms = _category_terms(f) if f.categories else countries
    if terms is not None:
        if f.is_list:
            return column.map(lambda items: " ".join(terms.get(i, i) for i in items))
        return column.astype(object).map(lambda v: terms.get(v, "") if isinstance(v, str) else "")
    if f.is_list:
        return column.map(lambda items: " ".join(items))
    return column.astype("string").fillna("").astype(object)


def _folded(series: pd.Series) -> pd.Series:
    return series.map(lambda s: " " + " ".join(_tokens(fold(s))) + " ")


def index(ds: Dataset, frames: dict[str, pd.DataFrame], private: bool) -> dict[str, pd.DataFrame]:
    """Per table, one folded text column per searchable field (and `_all`), indexed like the
    table's frame. Personal fields are left out in privacy mode."""
    country_terms = {k: " ".join(sorted(v)) for k, v in _terms_by_country(ds).items()}
    country_refs = {(r, f) for r, f in ds.schema.country_fields()}
    out: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        r = ds.schema.resource(name)
        cols: dict[str, pd.Series] = {}
        for f in r.fields_with("searchable"):
            if private and f.personal:
                continue
            is_country = (name, f.name) in country_refs
            text = _field_text(f, frame[f.name], country_terms if is_country else None)
            cols[f.name] = _folded(text)
        for child in ds.schema.resources:  # rows that point at this table (a target's operators)
            for fk in child.references(name):
                if child.name not in frames or not child.primary_key:
                    continue
                key = fk.fields[0]
                linked = frames[child.name]
                for f in child.fields_with("searchable"):
                    if private and f.personal:
                        continue
                    is_country = (child.name, f.name) in country_refs
                    text = _field_text(f, linked[f.name], country_terms if is_country else None)
                    joined = text.groupby(linked[key].astype(object).to_numpy()).agg(" ".join)
                    own = frame[fk.reference_fields[0]].astype(object).map(joined).fillna("")
                    cols[f"{child.name}.{f.name}"] = _folded(own)
        table = pd.DataFrame(cols, index=frame.index)
        table["_all"] = table.agg("".join, axis=1) if cols else ""
        out[name] = table
    return out


def matches(table: pd.DataFrame, query: str) -> pd.Series:
    """Rows where every word of `query` starts a word of the row's search text."""
    keep = pd.Series(True, index=table.index)
    for w in words(query):
        keep &= table["_all"].str.contains(" " + w, regex=False)
    return keep


def explain(tables: Iterable[tuple[str, pd.DataFrame]], query: str) -> dict[str, list[str]]:
    """For each word, the searchable fields (as 'table.field') in which it matched any row."""
    out: dict[str, list[str]] = {}
    for w in words(query):
        where = []
        for name, table in tables:
            for col in table.columns:
                if col != "_all" and table[col].str.contains(" " + w, regex=False).any():
                    where.append(f"{name}.{col}" if "." not in col else col)
        out[w] = where
    return out


__all__ = ["COUNTRIES", "explain", "fold", "index", "matches", "words"]
