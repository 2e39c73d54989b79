"""No personal names in the warehouse, whatever the sources publish.

The raw files that name people (NYC departure letters: officers; Chicago settlements:
plaintiffs) are read here to collect those names, then every text column of every
warehouse table is searched for them.
"""

from __future__ import annotations

import csv
import gzip
import json
import re

import duckdb

from tests.conftest import RAW_DIR


def published_full_names() -> set[str]:
    names = set()
    letters = json.loads(
        (RAW_DIR / "us_nyc_ccrb_departure_letters" / "departureletters.json").read_text()
    )["departureLetters"]
    for letter in letters:
        names.add(f"{letter['FirstName']} {letter['LastName']}".strip())
    settlements = RAW_DIR / "us_chicago_cpdp_settlements" / "settlements_1952-2016_2017-01.csv.gz"
    with gzip.open(settlements, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names.add(" ".join(row["plantiff"].split()))
    # Two-word names of some length: "Jonathan Cancel", not "Unknown" or initials.
    return {n for n in names if len(n) >= 8 and " " in n and not n.lower().startswith("unknown")}


def test_name_list_is_real():
    names = published_full_names()
    assert "Jonathan Cancel" in names  # first departure letter of the snapshot
    assert "Jonathan Guzman" in names  # first settlement row of the snapshot
    assert len(names) > 1000


def name_pattern() -> str:
    return "(?i)\\b(" + "|".join(re.escape(n) for n in sorted(published_full_names())) + ")\\b"


def text_cells_with_names(con, pattern: str) -> list[tuple[str, str, str]]:
    text_columns = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema = 'main' ORDER BY ALL"
    ).fetchall()
    hits = []
    for table, column in text_columns:
        found = con.execute(
            f'SELECT "{column}" FROM "{table}" WHERE regexp_matches("{column}", ?) LIMIT 1',
            [pattern],
        ).fetchall()
        if found:
            hits.append((table, column, found[0][0][:80]))
    return hits


def test_the_search_finds_a_planted_name():
    con = duckdb.connect()
    con.execute("CREATE TABLE notes (id INTEGER, body VARCHAR)")
    con.execute("INSERT INTO notes VALUES (1, 'letter about jonathan cancel, 2019')")
    assert text_cells_with_names(con, name_pattern()) == [
        ("notes", "body", "letter about jonathan cancel, 2019")
    ]


def test_no_published_name_in_any_text_column(db):
    assert text_cells_with_names(db, name_pattern()) == []
