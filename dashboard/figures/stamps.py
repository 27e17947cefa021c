"""Build the stamp of a chart from the view it shows: filters in words, credited publishers.

Belongs here: `view_stamp()`, shared by every page, embed and export so that every chart's
title, subtitle, source line and credit line come from the same rules: the subtitle names only
the filters that narrow the tables the chart draws, and the source line credits only the
publishers of those tables' rows. Does not belong here: layout (see `style`), Streamlit.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import credited_publishers, source_ids_of
from dashboard.figures.style import Stamp
from dashboard.filters import View, describe_filters
from dashboard.i18n import Translator
from dashboard.labels import Labels

# A table a chart draws -> the filters' tables that narrow it (a target's operators are
# narrowed with the targets).
NARROWED_BY = {"target_operators": "targets"}


def credited(view: View, tables: tuple[str, ...]) -> tuple[str, ...]:
    """Publishers of the rows of `tables` in the view, most cited first (once per view)."""
    key = ("publishers", tables)
    if key not in view.memo:
        frames: list[pd.DataFrame] = [view.table(t) for t in tables]
        view.memo[key] = tuple(credited_publishers(view.publisher_of, source_ids_of(*frames)))
    return view.memo[key]


def view_stamp(
    view: View,
    title: str,
    what: str,
    tables: tuple[str, ...],
    labels: Labels,
    t: Translator,
    version: str,
    as_of: str,
    permalink: str | None = None,
    private: bool = False,
    alt: str = "",
) -> Stamp:
    """Subtitle = what is counted + active filters; sources = publishers of `tables`' rows."""
    scope = frozenset(NARROWED_BY.get(name, name) for name in tables)
    phrases = describe_filters(view.state, labels, t, scope, private)
    scope_words = t.commas(phrases) or (t._("all records") if what else t._("All records"))
    subtitle = t.clauses([what, scope_words])
    return Stamp(
        title=title,
        subtitle=subtitle,
        publishers=credited(view, tables),
        version=version,
        as_of=as_of,
        permalink=permalink,
        alt=alt,
    )
