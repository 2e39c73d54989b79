"""us_va_dcjs_decertifications: a workbook of four sheets and a denominator, declared only.

Counts checked by hand with openpyxl (read_only, data_only) on the bundled files: per
sheet, the rows below the header up to the last non-empty one; a row is a year heading
when only its first cell (the name column) holds a value.
"""

import re

import openpyxl

from etl.sources import us_va_dcjs_decertifications as declared
from tests.conftest import RAW_DIR

SLUG = "us_va_dcjs_decertifications"
LIST = "DCJS_Decertification_List_Apr25.xlsx"
COUNTS = "Number_of_Certified_Officers_Per_Agency.xlsx"
NAME_COLUMNS = 3  # Last Name, First Name, Middle Initial: the first three columns


def officer_names() -> set[str]:
    """Every officer's 'First Last' and 'Last, First' in the four sheets of the list."""
    workbook = openpyxl.load_workbook(RAW_DIR / SLUG / LIST, read_only=True, data_only=True)
    names = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True, max_col=NAME_COLUMNS):
            last, first = (str(cell or "").strip() for cell in row[:2])
            if last and first and last != "Last Name":
                names.add(f"{first} {last}")
                names.add(f"{last}, {first}")
    workbook.close()
    return names


def test_is_a_declaration_of_one_workbook_by_sheet():
    assert declared.path.suffix == ".toml"
    assert declared.SOURCE.year_basis == "closed"
    assert declared.SOURCE.files == (LIST, COUNTS)
    assert [spec.sheet for spec in declared.files if spec.name == LIST] == [
        "1) Finalized - 2021 to Present",
        "2) Pending Conclusion",
        "3) 2020 & Prior",
        "4) Reinstated - 2021 to Present",
    ]


def test_file_counts(db):
    # Rows below the header: sheet 1 311 (308 records + 3 year headings 2021, 2022, 2024),
    # sheet 2 94 (90 + 4), sheet 3 81 (81 + 0), sheet 4 49 (45 + 4) = 535 read, 11 headings
    # rejected, and 3 hand-typed dates: '10/04/0222' and 2029-03-28 (sheet 1), '11/02/20217'
    # (sheet 3). Certified officers: 374 agency rows below the header.
    assert db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into FROM source_files "
        "WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall() == [
        (LIST, 535, 521, 14, "allegations"),
        (COUNTS, 374, 374, 0, "statistics"),
    ]
    assert db.execute(
        "SELECT column_name, count(*) FROM rejects WHERE source_id = ? GROUP BY 1 ORDER BY 1",
        [SLUG],
    ).fetchall() == [("Agency", 11), ("Decert Date", 3)]


def test_each_sheet_on_the_common_scales(db):
    # Sheet 1: 308 - 2 bad dates = 306, one of them STATUS 'Finalized-Withdrawn'; sheet 3:
    # 81 - 1 = 80; sheet 2: 90 (53 with no STATUS, 37 'Appeal Pending/Request'); sheet 4: 45.
    rows = db.execute(
        "SELECT final_outcome, finding, final_level, count(*) FROM allegations "
        "WHERE source_id = ? GROUP BY ALL ORDER BY 1",
        [SLUG],
    ).fetchall()
    assert rows == [
        ("1) Finalized - 2021 to Present", "sustained", "dismissal", 305),
        ("2) Pending Conclusion", "pending", None, 90),
        ("3) 2020 & Prior", "sustained", "dismissal", 80),
        ("4) Reinstated - 2021 to Present", None, None, 45),
        ("Finalized-Withdrawn", "closed_other", None, 1),
    ]
    # Decertification dates 1999-04-30 (sheet 3's first) to 2025-04-04 (sheet 2's last);
    # 8 reasons match 'domestic' or 'family or household member' (re, case-insensitive).
    assert db.execute(
        "SELECT min(closed_date)::VARCHAR, max(closed_date)::VARCHAR, "
        "count(*) FILTER (WHERE category = 'domestic_violence') FROM allegations "
        "WHERE source_id = ?",
        [SLUG],
    ).fetchone() == ("1999-04-30", "2025-04-04", 8)


def test_certified_officers_are_a_denominator_by_agency(db):
    # openpyxl: 374 agencies, all distinct, 24,983 officers; Virginia State Police 1,788.
    assert db.execute(
        "SELECT count(*), count(DISTINCT subject), sum(value), count(region_id), "
        "min(year), max(year) FROM statistics WHERE source_id = ? "
        "AND measure = 'certified_officers'",
        [SLUG],
    ).fetchone() == (374, 374, 24983.0, 0, 2025, 2025)
    assert db.execute(
        "SELECT value FROM statistics WHERE source_id = ? AND subject = ?",
        [SLUG, "Virginia State Police"],
    ).fetchone() == (1788.0,)


def test_no_officer_name_anywhere_in_the_warehouse(db):
    names = officer_names()
    assert "Deangelo Freeman" in names and len(names) > 800  # the file has them
    pattern = "(?i)(" + "|".join(sorted(map(re.escape, names))) + ")"
    columns = db.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema = 'main' ORDER BY ALL"
    ).fetchall()
    hits = [
        (table, column)
        for table, column in columns
        if db.execute(
            f'SELECT 1 FROM "{table}" WHERE regexp_matches("{column}", ?) LIMIT 1', [pattern]
        ).fetchall()
    ]
    assert hits == []
    # Not staged at all: the rejects' raw records have no name column either.
    raw = db.execute("SELECT raw FROM rejects WHERE source_id = ? LIMIT 1", [SLUG]).fetchone()[0]
    assert "Last Name" not in raw and "First Name" not in raw
