"""Text helpers shared by figures, exports and pages: safe text and safe links.

Belongs here: neutralising data text before it reaches Markdown or HTML, vetting link targets,
shortening. Dates and numbers are formatted per language in `i18n`.
Does not belong here: anything that reads data or draws.
"""

from __future__ import annotations

import html
import re

import pandas as pd

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def present(value: object) -> bool:
    """False for None, NaN and pandas' NA (which refuse to be used as a boolean)."""
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


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
