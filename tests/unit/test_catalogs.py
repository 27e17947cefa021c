"""Message catalogs: every UI string is extracted, every catalog is complete, placeholders are
kept, and every descriptor text has its translation next to the English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dashboard.i18n import LANGUAGES, LOCALES_DIR
from dashboard.schema import bundled_schema

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"
TEMPLATE = read_po((LOCALES_DIR / "messages.pot").open("rb"))
KEYWORDS = {"_": 1, "N_": 1, "n_": 2}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def literal_messages() -> set[str | tuple[str, str]]:
    """Every literal passed to _, N_ or n_ in the package (f-string insides included)."""
    out: set = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in KEYWORDS:
                continue
            args = [a.value for a in node.args[: KEYWORDS[name]] if isinstance(a, ast.Constant)]
            if len(args) == KEYWORDS[name] and all(isinstance(a, str) for a in args):
                out.add(args[0] if len(args) == 1 else tuple(args))
    return out


def test_every_ui_string_in_the_code_is_in_the_template():
    ids = {m.id for m in TEMPLATE if m.id}
    missing = [
        m
        for m in literal_messages()
        if m not in ids and (m if isinstance(m, str) else m[0]) not in ids
    ]
    assert missing == [], "run `make i18n`: " + repr(missing[:10])


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES if lang.code != "en"])
def test_every_catalog_is_complete_and_keeps_placeholders(lang):
    catalog = read_po((LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb"))
    template_ids = {m.id for m in TEMPLATE if m.id}
    by_id = {m.id: m for m in catalog if m.id}
    missing = [i for i in template_ids if i not in by_id]
    assert missing == [], missing[:10]
    for mid in template_ids:
        m = by_id[mid]
        assert not m.fuzzy, mid
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"untranslated: {mid!r}"
        wanted = set(PLACEHOLDER.findall(mid if isinstance(mid, str) else " ".join(mid)))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) <= wanted | {"{n}"}, (mid, s)
            assert set(PLACEHOLDER.findall(s)) >= wanted - {"{n}"}, (mid, s)


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES if lang.code != "en"])
def test_every_descriptor_text_has_its_translation(lang):
    s = bundled_schema()
    gaps = []
    for r in s.resources:
        if (
            not r.title_in(lang)
            or r.title_in(lang) == r.title
            and "title" not in r.i18n.get(lang, {})
        ):
            gaps.append(r.name)
        for f in r.fields:
            if "title" not in f.i18n.get(lang, {}) or "description" not in f.i18n.get(lang, {}):
                gaps.append(f"{r.name}.{f.name}")
            for c in f.categories:
                if not {"label", "definition"} <= set(c.i18n.get(lang, {})):
                    gaps.append(f"{r.name}.{f.name}.{c.value}")
    for v in s.vocabularies:
        for c in v.categories:
            if not {"label", "definition"} <= set(c.i18n.get(lang, {})):
                gaps.append(f"{v.name}.{c.value}")
    assert gaps == []


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_search_synonyms_exist_in_every_language_for_roles(lang):
    roles = bundled_schema().field("targets", "target_type")
    assert all(c.synonyms.get(lang) for c in roles.categories if c.value != "other")
