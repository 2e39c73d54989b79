"""Time and peak memory of a 1M-row CSV export of explore_allegations, in its own process.

    .venv/bin/python -m benchmarks.export_memory WAREHOUSE ROWS {csv_file,query_csv}

csv_file is what the Explore page's download runs (exports.datapackage.csv_file: batches
spooled to a temporary file); query_csv (exports.table_csv) joins the whole CSV in memory,
as the Directives and Sources downloads do. Prints JSON: seconds, bytes, the peak resident
memory before and after the export (their difference is what the export itself held).
"""

from __future__ import annotations

import json
import sys
import time

from benchmarks.measure import own_peak_mb

NO_FILTER = {
    "jurisdiction": None,
    "region": None,
    "year_from": None,
    "year_to": None,
    "category": None,
    "finding": None,
    "recommended_level": None,
    "final_level": None,
    "source": None,
    "sort": "allegation_id",
    "descending": False,
}


def export(warehouse: str, rows: int, mode: str) -> dict:
    from exports.datapackage import csv_file
    from exports.table_csv import query_csv
    from ui.data import Warehouse

    con = Warehouse(warehouse)
    params = {**NO_FILTER, "limit": rows}
    before = own_peak_mb()
    started = time.perf_counter()
    if mode == "csv_file":
        spool = csv_file(con, "explore_allegations", params)
        size = spool.seek(0, 2)
        spool.close()
    elif mode == "query_csv":
        size = len(query_csv(con, "explore_allegations", params))
    else:
        raise SystemExit(f"unknown mode {mode!r}: csv_file or query_csv")
    return {
        "mode": mode,
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 2),
        "bytes": size,
        "peak_mb_before": round(before, 1),
        "peak_mb": round(own_peak_mb(), 1),
    }


def main() -> None:
    warehouse, rows, mode = sys.argv[1:4]
    print(json.dumps(export(warehouse, int(rows), mode)))


if __name__ == "__main__":
    main()
