"""Change tracking: releases per source, stable record keys, added / removed / changed.

Three builds of a small warehouse (NYC precincts, NYC penalties, directives) where the
penalties file changes between them as a refresh would change it (new bytes and a
manifest that matches, `replace_file`): release 1, release 2 with one outcome changed, one
row removed and one added, then release 3 back to the original file.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest

import etl.build
import queries
from etl.build import BuildError, build, format_summary
from etl.manifest import sha256_of
from etl.sources import curated_directives, us_nyc_ccrb_penalties, us_nyc_nypd_precincts
from exports.table_csv import query_csv
from tests.conftest import DATA_DIR, RAW_DIR, TEST_KEY
from tests.test_build import replace_file

PENALTIES = Path("raw/us_nyc_ccrb_penalties")
FILE = "ccrb-complaints-database-penalties.csv"
SLUG = "us_nyc_ccrb_penalties"
MODULES = [us_nyc_nypd_precincts, curated_directives, us_nyc_ccrb_penalties]
# First data rows of the bundled file (see `head` of it): complaint 200000003 / tax id
# 895008 has no NYPD penalty yet; 200000036 / 874479 is the one removed below.
CHANGED, REMOVED, ADDED = "200000003", "200000036", "999999999"
FIRST_OUTCOME = (
    "finding: Substantiated (Command Discipline) | "
    "recommended: Substantiated (Command Discipline) | final: -"
)
REPRIMANDED = FIRST_OUTCOME.replace("final: -", "final: Reprimand")


def penalties_rows(data_dir: Path) -> list[list[str]]:
    text = (data_dir / PENALTIES / FILE).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def second_release(rows: list[list[str]]) -> bytes:
    header = rows[0]
    penalty = header.index("NYPD Officer Penalty")
    edited = [list(row) for row in rows]
    assert edited[1][:2] == [CHANGED, "895008"] and edited[1][penalty] == ""
    edited[1][penalty] = "Reprimand"  # a label of data/reference/maps/outcome_US-NY-NYC.csv
    assert edited[3][:2] == [REMOVED, "874479"]
    del edited[3]
    edited.append([ADDED, "123456", "Substantiated (Charges)", *[""] * 8, "No penalty"])
    edited[-1][header.index("Officer is_APU")] = "No"
    return as_csv(edited)


@pytest.fixture
def small_data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setattr(etl.build, "source_modules", lambda: MODULES)
    data_dir = tmp_path / "data"
    for module in (us_nyc_nypd_precincts, us_nyc_ccrb_penalties):
        slug = module.SOURCE.slug
        shutil.copytree(RAW_DIR / slug, data_dir / "raw" / slug)
    shutil.copytree(DATA_DIR / "reference", data_dir / "reference")
    return data_dir


def read(data_dir: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


RELEASES = (
    "SELECT source_id, release_number, records, added, removed, changed FROM releases "
    "ORDER BY source_id, release_number"
)
HISTORY = (
    "SELECT record_ref, record_key, outcome, previous_outcome, first_seen_release, "
    "last_seen_release, change, change_release FROM record_history "
    "WHERE source_id = ? AND record_ref IN (?, ?, ?) ORDER BY record_ref, record_key"
)


@pytest.fixture
def two_releases(small_data) -> tuple[Path, list[list[str]], list[tuple]]:
    build(small_data, show_progress=False)
    first = read(small_data, HISTORY, [SLUG, CHANGED, REMOVED, ADDED])
    original = penalties_rows(small_data)
    replace_file(small_data, PENALTIES, FILE, second_release(original))
    build(small_data, show_progress=False)
    return small_data, original, first


def test_first_build_records_release_one_of_every_source(small_data):
    summaries = build(small_data, show_progress=False)
    assert "new releases" not in format_summary(summaries)  # nothing to compare yet
    assert read(small_data, RELEASES) == [
        # 14 directives; 14,918 substantiated officer x complaint rows (test_source_...)
        ("curated_directives", 1, 0, None, None, None),
        (SLUG, 1, 14_918, None, None, None),
        ("us_nyc_nypd_precincts", 1, 0, None, None, None),
    ]
    fingerprint, sha = read(
        small_data, "SELECT fingerprint, sha256 FROM releases WHERE source_id = ?", [SLUG]
    )[0]
    assert sha == sha256_of(small_data / PENALTIES / FILE)
    assert len(fingerprint) == 64


def test_a_changed_outcome_is_changed_not_removed_and_added(two_releases):
    data_dir, _, first = two_releases
    assert read(data_dir, RELEASES) == [
        ("curated_directives", 1, 0, None, None, None),
        (SLUG, 1, 14_918, None, None, None),
        (SLUG, 2, 14_918, 1, 1, 1),  # one row removed, one added: the count is unchanged
        ("us_nyc_nypd_precincts", 1, 0, None, None, None),
    ]
    rows = read(data_dir, HISTORY, [SLUG, CHANGED, REMOVED, ADDED])
    by_ref = {}
    for row in rows:
        by_ref.setdefault(row[0], []).append(row)
    # 200000003 names two officers; only the first one's penalty changed
    changed = [r for r in by_ref[CHANGED] if r[6] == "changed"]
    assert [r[2:] for r in changed] == [(REPRIMANDED, FIRST_OUTCOME, 1, 2, "changed", 2)]
    first_keys = {r[1] for r in first if r[0] == CHANGED}
    assert {r[1] for r in by_ref[CHANGED]} == first_keys  # same keys: no remove + add
    removed = [r for r in by_ref[REMOVED] if r[6] == "removed"]
    assert [r[2:] for r in removed] == [(FIRST_OUTCOME, None, 1, 1, "removed", 2)]
    added = "finding: Substantiated (Charges) | recommended: Substantiated (Charges) | "
    assert [r[2:] for r in by_ref[ADDED]] == [(added + "final: No penalty", None, 2, 2, "added", 2)]
    dates = read(
        data_dir,
        "SELECT DISTINCT first_seen, last_seen FROM record_history WHERE source_id = ?",
        [SLUG],
    )
    assert ("2026-07-01", "2026-07-01") in dates  # retrieved_at in the bundled manifest


def test_the_build_summary_says_what_the_new_release_changed(two_releases, capsys):
    data_dir, _, _ = two_releases
    summaries = build(data_dir, show_progress=False)  # a rebuild: no new release
    assert "new releases" not in format_summary(summaries)
    replace_file(data_dir, PENALTIES, FILE, as_csv(penalties_rows(data_dir)[:-1]))
    summaries = build(data_dir, show_progress=False)
    assert f"{SLUG}: release 3, 0 added, 1 removed, 0 changed since release 2" in (
        format_summary(summaries)
    )


def test_rebuilding_the_same_files_keeps_the_changes(two_releases):
    data_dir, _, _ = two_releases
    history = "SELECT * FROM record_history ORDER BY ALL"
    releases = "SELECT * EXCLUDE (last_built_at) FROM releases ORDER BY ALL"
    before = read(data_dir, history), read(data_dir, releases)
    build(data_dir, show_progress=False)
    assert (read(data_dir, history), read(data_dir, releases)) == before


def test_going_back_to_the_first_file_is_a_third_release(two_releases):
    data_dir, original, _ = two_releases
    replace_file(data_dir, PENALTIES, FILE, as_csv(original))
    build(data_dir, show_progress=False)
    assert read(data_dir, RELEASES)[2:4] == [(SLUG, 2, 14_918, 1, 1, 1), (SLUG, 3, 14_918, 1, 1, 1)]
    rows = read(data_dir, HISTORY, [SLUG, CHANGED, REMOVED, ADDED])
    latest = {(r[0], r[6]): r[2:] for r in rows if r[7] == 3}
    assert latest == {
        (CHANGED, "changed"): (FIRST_OUTCOME, REPRIMANDED, 1, 3, "changed", 3),
        # back again: first seen in release 1 still, added again in release 3
        (REMOVED, "added"): (FIRST_OUTCOME, None, 1, 3, "added", 3),
        (ADDED, "removed"): (
            "finding: Substantiated (Charges) | recommended: Substantiated (Charges) | "
            "final: No penalty",
            None,
            2,
            2,
            "removed",
            3,
        ),
    }


def test_the_changes_query_and_its_csv(two_releases):
    data_dir, _, _ = two_releases
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        by_source = queries.run(con, "changes_by_source").fetchall()
        assert [row[:2] + row[4:8] for row in by_source] == [
            ("curated_directives", 1, 0, None, None, None),
            (SLUG, 2, 14_918, 1, 1, 1),
            ("us_nyc_nypd_precincts", 1, 0, None, None, None),
        ]
        params = {"source_id": SLUG, "row_limit": None}
        rows = queries.run(con, "changes_since_last_release", params).fetchall()
        assert [row[2] for row in rows] == ["added", "changed", "removed"]
        everything = {"source_id": None, "row_limit": None}
        assert queries.run(con, "changes_since_last_release", everything).fetchall() == rows
        payload = query_csv(con, "changes_since_last_release", params)
    finally:
        con.close()
    keys = [row[-1] for row in rows]
    assert payload.decode("utf-8") == (
        "source_id,release_number,change,table_name,record_ref,outcome_before,outcome_after,"
        "first_seen,last_seen,record_key\r\n"
        f"{SLUG},2,added,allegations,{ADDED},,finding: Substantiated (Charges) | "
        f"recommended: Substantiated (Charges) | final: No penalty,2026-07-01,"
        f"{rows[0][8]},{keys[0]}\r\n"
        f"{SLUG},2,changed,allegations,{CHANGED},{FIRST_OUTCOME},{REPRIMANDED},2026-07-01,"
        f"{rows[1][8]},{keys[1]}\r\n"
        f"{SLUG},2,removed,allegations,{REMOVED},{FIRST_OUTCOME},,2026-07-01,2026-07-01,"
        f"{keys[2]}\r\n"
    )


def test_an_unreadable_previous_warehouse_stops_the_build_and_is_kept(small_data):
    (small_data / "warehouse.duckdb").write_bytes(b"not a duckdb file")
    with pytest.raises(BuildError, match="cannot open the previous warehouse .* read-only"):
        build(small_data, show_progress=False)
    assert (small_data / "warehouse.duckdb").read_bytes() == b"not a duckdb file"


def test_every_tracked_record_of_the_bundled_data_has_one_key(db):
    counts = dict(
        db.execute(
            "SELECT table_name, count(DISTINCT (source_id, record_key)) FROM record_history "
            "GROUP BY 1"
        ).fetchall()
    )
    for table in ("allegations", "statistics", "closing_reports", "departure_letters"):
        rows = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert counts[table] == rows, table
    assert db.execute("SELECT count(*), count(DISTINCT source_id) FROM releases").fetchone() == (
        db.execute("SELECT count(*), count(*) FROM sources").fetchone()
    )


def open_sources_page(warehouse: Path, monkeypatch, **params):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_TIMEOUT, PROJECT_DIR

    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(warehouse))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=APP_TIMEOUT)
    app.query_params["page"] = "sources"
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    return app


def test_the_sources_page_lists_the_changes_of_the_new_release(two_releases, monkeypatch):
    data_dir, _, _ = two_releases
    app = open_sources_page(data_dir / "warehouse.duckdb", monkeypatch, changes=SLUG)
    assert any(h.value == "What changed since the last release" for h in app.header)
    tables = [d.value for d in app.dataframe]
    by_source = next(t for t in tables if "release_number" in t and "added" in t)
    assert by_source[
        ["source_id", "release_number", "added", "removed", "changed"]
    ].values.tolist() == [[SLUG, 2, 1, 1, 1]]
    changes = next(t for t in tables if "outcome_before" in t)
    assert changes["change"].tolist() == ["added", "changed", "removed"]
    assert changes.loc[1, ["outcome_before", "outcome_after"]].tolist() == [
        FIRST_OUTCOME,
        REPRIMANDED,
    ]
    assert app.selectbox(key="sources_changes").value == SLUG
    assert app.query_params["changes"] == SLUG


def test_the_sources_page_says_when_there_is_nothing_to_compare(built_data_dir, monkeypatch):
    app = open_sources_page(built_data_dir / "warehouse.duckdb", monkeypatch)
    assert any("nothing to compare yet" in info.value for info in app.info)
