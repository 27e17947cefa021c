"""Build the stamp of a chart from the view it shows: filters in words, credited publishers.

Belongs here: `view_stamp()`, shared by every page and export so that every chart's title,
subtitle, source line and credit line come from the same rules. Does not belong here: layout
(see `style`), Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.analysis import credited_publishers, source_ids_of
from dashboard.figures.style import Stamp
from dashboard.filters import ALL_TABLES, View, describe_filters


def view_stamp(
    view: View,
    title: str,
    frames: tuple[pd.DataFrame, ...],
    label: Callable[[str, str], str],
    version: str,
    as_of: str,
    permalink: str | None = None,
    what: str = "",
) -> Stamp:
    """Subtitle = what is counted + active filters; sources = publishers of `frames`' rows."""
    tables = frozenset(
        name
        for name in ("targets", "deployments", "events")
        if any(f is getattr(view, name) for f in frames)
    )
    if any(f is view.target_operators for f in frames):
        tables |= {"targets"}
    phrases = describe_filters(view.state, label, tables or ALL_TABLES)
    subtitle = "; ".join(p for p in [what, ", ".join(phrases) or "All records"] if p)
    # Once per view and set of frames; the entry keeps the frames alive, so their ids stay unique.
    key = ("publishers", *(id(f) for f in frames))
    if key not in view.memo:
        view.memo[key] = (frames, credited_publishers(view.publisher_of, source_ids_of(*frames)))
    publishers = view.memo[key][1]
    return Stamp(
        title=title,
        subtitle=subtitle,
        publishers=tuple(publishers),
        version=version,
        as_of=as_of,
        permalink=permalink,
    )
