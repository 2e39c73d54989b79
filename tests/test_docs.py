"""Docs that check themselves: data dictionary, README sources table, source declarations."""

from __future__ import annotations

import re

from etl.registry import source_modules
from tests.conftest import PROJECT_DIR

DICTIONARY = (PROJECT_DIR / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def dictionary_sections() -> dict[str, str]:
    parts = re.split(r"^## `([a-z_]+)`", DICTIONARY, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_table_and_column_is_documented(db):
    sections = dictionary_sections()
    tables = [row[0] for row in db.execute("SHOW TABLES").fetchall()]
    for table in tables:
        assert table in sections, f"table {table} is not in docs/data-dictionary.md"
        for (column,) in db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall():
            assert f"`{column}`" in sections[table], f"{table}.{column} is not documented"


def test_every_source_declares_provenance_and_is_in_the_readme():
    for module in source_modules():
        source = module.SOURCE
        for field in ("title", "publisher", "jurisdiction", "url", "licence", "coverage"):
            assert getattr(source, field).strip(), f"{source.slug} declares no {field}"
        assert f"`{source.slug}`" in README, f"{source.slug} is missing from README's sources"


def test_readme_quick_start_is_the_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)$", quick_start, flags=re.MULTILINE)
    assert commands == ["make run", "make test"]
