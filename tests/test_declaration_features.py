"""etl/declaration.py features added with issue 14 (a source is data), each on a tiny file.

Every case writes a declaration and its raw file to tmp_path, loads it into an empty
warehouse schema and checks the rows and the accounting (read = loaded + rejected).
"""

from __future__ import annotations

import json

import duckdb
import pytest

from etl.declaration import DeclarationError, DeclaredSource
from etl.manifest import FileEntry, Manifest, sha256_of, write_manifest
from etl.pseudonym import install_officer_key, officer_key
from etl.source import LoadContext, SourceError
from tests.conftest import PROJECT_DIR, REFERENCE_DIR, TEST_KEY

HEAD = """
title = "Test"
publisher = "Test"
jurisdiction = "US-WA"
url = "https://example.org"
licence = "Test"
year_basis = "none"
repeats_are_records = false
"""


def load(tmp_path, declaration: str, files: dict[str, str | bytes]):
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir(parents=True)
    entries = []
    for name, content in files.items():
        path = raw_dir / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        entries.append(
            FileEntry(
                name,
                "https://example.org",
                "test",
                "2026-01-01",
                sha256_of(path),
                path.stat().st_size,
                "Test",
            )  # fmt: skip
        )
    write_manifest(raw_dir, entries)
    toml = tmp_path / "us_xx_test.toml"
    toml.write_text(HEAD + declaration, encoding="utf-8")
    declared = DeclaredSource(toml)
    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    install_officer_key(con, TEST_KEY.encode())
    ctx = LoadContext(con, declared.SOURCE, raw_dir, REFERENCE_DIR, Manifest.read(raw_dir))
    declared.load(ctx)
    return con, ctx


WIDE = """
[[lookups.measures]]
original_label = "a"
measure = "alpha"

[macros.twice]
params = ["x"]
sql = "2 * TRY_CAST(x AS DOUBLE)"

[[files]]
name = "wide.csv"
columns = ["place", "a", "b"]

[[load]]
file = "wide.csv"
into = "statistics"
row_if = "a IS NOT NULL"

[load.columns]
source_id = "$source_id"
region_id = "'US'"
measure = "(SELECT m.measure FROM lookup_measures m WHERE m.original_label = 'a')"
measure_original = "'a'"
value = "twice(a)"
unit = "'count'"
subject = "place"

[[load.also]]
if = "b IS NOT NULL"
measure = "'beta'"
value = "TRY_CAST(b AS DOUBLE)"

[[load.also]]
if = "row_number() OVER (ORDER BY _row) = 1"
measure = "'first_b'"
value = "max(TRY_CAST(b AS DOUBLE)) OVER ()"

[[load.reject]]
column = "place"
reason = "place is empty"
when = "place IS NULL"
"""


def test_also_row_if_lookups_and_macros(tmp_path):
    con, ctx = load(tmp_path, WIDE, {"wide.csv": "place,a,b\nx,1,\ny,,5\n,3,3\nz,2,7\n"})
    rows = con.execute("SELECT subject, measure, value FROM statistics ORDER BY ALL").fetchall()
    assert rows == [
        ("x", "alpha", 2.0),
        ("x", "first_b", 7.0),  # a window over the accepted records only (row 3 rejected)
        ("y", "beta", 5.0),
        ("z", "alpha", 4.0),
        ("z", "beta", 7.0),
    ]
    tally = ctx.counts["wide.csv"]  # records, not rows: y gives one row, z two
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (4, 3, 1)


def test_check_stops_the_load(tmp_path):
    declaration = WIDE + '\n[[load.check]]\nwhen = "b = \'7\'"\nmessage = "b is seven"\n'
    # row 2 breaks the check but is rejected (no place): the check reads accepted records
    with pytest.raises(SourceError, match="file wide.csv, row 3: b is seven"):
        load(tmp_path, declaration, {"wide.csv": "place,a,b\nx,1,\n,,7\nz,2,7\n"})


GEO = """
[[regions]]
region_id = "US-XX"
country = "US"
level = "city"
code = "XX"
name = "Test city"
parent_id = "US"

[[files]]
name = "shapes.geojson"
format = "geojson"
columns = ["num"]

[[load]]
file = "shapes.geojson"
into = "boundaries"

[load.columns]
region_id = "'US-XX-D' || num"
source_id = "$source_id"
vintage = "'2020'"
geometry = "geometry"

[[load.also]]
into = "regions"
region_id = "'US-XX-D' || num"
country = "'US'"
level = "'district'"
code = "num"
name = "'District ' || num"
parent_id = "'US-XX'"
source_id = "$source_id"

[[load.reject]]
column = "geometry"
reason = "feature geometry is missing or not a Polygon/MultiPolygon"
when = "geometry_type IS NULL OR geometry_type NOT IN ('Polygon', 'MultiPolygon')"
"""


def feature(num, geometry):
    return {"type": "Feature", "properties": {"num": num, "other": "x"}, "geometry": geometry}


SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}


def test_geojson_boundaries_and_regions(tmp_path):
    document = {
        "type": "FeatureCollection",
        "features": [feature(1, SQUARE), feature(2, None)],
    }
    con, ctx = load(tmp_path, GEO, {"shapes.geojson": json.dumps(document)})
    assert con.execute("SELECT region_id, vintage, geometry FROM boundaries").fetchall() == [
        ("US-XX-D1", "2020", json.dumps(SQUARE, separators=(",", ":")))
    ]
    assert con.execute("SELECT region_id, name FROM regions ORDER BY 1").fetchall()[-2:] == [
        ("US-XX", "Test city"),
        ("US-XX-D1", "District 1"),
    ]
    assert con.execute("SELECT row_number, column_name FROM rejects").fetchall() == [
        (2, "geometry")
    ]
    assert ctx.counts["shapes.geojson"].loaded_into == {"boundaries", "regions"}


def test_geojson_in_another_crs_fails(tmp_path):
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "EPSG:27700"}},
        "features": [feature(1, SQUARE)],
    }
    with pytest.raises(SourceError, match="crs 'EPSG:27700' is not WGS84"):
        load(tmp_path, GEO, {"shapes.geojson": json.dumps(document)})


CROSSWALK = """
[[files]]
name = "pairs.csv"
columns = ["code", "name"]
no_other_columns = true

[[load]]
file = "pairs.csv"
into = "regions"
crosswalk = true

[[load.reject]]
column = "code"
reason = "code is not a region of the warehouse"
when = "code NOT IN (SELECT region_id FROM regions)"
"""


def test_crosswalk_is_judged_and_counted_not_stored(tmp_path):
    con, ctx = load(tmp_path, CROSSWALK, {"pairs.csv": "code,name\nUS,United States\nZZ,No\n"})
    tally = ctx.counts["pairs.csv"]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (2, 1, 1)
    assert tally.loaded_into == {"regions (crosswalk)"}
    assert con.execute("SELECT count(*) FROM regions").fetchone() == (3,)  # the 3 countries


def test_no_other_columns(tmp_path):
    with pytest.raises(SourceError, match=r"unexpected column\(s\) \['extra'\]"):
        load(tmp_path, CROSSWALK, {"pairs.csv": "code,name,extra\nUS,United States,1\n"})


def test_a_crosswalk_has_no_column_map(tmp_path):
    declaration = CROSSWALK.replace("crosswalk = true", 'crosswalk = true\ncolumns = {code = "1"}')
    with pytest.raises(DeclarationError, match="crosswalk = true without one"):
        load(tmp_path, declaration, {"pairs.csv": "code,name\nUS,United States\n"})


def test_json_pseudonym_optional_and_other_columns(tmp_path):
    declaration = """
[[files]]
name = "people.json"
format = "json"
columns = ["agency", "name", "year"]
optional_columns = ["flag"]
drop_other_columns = true
pseudonym = { into = "officer_key", namespace = "xx", from = ["agency", "name"] }
never_load = ["name"]

[[load]]
file = "people.json"
into = "statistics"

[load.columns]
source_id = "$source_id"
region_id = "'US'"
measure = "'count'"
measure_original = "'year'"
value = "1"
unit = "'count'"
subject = "officer_key"
period_note = "flag"
"""
    people = [
        {"agency": "Agency  One", "name": "doe, jane", "year": "2024", "secret": "x"},
        {"agency": "Agency One", "name": None, "year": "2024", "secret": "y"},
    ]
    con, _ = load(tmp_path, declaration, {"people.json": json.dumps(people)})
    expected = officer_key(TEST_KEY.encode(), "xx", "AGENCY ONE|DOE, JANE")
    assert con.execute("SELECT subject, period_note FROM statistics ORDER BY 1").fetchall() == [
        (expected, None),
        (None, None),
    ]


def test_reference_tables_and_unknown_keys(tmp_path):
    declaration = CROSSWALK + '\n[reference_tables]\npress_outlets = "press_outlets.csv"\n'
    con, _ = load(tmp_path, declaration, {"pairs.csv": "code,name\nUS,United States\n"})
    assert con.execute("SELECT count(*) FROM press_outlets").fetchone()[0] > 0
    bad = CROSSWALK + '\n[reference_tables]\nallegations = "press_outlets.csv"\n'
    with pytest.raises(DeclarationError, match="reference_tables.allegations"):
        load(tmp_path / "again", bad, {"pairs.csv": "code,name\nUS,United States\n"})


def test_a_load_reads_a_joined_table(tmp_path):
    declaration = """
[[lookups.names]]
code = "1"
label = "one"

[[files]]
name = "codes.csv"
columns = ["code"]

[[load]]
file = "codes.csv"
into = "statistics"
from = "joined"

[load.tables]
joined = '''
SELECT s.*, n.label AS code_label
FROM staged_codes_csv s LEFT JOIN lookup_names n USING (code)'''

[load.columns]
source_id = "$source_id"
measure = "coalesce(code_label, 'unknown')"
measure_original = "code"
unit = "'count'"

[[load.reject]]
column = "code"
reason = "code is empty"
when = "code IS NULL"
"""
    con, ctx = load(tmp_path, declaration, {"codes.csv": "code\n1\n2\n\n"})
    assert con.execute("SELECT measure FROM statistics ORDER BY 1").fetchall() == [
        ("one",),
        ("unknown",),
    ]
    tally = ctx.counts["codes.csv"]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (3, 2, 1)
