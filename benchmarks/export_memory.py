"""Time and peak memory of a CSV download of about ROWS allegations, in its own process.

    .venv/bin/python -m benchmarks.export_memory WAREHOUSE ROWS {csv_file,package}

What a user gets from the Explore page: every allegation matching a filter, here the most
recent incident years that hold at least ROWS allegations (all rows if the warehouse has
fewer), sorted by allegation id (the page's default). csv_file is the CSV download
(exports.datapackage.csv_file), package the zip data package (CSV, datapackage.json,
README). Both go through the dashboard's own connection (ui.data.Warehouse, with its
memory limit). Prints JSON: seconds, rows, bytes, and the peak resident memory before and
after the export (their difference is what the export itself held).
"""

from __future__ import annotations

import datetime as dt
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


def recent_years_filter(con, rows: int) -> dict:
    """The Explore filters of the most recent incident years holding at least `rows`."""
    cursor = con.cursor()
    years = cursor.execute(
        "SELECT incident_year, sum(allegations) FROM allegation_summary "
        "WHERE incident_year IS NOT NULL GROUP BY ALL ORDER BY incident_year DESC"
    ).fetchall()
    total = 0
    for year, count in years:
        total += count
        if total >= rows:
            return {**NO_FILTER, "year_from": year}
    return dict(NO_FILTER)


def export(warehouse: str, rows: int, mode: str) -> dict:
    import queries
    from exports.datapackage import csv_file, package_file
    from ui.data import Warehouse

    con = Warehouse(warehouse)
    params = {**recent_years_filter(con, rows), "limit": None}
    before = own_peak_mb()
    started = time.perf_counter()
    if mode == "csv_file":
        spool = csv_file(con, "explore_allegations", params)
    elif mode == "package":
        when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        spool = package_file(con, "explore_allegations", params, "https://example.org", when)
    else:
        raise SystemExit(f"unknown mode {mode!r}: csv_file or package")
    size = spool.seek(0, 2)
    spool.close()
    seconds = time.perf_counter() - started
    filters = {k: v for k, v in params.items() if k not in ("sort", "descending", "limit")}
    [(matching,)] = queries.run(con, "explore_allegations_count", filters).fetchall()
    return {
        "mode": mode,
        "rows": int(matching),
        "year_from": params["year_from"],
        "seconds": round(seconds, 2),
        "bytes": size,
        "peak_mb_before": round(before, 1),
        "peak_mb": round(own_peak_mb(), 1),
    }


def main() -> None:
    warehouse, rows, mode = sys.argv[1:4]
    print(json.dumps(export(warehouse, int(rows), mode)))


if __name__ == "__main__":
    main()
