"""New Jersey major discipline: loads nothing without a snapshot, and the AG's layout with one.

The rows come from tests/fixtures/us_nj_ag_major_discipline/, a HAND-MADE fixture of
invented agencies and names (its README says what each row tests); no real NJ file is
bundled.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import openpyxl
import pytest

import etl.build
from etl.build import build, format_summary
from etl.manifest import FileEntry, sha256_of, write_manifest
from etl.pseudonym import officer_key
from etl.registry import source_modules
from etl.sources import curated_directives, us_nj_ag_major_discipline
from tests.conftest import DATA_DIR, PROJECT_DIR, TEST_KEY
from tests.test_build import replace_file

FIXTURE = PROJECT_DIR / "tests" / "fixtures" / "us_nj_ag_major_discipline"
SLUG = "us_nj_ag_major_discipline"
FILE = "major_discipline.xlsx"


def fixture_rows() -> list[list[str]]:
    with (FIXTURE / "major_discipline_fixture.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_fixture_xlsx(path: Path, rows: list[list[str]] | None = None) -> Path:
    """The hand-made rows in the AG's spreadsheet layout: a title row above the header."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Major Discipline"
    sheet.append(["Major Discipline Reports (HAND-MADE TEST FIXTURE, invented rows)"])
    for row in rows or fixture_rows():
        # numbers as numbers, as a spreadsheet holds them; blanks as empty cells
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    workbook.save(path)
    return path


def bundle_fixture(data_dir: Path) -> Path:
    """Put the fixture where a refresh would: data/raw/<slug>/ with a matching manifest."""
    folder = data_dir / "raw" / SLUG
    folder.mkdir(parents=True)
    path = write_fixture_xlsx(folder / FILE)
    entry = FileEntry(
        name=path.name,
        url=us_nj_ag_major_discipline.SOURCE.url,
        origin="tests/fixtures/us_nj_ag_major_discipline (HAND-MADE TEST FIXTURE)",
        retrieved_at="2026-01-31",
        sha256=sha256_of(path),
        bytes=path.stat().st_size,
        licence=us_nj_ag_major_discipline.SOURCE.licence,
    )
    write_manifest(folder, [entry])
    return folder


@pytest.fixture
def small_build(tmp_path, monkeypatch):
    """Build with the directives and the NJ module only: a second per build, not five."""
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setattr(
        etl.build, "source_modules", lambda: [curated_directives, us_nj_ag_major_discipline]
    )
    data_dir = tmp_path / "data"
    (data_dir / "raw").mkdir(parents=True)
    shutil.copytree(DATA_DIR / "reference", data_dir / "reference")
    return data_dir


def test_no_snapshot_is_bundled_and_the_warehouse_has_no_nj_row(db):
    assert not (DATA_DIR / "raw" / SLUG).exists()
    assert db.execute("SELECT count(*) FROM major_discipline").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sources WHERE source_id = ?", [SLUG]).fetchone() == (0,)


def test_without_a_snapshot_the_build_says_how_to_get_one(small_build):
    summaries = build(small_build, show_progress=False)
    line = next(line for line in format_summary(summaries).splitlines() if SLUG in line)
    assert "no snapshot bundled: refresh to load" in line
    assert f"python -m etl --refresh --source {SLUG}" in line


def test_the_module_is_registered_and_declares_its_download():
    assert us_nj_ag_major_discipline in source_modules()
    (download,) = us_nj_ag_major_discipline.SOURCE.downloads
    assert download.format == "xlsx"
    assert download.url == ""  # the yearly file address is given with --url
    assert "Officer Name" in download.columns  # needed for the pseudonym, then dropped


@pytest.fixture
def loaded(small_build):
    bundle_fixture(small_build)
    build(small_build, show_progress=False)
    con = duckdb.connect(str(small_build / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def test_fixture_rows_are_loaded_or_rejected_with_row_and_column(loaded):
    # 9 data rows under the header; rows 5-8 are broken on purpose (fixture README)
    assert loaded.execute(
        "SELECT rows_read, rows_loaded, rows_rejected FROM sources WHERE source_id = ?", [SLUG]
    ).fetchone() == (9, 5, 4)
    rejects = loaded.execute(
        "SELECT row_number, column_name, reason FROM rejects WHERE source_id = ? ORDER BY 1",
        [SLUG],
    ).fetchall()
    assert [(r[0], r[1]) for r in rejects] == [
        (5, "Reporting Year"),
        (6, "Reporting Year"),
        (7, "Officer Name"),
        (8, "Termination"),
    ]
    assert rejects[0][2] == "blank row"
    assert rejects[3][2].startswith("Termination is not a yes/no flag")


def test_sanctions_are_independent_flags_with_the_heaviest_as_level(loaded):
    rows = loaded.execute(
        "SELECT reporting_year, agency, terminated, reduced_in_rank, suspended, "
        "suspension_original, suspension_days, final_outcome, final_level "
        "FROM major_discipline ORDER BY reporting_year, agency, final_outcome"
    ).fetchall()
    assert rows == [
        (2023, "Example Township Police Department", False, False, True, "30", 30.0,
         "Suspension (30)", "suspension"),
        (2023, "Example Township Police Department", True, False, False, None, None,
         "Termination", "dismissal"),
        (2023, "Sample City Police Department", False, True, True, "240 hours", None,
         "Reduction in Rank; Suspension (240 hours)", "demotion"),
        (2024, "Example Township Police Department", False, False, True, "6", 6.0,
         "Suspension (6)", "suspension"),
        (2024, "Sample City Police Department", True, False, True, "10", 10.0,
         "Termination; Suspension (10); Resigned or Retired While IA Pending", "dismissal"),
    ]  # fmt: skip
    # a blank 'Resigned' cell is unknown, not no (AG notes: blank = not provided)
    assert loaded.execute(
        "SELECT count(*) FILTER (resigned_ia_pending IS NULL), "
        "count(*) FILTER (resigned_ia_pending = false) FROM major_discipline"
    ).fetchone() == (2, 2)


def test_names_and_synopses_never_reach_the_warehouse(loaded):
    expected = officer_key(
        TEST_KEY.encode(), "nj", "EXAMPLE TOWNSHIP POLICE DEPARTMENT|FICTIONAL, BRAVO"
    )
    keys = loaded.execute(
        "SELECT officer_key FROM major_discipline WHERE agency LIKE 'Example%' AND suspended"
    ).fetchall()
    assert keys == [(expected,), (expected,)]  # rows 2 and 9: one officer, two disciplines
    for table, column in loaded.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema = 'main'"
    ).fetchall():
        hits = loaded.execute(
            f'SELECT count(*) FROM "{table}" WHERE "{column}" ILIKE ? OR "{column}" ILIKE ?',
            ["%FICTIONAL%", "%Invented synopsis%"],
        ).fetchone()[0]
        assert hits == 0, (table, column)


def test_a_renamed_header_fails_naming_the_file_and_columns(small_build, tmp_path):
    rows = fixture_rows()
    rows[0][rows[0].index("Termination")] = "Terminated"
    bundle_fixture(small_build)
    renamed = write_fixture_xlsx(tmp_path / "renamed.xlsx", rows).read_bytes()
    replace_file(small_build, Path("raw") / SLUG, FILE, renamed)
    with pytest.raises(etl.build.BuildError, match=r"major_discipline.xlsx, row 0 \(header\)"):
        build(small_build, show_progress=False)
