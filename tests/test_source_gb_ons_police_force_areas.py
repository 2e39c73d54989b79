"""gb_ons_police_force_areas: the 43 police force areas, boundaries and 2011 population."""

import csv
import json
import shutil
from collections import Counter

import duckdb
import pytest

from etl.manifest import Manifest, sha256_of
from etl.source import LoadContext, SourceError
from etl.sources import gb_ons_police_force_areas as ons
from tests.conftest import PROJECT_DIR, RAW_DIR, REFERENCE_DIR

SLUG = "gb_ons_police_force_areas"
LOOKUP = (
    "Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__"
    "December_2016__Lookup_in_England_and_Wales.csv"
)
DEMOGRAPHICS = "force-demographics.csv"


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    assert rows == [
        (LOOKUP, 348, 348, 0, "regions (crosswalk)"),
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


def test_every_census_spelling_maps_to_a_loaded_area(db):
    """Every force spelling of the two census files is in data/reference/maps/
    region_code_GB-EAW.csv with the region id of a loaded area whose name is the ONS one."""
    with (REFERENCE_DIR / "maps" / "region_code_GB-EAW.csv").open(encoding="utf-8") as handle:
        mapped = {r["original_label"]: r["code"] for r in csv.DictReader(handle)}
    areas = dict(
        db.execute(
            "SELECT region_id, name FROM regions WHERE level = 'police_force' AND country = 'GB'"
        ).fetchall()
    )
    spellings = Counter()
    for file_name, column in (
        ("force-demographics.csv", "PFA16NM"),
        ("police-defined-demographics.csv", "Police force"),
    ):
        with (RAW_DIR / SLUG / file_name).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                assert mapped[row[column]] in areas, row[column]
                spellings[file_name] += 1
    assert mapped["Avon & Somerset"] == "GB-PFA-E23000036"
    assert areas["GB-PFA-E23000036"] == "Avon and Somerset"
    # each of the 2 census files: every force spelling is mapped (43 + 43)
    assert spellings == {"force-demographics.csv": 43, "police-defined-demographics.csv": 43}


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
    """A force spelling missing from the map is rejected with a reason, none of its measures
    kept (the other census file, which spells it as mapped, keeps its measures)."""
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    path = raw_dir / DEMOGRAPHICS
    # grep -n '^Kent,' force-demographics.csv -> line 21, i.e. record 20: spelled 'Kentt'
    path.write_bytes(path.read_bytes().replace(b"\nKent,", b"\nKentt,", 1))
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["name"] == DEMOGRAPHICS:
            entry.update(sha256=sha256_of(path), bytes=path.stat().st_size)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    ctx = LoadContext(con, ons.SOURCE, raw_dir, REFERENCE_DIR, Manifest.read(raw_dir))
    ons.load(ctx)
    tally = ctx.counts[DEMOGRAPHICS]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (43, 42, 1)
    rejects = con.execute("SELECT row_number, column_name, reason, raw FROM rejects").fetchall()
    assert len(rejects) == 1
    row_number, column, reason, raw = rejects[0]
    assert (row_number, column) == (20, "PFA16NM")
    assert "region_code_GB-EAW.csv" in reason and '"PFA16NM":"Kentt"' in raw
    kent = con.execute(
        "SELECT measure FROM statistics WHERE region_id = 'GB-PFA-E23000032'"
    ).fetchall()
    # the 6 police-defined groups of police-defined-demographics.csv, none of the census's
    assert len(kent) == 6
    assert all(m.startswith("population_police_defined_") for (m,) in kent)


def test_a_boundary_file_in_another_crs_fails(tmp_path):
    """GeoJSON is WGS84: a file naming another crs (British National Grid) stops the load."""
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    path = raw_dir / "police_force_areas.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
    path.write_text(json.dumps(document), encoding="utf-8")
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["name"] == path.name:
            entry.update(sha256=sha256_of(path), bytes=path.stat().st_size)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    ctx = LoadContext(con, ons.SOURCE, raw_dir, REFERENCE_DIR, Manifest.read(raw_dir))
    with pytest.raises(SourceError, match="crs 'urn:ogc:def:crs:EPSG::27700' is not WGS84"):
        ons.load(ctx)
