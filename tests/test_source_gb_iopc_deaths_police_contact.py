"""gb_iopc_deaths_police_contact: seven wide tables unpivoted by a declaration.

Counts checked by hand with Python's csv module on the bundled files: rows x 16 year
columns, the sum of the year cells of each file (each row's sum equals its Total column).
"""

import csv

import pytest

from etl.sources import gb_iopc_deaths_police_contact as declared
from tests.conftest import RAW_DIR

SLUG = "gb_iopc_deaths_police_contact"

# file, measure, csv rows, sum of the 16 year columns
FILES = [
    ("custody_by_force_fatalities.csv", "deaths_in_custody", 48, 311),
    ("other_contact_by_force_fatalities.csv", "other_contact_deaths", 63, 1081),
    ("other_contact_by_force_incidents.csv", "other_contact_incidents", 63, 1029),
    ("rti_by_force_fatalities.csv", "road_traffic_deaths", 48, 471),
    ("rti_by_force_incidents.csv", "road_traffic_incidents", 48, 419),
    ("shootings_by_force_fatalities.csv", "police_shooting_deaths", 16, 47),
    ("suicides_by_force_fatalities.csv", "apparent_suicides_following_custody", 48, 870),
]


def test_is_a_declaration_with_financial_years():
    assert declared.path.suffix == ".toml"
    assert declared.SOURCE.year_basis == "period"
    assert all(len(spec.unpivot) == 16 for spec in declared.files)


@pytest.mark.parametrize(("file_name", "measure", "rows", "total"), FILES)
def test_every_cell_is_a_figure(db, file_name, measure, rows, total):
    assert db.execute(
        "SELECT rows_read, rows_loaded, rows_rejected FROM source_files "
        "WHERE source_id = ? AND file_name = ?",
        [SLUG, file_name],
    ).fetchone() == (rows * 16, rows * 16, 0)
    assert db.execute(
        "SELECT count(*), sum(value), min(year), max(year) FROM statistics "
        "WHERE source_id = ? AND measure = ?",
        [SLUG, measure],
    ).fetchone() == (rows * 16, total, 2004, 2019)


@pytest.mark.parametrize(("file_name", "measure", "rows", "total"), FILES)
def test_total_column_matches_the_years(db, file_name, measure, rows, total):
    with open(RAW_DIR / SLUG / file_name, encoding="utf-8", newline="") as handle:
        published = {row["Authority"]: int(row["Total"]) for row in csv.DictReader(handle)}
    loaded = dict(
        db.execute(
            "SELECT coalesce(subject, region_id), sum(value) FROM statistics "
            "WHERE source_id = ? AND measure = ? GROUP BY 1",
            [SLUG, measure],
        ).fetchall()
    )
    assert sum(loaded.values()) == sum(published.values()) == total


def test_forces_financial_years_and_national_bodies(db):
    # custody_by_force_fatalities.csv: 'Avon & Somerset,4,1,...' (04/05 = 4, 05/06 = 1);
    # Metropolitan 19/20 = 3.
    rows = db.execute(
        "SELECT region_id, year, value, subject FROM statistics WHERE source_id = ? "
        "AND measure = 'deaths_in_custody' AND region_id IN (?, ?) "
        "AND year IN (2004, 2005, 2019) ORDER BY 1, 2",
        [SLUG, "GB-PFA-E23000001", "GB-PFA-E23000036"],
    ).fetchall()
    assert rows == [
        ("GB-PFA-E23000001", 2004, 5.0, None),
        ("GB-PFA-E23000001", 2005, 6.0, None),
        ("GB-PFA-E23000001", 2019, 3.0, None),
        ("GB-PFA-E23000036", 2004, 4.0, None),
        ("GB-PFA-E23000036", 2005, 1.0, None),
        ("GB-PFA-E23000036", 2019, 0.0, None),
    ]
    # 43 forces; 5 national bodies (GB) in custody; 2019 stored for '19/20'.
    assert db.execute(
        "SELECT count(DISTINCT region_id) FILTER (WHERE region_id LIKE 'GB-PFA-%'), "
        "count(DISTINCT subject) FILTER (WHERE region_id = 'GB') FROM statistics "
        "WHERE source_id = ? AND measure = 'deaths_in_custody'",
        [SLUG],
    ).fetchone() == (43, 5)
    assert (
        db.execute(
            "SELECT period_note FROM statistics WHERE source_id = ? AND year = 2019 LIMIT 1",
            [SLUG],
        )
        .fetchone()[0]
        .startswith("financial year 2019/20")
    )
    # 'Surrey & Sussex' (other contact files: 15 joint names each x 16 years): no region.
    assert db.execute(
        "SELECT count(*) FROM statistics WHERE source_id = ? AND region_id IS NULL",
        [SLUG],
    ).fetchone() == (15 * 16 * 2,)
