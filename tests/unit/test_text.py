"""Data text is made inert; only plain http(s) links survive."""

from __future__ import annotations

import pytest

from dashboard.text import escape_markdown, safe_url


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
