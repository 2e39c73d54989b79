"""Every curated text has its French (issue 15): the curated CSVs' `*_fr` columns are filled
on every row, each English prose column has its French twin, and the directive rules declare
their French texts. A French text missing here would show in English, marked "(en anglais)"."""

from __future__ import annotations

import csv
import tomllib

import pytest

from queries import RULES_FILE
from tests.conftest import PROJECT_DIR, REFERENCE_DIR

CURATED = REFERENCE_DIR / "curated"

# The English prose of each curated CSV, each with a French twin `<column>_fr`.
PROSE = {
    "cases_register.csv": ("place", "description"),
    "jurisdictions.csv": ("name", "note"),  # name_en / name_fr
    "directives.csv": (
        "title",  # title_en / title_fr
        "issuer",
        "reference",
        "requirement",
        "trigger",
        "obligation",
        "checkable_with",
        "source_title",
    ),
}
SOURCES_DIR = PROJECT_DIR / "etl" / "sources"
RULE_PROSE = ("checks", "evidence", "cannot_show", "legal_text")


def rows(name: str) -> list[dict[str, str]]:
    with (CURATED / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("name", sorted(PROSE))
def test_every_curated_text_has_its_french(name):
    table = rows(name)
    assert table
    for column in PROSE[name]:
        assert f"{column}_fr" in table[0], f"{name}: no {column}_fr column"
    french = [column for column in table[0] if column.endswith("_fr")]
    missing = [
        (row[next(iter(row))], column)
        for row in table
        for column in french
        if not (row[column] or "").strip()
    ]
    assert not missing, f"{name}: rows without their French text: {missing}"


@pytest.mark.parametrize("name", sorted(path.name for path in CURATED.glob("*.csv")))
def test_french_columns_are_filled_in_every_curated_csv(name):
    table = rows(name)
    for column in [c for c in (table[0] if table else {}) if c.endswith("_fr")]:
        assert all((row[column] or "").strip() for row in table), f"{name}: {column} has gaps"


def test_every_directive_rule_has_its_french():
    rules = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))["rule"]
    missing = [
        (rule["rule_id"], field)
        for rule in rules
        for field in RULE_PROSE
        if not (rule.get(f"{field}_fr") or "").strip()
    ]
    assert not missing, missing


def test_every_source_declaration_has_its_french():
    """coverage, not_covered, caveats and licence of every declaration, each with its `*_fr`."""
    missing = []
    for path in sorted(SOURCES_DIR.glob("*.toml")):
        declaration = tomllib.loads(path.read_text(encoding="utf-8"))
        for field in ("coverage", "not_covered", "caveats", "licence"):
            if declaration.get(field) and not (declaration.get(f"{field}_fr") or "").strip():
                missing.append((path.stem, field))
    assert not missing, missing
