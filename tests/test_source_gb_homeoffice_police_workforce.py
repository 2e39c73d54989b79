"""gb_homeoffice_police_workforce: officer FTE by force, 31 March 2015-2019."""

SLUG = "gb_homeoffice_police_workforce"
FILE = "police-workforce-fte-by-year.csv"
REGION_TOTAL = "West Midlands region total, not the force (the force is the smaller value)"


def fte(db, region_id, year, subject=None):
    return db.execute(
        "SELECT value FROM statistics WHERE source_id = ? AND region_id = ? AND year = ? "
        "AND measure = 'officers_fte' AND subject IS NOT DISTINCT FROM ?",
        [SLUG, region_id, year, subject],
    ).fetchall()


def test_file_counts_and_sources_row(db):
    assert db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [SLUG],
    ).fetchall() == [(FILE, 230, 225, 5, "statistics")]
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, publisher "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row == (
        "GB-EAW",
        230,
        225,
        5,
        "fdb431059ac4fa26816705504fc8343f0c67b07315f05e7b698a70357b47543e",
        "Home Office (Police workforce, England and Wales), via Resistance Lab",
    )


def test_statistics_shape(db):
    rows = db.execute(
        "SELECT year, count(*), count(DISTINCT region_id), min(measure_original), min(unit) "
        "FROM statistics WHERE source_id = ? AND measure = 'officers_fte' GROUP BY year "
        "ORDER BY year",
        [SLUG],
    ).fetchall()
    # 46 rows a year - the West Midlands region total = 43 forces + 2 national bodies
    assert rows == [(y, 45, 44, "FTE Count", "fte") for y in range(2015, 2020)]


def test_hand_computed_figures(db):
    # awk -F, '$3==2019 && $1!="British Transport Police" && $1!="Central Service Secondments"
    #   && !($1=="West Midlands" && $2>10000){s+=$2} END{printf "%.2f", s}' -> 123170.86
    total = db.execute(
        "SELECT sum(value) FROM statistics WHERE source_id = ? AND year = 2019 "
        "AND region_id LIKE 'GB-PFA-%'",
        [SLUG],
    ).fetchone()[0]
    assert round(total, 2) == 123170.86
    # grep '^West Midlands' ...: 2015 rows are 11688.54 (region) and 7132.75 (the force)
    assert fte(db, "GB-PFA-E23000014", 2015) == [(7132.75,)]
    # grep '^City of London,.*,2019' -> 739.22; '^Metropolitan,.*,2019' -> 30435.489999999994
    assert fte(db, "GB-PFA-E23000034", 2019) == [(739.22,)]
    assert fte(db, "GB-PFA-E23000001", 2019) == [(30435.489999999994,)]
    # grep '^British Transport Police,.*,2019' -> 2844.05 (no area: region GB, subject)
    assert fte(db, "GB", 2019, "British Transport Police") == [(2844.05,)]
    assert fte(db, "GB", 2019, "Central Service Secondments") == [(312.0,)]


def test_region_total_rejected_and_is_the_sum_of_four_forces(db):
    rejects = db.execute(
        "SELECT reason, column_name, CAST(raw ->> '$.\"FTE Count\"' AS DOUBLE), raw ->> '$.Year' "
        "FROM rejects WHERE source_id = ? ORDER BY 4",
        [SLUG],
    ).fetchall()
    # awk -F, '$1=="West Midlands" && $2>10000' -> 5 rows, one per year
    assert rejects == [
        (REGION_TOTAL, "Police force", 11688.54, "2015"),
        (REGION_TOTAL, "Police force", 11518.19, "2016"),
        (REGION_TOTAL, "Police force", 11272.03, "2017"),
        (REGION_TOTAL, "Police force", 10951.8, "2018"),
        (REGION_TOTAL, "Police force", 10867.57, "2019"),
    ]
    # 2015: West Midlands 7132.75 + Staffordshire 1713.71 + West Mercia 2014.25
    # + Warwickshire 827.83 = 11688.54, the rejected value (awk on the raw file).
    four = db.execute(
        "SELECT sum(value) FROM statistics WHERE source_id = ? AND year = 2015 "
        "AND region_id IN ('GB-PFA-E23000014', 'GB-PFA-E23000015', 'GB-PFA-E23000016', "
        "'GB-PFA-E23000017')",
        [SLUG],
    ).fetchone()[0]
    assert round(four, 2) == 11688.54


def test_reject_row_numbers_are_file_records(db):
    # awk -F, 'NR>1 && $1=="West Midlands" && $2>10000 {print NR-1}' -> 18 64 110 156 202
    rows = db.execute(
        "SELECT row_number FROM rejects WHERE source_id = ? ORDER BY 1", [SLUG]
    ).fetchall()
    assert [r for (r,) in rows] == [18, 64, 110, 156, 202]


def test_no_personal_data(db):
    # The file holds force names and FTE counts; subject is set only for national bodies.
    subjects = db.execute(
        "SELECT DISTINCT subject FROM statistics WHERE source_id = ? AND subject IS NOT NULL "
        "ORDER BY 1",
        [SLUG],
    ).fetchall()
    assert subjects == [("British Transport Police",), ("Central Service Secondments",)]


def test_every_published_name_is_in_the_region_code_map():
    """Every force name of the file is in data/reference/maps/region_code_GB-EAW.csv."""
    import csv

    from tests.conftest import RAW_DIR, REFERENCE_DIR

    with (REFERENCE_DIR / "maps" / "region_code_GB-EAW.csv").open(encoding="utf-8") as handle:
        mapped = {r["original_label"]: r["code"] for r in csv.DictReader(handle)}
    with (RAW_DIR / SLUG / FILE).open(encoding="utf-8-sig", newline="") as handle:
        names = {r["Police force"] for r in csv.DictReader(handle) if r["Police force"]}
    assert len(names) == 45
    assert names <= set(mapped)
    assert all(mapped[name] for name in names)  # a force or GB, never several forces
