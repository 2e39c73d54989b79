"""The words of the data files that declare what pages show (queries/overview.toml,
queries/directives.toml): every sentence in English and French, with the same placeholders."""

from __future__ import annotations

import csv
import re
import tomllib

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


def words_in(node, where=""):
    """Every {en, fr} pair of a declaration, with where it is."""
    if isinstance(node, dict):
        if set(node) == {"en", "fr"}:
            yield where, node
            return
        for key, value in node.items():
            yield from words_in(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from words_in(value, f"{where}[{index}]")


@pytest.mark.parametrize("name", ["overview.toml", "directives.toml"])
def test_declared_words_have_both_languages_and_the_same_placeholders(name):
    with (PROJECT_DIR / "queries" / name).open("rb") as file:
        declared = tomllib.load(file)
    pairs = list(words_in(declared))
    assert pairs
    for where, pair in pairs:
        assert pair["en"].strip() and pair["fr"].strip(), where
        en, fr = (set(re.findall(r"\{(\w+)", pair[lang])) for lang in ("en", "fr"))
        assert en == fr, f"{name}{where}: {en} != {fr}"


def test_overview_declarations_name_known_kinds_and_jurisdictions():
    from views.overview.declared import declarations
    from views.overview.figures import KINDS

    declared = declarations()
    codes = set(jurisdiction_codes())
    for card in declared["card"]:
        assert card["jurisdiction"] in codes
        for figure in card["figure"]:
            assert figure["kind"] in KINDS, figure
    assert set(declared["funnel"]) <= codes
    assert set(declared["trend"]) <= codes
    assert {"case", "directive", "intro", "caution", "issued"} <= set(declared["story"])
