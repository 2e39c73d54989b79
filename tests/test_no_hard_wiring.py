"""Pages know no jurisdiction and no source: codes and slugs are data (the warehouse,
queries/measures/comparisons.toml), so that a new source needs no page code (issue 14).

Every module of views/ and ui/, and dashboard.py: what is particular to a jurisdiction is
declared in data files (queries/measures/comparisons.toml, queries/overview.toml,
queries/directives.toml) or read from the warehouse. A made-up city shows on every page
with no page code (tests/test_synthetic_city.py).
"""

from __future__ import annotations

import ast
import csv

import pytest

from tests.conftest import PROJECT_DIR

# Every module of the pages and of their shared interface code, and the entry point.
CHECKED = sorted(
    path.relative_to(PROJECT_DIR).as_posix()
    for path in [
        PROJECT_DIR / "dashboard.py",
        *(PROJECT_DIR / "views").rglob("*.py"),
        *(PROJECT_DIR / "ui").rglob("*.py"),
    ]
)


def jurisdiction_codes() -> set[str]:
    path = PROJECT_DIR / "data" / "reference" / "curated" / "jurisdictions.csv"
    with path.open(encoding="utf-8") as file:
        return {row["code"] for row in csv.DictReader(file)}


def source_slugs() -> set[str]:
    folder = PROJECT_DIR / "etl" / "sources"
    return {path.stem for path in folder.iterdir() if not path.stem.startswith("__")}


def string_constants(source: str) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_the_lists_are_read():
    assert {"FR", "GB-EAW", "US-IL-CHI", "US-NY-NYC"} <= jurisdiction_codes()
    assert "us_chicago_cpdp_complaints" in source_slugs()


def test_every_page_module_is_checked():
    names = set(CHECKED)
    assert {"dashboard.py", "views/compare/page.py", "views/overview/cards.py"} <= names
    assert {"views/directives/penalties.py", "views/explore.py", "ui/search.py"} <= names


@pytest.mark.parametrize("name", CHECKED)
def test_no_jurisdiction_code_as_a_string(name):
    """Neither a code ("US-IL-CHI") nor a region id built on one ("US-IL-CHI-D11")."""
    codes = jurisdiction_codes()
    found = [
        text
        for text in string_constants((PROJECT_DIR / name).read_text(encoding="utf-8"))
        if text in codes or any(text.startswith(f"{code}-") for code in codes)
    ]
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize("name", CHECKED)
def test_no_source_slug_anywhere(name):
    text = (PROJECT_DIR / name).read_text(encoding="utf-8")
    found = sorted(slug for slug in source_slugs() if slug in text)
    assert not found, f"{name}: {found}"


def test_the_check_sees_a_hard_wired_code():
    assert string_constants('x = "US-IL-CHI"\nif y == f"a{b}": pass') == ["US-IL-CHI", "a"]
