"""us_chicago_districts: Chicago, its police districts, 2010 population and boundaries."""

import json

SLUG = "us_chicago_districts"


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    assert rows == [
        ("Districts.csv", 22, 22, 0, "regions, statistics"),
        ("cpd_district_boundaries.geojson", 25, 22, 3, "boundaries"),
    ]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, publisher "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("US-IL-CHI", 47, 44, 3)
    assert row[4] == "c78d14b85d69cd465916557853ec554ba7e791dfeeb7351a5b36a2df7a03d05b"
    assert row[5].startswith("Chicago Police Department (FOIA P050685")


def test_regions(db):
    rows = db.execute(
        "SELECT region_id, country, level, code, name, parent_id, valid_note FROM regions "
        "WHERE source_id = ? AND region_id IN ('US-IL-CHI', 'US-IL-CHI-D1', 'US-IL-CHI-D13') "
        "ORDER BY region_id",
        [SLUG],
    ).fetchall()
    assert rows == [
        ("US-IL-CHI", "US", "city", "CHI", "Chicago", "US", None),
        ("US-IL-CHI-D1", "US", "district", "1", "Central", "US-IL-CHI", None),
        (
            "US-IL-CHI-D13",
            "US",
            "district",
            "13",
            "District 13 (retired)",
            "US-IL-CHI",
            "consolidated in Dec 2012 (CPD General Order G01-04); no population or boundary",
        ),
    ]
    codes = {
        code
        for (code,) in db.execute(
            "SELECT code FROM regions WHERE source_id = ? AND level = 'district'", [SLUG]
        ).fetchall()
    }
    # 22 current districts (1-12, 14-20, 22, 24, 25) + retired 13, 21, 23 = 1..25 exactly.
    assert codes == {str(n) for n in range(1, 26)}
    retired = db.execute(
        "SELECT list(code ORDER BY code) FROM regions "
        "WHERE source_id = ? AND valid_note IS NOT NULL",
        [SLUG],
    ).fetchone()[0]
    assert retired == ["13", "21", "23"]


def test_hand_computed_population(db):
    def figure(region_id, measure):
        return db.execute(
            "SELECT value FROM statistics WHERE source_id = ? AND region_id = ? AND measure = ?",
            [SLUG, region_id, measure],
        ).fetchone()[0]

    # python3 csv.DictReader(Districts.csv): sum(int(Population.replace(',', ''))) = 2695598
    total = db.execute(
        "SELECT sum(value) FROM statistics WHERE source_id = ? AND measure = 'population'",
        [SLUG],
    ).fetchone()[0]
    assert total == 2695598
    # same method, sum of the 'Latino' column = 778862
    latino = db.execute(
        "SELECT sum(value) FROM statistics WHERE source_id = ? AND measure = 'population_latino'",
        [SLUG],
    ).fetchone()[0]
    assert latino == 778862
    # Districts.csv row District_No 8: "Chicago Lawn","247,373"
    assert figure("US-IL-CHI-D8", "population") == 247373
    # Districts.csv row District_No 1: Native_American 95 (no thousands separator)
    assert figure("US-IL-CHI-D1", "population_native_american") == 95


def test_statistics_shape(db):
    rows = db.execute(
        "SELECT measure, measure_original, count(*), min(year), max(year), min(unit), "
        "count(period_note) FROM statistics WHERE source_id = ? GROUP BY ALL ORDER BY measure",
        [SLUG],
    ).fetchall()
    measures = {r[0]: r[1] for r in rows}
    assert measures == {
        "population": "Population",
        "population_asian": "Asian",
        "population_black": "Black",
        "population_latino": "Latino",
        "population_native_american": "Native_American",
        "population_other": "Other",
        "population_white": "White",
    }
    assert all(r[2:] == (22, 2010, 2010, "count", 22) for r in rows)
    # No figure for the retired districts: their 2010 population was never allocated.
    assert (
        db.execute(
            "SELECT count(*) FROM statistics WHERE source_id = ? "
            "AND region_id IN ('US-IL-CHI-D13', 'US-IL-CHI-D21', 'US-IL-CHI-D23')",
            [SLUG],
        ).fetchone()[0]
        == 0
    )


def test_boundaries(db):
    rows = db.execute(
        "SELECT region_id, geometry FROM boundaries WHERE source_id = ?", [SLUG]
    ).fetchall()
    # grep -o '"dist_num":"[0-9]*"' cpd_district_boundaries.geojson | sort | uniq -c:
    # 25 features, 3 of them "31", the other 22 one each.
    assert len(rows) == 22
    assert {r[0] for r in rows} == {
        f"US-IL-CHI-D{n}" for n in range(1, 26) if n not in (13, 21, 23)
    }
    for _, geometry in rows:
        shape = json.loads(geometry)
        assert shape["type"] == "MultiPolygon"
        lon, lat = shape["coordinates"][0][0][0]
        assert -88.0 < lon < -87.5 and 41.6 < lat < 42.1  # WGS84, Chicago


def test_rejects_have_reasons(db):
    rows = db.execute(
        "SELECT file_name, column_name, reason, raw FROM rejects WHERE source_id = ?", [SLUG]
    ).fetchall()
    assert len(rows) == 3
    for file_name, column, reason, raw in rows:
        assert file_name == "cpd_district_boundaries.geojson"
        assert column == "dist_num"
        assert "'31' is not one of the 22 CPD patrol districts" in reason
        assert json.loads(raw)["dist_label"] == "31ST"


def test_reject_row_numbers_are_feature_positions(db):
    # python3 json.load: features 3, 4 and 12 (1-based) have dist_num "31"
    numbers = db.execute(
        "SELECT list(row_number ORDER BY row_number) FROM rejects WHERE source_id = ?", [SLUG]
    ).fetchone()[0]
    assert numbers == [3, 4, 12]
