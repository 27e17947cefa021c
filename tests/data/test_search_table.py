"""Search in people's words, on the bundled data: a table of queries readers type, in each
language, and the records each must find.

The records a query must find are not listed by hand: each row states them as a rule over the
data (e.g. "Bahraini activist": every target from Bahrain whose role is human rights defender),
so the table keeps holding as rows are added. A query may find more (a summary that mentions
the word); it must find at least these.

`python -m tests.data.test_search_table` prints the hit rate of each query (share of the
records it must find that it finds) for the atlas's search and for an exact-phrase search over
the same records' names, summaries, exploits and vectors (what the atlas did before its search
learnt synonyms, demonyms, any word order and accent folding).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pytest

from dashboard.atlas import atlas
from dashboard.filters import FilterState


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    means: str
    must_find: Callable[[pd.DataFrame, pd.DataFrame], pd.Series]  # (targets, operators) -> mask


def _from(iso3: str, *types: str):
    def rule(t: pd.DataFrame, ops: pd.DataFrame) -> pd.Series:
        at_home = t["target_country"].astype(str) == iso3
        return at_home & t["target_type"].astype(str).isin(types) if types else at_home

    return rule


def _operated_by(iso3: str):
    def rule(t: pd.DataFrame, ops: pd.DataFrame) -> pd.Series:
        ids = set(ops.loc[ops["operator"].astype(str) == iso3, "target_id"])
        return t["target_id"].isin(ids)

    return rule


def _type(*types: str):
    return lambda t, ops: t["target_type"].astype(str).isin(types)


def _exploit(word: str):
    return lambda t, ops: t["exploit"].astype(str).str.contains(word, case=False, regex=False)


def _named(word: str):
    return lambda t, ops: t["label"].astype(str).str.contains(word, case=False, regex=False)


QUERIES = [
    Query(
        "en",
        "Bahraini activist",
        "Bahrain's human rights defenders",
        _from("BHR", "human_rights_defender"),
    ),
    Query(
        "en",
        "activist Bahraini",
        "the same, other word order",
        _from("BHR", "human_rights_defender"),
    ),
    Query("en", "Saudi", "targets of Saudi Arabia as suspected operator", _operated_by("SAU")),
    Query("en", "Emirati", "targets of the UAE as suspected operator", _operated_by("ARE")),
    Query("en", "Mexican journalist", "Mexico's journalists", _from("MEX", "journalist")),
    Query(
        "en", "reporter Morocco", "Morocco's journalists, by a synonym", _from("MAR", "journalist")
    ),
    Query("en", "lawyer Mexico", "Mexico's lawyers", _from("MEX", "lawyer")),
    Query("en", "attorney", "every lawyer, by a synonym", _type("lawyer")),
    Query("en", "kismet", "the KISMET exploit, lower case", _exploit("KISMET")),
    Query("en", "forcedentry", "the FORCEDENTRY exploit", _exploit("FORCEDENTRY")),
    Query("en", "jordi sanchez", "a name typed without its accent", _named("Jordi Sànchez")),
    Query(
        "es", "periodista mexicano", "Mexico's journalists, in Spanish", _from("MEX", "journalist")
    ),
    Query("es", "abogados México", "Mexico's lawyers, plural, in Spanish", _from("MEX", "lawyer")),
    Query("es", "saudí", "Saudi Arabia's targets, in Spanish", _operated_by("SAU")),
    Query(
        "fr", "journaliste marocain", "Morocco's journalists, in French", _from("MAR", "journalist")
    ),
    Query("fr", "avocat", "every lawyer, in French", _type("lawyer")),
    Query("ar", "صحفي مغربي", "Morocco's journalists, in Arabic", _from("MAR", "journalist")),
    Query("ar", "سعودي", "Saudi Arabia's targets, in Arabic", _operated_by("SAU")),
]


def must_find(q: Query) -> set[str]:
    ds = atlas().ds
    t = ds.targets
    return set(t.loc[q.must_find(t, ds.target_operators).to_numpy(), "target_id"])


def found(q: Query) -> set[str]:
    return set(atlas().view(FilterState.of(query=q.text), False, q.lang).targets["target_id"])


def _plain(value: object) -> str:
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return "" if value is None or value is pd.NA or value != value else str(value)


def found_by_exact_phrase(q: Query) -> set[str]:
    """The search as it was: the typed phrase, case-insensitive, inside one of the fields."""
    t = atlas().ds.targets
    cols = [t[c].map(_plain) for c in ("label", "summary", "exploit", "vector")]
    text = cols[0].str.cat(cols[1:], sep=" ")
    return set(t.loc[text.str.casefold().str.contains(q.text.casefold(), regex=False), "target_id"])


def test_every_query_of_the_table_must_find_something():
    assert all(must_find(q) for q in QUERIES), [q.text for q in QUERIES if not must_find(q)]


@pytest.mark.parametrize("q", QUERIES, ids=[f"{q.lang}:{q.text}" for q in QUERIES])
def test_a_query_in_peoples_words_finds_every_record_it_must(q):
    missing = must_find(q) - found(q)
    assert not missing, sorted(missing)


def report() -> str:
    rows = ["| lang | query | means | must find | before | after |", "|---|---|---|---|---|---|"]
    before_total = after_total = need_total = 0
    for q in QUERIES:
        need = must_find(q)
        before, after = len(need & found_by_exact_phrase(q)), len(need & found(q))
        before_total, after_total, need_total = (
            before_total + before,
            after_total + after,
            need_total + len(need),
        )
        rows.append(
            f"| {q.lang} | {q.text} | {q.means} | {len(need)} | {before / len(need):.0%} | "
            f"{after / len(need):.0%} |"
        )
    rows.append(
        f"| | **all {len(QUERIES)} queries** | | {need_total} | "
        f"{before_total / need_total:.0%} | {after_total / need_total:.0%} |"
    )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(report() + "\n")
