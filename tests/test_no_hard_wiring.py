"""Pages know no jurisdiction and no source: codes and slugs are data (the warehouse,
queries/measures/comparisons.toml), so that a new source needs no page code (issue 14).

For now the Compare page and the registry other pages share; the other pages are being
moved in parallel and join CHECKED as they are.
"""

from __future__ import annotations

import ast
import csv

import pytest

from tests.conftest import PROJECT_DIR

CHECKED = [
    "views/compare_regions.py",
    "views/region_measures.py",
    "views/compare/__init__.py",
    "views/compare/charts.py",
    "views/compare/choosers.py",
    "views/compare/figures.py",
    "views/compare/loaders.py",
    "views/compare/page.py",
    "views/compare/registry.py",
    "views/compare/text.py",
    "views/compare/wording.py",
]


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


def test_every_checked_module_exists():
    assert sorted(CHECKED) == sorted(set(CHECKED))
    for name in CHECKED:
        assert (PROJECT_DIR / name).is_file(), name
    package = {f"views/compare/{p.name}" for p in (PROJECT_DIR / "views/compare").glob("*.py")}
    assert package <= set(CHECKED), "a new Compare module joins CHECKED"


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
