"""Issue 14, "one path for every jurisdiction": the Overview and the Directives page are built
from the warehouse, so that a new city, state or country needs no page code. Their modules
name no jurisdiction code (as a quoted string) and no source slug; what is particular to a
jurisdiction is declared in data files (queries/overview.toml) or read from the warehouse."""

from __future__ import annotations

import csv
import re

import pytest

from tests.conftest import PROJECT_DIR

CHECKED = sorted(
    [
        *(PROJECT_DIR / "views" / "overview").glob("*.py"),
        *(PROJECT_DIR / "views" / "directives").glob("*.py"),
    ]
)


def jurisdiction_codes() -> list[str]:
    path = PROJECT_DIR / "data" / "reference" / "curated" / "jurisdictions.csv"
    with path.open(encoding="utf-8") as file:
        return [row["code"] for row in csv.DictReader(file)]


def source_slugs() -> list[str]:
    return sorted(
        {path.stem for path in (PROJECT_DIR / "etl" / "sources").iterdir()} - {"__init__"}
    )


def test_the_lists_are_read():
    assert {"FR", "GB-EAW", "US-IL-CHI", "US-NY-NYC"} <= set(jurisdiction_codes())
    assert {"us_chicago_cpdp_complaints", "curated_directives"} <= set(source_slugs())
    names = {path.relative_to(PROJECT_DIR).as_posix() for path in CHECKED}
    assert {"views/overview/cards.py", "views/directives/penalties.py"} <= names


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: p.relative_to(PROJECT_DIR).as_posix())
def test_overview_and_directives_name_no_jurisdiction_or_source(path):
    text = path.read_text(encoding="utf-8")
    found = [
        code for code in jurisdiction_codes() if re.search(rf"""["']{re.escape(code)}["']""", text)
    ]
    found += [slug for slug in source_slugs() if slug in text]
    assert not found, f"{path.name} names {found}: declare or derive them from the warehouse"
