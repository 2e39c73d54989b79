"""Prototype, for the measurement only: the explore_allegations CSV written by DuckDB.

    .venv/bin/python -m benchmarks.export_prototype WAREHOUSE ROWS

exports.table_csv encodes each value in Python (csv.writer); here DuckDB writes the CSV
itself, the formula-trigger prefix done in SQL. Not used by the dashboard: it measures
what moving the encoding into DuckDB would gain (docs/performance.md). Prints JSON.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import duckdb

import queries
from benchmarks.export_memory import NO_FILTER
from benchmarks.measure import own_peak_mb
from exports.table_csv import FORMULA_TRIGGERS


def main() -> None:
    warehouse, rows = sys.argv[1], int(sys.argv[2])
    con = duckdb.connect(warehouse, read_only=True)
    query = queries.get("explore_allegations")
    params = {**NO_FILTER, "limit": rows}
    described = con.execute(f"DESCRIBE {query.sql}", params).fetchall()
    # Column names come from the query itself; values reach SQL as parameters.
    cells = [
        f"CASE WHEN list_contains($triggers, left({name}, 1)) THEN '''' || {name} "
        f"ELSE {name} END AS {name}"
        if kind == "VARCHAR"
        else name
        for name, kind, *_ in described
    ]
    select = f"SELECT {', '.join(cells)} FROM (\n{query.sql}\n)"  # noqa: S608
    before = own_peak_mb()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "export.csv"
        con.sql(select, params={**params, "triggers": list(FORMULA_TRIGGERS)}).write_csv(
            str(target), header=True
        )
        size = target.stat().st_size
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": round(time.perf_counter() - started, 2),
                "bytes": size,
                "peak_mb_before": round(before, 1),
                "peak_mb": round(own_peak_mb(), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
