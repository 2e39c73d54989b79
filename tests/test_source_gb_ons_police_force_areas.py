"""gb_ons_police_force_areas: the 43 police force areas, boundaries and 2011 population."""

import csv
import shutil
from collections import Counter

import duckdb

from etl.manifest import Manifest
from etl.source import LoadContext
from etl.sources import gb_ons_police_force_areas as ons
from tests.conftest import PROJECT_DIR, RAW_DIR, REFERENCE_DIR

SLUG = "gb_ons_police_force_areas"


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    assert rows == [
        (ons.LOOKUP, 348, 348, 0, "regions (crosswalk)"),
        ("force-demographics.csv", 43, 43, 0, "statistics"),
        ("police-defined-demographics.csv", 43, 43, 0, "statistics"),
        ("police_force_areas.geojson", 43, 43, 0, "boundaries, regions"),
    ]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, publisher, licence "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("GB-EAW", 477, 477, 0)  # 43 + 348 + 43 + 43
    assert row[4] == "f380306f9c239a242cd7ba46c07ff1fdda514c08022ebda3cafa0e878829e49a"
    assert row[5].startswith("Office for National Statistics")
    assert "Open Government Licence v3.0" in row[6]


def test_regions(db):
    assert db.execute(
        "SELECT country, level, code, name, parent_id FROM regions WHERE region_id = 'GB-EAW'"
    ).fetchone() == ("GB", "region", "GB-EAW", "England and Wales", "GB")
    forces = db.execute(
        "SELECT region_id, code, name, parent_id FROM regions "
        "WHERE source_id = ? AND level = 'police_force' ORDER BY code",
        [SLUG],
    ).fetchall()
    assert len(forces) == 43
    assert all(parent == "GB-EAW" and rid == "GB-PFA-" + code for rid, code, _, parent in forces)
    by_code = {code: name for _, code, name, _ in forces}
    assert by_code["E23000001"] == "Metropolitan Police"
    assert by_code["E23000034"] == "London, City of"
    assert by_code["E23000036"] == "Avon and Somerset"
    assert by_code["W15000004"] == "Dyfed-Powys"
    # The LAD rows are a crosswalk only: no LAD becomes a region.
    assert db.execute("SELECT count(*) FROM regions WHERE name = 'Broadland'").fetchone()[0] == 0


def test_boundaries(db):
    types = dict(
        db.execute(
            "SELECT geometry ->> '$.type', count(*) FROM boundaries "
            "WHERE source_id = ? AND vintage = '2020' GROUP BY ALL",
            [SLUG],
        ).fetchall()
    )
    # python: collections.Counter(f['geometry']['type'] for f in features)
    #   -> {'Polygon': 28, 'MultiPolygon': 15}
    assert types == {"Polygon": 28, "MultiPolygon": 15}


def test_hand_computed_population(db):
    def value(region_id, measure):
        return db.execute(
            "SELECT value FROM statistics WHERE source_id = ? AND region_id = ? AND measure = ? "
            "AND year = 2011",
            [SLUG, region_id, measure],
        ).fetchone()[0]

    # awk -F, 'NR>1{s+=$2} END{printf "%d", s}' force-demographics.csv -> 56075912
    total = db.execute(
        "SELECT sum(value) FROM statistics WHERE source_id = ? AND measure = 'population'",
        [SLUG],
    ).fetchone()[0]
    assert total == 56075912
    # grep '^Avon' force-demographics.csv | cut -d, -f2 -> 1599555 (spelled 'Avon & Somerset')
    assert value("GB-PFA-E23000036", "population") == 1599555
    # grep '^Metropolitan' force-demographics.csv | cut -d, -f2 -> 8166566
    assert value("GB-PFA-E23000001", "population") == 8166566
    # grep '^City of London' police-defined-demographics.csv | cut -d, -f2 -> 5799
    assert value("GB-PFA-E23000034", "population_police_defined_white") == 5799
    # awk -F, 'NR>1{s+=$7} END{print s}' police-defined-demographics.csv -> 563696
    other = db.execute(
        "SELECT sum(value) FROM statistics WHERE measure = 'population_police_defined_other'"
    ).fetchone()[0]
    assert other == 563696


def test_statistics_shape(db):
    rows = db.execute(
        "SELECT measure, count(*), count(DISTINCT region_id), min(unit), max(unit) "
        "FROM statistics WHERE source_id = ? GROUP BY measure",
        [SLUG],
    ).fetchall()
    # 24 census columns + 6 police-defined columns, one row per force each
    assert len(rows) == 30
    assert all(r[1:] == (43, 43, "count", "count") for r in rows)
    assert db.execute(
        "SELECT measure_original FROM statistics WHERE source_id = ? AND measure = 'population' "
        "LIMIT 1",
        [SLUG],
    ).fetchone() == ("Ethnic Group: All categories: Ethnic group; measures: Value",)


def test_force_names_crosswalk_is_consistent(db):
    """Every spelling in data/reference/gb_force_names.csv maps to a loaded area by code."""
    with (REFERENCE_DIR / ons.FORCE_NAMES).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = dict(
        db.execute(
            "SELECT code, name FROM regions WHERE level = 'police_force' AND country = 'GB'"
        ).fetchall()
    )
    for row in rows:
        if row["pfa_code"]:
            assert names[row["pfa_code"]] == row["pfa_name"], row
        else:  # only national bodies have no area
            assert row["published_name"] in {
                "British Transport Police",
                "Central Service Secondments",
            }, row
    by_name = {(r["published_name"], r["source_file"]): r["pfa_code"] for r in rows}
    assert by_name["Avon & Somerset", "force-demographics.csv"] == "E23000036"
    # each of the 2 census files: every force spelling is listed (43 + 43). The workforce
    # and BBC IOPC files (45 + 39 spellings) are declarations reading
    # data/reference/maps/region_code_GB-EAW.csv instead: their tests check every name.
    assert Counter(source_file for _, source_file in by_name) == {
        "force-demographics.csv": 43,
        "police-defined-demographics.csv": 43,
    }


def test_region_code_map_names_loaded_areas(db):
    """Every force code in data/reference/maps/region_code_GB-EAW.csv is a loaded area."""
    with (REFERENCE_DIR / "maps" / "region_code_GB-EAW.csv").open(encoding="utf-8") as handle:
        rows = {r["original_label"]: r["code"] for r in csv.DictReader(handle)}
    regions = {r[0] for r in db.execute("SELECT region_id FROM regions").fetchall()}
    assert {code for code in rows.values() if code} <= regions
    assert rows["Avon and Somerset Constabulary"] == "GB-PFA-E23000036"
    assert rows["Metropolitan"] == "GB-PFA-E23000001"
    assert rows["North Wales Police"] == "GB-PFA-W15000001"
    assert rows["Central Service Secondments"] == rows["British Transport Police"] == "GB"


def test_no_rejects_and_no_personal_data(db):
    # The files hold area codes, names and census counts: no people are named.
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone()[0] == 0
    assert (
        db.execute(
            "SELECT count(*) FROM statistics WHERE source_id = ? AND subject IS NOT NULL", [SLUG]
        ).fetchone()[0]
        == 0
    )


def test_unknown_force_spelling_rejects_the_whole_record(tmp_path):
    """A force missing from the crosswalk is rejected with a reason, none of its measures kept."""
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    reference = tmp_path / "reference"
    reference.mkdir()
    lines = (REFERENCE_DIR / ons.FORCE_NAMES).read_text(encoding="utf-8").splitlines(True)
    kept = [line for line in lines if not line.startswith("Kent,force-demographics.csv,")]
    (reference / ons.FORCE_NAMES).write_text("".join(kept), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    ctx = LoadContext(con, ons.SOURCE, raw_dir, reference, Manifest.read(raw_dir))
    ons.load(ctx)
    tally = ctx.counts[ons.DEMOGRAPHICS]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (43, 42, 1)
    rejects = con.execute("SELECT row_number, column_name, reason, raw FROM rejects").fetchall()
    assert len(rejects) == 1
    row_number, column, reason, raw = rejects[0]
    # grep -n '^Kent,' force-demographics.csv -> line 21, i.e. record 20
    assert (row_number, column) == (20, "PFA16NM")
    assert "gb_force_names.csv" in reason and '"PFA16NM":"Kent"' in raw
    kent = con.execute(
        "SELECT measure FROM statistics WHERE region_id = 'GB-PFA-E23000032'"
    ).fetchall()
    assert sorted(m for (m,) in kent) == sorted(ons.POLICE_DEFINED_GROUPS.values())
