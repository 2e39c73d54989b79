"""`python -m etl export --parquet DIR`: every table as Parquet, a manifest, read-only."""

from __future__ import annotations

import hashlib
import json

import duckdb
import pytest

from etl.__main__ import main


@pytest.fixture(scope="module")
def exported(built_data_dir, tmp_path_factory):
    warehouse = built_data_dir / "warehouse.duckdb"
    before = warehouse.stat().st_mtime_ns
    target = tmp_path_factory.mktemp("parquet") / "export"  # created by the command
    assert main(["export", "--parquet", str(target), "--data-dir", str(built_data_dir)]) == 0
    assert warehouse.stat().st_mtime_ns == before, "the export must not write the warehouse"
    return target


def warehouse_tables(db) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]


def test_every_table_is_written_with_the_same_row_count(exported, db):
    tables = warehouse_tables(db)
    assert "allegations" in tables and "sources" in tables
    assert sorted(p.stem for p in exported.glob("*.parquet")) == tables
    for table in tables:
        expected = db.execute("SELECT count(*) FROM query_table($t)", {"t": table}).fetchone()[0]
        read_back = duckdb.execute(
            "SELECT count(*) FROM read_parquet($p)", {"p": str(exported / f"{table}.parquet")}
        ).fetchone()[0]
        assert read_back == expected, table


def test_parquet_keeps_columns_and_values(exported, db):
    original = db.execute("SELECT * FROM sources ORDER BY source_id").fetchall()
    path = str(exported / "sources.parquet")
    copy = duckdb.execute("SELECT * FROM read_parquet($p) ORDER BY source_id", {"p": path})
    copy = copy.fetchall()
    assert copy == original


def test_manifest_lists_every_file_with_rows_and_checksum(exported, db):
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["table"] for entry in manifest["tables"]] == warehouse_tables(db)
    assert manifest["build_info"]["built_at"]
    for entry in manifest["tables"]:
        path = exported / entry["file"]
        assert entry["bytes"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["columns"], entry["table"]
    allegations = next(e for e in manifest["tables"] if e["table"] == "allegations")
    # complaints-accused.csv.gz (244,436 records) + the NYC penalties file (14,918)
    # + the Washington CJTC cases file (2,055) + the Virginia DCJS list (521: 524 records
    # of four sheets, 3 rejected for mistyped dates)
    assert allegations["rows"] == 244_436 + 14_918 + 2_055 + 521


def test_export_needs_a_folder(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["export"])
    assert stop.value.code == 2
    assert "--parquet DIR" in capsys.readouterr().err


def test_export_without_a_warehouse_fails_with_a_message(tmp_path, capsys):
    assert main(["export", "--parquet", str(tmp_path / "out"), "--data-dir", str(tmp_path)]) == 1
    assert "python -m etl" in capsys.readouterr().err
