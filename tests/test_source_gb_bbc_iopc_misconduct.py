"""gb_bbc_iopc_misconduct: staff with an IOPC misconduct case to answer, by force."""

SLUG = "gb_bbc_iopc_misconduct"
FILE = "iopc_forfunnel.csv"


def figure(db, region_id, measure):
    return db.execute(
        "SELECT value FROM statistics WHERE source_id = ? AND region_id = ? AND measure = ?",
        [SLUG, region_id, measure],
    ).fetchall()


def test_file_counts_and_sources_row(db):
    assert db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [SLUG],
    ).fetchall() == [(FILE, 998, 39, 959, "statistics")]
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, publisher "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row == (
        "GB-EAW",
        998,
        39,
        959,
        "7d11082217cd901ed63d4f8b7abb839b50ba445f583a231675ee33dfee254642",
        "BBC Shared Data Unit (analysis of IOPC investigation reports)",
    )


def test_statistics_shape(db):
    rows = db.execute(
        "SELECT measure, measure_original, unit, count(*), count(year), count(period_note) "
        "FROM statistics WHERE source_id = ? GROUP BY ALL ORDER BY measure",
        [SLUG],
    ).fetchall()
    # year is NULL on purpose: reports published 2018 - Feb 2022 (see period_note)
    assert rows == [
        ("staff_headcount", "sample size", "count", 39, 0, 39),
        ("staff_with_misconduct_case_to_answer", "indicator number", "count", 39, 0, 39),
    ]


def test_hand_computed_figures(db):
    def total(measure):
        return db.execute(
            "SELECT sum(value) FROM statistics WHERE source_id = ? AND measure = ?",
            [SLUG, measure],
        ).fetchone()[0]

    # awk -F, 'NR>1 && $1!=""{a+=$2; b+=$3} END{print a, b}' iopc_forfunnel.csv -> 301 218122
    assert total("staff_with_misconduct_case_to_answer") == 301
    assert total("staff_headcount") == 218122
    # head -2: 'North Wales Police,8,2781,' (W15000001 via the crosswalk)
    assert figure(db, "GB-PFA-W15000001", "staff_with_misconduct_case_to_answer") == [(8,)]
    assert figure(db, "GB-PFA-W15000001", "staff_headcount") == [(2781,)]
    # grep '^Metropolitan Police' -> 64, 44261
    assert figure(db, "GB-PFA-E23000001", "staff_headcount") == [(44261,)]
    # grep '^Avon and Somerset Constabulary' -> 11, 5693
    assert figure(db, "GB-PFA-E23000036", "staff_with_misconduct_case_to_answer") == [(11,)]


def test_british_transport_police_has_no_area(db):
    rows = db.execute(
        "SELECT region_id, subject, measure, value FROM statistics "
        "WHERE source_id = ? AND subject IS NOT NULL ORDER BY measure",
        [SLUG],
    ).fetchall()
    # grep '^British Transport Police' -> 2, 4873
    assert rows == [
        ("GB", "British Transport Police", "staff_headcount", 4873),
        ("GB", "British Transport Police", "staff_with_misconduct_case_to_answer", 2),
    ]


def test_forces_covered(db):
    # 39 named rows = 38 territorial forces + BTP; the 5 missing areas are named in
    # not_covered (set difference of the crosswalk, checked by hand).
    missing = db.execute(
        "SELECT name FROM regions WHERE level = 'police_force' AND country = 'GB' "
        "AND region_id NOT IN (SELECT region_id FROM statistics WHERE source_id = ?) "
        "ORDER BY name",
        [SLUG],
    ).fetchall()
    assert [m for (m,) in missing] == [
        "Dyfed-Powys",
        "Gloucestershire",
        "Humberside",
        "Lancashire",
        "Lincolnshire",
    ]


def test_blank_rows_rejected(db):
    rows = db.execute(
        "SELECT reason, column_name, count(*), min(raw) FROM rejects WHERE source_id = ? "
        "GROUP BY ALL",
        [SLUG],
    ).fetchall()
    # awk 'NR>1 && /^,,,\r?$/' iopc_forfunnel.csv | wc -l -> 959
    assert rows == [
        (
            "blank row",
            "item name",
            959,
            '{"item name":null,"indicator number":null,"sample size":null,"column3":null}',
        )
    ]


def test_reject_row_numbers_are_file_records(db):
    # the 39 forces are records 1-39, the blank rows records 40-998
    assert db.execute(
        "SELECT min(row_number), max(row_number) FROM rejects WHERE source_id = ?", [SLUG]
    ).fetchone() == (40, 998)


def test_no_personal_data(db):
    # The file holds force names and counts; subject is set only for a national body.
    assert db.execute(
        "SELECT DISTINCT subject FROM statistics WHERE source_id = ? AND subject IS NOT NULL",
        [SLUG],
    ).fetchall() == [("British Transport Police",)]


def test_every_published_name_is_in_the_region_code_map():
    """Every force name of the file is in data/reference/maps/region_code_GB-EAW.csv."""
    import csv

    from tests.conftest import RAW_DIR, REFERENCE_DIR

    with (REFERENCE_DIR / "maps" / "region_code_GB-EAW.csv").open(encoding="utf-8") as handle:
        mapped = {r["original_label"]: r["code"] for r in csv.DictReader(handle)}
    with (RAW_DIR / SLUG / FILE).open(encoding="utf-8-sig", newline="") as handle:
        names = {r["item name"] for r in csv.DictReader(handle) if r["item name"]}
    assert len(names) == 39
    assert names <= set(mapped)
    assert all(mapped[name] for name in names)  # a force or GB, never several forces
