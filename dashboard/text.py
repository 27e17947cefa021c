"""Text helpers shared by figures, exports and pages: dates at their precision, safe text.

Belongs here: formatting values for people (a partial date never shown more precise than
known), neutralising data text before it reaches Markdown or HTML, vetting link targets.
Does not belong here: anything that reads data or draws.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from dashboard.validation import partial_date_bounds

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def present(value: object) -> bool:
    """False for None, NaN and pandas' NA (which refuse to be used as a boolean)."""
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


def format_partial_date(text: str | None) -> str:
    """'2016' -> '2016', '2016-08' -> 'Aug 2016', '2016-08-24' -> '24 Aug 2016'; '' for none."""
    if not present(text) or not text:
        return ""
    start, _, precision = partial_date_bounds(str(text))
    if precision == "year":
        return str(start.year)
    if precision == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"{start.day} {MONTHS[start.month - 1]} {start.year}"


def format_span(first: str | None, last: str | None) -> str:
    """A period at the precision of each end: 'Jul 2016 – 2018', or one date when equal."""
    a, b = format_partial_date(first), format_partial_date(last)
    if a and b and a != b:
        return f"{a} – {b}"
    return a or b


def escape_markdown(text: str | None) -> str:
    """Data text made inert for st.markdown: HTML escaped, Markdown syntax backslashed."""
    if not present(text):
        return ""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False).replace("\n", " "))


def escape_html(text: str | None) -> str:
    """Data text made inert for plotly hover/annotation HTML."""
    return html.escape(str(text), quote=True) if present(text) else ""


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None (never a javascript: or data: link)."""
    if not present(url) or not url:
        return None
    url = str(url).strip()
    if re.match(r"^https?://[^\s<>\"'`]+$", url, flags=re.IGNORECASE):
        return url
    return None


def truncate(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
