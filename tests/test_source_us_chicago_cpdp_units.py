"""us_chicago_cpdp_units: officers' unit assignments, the unit list and unit roles."""

import csv

import pytest

from etl.pseudonym import officer_key
from tests.conftest import REFERENCE_DIR, TEST_KEY

SLUG = "us_chicago_cpdp_units"
ROLES = {"victim_facing", "public_facing", "back_office", "unknown"}


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    assert rows == [
        ("unit-history.csv.gz", 106874, 106874, 0, "assignments"),
        ("unit_reference.csv", 242, 242, 0, "units"),
    ]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, publisher, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("US-IL-CHI", 107116, 107116, 0)
    assert row[4] == "260a2f029918dc642b9aa0f0daca2af382b97eda06cd3108fc951a8ee1aec560"
    assert row[5].startswith("Invisible Institute (Citizens Police Data Project)")
    assert "2018-06-01" in row[6]
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone() == (0,)


def test_hand_computed_figures(db):
    def one(sql):
        return db.execute(sql, [SLUG]).fetchone()[0]

    # zcat unit-history.csv.gz | awk -F, 'NR>1 && $4=="2018-06-01"' | wc -l  -> 29905
    assert one("SELECT count(*) FROM assignments WHERE source_id = ? AND end_date IS NULL") == 29905
    # zcat unit-history.csv.gz | awk -F, 'NR>1 {print $1}' | sort -u | wc -l  -> 29918
    assert one("SELECT count(DISTINCT officer_key) FROM assignments WHERE source_id = ?") == 29918
    # zcat unit-history.csv.gz | awk -F, 'NR>1 && $2=="44.0"' | wc -l  -> 13728
    assert one("SELECT count(*) FROM assignments WHERE source_id = ? AND unit_id = '44'") == 13728
    # awk join of unit-history units (".0" stripped) against unit_reference.csv current_unit:
    # 1105 rows in 21 unit numbers are not in the unit list
    assert one("SELECT count(*) FROM assignments WHERE source_id = ? AND unit_name IS NULL") == 1105
    assert (
        one(
            "SELECT count(DISTINCT unit_id) FROM assignments "
            "WHERE source_id = ? AND unit_name IS NULL"
        )
        == 21
    )
    # awk count of units 71-76, 79, 131, 147, 184, 384, 427 (the victim_facing ones) -> 2465
    assert (
        one(
            "SELECT count(*) FROM assignments "
            "WHERE source_id = ? AND role_category = 'victim_facing'"
        )
        == 2465
    )
    # Real end dates stop at 2016-10-08 (sort of column 4 without the placeholder).
    assert str(one("SELECT max(end_date) FROM assignments WHERE source_id = ?")) == "2016-10-08"


def test_unit_roles(db):
    def role(unit_id, unit_name):
        return db.execute(
            "SELECT role_category FROM units WHERE source_id = ? AND unit_id = ? AND unit_name = ?",
            [SLUG, unit_id, unit_name],
        ).fetchone()[0]

    assert role("131", "DOMESTIC VIOLENCE OFFICE") == "victim_facing"
    assert role("427", "DOMESTIC VIOL ADVOC") == "victim_facing"
    assert role("184", "YOUTH INVESTIGATION DIVISION") == "victim_facing"
    assert role("1", "DISTRICT 001") == "public_facing"
    assert role("701", "PUBLIC TRANSPORTATION SECTION") == "public_facing"
    assert role("50", "AIRPORT LAW ENFORCEMENT SECTION - NORTH") == "public_facing"
    assert role("162", "RECORDS DIVISION") == "back_office"
    assert role("44", "RECRUIT TRAINING SECTION") == "back_office"
    # Issue 12: property is released to its owners at a counter (was back_office).
    assert role("167", "EVIDENCE AND RECOVERED PROPERTY SECTION") == "public_facing"
    assert role("177", "FORENSIC SERVICES DIVISION") == "back_office"
    assert role("49", "UNKNOWN") == "unknown"


# Issue 12: units that meet the public or victims, classed back_office until then.
MET_THE_PUBLIC = [
    ("277", "FORENSIC SERVICES EVIDENCE TECHNICIAN SECTION"),
    ("377", "FORENSIC SERVICES UNIT - ET NORTH"),
    ("477", "FORENSIC SERVICES UNIT - ET SOUTH"),
    ("86", "OEC-POLICE DISPATCH"),
    ("176", "COMMUNICATION OPERATIONS UNIT"),
    ("276", "OEMC - DETAIL SECTION"),
    ("83", "OEC-CAD OPERATIONS"),
    ("43", "COMMUNICATIONS C/G"),
    ("121", "BUREAU OF INTERNAL AFFAIRS"),
    ("112", "BUREAU OF PROFESSIONAL STANDARDS"),
    ("113", "INDEPENDENT POLICE REVIEW AUTHORITY (IPRA)"),
    ("163", "RECORDS INQUIRY SECTION"),
    ("165", "FIELD INQUIRY SECTION"),
    ("168", "AUTO POUND SECTION"),
]


@pytest.mark.parametrize(("unit_id", "unit_name"), MET_THE_PUBLIC)
def test_units_meeting_the_public_are_not_back_office(db, unit_id, unit_name):
    role, note = db.execute(
        "SELECT role_category, note FROM units WHERE source_id = ? AND unit_id = ? "
        "AND unit_name = ?",
        [SLUG, unit_id, unit_name],
    ).fetchone()
    assert role == "public_facing"
    assert "was back_office" in note
    # A single-name unit number: its assignments take the same role.
    assert db.execute(
        "SELECT DISTINCT role_category FROM assignments WHERE source_id = ? AND unit_id = ?",
        [SLUG, unit_id],
    ).fetchall() == [("public_facing",)]


def test_role_counts_after_the_issue_12_review(db):
    # grep -c ',back_office,' data/reference/maps/unit_role_US-IL-CHI.csv: 88 before, 67 after
    # (21 rows to public_facing, 122 -> 143). Assignments (warehouse, counted by role):
    # back_office 21831 -> 19169, public_facing 78508 -> 81146, unknown 4070 -> 4094 (unit
    # 115 now has names of two roles: CRIME CONTROL STRATEGIES SECTION's 24 assignments).
    assert dict(
        db.execute(
            "SELECT role_category, count(*) FROM units WHERE source_id = ? GROUP BY 1", [SLUG]
        ).fetchall()
    ) == {"back_office": 67, "public_facing": 143, "victim_facing": 12, "unknown": 20}
    assert dict(
        db.execute(
            "SELECT role_category, count(*) FROM assignments WHERE source_id = ? GROUP BY 1",
            [SLUG],
        ).fetchall()
    ) == {"back_office": 19169, "public_facing": 81146, "victim_facing": 2465, "unknown": 4094}


def test_role_file_covers_every_unit(db):
    path = REFERENCE_DIR / "maps" / "unit_role_US-IL-CHI.csv"
    with path.open(encoding="utf-8", newline="") as f:
        classified = list(csv.DictReader(f))
    assert len(classified) == 242
    assert {r["role_category"] for r in classified} <= ROLES
    assert all(r["note"].strip() for r in classified)
    assert {r["jurisdiction"] for r in classified} == {"US-IL-CHI"}
    units = set(
        db.execute("SELECT unit_id, unit_name FROM units WHERE source_id = ?", [SLUG]).fetchall()
    )
    # labels are '<unit number>: <unit name>' (numbers were reused for other units)
    assert units == {tuple(r["original_label"].split(": ", 1)) for r in classified}


def test_assignment_roles_follow_units(db):
    roles = {
        r
        for (r,) in db.execute(
            "SELECT DISTINCT role_category FROM assignments WHERE source_id = ?", [SLUG]
        ).fetchall()
    }
    assert roles == ROLES
    # 611 was reused (PREDICTIVE ANALYTICS GROUP, back_office / PROP CRIMES DD AREA1,
    # public_facing): its assignments get the April 2017 roster name and role unknown.
    assert db.execute(
        "SELECT DISTINCT unit_name, role_category FROM assignments "
        "WHERE source_id = ? AND unit_id = '611'",
        [SLUG],
    ).fetchall() == [("PROP CRIMES DD AREA1", "unknown")]
    # A single-name unit takes the unit's own role.
    assert db.execute(
        "SELECT DISTINCT unit_name, role_category FROM assignments "
        "WHERE source_id = ? AND unit_id = '131'",
        [SLUG],
    ).fetchall() == [("DOMESTIC VIOLENCE OFFICE", "victim_facing")]
    # '123.0' in the file becomes unit '123'; no '.0' or leading zero survives.
    assert (
        db.execute(
            "SELECT count(*) FROM assignments WHERE source_id = ? "
            "AND (unit_id LIKE '%.%' OR (unit_id LIKE '0%' AND unit_id <> '0'))",
            [SLUG],
        ).fetchone()[0]
        == 0
    )


def test_first_assignments_of_an_officer(db):
    # zcat unit-history.csv.gz | grep '^100006,':
    # 8.0 1971-10-25..1993-02-03, 274.0 1993-02-04..2003-07-23, 8.0 2003-07-24..2018-06-01
    key = officer_key(TEST_KEY.encode("utf-8"), "cpdp", "100006")
    rows = db.execute(
        "SELECT unit_id, CAST(start_date AS VARCHAR), CAST(end_date AS VARCHAR) "
        "FROM assignments WHERE source_id = ? AND officer_key = ? ORDER BY start_date",
        [SLUG, key],
    ).fetchall()
    assert rows == [
        ("8", "1971-10-25", "1993-02-03"),
        ("274", "1993-02-04", "2003-07-23"),
        ("8", "2003-07-24", None),
    ]


def test_no_raw_officer_ids(db):
    bad = db.execute(
        "SELECT count(*) FROM assignments WHERE source_id = ? "
        "AND (NOT regexp_full_match(officer_key, '[0-9a-f]{16}') "
        "OR officer_key IN ('100005', '100006', '100005.0'))",
        [SLUG],
    ).fetchone()[0]
    assert bad == 0
