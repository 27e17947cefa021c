"""The dependency rule: only app.py, ui.py and views/ may import streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"
UI_LAYER = {"app.py", "ui.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def core_modules() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if p.name not in UI_LAYER and "views" not in p.relative_to(PACKAGE).parts
    )


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_core_module_never_imports_streamlit_or_the_ui_layer(path):
    bad = {
        m
        for m in imported_modules(path)
        if m == "streamlit"
        or m.startswith("streamlit.")
        or m in {"dashboard.ui", "dashboard.app"}
        or m.startswith("dashboard.views")
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_the_core_is_not_empty():
    names = {p.name for p in core_modules()}
    assert {"dataset.py", "filters.py", "schema.py", "maps.py", "timeline.py"} <= names


def test_views_do_not_import_each_other():
    for path in (PACKAGE / "views").glob("*.py"):
        assert not any(m.startswith("dashboard.views") for m in imported_modules(path)), path.name


@pytest.mark.parametrize("path", sorted((PACKAGE / "figures").glob("*.py")), ids=lambda p: p.name)
def test_figure_modules_do_not_read_files(path):
    text = path.read_text(encoding="utf-8")
    assert "open(" not in text and "read_text(" not in text and "load_dataset" not in text
