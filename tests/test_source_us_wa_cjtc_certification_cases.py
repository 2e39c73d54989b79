"""us_wa_cjtc_certification_cases: a source added as a declaration and two maps only."""

from etl.sources import us_wa_cjtc_certification_cases as declared
from tests.conftest import RAW_DIR

SLUG = "us_wa_cjtc_certification_cases"
FILE = (
    "Washington_State_Criminal_Justice_Training_Commission_Officer_Certification_Cases_20250612.csv"
)


def test_is_a_declaration_with_repeats_as_records():
    assert declared.path.suffix == ".toml"
    assert declared.SOURCE.year_basis == "received"
    # Without the names, 55 rows repeat another of the same case: two officers, not a copy.
    assert declared.SOURCE.repeats_are_records


def test_file_counts(db):
    # python3 csv.DictReader: 2055 records
    assert db.execute(
        "SELECT rows_read, rows_loaded, rows_rejected, loaded_into FROM source_files "
        "WHERE source_id = ?",
        [SLUG],
    ).fetchall() == [(2055, 2055, 0, "allegations")]


def test_hand_counted_findings_and_levels(db):
    # collections.Counter of 'Case Determination' (see SOURCES.md): the 4 Revocation labels
    # 292 + 64 + 52 + 1 = 409, plus Denied Certification 17 -> 426 sustained at dismissal;
    # Decline 279 + Charge(s) Dismissed 21 + Insufficient Information 26 = 326 not sustained;
    # Lack of Jurisdiction 580 + Duplicate Case 482 + Not Certified or Deceased 36 + Revoked
    # 12 + Expired 13 + Settlement 5 = 1128 closed_other with no level; 155 blank = pending;
    # Implausible 10 unfounded; reinstatement decisions 8 + 2 have no finding.
    rows = db.execute(
        "SELECT finding, final_level, count(*) FROM allegations WHERE source_id = ? "
        "GROUP BY ALL ORDER BY 3 DESC, 1 NULLS LAST, 2 NULLS LAST",  # ties in a fixed order
        [SLUG],
    ).fetchall()
    assert rows == [
        ("closed_other", None, 1128),
        ("sustained", "dismissal", 426),
        ("not_sustained", "none", 326),
        ("pending", None, 155),
        ("unfounded", "none", 10),
        (None, None, 10),
    ]
    # 1995 distinct Case Number; dates from 5/1/2002 to 6/2/2025; 11 rows cite RCW 10.99 or
    # RCW 26.50 ('RCW 10.99' in row or 'RCW 26.50' in row)
    assert db.execute(
        "SELECT count(DISTINCT case_id), min(received_date)::VARCHAR, max(received_date)::VARCHAR,"
        " count(*) FILTER (WHERE category = 'domestic_violence') FROM allegations "
        "WHERE source_id = ?",
        [SLUG],
    ).fetchone() == (1995, "2002-05-01", "2025-06-02", 11)


def test_names_and_document_links_are_never_loaded(db):
    raw = (RAW_DIR / SLUG / FILE).read_text(encoding="utf-8-sig")
    assert "cjtc.box.com" in raw and "Myers" in raw  # the file has them
    for table, column in [("allegations", "final_outcome"), ("rejects", "raw")]:
        found = db.execute(
            f"SELECT count(*) FROM {table} WHERE source_id = ? AND ({column} LIKE '%box.com%' "
            f"OR {column} LIKE '%Myers%')",
            [SLUG],
        ).fetchone()[0]
        assert found == 0
    columns = {row[0] for row in db.execute("DESCRIBE allegations").fetchall()}
    assert not any("name" in c.lower() for c in columns)


def test_jurisdiction_is_listed_from_data(db):
    assert db.execute(
        "SELECT name_en, name_fr, year_basis FROM jurisdictions WHERE code = 'US-WA'"
    ).fetchone() == ("Washington State", "État de Washington", "received")
    assert db.execute(
        "SELECT count(*) FROM sources s ANTI JOIN jurisdictions j ON j.code = s.jurisdiction "
        "WHERE s.jurisdiction <> 'multi'"
    ).fetchone() == (0,)
