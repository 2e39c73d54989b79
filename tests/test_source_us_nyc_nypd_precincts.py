"""us_nyc_nypd_precincts: NYC, its precincts and transit districts, and precinct maps."""

import json
import shutil

import duckdb

from etl.manifest import Manifest, sha256_of
from etl.source import LoadContext
from etl.sources import us_nyc_nypd_precincts
from tests.conftest import PROJECT_DIR, RAW_DIR

SLUG = "us_nyc_nypd_precincts"


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    # One row per GeoJSON feature: 78 in the 2024 map, 77 in the 2018 map. Each feature is
    # a boundary and lists its precinct in regions (once: [[load.also]] into regions).
    assert rows == [
        ("precinct-2024.geojson", 78, 78, 0, "boundaries, regions"),
        ("precinct.geojson", 77, 77, 0, "boundaries, regions"),
    ]


def test_is_a_declaration_of_geojson_features():
    declared = us_nyc_nypd_precincts
    assert declared.path.name == "us_nyc_nypd_precincts.toml"
    assert [spec.format for spec in declared.files] == ["geojson", "geojson"]
    assert declared.hook == ""


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, licence, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("US-NY-NYC", 155, 155, 0)
    assert row[4] == "a9e6d1b3313545cffb9a0b1146c3bbb391eb108209e07b2f1f0b066999c1f133"
    assert "NYC Open Data" in row[5] and "no licence" in row[5]
    assert "2018 vintage" in row[6]


def test_regions(db):
    counts = dict(
        db.execute(
            "SELECT level, count(*) FROM regions WHERE source_id = ? GROUP BY level", [SLUG]
        ).fetchall()
    )
    # 77 precincts in both maps + the 116th (2024 map only) + 12 transit districts
    assert counts == {"city": 1, "precinct": 78 + 12}
    rows = db.execute(
        "SELECT region_id, level, code, name, parent_id, valid_note FROM regions "
        "WHERE region_id IN ('US-NY-NYC', 'US-NY-NYC-P1', 'US-NY-NYC-P22', 'US-NY-NYC-P111', "
        "'US-NY-NYC-P112', 'US-NY-NYC-P116', 'US-NY-NYC-P123', 'US-NY-NYC-TD3') "
        "ORDER BY region_id"
    ).fetchall()
    assert rows == [
        ("US-NY-NYC", "city", "NYC", "New York City", "US", None),
        ("US-NY-NYC-P1", "precinct", "1", "1st Precinct", "US-NY-NYC", None),
        ("US-NY-NYC-P111", "precinct", "111", "111th Precinct", "US-NY-NYC", None),
        ("US-NY-NYC-P112", "precinct", "112", "112th Precinct", "US-NY-NYC", None),
        (
            "US-NY-NYC-P116",
            "precinct",
            "116",
            "116th Precinct",
            "US-NY-NYC",
            "created in 2024 from part of the 105th",
        ),
        ("US-NY-NYC-P123", "precinct", "123", "123rd Precinct", "US-NY-NYC", None),
        ("US-NY-NYC-P22", "precinct", "22", "22nd Precinct", "US-NY-NYC", None),
        ("US-NY-NYC-TD3", "precinct", "TD3", "Transit District 3", "US-NY-NYC", None),
    ]
    codes = {
        code
        for (code,) in db.execute(
            "SELECT code FROM regions WHERE source_id = ? AND code LIKE 'TD%'", [SLUG]
        ).fetchall()
    }
    assert codes == {f"TD{n}" for n in (1, 2, 3, 4, 11, 12, 20, 23, 30, 32, 33, 34)}


def test_boundaries(db):
    by_vintage = dict(
        db.execute(
            "SELECT vintage, count(DISTINCT region_id) FROM boundaries WHERE source_id = ? "
            "GROUP BY vintage",
            [SLUG],
        ).fetchall()
    )
    assert by_vintage == {"2018": 77, "2024": 78}
    shapes = {
        (region_id, vintage): json.loads(geometry)
        for region_id, vintage, geometry in db.execute(
            "SELECT region_id, vintage, geometry FROM boundaries WHERE source_id = ?", [SLUG]
        ).fetchall()
    }

    def points(shape):
        return sum(len(ring) for polygon in shape["coordinates"] for ring in polygon)

    # Hand counts with python3 json on the raw files (sum of ring lengths per feature):
    # precinct.geojson PRECINCT 1 -> 4 polygons, 288 points; whole file -> 15,197 points;
    # precinct-2024.geojson precinct "116" -> 1 polygon, 278 points.
    assert len(shapes["US-NY-NYC-P1", "2018"]["coordinates"]) == 4
    assert points(shapes["US-NY-NYC-P1", "2018"]) == 288
    assert sum(points(s) for (_, v), s in shapes.items() if v == "2018") == 15197
    assert points(shapes["US-NY-NYC-P116", "2024"]) == 278
    assert ("US-NY-NYC-P116", "2018") not in shapes
    assert {s["type"] for s in shapes.values()} == {"MultiPolygon"}
    # WGS84 longitudes/latitudes of New York City
    lon, lat = shapes["US-NY-NYC-P1", "2018"]["coordinates"][0][0][0][:2]
    assert -74.3 < lon < -73.6 and 40.4 < lat < 41.0
    # Transit districts have no map
    assert not any(region_id.startswith("US-NY-NYC-TD") for region_id, _ in shapes)


def test_no_rejects(db):
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone()[0] == 0


def test_feature_without_precinct_number_is_rejected(tmp_path):
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    path = raw_dir / "precinct.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"].append(dict(document["features"][0], properties={"PRECINCT": "Harbor"}))
    path.write_text(json.dumps(document), encoding="utf-8")
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["name"] == path.name:
            entry["sha256"], entry["bytes"] = sha256_of(path), path.stat().st_size
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    source = us_nyc_nypd_precincts.SOURCE
    ctx = LoadContext(con, source, raw_dir, tmp_path / "reference", Manifest.read(raw_dir))
    us_nyc_nypd_precincts.load(ctx)
    tally = ctx.counts[path.name]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (78, 77, 1)
    rejects = con.execute(
        "SELECT row_number, reason, column_name, file_name FROM rejects"
    ).fetchall()
    assert rejects == [(78, "PRECINCT is not a precinct number", "PRECINCT", path.name)]
