"""us_nyc_psl_ccrb_precincts: PSL precinct x year CCRB records and the 2006-2019 rollup."""

import json
import re
import shutil

import duckdb

from etl.manifest import Manifest, sha256_of
from etl.source import LoadContext
from etl.sources import us_nyc_nypd_precincts, us_nyc_psl_ccrb_precincts
from tests.conftest import PROJECT_DIR, RAW_DIR

SLUG = "us_nyc_psl_ccrb_precincts"
YEAR_FILE = "data-flat-by-precinct-year.csv"
ROLLUP_FILE = "data-flat-by-precinct.csv"


def value(db, region_id, year, measure):
    return db.execute(
        "SELECT value FROM statistics WHERE source_id = ? AND region_id = ? "
        "AND year IS NOT DISTINCT FROM ? AND measure = ?",
        [SLUG, region_id, year, measure],
    ).fetchone()[0]


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    # Records, not cells: `tail -n +2 FILE | wc -l` -> 1238 and 89.
    assert rows == [
        (YEAR_FILE, 1238, 1238, 0, "statistics"),
        (ROLLUP_FILE, 89, 89, 0, "statistics"),
    ]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, licence, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("US-NY-NYC", 1327, 1327, 0)
    assert row[4] == "17cf85a85e5a6487de385189112812de38678940163a0da62722e72f90fc4bb8"
    assert row[5].startswith("No licence stated")
    assert "No licence stated" in row[6] and "not distinct complaints" in row[6]


def test_hand_computed_figures(db):
    # awk -F, 'NR>1 {r+=$3; c+=$7; s+=$8; if ($12!="") a++} END {print r, c, s, a}' year file
    #   -> 6937187 crime reports, 59687 complaint records, 4141 substantiated,
    #      1070 rows with arrests (and stops)
    sums = db.execute(
        "SELECT measure, sum(value), count(*) FROM statistics "
        "WHERE source_id = ? AND year IS NOT NULL GROUP BY measure ORDER BY measure",
        [SLUG],
    ).fetchall()
    assert sums[1:3] == [("complaint_records", 59687.0, 1238), ("crime_reports", 6937187.0, 1238)]
    assert dict((m, n) for m, _, n in sums) == {
        "arrests": 1070,
        "complaint_records": 1238,
        "crime_reports": 1238,
        "stops": 1070,
        "substantiated_records": 1238,
    }
    assert dict((m, s) for m, s, _ in sums)["substantiated_records"] == 4141.0
    # Same totals in the rollup (awk on data-flat-by-precinct.csv: $8 -> 59687, $9 -> 4141)
    rollup = dict(
        db.execute(
            "SELECT measure, sum(value) FROM statistics WHERE source_id = ? AND year IS NULL "
            "GROUP BY measure",
            [SLUG],
        ).fetchall()
    )
    assert rollup["complaint_records"] == 59687.0
    assert rollup["substantiated_records"] == 4141.0
    # awk -F, 'NR>1 {o+=$10} END {print o}' data-flat-by-precinct.csv -> 12968
    assert rollup["accused_officers"] == 12968.0
    # grep '^2016.0,75,' year file -> 14876.0 crime reports, 231.0 complaints, 20.0 substantiated,
    # 10194.0 arrests, 330.0 stops
    p75 = "US-NY-NYC-P75"
    assert value(db, p75, 2016, "crime_reports") == 14876.0
    assert value(db, p75, 2016, "complaint_records") == 231.0
    assert value(db, p75, 2016, "substantiated_records") == 20.0
    assert value(db, p75, 2016, "arrests") == 10194.0
    assert value(db, p75, 2016, "stops") == 330.0
    # grep '^75,' rollup file -> 353 officers, 2267.0 complaints, 59.816... % Black residents
    assert value(db, p75, None, "accused_officers") == 353.0
    assert value(db, p75, None, "complaint_records") == 2267.0
    assert abs(value(db, p75, None, "percent_black_residents_2010") - 59.81628556467097) < 1e-9


def test_row_counts_and_empty_cells(db):
    # Year file: 3 always-filled measures x 1238 + arrests and stops x 1070 = 5854;
    # rollup: 8 always-filled x 89 + 3 census % and 2 arrest/stop means x 77 = 1097
    counts = db.execute(
        "SELECT count(*) FILTER (WHERE year IS NOT NULL), count(*) FILTER (WHERE year IS NULL) "
        "FROM statistics WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert counts == (5854, 1097)
    # Transit districts have empty census/arrest/stop cells: no row, not a zero
    td3 = db.execute(
        "SELECT measure, value FROM statistics WHERE source_id = ? AND region_id = 'US-NY-NYC-TD3' "
        "AND year = 2016 ORDER BY measure",
        [SLUG],
    ).fetchall()
    assert td3 == [
        ("complaint_records", 28.0),
        ("crime_reports", 1330.0),
        ("substantiated_records", 0.0),
    ]
    # Precinct 121 was created in 2013: no year rows before 2014 (88 units in 2006-2013)
    years = db.execute(
        "SELECT min(year) FROM statistics WHERE source_id = ? AND region_id = 'US-NY-NYC-P121'",
        [SLUG],
    ).fetchone()[0]
    assert years == 2014


def test_vocabulary_and_regions(db):
    rows = db.execute(
        "SELECT DISTINCT measure, measure_original, unit, year IS NULL, period_note "
        "FROM statistics WHERE source_id = ?",
        [SLUG],
    ).fetchall()
    assert all(re.fullmatch(r"[a-z0-9_]+", m) for m, *_ in rows)
    # The repeated per-precinct means and census shares are stored once, from the rollup
    assert all(is_rollup for m, _, _, is_rollup, _ in rows if m.startswith(("annual_", "percent")))
    units = {m: u for m, _, u, _, _ in rows}
    assert units["percent_black_residents_2010"] == "percent"
    assert units["annual_mean_complaint_records"] == "count_per_year"
    assert units["complaint_records_per_accused_officer"] == "ratio"
    assert ("complaint_records", "Complaints", "count", True, "2006-2019") in rows
    orphans = db.execute(
        "SELECT count(*) FROM statistics WHERE source_id = ? "
        "AND region_id NOT IN (SELECT region_id FROM regions)",
        [SLUG],
    ).fetchone()[0]
    assert orphans == 0


def test_no_rejects(db):
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone()[0] == 0


def test_bad_records_are_rejected_whole(tmp_path):
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    path = raw_dir / YEAR_FILE
    with path.open("a", encoding="utf-8") as handle:
        handle.write("2016.0,999,1.0,,,,2.0,0.0,1.0,2.0,0.0,,\n")  # no such precinct
        handle.write("2016.5,75,1.0,,,,2.0,0.0,1.0,2.0,0.0,,\n")  # not a whole year
        handle.write("2016.0,75,many,,,,2.0,0.0,1.0,2.0,0.0,,\n")  # not a number
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["name"] == path.name:
            entry["sha256"], entry["bytes"] = sha256_of(path), path.stat().st_size
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    # The precinct regions come first, as in the build (order 10 < 30)
    regions_dir = RAW_DIR / us_nyc_nypd_precincts.SOURCE.slug
    us_nyc_nypd_precincts.load(
        LoadContext(
            con, us_nyc_nypd_precincts.SOURCE, regions_dir, tmp_path, Manifest.read(regions_dir)
        )
    )
    source = us_nyc_psl_ccrb_precincts.SOURCE
    ctx = LoadContext(con, source, raw_dir, tmp_path / "reference", Manifest.read(raw_dir))
    us_nyc_psl_ccrb_precincts.load(ctx)
    tally = ctx.counts[YEAR_FILE]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (1241, 1238, 3)
    rejects = con.execute(
        "SELECT row_number, reason, column_name FROM rejects WHERE source_id = ? ORDER BY 1",
        [source.slug],
    ).fetchall()
    assert rejects == [
        (1239, "Precinct is not a known NYPD precinct or transit district", "Precinct"),
        (1240, "Year is not a whole year such as 2016.0", "Year"),
        (1241, "Crime Reports is not a number", "Crime Reports"),
    ]
    # A rejected record leaves no cell behind
    assert con.execute("SELECT count(*) FROM statistics WHERE year IS NOT NULL").fetchone()[0] == (
        5854
    )
