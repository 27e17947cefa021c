"""Languages: one registry, standard catalogs, locale formatting, negotiation from the browser."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n import LANGUAGES, N_, negotiate, translator


@pytest.mark.parametrize(
    ("lang", "raw", "shown"),
    [
        ("en", "2016", "2016"),
        ("en", "2016-08", "Aug 2016"),
        ("en", "2016-08-24", "24 Aug 2016"),
        ("fr", "2016-08-24", "24 août 2016"),
        ("es", "2016-08", "ago 2016"),
        ("ar", "2016-08-24", "24 أغسطس 2016"),
        ("en", None, ""),
        ("en", pd.NA, ""),
        ("en", "", ""),
    ],
)
def test_a_partial_date_is_never_shown_more_precise_than_known(lang, raw, shown):
    assert translator(lang).date(raw) == shown


def test_a_span_keeps_each_end_at_its_own_precision():
    t = translator("en")
    assert t.span("2016-07", "2018") == "Jul 2016 – 2018"
    assert t.span("2016", "2016") == "2016"
    assert t.span(None, "2019-05") == "May 2019"


def test_digits_are_western_in_every_language_arabic_included():
    for lang in LANGUAGES:
        assert set(translator(lang.code).num(12345)) <= set("0123456789,. \u202f\u00a0")


def test_lists_are_joined_in_the_language():
    assert translator("en").either(["a", "b", "c"]) == "a, b or c"
    assert translator("fr").either(["a", "b", "c"]) == "a, b ou c"
    assert translator("es").both(["a", "b"]) == "a y b"
    assert "أو" in translator("ar").either(["a", "b"])


def test_a_long_list_names_three_and_counts_the_rest():
    assert translator("en").either(list("abcdefg")) == "a, b, c or 4 more"


@pytest.mark.parametrize(
    ("url", "header", "chosen"),
    [
        ("es", "ar", "es"),
        (None, "fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        (None, "de-DE,ar;q=0.7,en;q=0.5", "ar"),
        (None, "de-DE", "en"),
        ("xx", None, "en"),
        (None, "en;q=garbage,es", "es"),
    ],
)
def test_the_language_comes_from_the_url_then_the_browser(url, header, chosen):
    assert negotiate(url, header) == chosen


def test_only_arabic_reads_right_to_left():
    assert [lang.code for lang in LANGUAGES if lang.rtl] == ["ar"]


def test_marked_strings_are_translated_where_shown():
    msg = N_("Filters")
    assert translator("en")._(msg) == "Filters"
