"""Names of things in the reader's language: vocabulary codes, countries, fields, colours.

Belongs here: `Labels`, built once per (dataset, language), which turns a code into what a reader
sees, always from the descriptor (category labels and definitions per language, colours) and the
countries table (English names; other languages from Babel's CLDR territory names unless
`country_terms.csv` declares a name). Does not belong here: any vocabulary code (they are all in
the descriptor), Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from babel import Locale

from dashboard.i18n import DEFAULT, Translator
from dashboard.schema import Schema

COUNTRY = "country"  # the reference every country filter and label uses


class Labels:
    """`labels.code(ref, value)`: ref is 'targets.status', a derived vocabulary or 'country'."""

    def __init__(
        self,
        schema: Schema,
        countries: pd.DataFrame,
        t: Translator,
        terms: pd.DataFrame | None = None,
    ):
        self.schema, self.t, self.lang = schema, t, t.code
        self.countries = countries
        english = dict(zip(countries["iso3"], countries["name"], strict=True))
        self._names = self._country_names(english, countries, terms)

    def _country_names(
        self, english: dict[str, str], countries: pd.DataFrame, terms: pd.DataFrame | None
    ) -> dict[str, str]:
        if self.lang == DEFAULT or "iso2" not in countries:
            names = dict(english)
        else:
            try:
                cldr = Locale.parse(self.t.locale).territories
            except (ValueError, TypeError):
                cldr = {}
            names = {
                iso3: cldr.get(iso2, english[iso3]) if isinstance(iso2, str) else english[iso3]
                for iso3, iso2 in zip(countries["iso3"], countries["iso2"], strict=True)
            }
        if terms is not None and len(terms):
            own = terms[(terms["lang"] == self.lang) & (terms["kind"].astype(str) == "name")]
            names.update(dict(zip(own["iso3"], own["term"], strict=True)))
        return names

    # ------------------------------------------------------------------ codes
    def code(self, ref: str, value: object) -> str:
        """What a reader sees for a code (the code itself when unknown)."""
        if not isinstance(value, str):
            return ""
        if ref == COUNTRY:
            return self._names.get(value, value)
        return self.schema.vocabulary(ref).label(value, self.lang)

    def definition(self, ref: str, value: str) -> str:
        c = self.schema.vocabulary(ref).category(value)
        return c.definition_in(self.lang) if c else ""

    def short(self, ref: str, value: str) -> str:
        """A category's short label (`x-short`), else its label."""
        c = self.schema.vocabulary(ref).category(value)
        if c is None:
            return value
        return c.i18n.get(self.lang, {}).get("short") or c.prop("short") or c.label_in(self.lang)

    def colours(self, ref: str) -> dict[str, str]:
        return self.schema.vocabulary(ref).colours()

    def labelled_colours(self, ref: str) -> dict[str, str]:
        """Colour per displayed label (for tables whose cells show labels)."""
        return {self.code(ref, k): v for k, v in self.colours(ref).items()}

    def order(self, ref: str) -> tuple[str, ...]:
        return self.schema.vocabulary(ref).allowed

    def country(self, iso3: object) -> str:
        return self.code(COUNTRY, iso3)

    @property
    def country_names(self) -> Mapping[str, str]:
        return self._names

    # ------------------------------------------------------------------ fields
    def field(self, table: str, name: str) -> str:
        """A field's title in the reader's language (table headings, CSV heading labels)."""
        return self.schema.field(table, name).title_in(self.lang)

    def field_help(self, table: str, name: str) -> str:
        return self.schema.field(table, name).description_in(self.lang)

    def vocabulary_title(self, ref: str) -> str:
        return self.schema.vocabulary(ref).title_in(self.lang)
