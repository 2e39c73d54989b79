"""Whole-warehouse export for power users: one Parquet file per table, and a manifest.

`python -m etl export --parquet DIR` opens the warehouse read-only and writes
`DIR/<table>.parquet` for every table, then `DIR/manifest.json`: per table its file, row
count, columns with their DuckDB types, byte size and SHA-256, plus the warehouse's
build_info and the export time. Table names and paths reach DuckDB only as parameters
(`COPY (FROM query_table($table)) TO $path`), never formatted into the SQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb

COPY_TABLE = "COPY (FROM query_table($table)) TO $path (FORMAT parquet, COMPRESSION zstd)"
LIST_TABLES = """
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'main' AND table_type = 'BASE TABLE'
    ORDER BY table_name
"""
LIST_COLUMNS = """
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'main' AND table_name = $table
    ORDER BY ordinal_position
"""


class ExportError(Exception):
    pass


def export_parquet(warehouse: Path, target: Path) -> dict:
    """Write every table of `warehouse` to `target` as Parquet; return the manifest."""
    if not warehouse.exists():
        raise ExportError(f"no warehouse at {warehouse}: build it first with `python -m etl`")
    target.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [row[0] for row in con.execute(LIST_TABLES).fetchall()]
        entries = [export_table(con, table, target) for table in tables]
        build_info = dict(con.execute("SELECT key, value FROM build_info ORDER BY key").fetchall())
    finally:
        con.close()
    manifest = {
        "warehouse": warehouse.name,
        "build_info": build_info,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "format": "parquet",
        "tables": entries,
    }
    (target / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def export_table(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> dict:
    path = target / f"{table}.parquet"
    con.execute(COPY_TABLE, {"table": table, "path": str(path)})
    rows = con.execute("SELECT count(*) FROM query_table($table)", {"table": table}).fetchone()[0]
    columns = con.execute(LIST_COLUMNS, {"table": table}).fetchall()
    return {
        "table": table,
        "file": path.name,
        "rows": rows,
        "columns": [{"name": name, "type": kind} for name, kind in columns],
        "bytes": path.stat().st_size,
        "sha256": _sha256(path),
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def format_manifest(manifest: dict, target: Path) -> str:
    lines = [f"{'table':<22}{'rows':>12}  file"]
    for entry in manifest["tables"]:
        lines.append(f"{entry['table']:<22}{entry['rows']:>12,}  {target / entry['file']}")
    lines.append(f"manifest: {target / 'manifest.json'}")
    return "\n".join(lines)
