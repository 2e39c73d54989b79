"""The build is all-or-nothing: a failing source or check keeps the previous warehouse."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest

from etl.build import BuildError, build
from etl.manifest import FileEntry, Manifest, sha256_of, write_manifest
from tests.conftest import TEST_KEY, copy_data

CURATED = Path("reference/curated")


def replace_file(data_dir: Path, folder: Path, name: str, content: bytes) -> None:
    """Change a raw file as a refresh would: new bytes and a manifest that matches them."""
    directory = data_dir / folder
    (directory / name).write_bytes(content)
    manifest = Manifest.read(directory)
    entries = []
    for entry in manifest.entries.values():
        if entry.name == name:
            entry = FileEntry(
                **{**entry.__dict__, "sha256": sha256_of(directory / name), "bytes": len(content)}
            )
        entries.append(entry)
    write_manifest(directory, entries)


def edit_csv(path: Path, edit) -> bytes:
    """Apply `edit(rows)` to a CRLF curated CSV and return the new bytes."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    edit(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture
def data_with_old_warehouse(tmp_path, built_data_dir, monkeypatch) -> Path:
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    data_dir = copy_data(tmp_path / "data")
    shutil.copyfile(built_data_dir / "warehouse.duckdb", data_dir / "warehouse.duckdb")
    return data_dir


def assert_old_warehouse_kept(data_dir: Path, sha_before: str) -> None:
    assert sha256_of(data_dir / "warehouse.duckdb") == sha_before
    assert not list(data_dir.glob("warehouse.building-*"))
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM directives").fetchone()[0] == 14
    con.close()


def test_missing_column_fails_naming_source_file_row_and_column(data_with_old_warehouse):
    data_dir = data_with_old_warehouse
    before = sha256_of(data_dir / "warehouse.duckdb")
    path = data_dir / CURATED / "directives.csv"

    def drop_title(rows):
        index = rows[0].index("title_en")
        for row in rows:
            del row[index]

    replace_file(data_dir, CURATED, "directives.csv", edit_csv(path, drop_title))
    with pytest.raises(BuildError) as failure:
        build(data_dir, show_progress=False)
    message = str(failure.value)
    assert "curated_directives" in message
    assert "directives.csv" in message
    assert "row 0 (header)" in message
    assert "'title_en'" in message
    assert_old_warehouse_kept(data_dir, before)


def test_file_changed_outside_a_refresh_is_refused(data_with_old_warehouse):
    data_dir = data_with_old_warehouse
    before = sha256_of(data_dir / "warehouse.duckdb")
    with (data_dir / CURATED / "directives.csv").open("ab") as handle:
        handle.write(b"tampered\r\n")
    with pytest.raises(BuildError, match=r"curated_directives.*sha256.*does not match"):
        build(data_dir, show_progress=False)
    assert_old_warehouse_kept(data_dir, before)


def test_failing_check_keeps_old_warehouse(data_with_old_warehouse):
    data_dir = data_with_old_warehouse
    before = sha256_of(data_dir / "warehouse.duckdb")
    path = data_dir / CURATED / "cases_register.csv"

    def cite_a_mirror(rows):
        header = rows[0]
        url = header.index("source_url")
        rows[1][url] = "https://ikeaflex.store/a-copy-of-an-article.html"  # FR-001.1

    replace_file(data_dir, CURATED, "cases_register.csv", edit_csv(path, cite_a_mirror))
    with pytest.raises(BuildError, match="case_sources_quality"):
        build(data_dir, show_progress=False)
    assert_old_warehouse_kept(data_dir, before)


def test_bad_value_is_rejected_with_row_column_and_reason(data_with_old_warehouse):
    data_dir = data_with_old_warehouse
    path = data_dir / CURATED / "fr_national_sanctions.csv"

    def break_third_value(rows):
        rows[3][rows[0].index("value")] = "3,255"  # decimal comma typo in data row 3

    replace_file(data_dir, CURATED, "fr_national_sanctions.csv", edit_csv(path, break_third_value))
    build(data_dir, show_progress=False)
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    rejects = con.execute(
        "SELECT row_number, column_name, reason, raw FROM rejects "
        "WHERE source_id = 'curated_fr_national_sanctions'"
    ).fetchall()
    accounting = con.execute(
        "SELECT rows_read, rows_loaded, rows_rejected FROM sources "
        "WHERE source_id = 'curated_fr_national_sanctions'"
    ).fetchone()
    con.close()
    assert len(rejects) == 1
    row_number, column, reason, raw = rejects[0]
    assert (row_number, column, reason) == (3, "value", "value is not a number")
    assert '"value":"3,255"' in raw
    assert accounting == (89, 88, 1)


def test_command_line_exits_non_zero_and_says_what_failed(data_with_old_warehouse, capsys):
    from etl.__main__ import main

    data_dir = data_with_old_warehouse
    with (data_dir / CURATED / "directives.csv").open("ab") as handle:
        handle.write(b"tampered\r\n")
    assert main(["--data-dir", str(data_dir), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("BUILD FAILED, previous warehouse kept: source curated_directives")
    assert "directives.csv" in error


def test_command_line_prints_the_summary_table(built_data_dir, tmp_path, monkeypatch, capsys):
    from etl.__main__ import main

    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    data_dir = copy_data(tmp_path / "data")
    assert main(["--data-dir", str(data_dir), "--quiet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["source", "read", "loaded", "rejected"]
    # iopc_forfunnel.csv: 998 records, 39 forces, 959 blank rows (see its source test)
    assert ["gb_bbc_iopc_misconduct", "998", "39", "959"] in [line.split() for line in lines]
    assert lines[-1].startswith(f"built {data_dir / 'warehouse.duckdb'} in ")


def test_a_small_memory_limit_spills_and_builds_the_same_warehouse(
    built_data_dir, tmp_path, monkeypatch
):
    # The default build peaks near 1 GB on the bundled data; capped at a fifth of that,
    # DuckDB spills to the scratch folder beside the warehouse, which goes afterwards.
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setenv("ACCOUNTABILITY_ETL_MEMORY_LIMIT", "200MB")
    data_dir = copy_data(tmp_path / "data")
    build(data_dir, show_progress=False)
    assert sorted(path.name for path in data_dir.glob("warehouse*")) == ["warehouse.duckdb"]
    counts = "SELECT source_id, count(*) FROM allegations GROUP BY ALL ORDER BY ALL"
    small = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    usual = duckdb.connect(str(built_data_dir / "warehouse.duckdb"), read_only=True)
    assert small.execute(counts).fetchall() == usual.execute(counts).fetchall()
    small.close()
    usual.close()


def test_an_unreadable_memory_limit_fails_the_build_clearly(data_with_old_warehouse, monkeypatch):
    data_dir = data_with_old_warehouse
    sha_before = sha256_of(data_dir / "warehouse.duckdb")
    monkeypatch.setenv("ACCOUNTABILITY_ETL_MEMORY_LIMIT", "lots")
    with pytest.raises(BuildError, match="ACCOUNTABILITY_ETL_MEMORY_LIMIT='lots'"):
        build(data_dir, show_progress=False)
    assert_old_warehouse_kept(data_dir, sha_before)


def test_allegations_are_stored_by_source_and_date(db):
    # The order the Explore page relies on to skip blocks of other years (not for results).
    [(out_of_order,)] = db.execute(
        "SELECT count(*) FROM (SELECT source_id, incident_date, "
        "lag(incident_date) OVER (ORDER BY rowid) AS previous, "
        "lag(source_id) OVER (ORDER BY rowid) AS previous_source FROM allegations) "
        "WHERE source_id = 'us_chicago_cpdp_complaints' AND source_id = previous_source "
        "AND incident_date < previous"
    ).fetchall()
    assert out_of_order == 0
