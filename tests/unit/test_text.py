"""Dates are shown at their precision; data text is made inert."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.text import escape_markdown, format_partial_date, format_span, safe_url


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("2016", "2016"),
        ("2016-08", "Aug 2016"),
        ("2016-08-24", "24 Aug 2016"),
        (None, ""),
        (pd.NA, ""),
        ("", ""),
    ],
)
def test_a_partial_date_is_never_shown_more_precise_than_known(raw, shown):
    assert format_partial_date(raw) == shown


def test_a_span_keeps_each_end_at_its_own_precision():
    assert format_span("2016-07", "2018") == "Jul 2016 – 2018"
    assert format_span("2016", "2016") == "2016"
    assert format_span(None, "2019-05") == "May 2019"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://x.org",
        "https://x.org/a b",
        "  ",
        None,
        'https://x.org/"onmouseover',
    ],
)
def test_only_plain_http_links_survive(url):
    assert safe_url(url) is None


def test_a_plain_https_link_is_kept():
    assert safe_url("https://citizenlab.ca/2016/08/x/") == "https://citizenlab.ca/2016/08/x/"


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "**bold** _it_ `code`",
        "<script>x</script>",
    ],
)
def test_markdown_escaping_leaves_no_live_syntax(text):
    out = escape_markdown(text)
    assert "<img" not in out and "<script" not in out
    assert "](" not in out and "**" not in out
