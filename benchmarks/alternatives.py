"""The same four questions answered three ways: the warehouse, pandas in memory, SQLite.

    .venv/bin/python -m benchmarks.alternatives {duckdb,pandas,sqlite} WAREHOUSE CSV RUNS

Run as a child per engine, so each peak resident memory is its own. Prints JSON: load
time, per-question median/p95 and the answers (the caller checks they agree).

- duckdb: the dashboard's own named queries on the warehouse, attached read-only as
  ui.data does (counts, facets and districts from the allegation_summary pre-aggregate).
- duckdb_scan: the same warehouse without the pre-aggregate: plain SQL scanning the
  allegations table, as SQLite is asked; it tells the engine's share of the gain from the
  summary table's.
- pandas: what most Streamlit apps do: read the flat CSV of allegations, then filter and
  group the frame in memory.
- sqlite: what Datasette serves: the CSV loaded into an SQLite file (empty cells as NULL,
  as sqlite-utils does), with an index on each filter column.

The questions are those of the Explore and Compare pages with typical filters (Chicago,
incident years 2005-2015, use of force): how many rows match, the finding facet, the
first 1,000 rows by newest incident, and allegations and sustained ones per district.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import time
from pathlib import Path

from benchmarks.measure import own_peak_mb, timed
from benchmarks.query_params import EXPLORE_ALLEGATIONS, PAGE

CHICAGO_SOURCE = "us_chicago_cpdp_complaints"
YEAR_FROM, YEAR_TO = EXPLORE_ALLEGATIONS["year_from"], EXPLORE_ALLEGATIONS["year_to"]
CATEGORY = EXPLORE_ALLEGATIONS["category"]
JURISDICTION = EXPLORE_ALLEGATIONS["jurisdiction"]
PAGE_ROWS = PAGE["limit"]
QUESTIONS = ("count", "finding_facet", "first_page", "per_district")
FLAT_COLUMNS = (
    "allegation_id",
    "jurisdiction",
    "source_id",
    "case_id",
    "region_id",
    "incident_date",
    "received_date",
    "closed_date",
    "category",
    "category_original",
    "finding",
    "recommended_level",
    "final_level",
    "final_outcome",
)
# Every allegation with its jurisdiction: what the dashboard's "all rows" download gives.
FLAT_SQL = (
    "SELECT a.allegation_id, s.jurisdiction, a.source_id, a.case_id, a.region_id, "
    "a.incident_date, a.received_date, a.closed_date, a.category, a.category_original, "
    "a.finding, a.recommended_level, a.final_level, a.final_outcome "
    "FROM allegations AS a JOIN sources AS s USING (source_id) ORDER BY a.allegation_id"
)


def write_flat_csv(warehouse: Path, out: Path) -> int:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    con.sql(FLAT_SQL).write_csv(str(out), header=True)
    [(rows,)] = con.execute("SELECT count(*) FROM allegations").fetchall()
    con.close()
    return rows


def _normal(answers: dict) -> dict:
    """Answers as plain JSON values, so the three engines compare equal when they agree."""
    return {
        "count": int(answers["count"]),
        "finding_facet": {str(k): int(v) for k, v in sorted(answers["finding_facet"].items())},
        "first_page": [str(v) for v in answers["first_page"]],
        "per_district": {
            str(k): [int(a), int(s)] for k, (a, s) in sorted(answers["per_district"].items())
        },
    }


def duckdb_engine(warehouse: Path, csv_path: Path):
    import queries
    from ui.data import Warehouse

    started = time.perf_counter()
    con = Warehouse(str(warehouse))
    load = time.perf_counter() - started
    page = {**EXPLORE_ALLEGATIONS, **PAGE}
    facet = {"facet": "finding", **EXPLORE_ALLEGATIONS}
    years = {"year_from": YEAR_FROM, "year_to": YEAR_TO, "category": None}
    share = {
        **years,
        "jurisdiction": "US-IL-CHI",
        "region_level": "district",
        "by_year": False,
        "measure": "sustained_share",
        "findings": ["sustained", "not_sustained", "unfounded", "exonerated", "closed_other"],
        "not_investigated": ["NAF"],
    }

    def district():
        frame = queries.run(con, "allegation_share", share, folder="measures").df()
        return {r.region_id: (r.allegations, r.numerator) for r in frame.itertuples()}

    return load, {
        "count": lambda: (
            queries.run(con, "explore_allegations_count", EXPLORE_ALLEGATIONS).df().iloc[0, 0]
        ),
        "finding_facet": lambda: dict(
            queries.run(con, "explore_allegations_facet", facet).df().to_numpy().tolist()
        ),
        "first_page": lambda: list(
            queries.run(con, "explore_allegations", page).df()["allegation_id"]
        ),
        "per_district": district,
    }


SCAN_FILTER = (
    "FROM allegations AS a JOIN sources AS s USING (source_id) "
    "WHERE s.jurisdiction = $jurisdiction AND a.incident_date >= $date_from "
    "AND a.incident_date < $date_to AND coalesce(a.category, 'unknown') = $category"
)


def duckdb_scan_engine(warehouse: Path, csv_path: Path):
    from ui.data import Warehouse

    started = time.perf_counter()
    con = Warehouse(str(warehouse))
    load = time.perf_counter() - started
    params = {
        "jurisdiction": JURISDICTION,
        "date_from": f"{YEAR_FROM}-01-01",
        "date_to": f"{YEAR_TO + 1}-01-01",
        "category": CATEGORY,
    }

    def run(sql: str, values: dict) -> list[tuple]:
        return con.cursor().execute(sql, values).fetchall()

    def district():
        rows = run(
            "SELECT region_id, count(*), count(*) FILTER (WHERE finding = 'sustained') "
            "FROM allegations WHERE source_id = $source AND incident_date >= $date_from "
            "AND incident_date < $date_to GROUP BY region_id",
            {
                "source": CHICAGO_SOURCE,
                "date_from": params["date_from"],
                "date_to": params["date_to"],
            },
        )
        return {region: (count, sustained) for region, count, sustained in rows}

    # Constant SQL fragments only; the values go in as parameters.
    return load, {
        "count": lambda: run(f"SELECT count(*) {SCAN_FILTER}", params)[0][0],  # noqa: S608
        "finding_facet": lambda: dict(
            run(f"SELECT coalesce(a.finding, 'unknown'), count(*) {SCAN_FILTER} GROUP BY 1", params)  # noqa: S608
        ),
        "first_page": lambda: [
            row[0]
            for row in run(
                f"SELECT a.allegation_id {SCAN_FILTER} "  # noqa: S608
                "ORDER BY a.incident_date DESC NULLS LAST, a.allegation_id LIMIT $limit",
                {**params, "limit": PAGE_ROWS},
            )
        ],
        "per_district": district,
    }


def pandas_engine(warehouse: Path, csv_path: Path):
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(csv_path, parse_dates=["incident_date"], low_memory=False)
    load = time.perf_counter() - started

    def filtered():
        year = frame["incident_date"].dt.year
        return frame[
            (frame["jurisdiction"] == JURISDICTION)
            & year.between(YEAR_FROM, YEAR_TO)
            & (frame["category"].fillna("unknown") == CATEGORY)
        ]

    def first_page():
        rows = filtered().sort_values(
            ["incident_date", "allegation_id"], ascending=[False, True], na_position="last"
        )
        return list(rows["allegation_id"].head(PAGE_ROWS))

    def district():
        chicago = frame[
            (frame["source_id"] == CHICAGO_SOURCE)
            & frame["incident_date"].dt.year.between(YEAR_FROM, YEAR_TO)
        ]
        grouped = chicago.assign(sustained=chicago["finding"] == "sustained").groupby("region_id")
        counts = grouped.agg(allegations=("allegation_id", "size"), sustained=("sustained", "sum"))
        return {r.Index: (r.allegations, r.sustained) for r in counts.itertuples()}

    return load, {
        "count": lambda: len(filtered()),
        "finding_facet": lambda: filtered()["finding"].fillna("unknown").value_counts().to_dict(),
        "first_page": first_page,
        "per_district": district,
    }


SQLITE_INDEXED = ("jurisdiction", "source_id", "incident_date", "category", "finding", "region_id")
SQLITE_FILTER = (
    "FROM allegations WHERE jurisdiction = :jurisdiction AND incident_date >= :date_from "
    "AND incident_date < :date_to AND category = :category"
)


def load_sqlite(csv_path: Path, database: Path) -> sqlite3.Connection:
    database.unlink(missing_ok=True)
    con = sqlite3.connect(database)
    # Identifiers and placeholders from the constants above; the values go in as parameters.
    columns = ", ".join(f"{column} TEXT" for column in FLAT_COLUMNS)
    marks = ", ".join("?" for _ in FLAT_COLUMNS)
    con.execute(f"CREATE TABLE allegations ({columns})")
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        if tuple(next(reader)) != FLAT_COLUMNS:
            raise ValueError(f"{csv_path}: header differs from {FLAT_COLUMNS}")
        rows = ([cell or None for cell in row] for row in reader)
        con.executemany(f"INSERT INTO allegations VALUES ({marks})", rows)  # noqa: S608
    for column in SQLITE_INDEXED:
        con.execute(f"CREATE INDEX allegations_{column} ON allegations ({column})")
    con.commit()
    return con


def sqlite_engine(warehouse: Path, csv_path: Path):
    started = time.perf_counter()
    con = load_sqlite(csv_path, csv_path.with_suffix(".sqlite"))
    load = time.perf_counter() - started
    params = {
        "jurisdiction": JURISDICTION,
        "date_from": f"{YEAR_FROM}-01-01",
        "date_to": f"{YEAR_TO + 1}-01-01",
        "category": CATEGORY,
    }
    chicago = {
        "source": CHICAGO_SOURCE,
        "date_from": params["date_from"],
        "date_to": params["date_to"],
    }

    def district():
        rows = con.execute(
            "SELECT region_id, count(*), coalesce(sum(finding = 'sustained'), 0) FROM allegations "
            "WHERE source_id = :source AND incident_date >= :date_from "
            "AND incident_date < :date_to GROUP BY region_id",
            chicago,
        ).fetchall()
        return {region: (count, sustained) for region, count, sustained in rows}

    return load, {
        "count": lambda: con.execute(f"SELECT count(*) {SQLITE_FILTER}", params).fetchone()[0],
        "finding_facet": lambda: dict(
            con.execute(
                f"SELECT coalesce(finding, 'unknown'), count(*) {SQLITE_FILTER} GROUP BY 1", params
            ).fetchall()
        ),
        "first_page": lambda: [
            row[0]
            for row in con.execute(
                f"SELECT allegation_id {SQLITE_FILTER} "
                "ORDER BY incident_date DESC, allegation_id LIMIT :limit",
                {**params, "limit": PAGE_ROWS},
            )
        ],
        "per_district": district,
    }


ENGINES = {
    "duckdb": duckdb_engine,
    "duckdb_scan": duckdb_scan_engine,
    "pandas": pandas_engine,
    "sqlite": sqlite_engine,
}


def measure(engine: str, warehouse: Path, csv_path: Path, runs: int) -> dict:
    load, questions = ENGINES[engine](warehouse, csv_path)
    timings, answers = {}, {}
    for name in QUESTIONS:
        timings[name], answers[name] = timed(questions[name], runs)
    return {
        "engine": engine,
        "load_s": round(load, 2),
        "questions": timings,
        "answers": _normal(answers),
        "peak_mb": round(own_peak_mb(), 1),
    }


def main() -> None:
    engine, warehouse, csv_path, runs = sys.argv[1:5]
    print(json.dumps(measure(engine, Path(warehouse), Path(csv_path), int(runs))))


if __name__ == "__main__":
    main()
