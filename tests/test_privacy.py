"""No personal names in the warehouse, on the pages or in the downloads.

The raw files that name people (NYC departure letters: officers; Chicago settlements:
plaintiffs) are read here to collect those names; every text column of every warehouse
table, the text of every page (AppTest) and the Explore page's downloads are searched for
them, and for the settlements' incident addresses. Officers are keyed pseudonyms, the key
comes from configuration and is never stored, and no publisher's free text about an
incident is loaded. docs/privacy.md says what is published and why.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
import zipfile
from urllib.parse import urlencode

import duckdb
import pytest

from etl.pseudonym import KEY_ENVIRONMENT_VARIABLE, KEY_FILE_NAME, load_key, officer_key
from exports import datapackage
from tests.app_text import PAGE_LINKS, open_page, shown_text
from tests.conftest import PROJECT_DIR, RAW_DIR, TEST_KEY
from tests.test_source_us_va_dcjs_decertifications import officer_names as va_officer_names
from ui.data import Warehouse
from views import explore


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
    # Virginia's decertification list names every officer: "First Last" (never loaded).
    names |= {n for n in va_officer_names() if "," not in n}
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


# -- pages and downloads ------------------------------------------------------------------
# The pages and files are searched word by word (a name or address is a run of words), so
# that megabytes of CSV are searched in a moment.

WORD = re.compile(r"[\w'-]+")


def phrases(values) -> set[tuple[str, ...]]:
    return {tuple(WORD.findall(value.lower())) for value in values if value}


def phrases_found(text: str, wanted: set[tuple[str, ...]]) -> set[str]:
    words = WORD.findall(text.lower())
    found = set()
    for size in {len(phrase) for phrase in wanted}:
        for start in range(len(words) - size + 1):
            window = tuple(words[start : start + size])
            if window in wanted:
                found.add(" ".join(window))
    return found


def settlement_addresses() -> set[str]:
    """The incident addresses of the Chicago settlements (block numbers): never shown."""
    path = RAW_DIR / "us_chicago_cpdp_settlements" / "settlements_1952-2016_2017-01.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        locations = {row["location"].strip() for row in csv.DictReader(handle)}
    return {location for location in locations if location and location != "Not specified"}


@pytest.fixture(scope="module")
def names() -> set[tuple[str, ...]]:
    return phrases(published_full_names())


@pytest.fixture(scope="module")
def addresses() -> set[tuple[str, ...]]:
    return phrases(settlement_addresses())


def test_the_word_search_finds_planted_names_and_addresses(names, addresses):
    text = "Letter,about JONATHAN  Cancel;\nseen at 12800 S. Emerald Ave. in 2016"
    assert phrases_found(text, names) == {"jonathan cancel"}
    assert "12800 s emerald ave" in phrases_found(text, addresses)
    assert len(addresses) > 500  # distinct block addresses in the settlements file


@pytest.fixture(scope="module")
def pages(built_data_dir) -> dict[str, str]:
    """The text of every page in its default view, each opened once for this module."""
    import streamlit as st

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
        st.cache_resource.clear()
        st.cache_data.clear()
        texts = {}
        for link in PAGE_LINKS:
            app = open_page(link)
            assert not app.exception and not app.error, link
            texts[urlencode(link)] = shown_text(app)
    return texts


def test_every_page_was_read_whole(pages):
    assert "Maisons-Alfort" in pages["page=overview"]  # the motivating case
    assert "us_nyc_ccrb_departure_letters" in pages["page=sources"]
    # the first allegation of the table (sorted by allegation_id) is a Chicago one
    assert "US-IL-CHI:" in pages["page=explore&table=allegations"]


def test_no_name_or_address_on_any_page(pages, names, addresses):
    found = {
        page: phrases_found(text, names) | phrases_found(text, addresses)
        for page, text in pages.items()
    }
    assert {page: hits for page, hits in found.items() if hits} == {}


@pytest.mark.parametrize(
    ("table", "filters", "least_rows"),
    [
        # every NYC allegation: the officers named in departure letters are among them
        ("allegations", {"jurisdiction": "US-NY-NYC"}, 14_918),
        ("statistics", {}, 36_000),
        ("compliance", {}, 9_000),
    ],
)
def test_no_name_or_address_in_the_downloads(
    built_data_dir, names, addresses, table, filters, least_rows
):
    """The Explore page's data package: its CSV (= the CSV download), metadata and README."""
    view = explore.empty_view(explore.TABLES[table]) | filters
    params = explore.rows_params(explore.TABLES[table], view, None)
    con = Warehouse(str(built_data_dir / "warehouse.duckdb"))
    package = datapackage.package_bytes(
        con, explore.TABLES[table].rows_query, params, "http://localhost/", dt.datetime.now(dt.UTC)
    )
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert files[f"{table}.csv"].count("\n") > least_rows
    found = {name: phrases_found(text, names | addresses) for name, text in files.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


# -- pseudonyms -----------------------------------------------------------------------------

OFFICER_KEY_COLUMNS = [
    ("allegations", "officer_key"),
    ("assignments", "officer_key"),
    ("settlements", "officer_key"),
    ("departure_letters", "officer_key"),
]


def officer_keys(db) -> set[str]:
    keys = set()
    for table, column in OFFICER_KEY_COLUMNS:
        keys |= {row[0] for row in db.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall()}
    return keys


@pytest.mark.parametrize(
    ("namespace", "officer_id"),
    [
        ("cpdp", "130469.0"),  # UID of the first record of complaints-accused.csv.gz
        ("cpdp", "100005"),  # UID of the first record of unit-history.csv.gz
        ("nypd", "895008"),  # Tax ID of the first record of the CCRB penalties file
        ("nypd", "963894"),  # Tax ID in the file name of the first departure letter
    ],
)
def test_officers_are_keyed_pseudonyms_of_the_publisher_id(db, namespace, officer_id):
    keys = officer_keys(db)
    assert officer_key(TEST_KEY.encode(), namespace, officer_id) in keys
    bare = officer_id.removesuffix(".0")
    unkeyed = hashlib.sha256(f"{namespace}:{bare}".encode()).hexdigest()[:16]
    assert unkeyed not in keys and bare not in keys and officer_id not in keys


def test_the_key_comes_from_the_environment_or_a_private_file(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    first = load_key(tmp_path)
    key_file = tmp_path / KEY_FILE_NAME
    assert key_file.stat().st_mode & 0o777 == 0o600  # readable by its owner only
    assert len(first) == 64 and load_key(tmp_path) == first  # random, then kept
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "from-configuration-0123456789abcdef")
    assert load_key(tmp_path) == b"from-configuration-0123456789abcdef"


def test_the_key_is_never_stored(db):
    text_columns = db.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema = 'main'"
    ).fetchall()
    for table, column in text_columns:
        hits = db.execute(
            f'SELECT count(*) FROM "{table}" WHERE contains("{column}", ?)', [TEST_KEY]
        ).fetchone()[0]
        assert hits == 0, f"{table}.{column}"
    ignored = (PROJECT_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"data/{KEY_FILE_NAME}" in ignored


# -- free text ------------------------------------------------------------------------------

PERSONAL_COLUMN = re.compile(
    r"(first|last|full|officer|given|family)_?name|plaintiff|complainant|victim|witness"
    r"|summary|narrative|synopsis|address|street|birth|phone|email"
)

# Columns holding sentences, each written by this project (or its generated evidence),
# never a publisher's account of an incident.
PROJECT_PROSE = {
    "case_events.description",  # the curated register's pseudonymous case summaries
    "case_events.description_fr",  # its French text, translated by the project
    "case_events.source_title",
    "comparisons.declaration",  # queries/measures/comparisons.toml, written by the project
    "compliance.evidence",  # generated by the rules in queries/directives
    "compliance.method",
    "compliance.evidence_fr",  # their French texts, translated by the project
    "compliance.method_fr",
    "directive_rules.cannot_show",  # the rule declarations, queries/directives/rules.toml
    "directive_rules.checks",
    "directive_rules.evidence",
    "directive_rules.legal_text",
    "directive_rules.cannot_show_fr",  # their French texts, translated by the project
    "directive_rules.checks_fr",
    "directive_rules.evidence_fr",
    "directive_rules.legal_text_fr",
    "directives.checkable_with",
    "directives.checkable_with_fr",  # French texts of the directives, translated by the project
    "directives.issuer_fr",
    "directives.obligation_fr",
    "directives.reference_fr",
    "directives.requirement_fr",
    "directives.source_title_fr",
    "directives.trigger_fr",
    "feed_entries.title",  # written by etl/feeds.py from rule ids, statuses and source titles
    "feed_entries.what_changed",
    "jurisdictions.note",  # data/reference/curated/jurisdictions.csv, written by the project
    "jurisdictions.note_fr",  # its French, translated by the project
    "directives.issuer",
    "directives.obligation",
    "directives.reference",
    "directives.requirement",
    "directives.source_title",
    "directives.title",
    "directives.title_fr",
    "directives.trigger_event",
    "outcome_map.note",  # reviewers' notes and CPD penalty code wording
    "press_outlets.note",  # the project's review of each outlet the register cites
    "record_history.outcome",  # publishers' outcome labels, joined
    "source_files.licence",
    "sources.caveats",
    "sources.caveats_fr",  # coverage, not_covered, caveats in French, translated by the project
    "sources.coverage_fr",
    "sources.not_covered_fr",
    "sources.coverage",
    "sources.licence",
    "sources.licence_fr",
    "sources.not_covered",
    "sources.publisher",
    "sources.title",
    "statistics.period_note",
    "units.note",
}


def test_no_column_holds_people_or_incident_narratives(db):
    columns = db.execute(
        "SELECT table_name || '.' || column_name FROM information_schema.columns "
        "WHERE table_schema = 'main'"
    ).fetchall()
    assert [c for (c,) in columns if PERSONAL_COLUMN.search(c.split(".")[1])] == []


def test_sentences_in_the_warehouse_are_the_projects_own(db):
    """A column whose values average eight words or more is prose: only ours is loaded."""
    text_columns = db.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema = 'main' AND column_name <> 'geometry'"
    ).fetchall()
    prose = set()
    for table, column in text_columns:
        words = db.execute(
            f'SELECT avg(len(string_split(trim("{column}"), \' \'))) FROM "{table}"'
        ).fetchone()[0]
        if words is not None and words >= 8:
            prose.add(f"{table}.{column}")
    assert "case_events.description" in prose  # the measure finds sentences
    assert prose <= PROJECT_PROSE, sorted(prose - PROJECT_PROSE)
