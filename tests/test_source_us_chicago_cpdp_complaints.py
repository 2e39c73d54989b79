"""us_chicago_cpdp_complaints: Chicago CR/log cases and officer x allegation rows (CPDP)."""

import csv
import gzip
import json
import shutil

import duckdb
import pytest

from etl.manifest import Manifest, sha256_of
from etl.pseudonym import install_officer_key, officer_key
from etl.source import LoadContext, SourceError
from etl.sources import us_chicago_cpdp_complaints as module
from tests.conftest import PROJECT_DIR, RAW_DIR, REFERENCE_DIR, TEST_KEY

SLUG = "us_chicago_cpdp_complaints"
CITY = "US-IL-CHI"
ACCUSED_FILE = "complaints-accused.csv.gz"
COMPLAINTS_FILE = "complaints-complaints.csv.gz"
OUTCOME_MAP_FILE = "maps/outcome_US-IL-CHI.csv"


def scalar(db, sql, params=()):
    return db.execute(sql, list(params)).fetchone()[0]


# -- accounting -----------------------------------------------------------------------------


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    # zcat complaints-*.csv.gz | tail -n +2 | python csv reader: 244,436 and 181,412 records;
    # Sheet1 has 407 non-blank rows under the header; discipline_penalty_codes.csv 40 rows.
    assert rows == [
        # the two lookups are crosswalks: judged and counted, never stored as rows
        ("Complaint Categories.xlsx", 407, 407, 0, "allegations (crosswalk)"),
        ("complaints-accused.csv.gz", 244436, 244436, 0, "allegations"),
        ("complaints-complaints.csv.gz", 181412, 181412, 0, "cases"),
        ("discipline_penalty_codes.csv", 40, 40, 0, "outcome_map (crosswalk)"),
    ]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, publisher, url, rows_read, rows_loaded, rows_rejected, sha256, "
        "retrieved_at FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row == (
        CITY,
        "Invisible Institute (Citizens Police Data Project), from City of Chicago FOIA releases",
        "https://github.com/invinst/chicago-police-data",
        244436 + 181412 + 407 + 40,
        244436 + 181412 + 407 + 40,
        0,
        "69487b2ce49105ceeb1fa47b8aa6054b732a1fabe45e8267833213d5a9e83ef4",
        "2018-08-13",
    )


def test_table_row_counts(db):
    assert scalar(db, "SELECT count(*) FROM allegations WHERE source_id = ?", [SLUG]) == 244436
    assert (
        scalar(
            db, "SELECT count(DISTINCT allegation_id) FROM allegations WHERE source_id = ?", [SLUG]
        )
        == 244436
    )
    assert scalar(db, "SELECT count(*) FROM cases WHERE source_id = ?", [SLUG]) == 181412
    assert scalar(db, "SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]) == 0


# -- figures counted by hand from the raw files ------------------------------------------------
# All computed in a scratch shell with Python's csv module over gzip.open(...) of the raw
# files (not through DuckDB nor the warehouse), e.g.
#   acc = list(csv.DictReader(gzip.open("complaints-accused.csv.gz", "rt", newline="")))
#   sum(r["final_finding"] == "SU" for r in acc)


def count_allegations(db, where, params=()):
    return scalar(
        db, f"SELECT count(*) FROM allegations WHERE source_id = ? AND {where}", [SLUG, *params]
    )


def test_hand_counted_findings(db):
    # sum(r["final_finding"] == "SU") -> 21427
    assert count_allegations(db, "finding = 'sustained'") == 21427
    # sum(r["final_finding"] in ("NAF", "NC", "DIS")) -> 32800
    assert count_allegations(db, "finding = 'closed_other'") == 32800
    # sum(r["final_finding"] == "") -> 7378
    assert count_allegations(db, "finding IS NULL") == 7378
    assert count_allegations(db, "finding_original = 'NC'") == 47


def test_hand_counted_outcomes(db):
    # sum(r["final_outcome"] == "No Action Taken") -> 109709 (the 2000-2016 spelling)
    assert count_allegations(db, "final_outcome = 'No Action Taken'") == 109709
    # final_outcome in ('ADMIN. TERMINATION', 'Administrative Termination', 'SEPARATION',
    # 'Separation') -> 634
    assert count_allegations(db, "final_level = 'dismissal'") == 634
    # sum(r["final_outcome"] == "Violation Noted") -> 827: since issue 12 at warning, with
    # 'Reprimand' / 'REPRIMAND' (5280), so no Chicago final outcome is at advice any more
    assert count_allegations(db, "final_level = 'advice'") == 0
    assert count_allegations(db, "final_level = 'warning'") == 5280 + 827
    # 'SUSPEN' in final_outcome.upper() -> 11014, minus 21 "SUSPEN'D INDEFINIT'Y" (interim,
    # no level), plus the bare day counts '35' (2), '365' (15), '40', '326', '540' (1 each)
    assert count_allegations(db, "final_level = 'suspension'") == 11014 - 21 + 20


def test_hand_counted_regions(db):
    # district = int(float(beat)) // 100 for whole beats 100-2599, else the city
    # complaints in district 11 -> 8258; complaints placed in the city -> 78293
    assert (
        scalar(
            db,
            "SELECT count(*) FROM cases WHERE source_id = ? AND region_id = ?",
            [SLUG, "US-IL-CHI-D11"],
        )
        == 8258
    )
    assert (
        scalar(db, "SELECT count(*) FROM cases WHERE source_id = ? AND region_id = ?", [SLUG, CITY])
        == 78293
    )
    # accused rows whose cr_id's beat is in district 11 -> 9720; retired district 13 -> 1622
    assert count_allegations(db, "region_id = 'US-IL-CHI-D11'") == 9720
    assert count_allegations(db, "region_id = 'US-IL-CHI-D13'") == 1622


def test_hand_counted_categories_and_cases(db):
    # sum(r["complaint_category"] == "MISCELLANEOUS") -> 18471; empty category -> 1573
    assert count_allegations(db, "category_original = 'MISCELLANEOUS'") == 18471
    assert count_allegations(db, "category IS NULL AND category_original IS NULL") == 1573
    # len({r["cr_id"] for r in acc}) -> 134692
    assert (
        scalar(db, "SELECT count(DISTINCT case_id) FROM allegations WHERE source_id = ?", [SLUG])
        == 134692
    )
    # sum(r["closed_date"] == "") over complaints-complaints -> 3124
    assert (
        scalar(db, "SELECT count(*) FROM cases WHERE source_id = ? AND closed_date IS NULL", [SLUG])
        == 3124
    )


def test_known_records(db):
    # acc[0]: 130469.0, SUPERVISOR RESPONSIBILITY: ..., 12D, C170981, 1, NS, NO ACTION TAKEN;
    # its complaint row: incident 1988-08-16, complaint 1989-09-18, closed 1990-06-06, no beat
    row = db.execute(
        "SELECT case_id, officer_key, region_id, category, category_group, finding, "
        "final_outcome, final_level, recommended_outcome, CAST(incident_date AS VARCHAR), "
        "CAST(received_date AS VARCHAR), CAST(closed_date AS VARCHAR) "
        "FROM allegations WHERE allegation_id = 'US-IL-CHI:C170981:1'"
    ).fetchone()
    assert row == (
        "C170981",
        officer_key(TEST_KEY.encode(), "cpdp", "130469.0"),
        CITY,
        "other",
        "Supervisory Responsibilities",
        "not_sustained",
        "NO ACTION TAKEN",
        "none",
        None,
        "1988-08-16",
        "1989-09-18",
        "1990-06-06",
    )
    # acc[180028] (record 180029) is the first row of cr_id 1000002
    assert (
        scalar(
            db,
            "SELECT case_id FROM allegations WHERE allegation_id = ?",
            ["US-IL-CHI:1000002:180029"],
        )
        == "1000002"
    )
    # complaints row 1000214: beat '832.0' -> district 8, beat kept as published
    assert db.execute(
        "SELECT region_id, region_code_original FROM cases WHERE source_id = ? AND case_id = ?",
        [SLUG, "1000214"],
    ).fetchone() == ("US-IL-CHI-D8", "832.0")


# -- mappings --------------------------------------------------------------------------------


def test_outcome_map_levels(db):
    levels = dict(
        db.execute(
            "SELECT original_label, level FROM outcome_map WHERE jurisdiction = ?", [CITY]
        ).fetchall()
    )
    assert levels["NO ACTION TAKEN"] == levels["No Action Taken"] == "none"
    assert levels["3 DAY SUSPENSION"] == levels["90 Day Suspension"] == "suspension"
    assert levels["REPRIMAND"] == levels["Reprimand"] == "warning"
    assert levels["Violation Noted"] == "warning"  # a penalty on the record (issue 12)
    assert levels["ADMIN. TERMINATION"] == levels["Separation"] == "dismissal"
    for label in (
        "RESIGNED -NOT SERVED",
        "**PENALTY NOT SERVED",
        "Reinstated by Police Board",
        "Unknown",
        "SUSPEN'D INDEFINIT'Y",
    ):
        assert levels[label] is None, label
    is_sanction = dict(
        db.execute(
            "SELECT original_label, is_sanction FROM outcome_map WHERE jurisdiction = ?", [CITY]
        ).fetchall()
    )
    assert is_sanction["No Action Taken"] is False and is_sanction["Reprimand"] is True
    note = scalar(
        db,
        "SELECT note FROM outcome_map WHERE jurisdiction = ? "
        "AND original_label = '1 Day Suspension'",
        [CITY],
    )
    assert note.startswith("CPD penalty code 001 = 1 DAY SUSPENSION")


def test_every_outcome_label_is_mapped_once(db):
    assert (
        scalar(
            db,
            "SELECT count(*) - count(DISTINCT original_label) FROM outcome_map "
            "WHERE jurisdiction = ?",
            [CITY],
        )
        == 0
    )
    unmapped = db.execute(
        "SELECT DISTINCT label FROM (SELECT final_outcome AS label FROM allegations "
        "WHERE source_id = ? UNION ALL SELECT recommended_outcome FROM allegations "
        "WHERE source_id = ?) WHERE label IS NOT NULL AND label NOT IN "
        "(SELECT original_label FROM outcome_map WHERE jurisdiction = ?)",
        [SLUG, SLUG, CITY],
    ).fetchall()
    assert unmapped == []
    # 91 final + 2 recommended-only labels ('18 Day Suspension', 'Suspended for 120 Days')
    assert scalar(db, "SELECT count(*) FROM outcome_map WHERE jurisdiction = ?", [CITY]) == 93
    mismatched = count_allegations(
        db,
        "final_level IS DISTINCT FROM (SELECT level FROM outcome_map m "
        "WHERE m.jurisdiction = 'US-IL-CHI' AND m.original_label = final_outcome)",
    )
    assert mismatched == 0


def test_category_map(db):
    categories = dict(
        db.execute(
            "SELECT original_label, category FROM category_map WHERE jurisdiction = ? "
            "AND complaint_code IS NULL",
            [CITY],
        ).fetchall()
    )
    assert categories["EXCESSIVE FORCE:  ARRESTEE - DURING ARREST"] == "use_of_force"
    assert categories["CONDUCT UNBECOMING (OFF DUTY): ALTERCATION/DISTURBANCE - DOMESTIC"] == (
        "domestic_violence"
    )
    assert categories["VERBAL ABUSE - RACIAL/ETHNIC/ETC."] == "bias"
    assert categories["VERBAL ABUSE - USE OF PROFANITY"] == "discourtesy"
    assert categories["ILLEGAL ARREST"] == "abuse_of_authority"
    assert categories["SOLICIT/ACCEPT BRIBE (TRAFFIC)"] == "dishonesty"
    assert categories["COMMISSION OF CRIME:  THEFT"] == "criminal_conduct"
    assert categories["MISCELLANEOUS"] == "other"
    # code 05L is filed under 'Domestic' in the xlsx, but its published text is force
    assert categories["UNNECESSARY PHYSICAL CONTACT - ON DUTY"] == "use_of_force"
    assert set(categories.values()) <= {
        "domestic_violence",
        "use_of_force",
        "abuse_of_authority",
        "discourtesy",
        "bias",
        "dishonesty",
        "criminal_conduct",
        "other",
    }
    assert (
        scalar(
            db,
            "SELECT count(*) - count(DISTINCT (original_label, complaint_code)) FROM category_map "
            "WHERE jurisdiction = ?",
            [CITY],
        )
        == 0
    )
    assert (
        count_allegations(
            db,
            "category_original IS NOT NULL AND category_original NOT IN "
            "(SELECT original_label FROM category_map WHERE jurisdiction = 'US-IL-CHI')",
        )
        == 0
    )
    assert (
        count_allegations(
            db,
            "category IS DISTINCT FROM coalesce((SELECT category FROM category_map m "
            "WHERE m.jurisdiction = 'US-IL-CHI' AND m.original_label = category_original "
            "AND m.complaint_code = category_code), (SELECT category FROM category_map m "
            "WHERE m.jurisdiction = 'US-IL-CHI' AND m.original_label = category_original "
            "AND m.complaint_code IS NULL))",
        )
        == 0
    )


def test_issue_12_categories_checked_in_the_raw_file(db):
    # python3 csv over complaints-accused.csv.gz, by complaint_code, cv and complaint_category:
    # 05F: 'DOMESTIC' (cv 2) 110 + 'EXCESSIVE FORCE:  DOMESTIC' (cv 1) 21 = 131, excessive
    # force at a domestic call -> use_of_force (was domestic_violence); 05F in cv 3 is the
    # later firearm code (1 row).
    assert (
        count_allegations(
            db,
            "category_code = '05F' "
            "AND category_original IN ('DOMESTIC', 'EXCESSIVE FORCE:  DOMESTIC')",
        )
        == 131
    )
    assert db.execute(
        "SELECT DISTINCT category, category_group FROM allegations WHERE source_id = ? "
        "AND category_code = '05F'",
        [SLUG],
    ).fetchall() == [("use_of_force", "Use of Force")]
    # S116 'MISCELLANEOUS' of the 'Domestic' group (cv 3): 10 rows -> domestic_violence, while
    # the bare label under other codes stays 'other' (18,461 rows)
    assert db.execute(
        "SELECT category, category_group, count(*) FROM allegations WHERE source_id = ? "
        "AND category_code = 'S116' GROUP BY ALL",
        [SLUG],
    ).fetchall() == [("domestic_violence", "Domestic", 10)]
    assert count_allegations(db, "category_original = 'MISCELLANEOUS' AND category = 'other'") == (
        18471 - 10
    )
    # 05L: 'UNNECESSARY PHYSICAL CONTACT - ON DUTY' in cv 1 (723) and cv 2 (3,343), the code's
    # earlier definition -> group 'Use of Force' (was 'Domestic', the xlsx's later meaning);
    # 'DOMESTIC INCIDENT - NOT PHYSICAL' in cv 3 (43) keeps the xlsx group 'Domestic'.
    rows = db.execute(
        "SELECT category_original, category, category_group, count(*) FROM allegations "
        "WHERE source_id = ? AND category_code = '05L' GROUP BY ALL ORDER BY 1",
        [SLUG],
    ).fetchall()
    assert rows == [
        ("DOMESTIC INCIDENT - NOT PHYSICAL", "domestic_violence", "Domestic", 43),
        ("UNNECESSARY PHYSICAL CONTACT - ON DUTY", "use_of_force", "Use of Force", 723 + 3343),
    ]
    # 'Domestic' group now: 05K 2,222 + 51, 05ZZK 18, 05L (cv 3) 43, S112-S114 7 + 2 + 2,
    # S116 10 = 2,355 (6,421 with the 4,066 reused-05L rows before issue 12)
    assert count_allegations(db, "category_group = 'Domestic'") == 2222 + 51 + 18 + 43 + 11 + 10
    # Every row's label mapped with the CSV (code rows first): domestic_violence 4,915 (5,036
    # before issue 12: -131 for 05F, +10 for S116), use_of_force 60,063, other 116,617.
    assert count_allegations(db, "category = 'domestic_violence'") == 4915
    assert count_allegations(db, "category = 'use_of_force'") == 60063
    assert count_allegations(db, "category = 'other'") == 116617


def test_category_group_from_xlsx(db):
    groups = dict(
        db.execute(
            "SELECT category_group, count(*) FROM allegations WHERE source_id = ? GROUP BY 1",
            [SLUG],
        ).fetchall()
    )
    # 242,303 accused rows have a code listed in Sheet1; 1,573 have no code and 560 carry
    # codes absent from the sheet (10X 552, 15F 6, 21A 1, 15 1): 2,133 without a group
    assert groups[None] == 2133
    assert len(groups) == 17  # 16 of the 19 groups occur, plus NULL


def test_regions_exist(db):
    assert count_allegations(db, "region_id NOT IN (SELECT region_id FROM regions)") == 0
    assert (
        scalar(
            db,
            "SELECT count(*) FROM cases WHERE source_id = ? AND region_id NOT IN "
            "(SELECT region_id FROM regions)",
            [SLUG],
        )
        == 0
    )


# -- privacy ---------------------------------------------------------------------------------


def test_no_names_and_no_raw_officer_ids(db):
    # The raw files carry no name column (a person's name never reaches staging).
    with gzip.open(RAW_DIR / SLUG / ACCUSED_FILE, "rt", newline="") as handle:
        assert next(csv.reader(handle)) == [
            "UID",
            "complaint_category",
            "complaint_code",
            "cr_id",
            "cv",
            "final_finding",
            "final_outcome",
            "recc_finding",
            "recc_outcome",
            "link_UID",
        ]
    # Officers appear only as keyed pseudonyms (16 hex digits); the id is cr_id + record
    # number, never the UID (record 1 is UID 130469: see test_known_records).
    assert count_allegations(db, "NOT regexp_full_match(officer_key, '[0-9a-f]{16}')") == 0
    assert (
        count_allegations(
            db, "NOT regexp_full_match(allegation_id, 'US-IL-CHI:' || case_id || ':[0-9]+')"
        )
        == 0
    )


# -- behaviour on edited copies of the raw files -----------------------------------------------


def _load_edited(tmp_path, accused_rows=None, complaints_rows=None, outcome_map=None):
    """Load the source from a copy of its raw files with `*_rows` appended to the CSVs."""
    raw_dir = tmp_path / SLUG
    reference_dir = tmp_path / "reference"
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    shutil.copytree(REFERENCE_DIR, reference_dir)
    for name, extra in (
        (ACCUSED_FILE, accused_rows),
        (COMPLAINTS_FILE, complaints_rows),
    ):
        if not extra:
            continue
        path = raw_dir / name
        with gzip.open(path, "rt", newline="") as handle:
            text = handle.read()
        with gzip.open(path, "wt", newline="") as handle:
            handle.write(text + "".join(",".join(row) + "\n" for row in extra))
    if outcome_map is not None:
        (reference_dir / OUTCOME_MAP_FILE).write_text(outcome_map, encoding="utf-8")
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        entry["sha256"] = sha256_of(raw_dir / entry["name"])
        entry["bytes"] = (raw_dir / entry["name"]).stat().st_size
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    install_officer_key(con, TEST_KEY.encode())
    ctx = LoadContext(con, module.SOURCE, raw_dir, reference_dir, Manifest.read(raw_dir))
    module.load(ctx)
    return con, ctx


def test_edited_rows_are_rejected_or_kept(tmp_path):
    complaints = [
        # an older release of an existing complaint (1000194 is cv 2): superseded, rejected
        [
            "1000194",
            "1",
            "2006-10-02",
            "2006-10-02",
            "",
            "7809",
            "S SOUTH SHORE DR",
            "0421",
            "CHICAGO IL",
            "78** S SOUTH SHORE",
            "",
        ],
        # non-empty garbage in a date column: rejected, naming the column
        ["9999901", "3", "2017-02-30", "2017-03-01", "", "", "", "0111", "", "", ""],
        # beat '31 0' is not a beat number: kept, placed in the city
        ["9999902", "3", "2017-01-01", "2017-01-02", "", "", "", "31 0", "", "", ""],
    ]
    accused = [
        ["100001.0", "ILLEGAL ARREST", "03D", "", "3", "SU", "Reprimand", "", "", ""],
        ["100002.0", "ILLEGAL ARREST", "03D", "9999902", "3", "XX", "Reprimand", "", "", ""],
        # a cr_id absent from the complaints file: still an allegation, in the city
        ["100003.0", "ILLEGAL ARREST", "03D", "9999903", "3", "", "", "", "", ""],
    ]
    con, ctx = _load_edited(tmp_path, accused_rows=accused, complaints_rows=complaints)
    tally = ctx.counts[COMPLAINTS_FILE]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (181415, 181413, 2)
    tally = ctx.counts[ACCUSED_FILE]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (244439, 244437, 2)
    rejects = con.execute(
        "SELECT file_name, row_number, column_name, reason FROM rejects ORDER BY 1, 2"
    ).fetchall()
    assert [r[:3] for r in rejects] == [
        (ACCUSED_FILE, 244437, "cr_id"),
        (ACCUSED_FILE, 244438, "final_finding"),
        (COMPLAINTS_FILE, 181413, "cv"),
        (COMPLAINTS_FILE, 181414, "incident_date"),
    ]
    assert "superseded" in rejects[2][3] and "not a date" in rejects[3][3]
    # add1 (house number) and full_address are dropped at staging, so even rejects lack them
    raw = json.loads(
        con.execute("SELECT raw FROM rejects WHERE reason LIKE 'superseded%'").fetchone()[0]
    )
    assert "add1" not in raw and "full_address" not in raw and "7809" not in json.dumps(raw)
    assert con.execute(
        "SELECT region_code_original, region_id FROM cases WHERE case_id = '9999902'"
    ).fetchone() == ("31 0", CITY)
    # the kept version of 1000194 is the published cv 2 row
    assert con.execute("SELECT region_id FROM cases WHERE case_id = '1000194'").fetchone() == (
        "US-IL-CHI-D4",
    )
    assert con.execute(
        "SELECT region_id, received_date, finding FROM allegations WHERE case_id = '9999903'"
    ).fetchone() == (CITY, None, None)


def test_unmapped_outcome_label_stops_the_source(tmp_path):
    text = (REFERENCE_DIR / OUTCOME_MAP_FILE).read_text(encoding="utf-8")
    edited = "\n".join(
        line for line in text.splitlines() if not line.startswith("US-IL-CHI,Reprimand,")
    )
    with pytest.raises(SourceError, match="'Reprimand'"):
        _load_edited(tmp_path, outcome_map=edited + "\n")


def test_issue_12_outcome_flags_checked_in_the_raw_file(db):
    # python3 csv over complaints-accused.csv.gz: final_outcome '**PENALTY NOT SERVED' (cv 1)
    # 647, 'Penalty Not Served' (cv 2) 279, 'RESIGNED -NOT SERVED' (cv 1) 900, 'Resigned'
    # (cv 2, code 800) 644 -> 2,470 imposed_not_served, level NULL; "SUSPEN'D INDEFINIT'Y"
    # 21 interim_measure; recc_outcome 'Penalty Not Served' 29 + 'Resigned' 25 -> 54.
    rows = dict(
        db.execute(
            "SELECT final_flag, count(*) FROM allegations WHERE source_id = ? GROUP BY 1", [SLUG]
        ).fetchall()
    )
    assert rows == {
        "imposed_not_served": 647 + 279 + 900 + 644,
        "interim_measure": 21,
        None: 241945,
    }
    assert count_allegations(db, "final_flag IS NOT NULL AND final_level IS NOT NULL") == 0
    assert count_allegations(db, "recommended_flag = 'imposed_not_served'") == 29 + 25
    # 1,811 of them sustained with a 900 / 800 label of the issue (641 + 273 + 897), 2,451 with
    # the 2000-2016 'Resigned' (640)
    assert count_allegations(db, "finding = 'sustained' AND final_flag = 'imposed_not_served'") == (
        641 + 273 + 897 + 640
    )
    flags = dict(
        db.execute(
            "SELECT original_label, flag FROM outcome_map WHERE jurisdiction = ? "
            "AND flag IS NOT NULL",
            [CITY],
        ).fetchall()
    )
    assert flags == {
        "**PENALTY NOT SERVED": "imposed_not_served",
        "Penalty Not Served": "imposed_not_served",
        "RESIGNED -NOT SERVED": "imposed_not_served",
        "Resigned": "imposed_not_served",
        "SUSPEN'D INDEFINIT'Y": "interim_measure",
    }


def test_issue_12_violation_noted_is_warning(db):
    # 'Violation Noted' (code 000): final 827, recommended 862 rows (python3 csv), now at
    # warning, the lowest disciplinary level (was advice, which is non-disciplinary)
    assert (
        count_allegations(db, "final_outcome = 'Violation Noted' AND final_level = 'warning'")
        == 827
    )
    assert (
        count_allegations(
            db, "recommended_outcome = 'Violation Noted' AND recommended_level = 'warning'"
        )
        == 862
    )
    note = scalar(
        db,
        "SELECT note FROM outcome_map WHERE jurisdiction = ? "
        "AND original_label = 'Violation Noted'",
        [CITY],
    )
    assert note.startswith("CPD penalty code 000 = VIOLATION NOTED") and "warning" in note


def test_recommended_outcome_field(db):
    # recc_outcome is given in the 2000-2016 release only (cv 2: 125,019 rows)
    rows = db.execute(
        "SELECT recommended_outcome_field, count(*) FROM allegations WHERE source_id = ? "
        "GROUP BY ALL ORDER BY 1",
        [SLUG],
    ).fetchall()
    assert rows == [("recc_outcome", 125019), (None, 244436 - 125019)]
