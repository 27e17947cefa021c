"""Languages: the one registry of languages, message catalogs (gettext `.po`, read with Babel),
and locale-aware formatting of numbers, partial dates and lists.

Belongs here: `LANGUAGES` (code, native name, direction, Babel locale), `translator(code)` ->
`Translator` (messages, plurals, numbers, dates, lists), `negotiate()` (URL, then the browser's
Accept-Language, then English) and `N_()`, the marker for strings declared at import time and
translated when shown. Does not belong here: vocabulary labels (the descriptor declares them per
language, see `schema`), Streamlit.

Decisions (also in the README):
- Digits are Western (0-9) in every language, Arabic included: the data is full of years, CVE
  ids and counts that readers copy into searches and articles, many Arabic-language newsrooms
  (the Maghreb, most Gulf news sites) print Western digits, and charts stay consistent with text.
- Catalogs are the standard `dashboard/locales/<lang>/LC_MESSAGES/messages.po` (Poedit, Weblate
  and Crowdin open them); `messages.pot` is extracted with `pybabel extract` (`make i18n`).
- A pseudo-locale (`qps`, every message wrapped in ⟦…⟧) exists only when the environment sets
  PEGASUS_ATLAS_PSEUDO=1: the test that proves no UI string escapes the catalogs uses it.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
PSEUDO = "qps"


@dataclass(frozen=True)
class Language:
    code: str  # the `?lang=` value and the descriptor's x-i18n key
    name: str  # in the language itself, for the switcher
    direction: str  # "ltr" or "rtl"
    locale: str  # Babel locale for numbers, dates and lists
    comma: str = ", "  # between items of a plain list
    semicolon: str = "; "  # between clauses of a chart subtitle

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "ltr", "en_GB"),
    Language("ar", "العربية", "rtl", "ar", "، ", "؛ "),
    Language("es", "Español", "ltr", "es"),
    Language("fr", "Français", "ltr", "fr"),
)
DEFAULT = "en"
_PSEUDO_LANGUAGE = Language(PSEUDO, "Pseudo", "ltr", "en_GB")


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction; it is translated where it is shown (`Translator._`)."""
    return message


def languages() -> tuple[Language, ...]:
    """The selectable languages (plus the pseudo-locale when the environment asks for it)."""
    if os.environ.get("PEGASUS_ATLAS_PSEUDO") == "1":
        return (*LANGUAGES, _PSEUDO_LANGUAGE)
    return LANGUAGES


def language(code: str | None) -> Language:
    for lang in languages():
        if lang.code == code:
            return lang
    return languages()[0]


def negotiate(requested: str | None, accept_language: str | None = None) -> str:
    """The language to show: a valid `?lang=`, else the browser's preference, else English."""
    codes = [lang.code for lang in languages()]
    if requested and requested.strip().lower() in codes:
        return requested.strip().lower()
    prefs = []
    for i, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        prefs.append((-weight, i, tag.split("-")[0].strip().lower()))
    for _w, _i, tag in sorted(prefs):
        if tag in codes and tag != PSEUDO:
            return tag
    return DEFAULT


class _Pseudo(gettext.NullTranslations):
    """Every message wrapped in markers, so untranslated UI text stands out in tests."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"


@cache
def _catalog(code: str) -> gettext.NullTranslations:
    if code == PSEUDO:
        return _Pseudo()
    po = LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == DEFAULT or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language(code).locale)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


class Translator:
    """Messages and formatting for one language. Pure; one shared instance per language."""

    def __init__(self, code: str):
        self.language = language(code)
        self.code = self.language.code
        self._t = _catalog(self.code)

    # messages --------------------------------------------------------------------------
    def _(self, message: str) -> str:
        """The translation of a message (`N_`-marked strings included)."""
        return self._t.gettext(message) if message else message

    def n_(self, singular: str, plural: str, n: int) -> str:
        """The plural form for `n` (format `{n}` yourself: `t.n_(...).format(n=t.num(n))`)."""
        return self._t.ngettext(singular, plural, n)

    def data_text(self, text: str) -> str:
        """Data text (summaries, titles) stays as written; in pseudo-locale it is not wrapped."""
        return text

    # formatting ------------------------------------------------------------------------
    @property
    def locale(self) -> str:
        return self.language.locale

    def num(self, value: float | int, digits: int = 0) -> str:
        if digits:
            return format_decimal(value, format=f"#,##0.{'0' * digits}", locale=self.locale)
        return format_decimal(value, locale=self.locale)

    def pct(self, value: float) -> str:
        return format_percent(value, locale=self.locale)

    def date(self, text: str | None) -> str:
        """A partial date at its own precision: '2016', 'Aug 2016', '24 Aug 2016' (localised)."""
        if not isinstance(text, str) or not text:
            return ""
        parts = text.split("-")
        try:
            if len(parts) == 1:
                return parts[0]
            d = date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            return text
        return format_skeleton("yMMM" if len(parts) == 2 else "yMMMd", d, locale=self.locale)

    def span(self, first: str | None, last: str | None) -> str:
        a, b = self.date(first), self.date(last)
        if a and b and a != b:
            return f"{a} – {b}"
        return a or b

    def either(self, values: Sequence[str], most: int = 4) -> str:
        """'a, b or c' (localised); beyond `most`, 'a, b, c or 2 more'."""
        values = list(values)
        if len(values) > most:
            extra = len(values) - 3
            more = self.n_("{n} more", "{n} more", extra).format(n=self.num(extra))
            values = [*values[:3], more]
        return format_list(values, style="or", locale=self.locale) if values else ""

    def commas(self, values: Sequence[str]) -> str:
        """'a, b, c' with the language's comma (Arabic ،)."""
        return self.language.comma.join(values)

    def clauses(self, values: Sequence[str]) -> str:
        """'a; b' with the language's semicolon (Arabic ؛)."""
        return self.language.semicolon.join(v for v in values if v)

    def both(self, values: Sequence[str]) -> str:
        """'a, b and c' (localised)."""
        return format_list(list(values), locale=self.locale) if values else ""


@cache
def translator(code: str = DEFAULT) -> Translator:
    return Translator(language(code).code)


def ui_texts() -> list[str]:
    """Every translated message of every language (the privacy scanner's ordinary words)."""
    out = []
    for lang in LANGUAGES:
        catalog = getattr(_catalog(lang.code), "_catalog", {})
        out += [v for v in catalog.values() if isinstance(v, str)]
    return out
