"""Hostile URLs: >= 200 generated query strings never raise; defaults and a notice instead."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
pytestmark = pytest.mark.xdist_group("apptest")
KEYS = [
    "from",
    "to",
    "op",
    "tc",
    "type",
    "status",
    "conf",
    "inv",
    "q",
    "country",
    "privacy",
    "embed",
    "lang",
    "v",
    "w",
    "chart",
    "record",
    "bogus",
    "FROM",
    "op[]",
    "",
    " ",
    "<script>",
]
VALUES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "'; DROP TABLE targets; --",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "9999",
    "-1",
    "0",
    "2023-02-30",
    "1e9",
    "NaN",
    "2022,2023",
    "SAU,,,XXX",
    "sau",
    "\u202e\u0000\u0007",
    "😀" * 50,
    "é" * 10_000,
    "x" * 10_000,
    "%00%0a",
    "../../etc/passwd",
]


def cases(n: int = 210) -> list[dict]:
    rnd = random.Random(20261128)
    out = []
    for _ in range(n):
        params: dict[str, list[str]] = {}
        for _ in range(rnd.randint(1, 4)):
            key = rnd.choice(KEYS)
            if rnd.random() < 0.3:
                value = "".join(chr(rnd.randint(1, 0x2FFF)) for _ in range(rnd.randint(1, 40)))
            else:
                value = rnd.choice(VALUES)
            params.setdefault(key, []).append(value)  # repeated keys happen
        out.append(params)
    return out


def expected_notices(params: dict) -> list[str]:
    from dashboard import links
    from dashboard.atlas import atlas
    from dashboard.i18n import translator

    return links.parse(params, atlas().prepared(False, "en"), translator("en"))[1]


def run_chunk(chunk: list[dict]) -> list[str]:
    failures = []
    for params in chunk:
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        if at.exception:
            failures.append(f"{params!r}: {at.exception[0].message}")
            continue
        body = " ".join(str(x.value) for x in at.info) + " ".join(str(x.value) for x in at.error)
        if "embed" in params:
            if not (at.get("plotly_chart") or at.error):
                failures.append(f"{params!r}: embed showed neither a chart nor an error")
        elif (
            "lang" not in params
            and expected_notices(params)
            and "Ignored" not in body
            and "shortened" not in body
        ):
            failures.append(f"{params!r}: no notice")
    return failures


CASES = cases()


@pytest.mark.parametrize("part", range(6))
def test_hostile_query_strings_never_raise_and_show_a_notice(part):
    chunk = CASES[part::6]
    assert run_chunk(chunk) == []


def test_there_are_at_least_200_cases():
    assert len(CASES) >= 200
