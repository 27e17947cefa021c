"""The dependency rule, thin pages, and one declaration per concept (checked on the code)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard.figures import catalog
from dashboard.pages import PAGES
from dashboard.schema import bundled_schema

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dashboard"
STREAMLIT_LAYER = {"app.py", "server.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def in_streamlit_layer(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).parts
    return path.name in STREAMLIT_LAYER and len(rel) == 1 or rel[0] in ("ui", "views")


def core_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if not in_streamlit_layer(p))


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_core_module_never_imports_streamlit_or_the_ui_layer(path):
    bad = {
        m
        for m in imported_modules(path)
        if m == "streamlit"
        or m.startswith("streamlit.")
        or m in {"dashboard.ui", "dashboard.app", "dashboard.server"}
        or m.startswith(("dashboard.views", "dashboard.ui."))
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_the_core_is_not_empty():
    names = {p.name for p in core_modules()}
    assert {"dataset.py", "filters.py", "schema.py", "maps.py", "timeline.py", "tables.py"} <= names


def test_views_do_not_import_each_other():
    for path in (PACKAGE / "views").glob("*.py"):
        assert not any(m.startswith("dashboard.views") for m in imported_modules(path)), path.name


@pytest.mark.parametrize("path", sorted((PACKAGE / "views").glob("*.py")), ids=lambda p: p.name)
def test_pages_stay_thin(path):
    code = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(code) < 100, f"{path.name} has {len(code)} lines"


@pytest.mark.parametrize("path", sorted((PACKAGE / "figures").glob("*.py")), ids=lambda p: p.name)
def test_figure_modules_do_not_read_files(path):
    text = path.read_text(encoding="utf-8")
    assert "open(" not in text and "read_text(" not in text and "load_dataset" not in text


def test_every_registered_page_has_its_view_file():
    for page in PAGES:
        assert (PACKAGE / page.view).is_file(), page.view


def vocabulary_codes() -> set[str]:
    """Codes of every vocabulary, except those that are also field names (a column called
    `operator` is not the `operator` category of `country_role`)."""
    schema = bundled_schema()
    codes: set[str] = set()
    for _, vocab in schema.all_vocabularies():
        codes |= {c.value for c in vocab.categories}
    fields = {f.name for r in schema.resources for f in r.fields}
    return codes - fields


# A code that is also an ordinary word used for another purpose, with the reason.
ALLOWED = {
    ("measures.py", "primary"): "the name of the descriptor property x-primary, read as a prop",
    ("sourcing.py", "primary"): "the name of the descriptor property x-primary, read as a prop",
}


def string_constants(path: Path) -> list[tuple[int, str]]:
    """String constants outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_python_code_names_no_vocabulary_code(path):
    codes = vocabulary_codes()
    found = [
        (line, value)
        for line, value in string_constants(path)
        if value in codes and (path.name, value) not in ALLOWED
    ]
    assert not found, f"{path.name} names vocabulary codes: {found}"


def test_the_readme_lists_exactly_the_registered_charts():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Chart ids:", 1)[1].split("\n\n", 2)[1]
    ids = re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.M)
    assert ids == list(catalog.CHARTS)


def test_the_page_list_is_declared_once():
    """No module but pages.py lists the view files."""
    for path in [
        *PACKAGE.rglob("*.py"),
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "benchmarks").glob("*.py"),
    ]:
        if path.name == "pages.py":
            continue
        text = path.read_text(encoding="utf-8")
        listed = [p.view for p in PAGES if f'"{p.view}"' in text]
        assert len(listed) <= 1, f"{path} lists pages: {listed}"
