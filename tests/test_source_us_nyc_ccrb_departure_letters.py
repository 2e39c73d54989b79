"""us_nyc_ccrb_departure_letters: Police Commissioner departure letters, names never loaded."""

import json
import shutil

import duckdb

from etl.manifest import Manifest, sha256_of
from etl.pseudonym import install_officer_key, officer_key
from etl.source import LoadContext
from etl.sources import us_nyc_ccrb_departure_letters
from tests.conftest import PROJECT_DIR, RAW_DIR, TEST_KEY

SLUG = "us_nyc_ccrb_departure_letters"
FILE = "departureletters.json"


def officer_names() -> set[str]:
    """The published names, read at test time so that no name is written into this repo."""
    letters = json.loads((RAW_DIR / SLUG / FILE).read_text(encoding="utf-8"))["departureLetters"]
    return {letter["LastName"] for letter in letters if len(letter["LastName"]) >= 5} | {
        f"{letter['FirstName']} {letter['LastName']}" for letter in letters
    }


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [SLUG],
    ).fetchall()
    # python3: len(json.load(f)['departureLetters']) -> 308
    assert rows == [(FILE, 308, 308, 0, "departure_letters")]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, url, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("US-NY-NYC", 308, 308, 0)
    assert row[4] == "223f637514c4965e6cd6d73144bd7cf2a1b949bc1142a4854ff499e268eaf9bc"
    assert row[5].startswith("https://www.nyc.gov/assets/ccrb/")
    assert "never loaded" in row[6]


def test_hand_computed_figures(db):
    def one(sql):
        return db.execute(sql, [SLUG]).fetchone()[0]

    # python3 json: 233 distinct CaseNumber, 36 empty RedactedClosingReportFileName,
    # 67 letters with ReportYear '2022'
    assert one("SELECT count(DISTINCT case_id) FROM departure_letters WHERE source_id = ?") == 233
    assert (
        one(
            "SELECT count(*) FROM departure_letters WHERE source_id = ? "
            "AND closing_report_file IS NULL"
        )
        == 36
    )
    assert (
        one("SELECT count(*) FROM departure_letters WHERE source_id = ? AND report_year = 2022")
        == 67
    )
    # python3: every FileLink has '_Tax<digits>_', and all 308 (CaseNumber, tax id) pairs are
    # (Complaint Id, Tax ID) rows of ccrb-complaints-database-penalties.csv
    assert one("SELECT count(officer_key) FROM departure_letters WHERE source_id = ?") == 308
    joined = db.execute(
        "SELECT count(*) FROM departure_letters d JOIN allegations a "
        "ON a.source_id = 'us_nyc_ccrb_penalties' AND a.case_id = d.case_id "
        "AND a.officer_key = d.officer_key WHERE d.source_id = ?",
        [SLUG],
    ).fetchone()[0]
    assert joined == 308


def test_first_letter_as_published(db):
    key = officer_key(TEST_KEY.encode(), "nypd", "963894")
    row = db.execute(
        "SELECT case_id, report_year, report_month, letter_url, closing_report_file "
        "FROM departure_letters WHERE source_id = ? AND officer_key = ?",
        [SLUG, key],
    ).fetchone()
    assert row == (
        "201804621",
        2019,
        12,
        "https://www1.nyc.gov/assets/ccrb/downloads/pdf/complaints/complaint-outcomes/"
        "redacted-departure-letters/201804621_Tax963894_RedactedDepartureLetter.pdf",
        "201804621_RedactedClosingReport.pdf",
    )


def test_no_names_anywhere(db):
    names = officer_names()
    assert len(names) > 300
    text_columns = db.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_name IN ('departure_letters', 'rejects', 'sources', 'source_files') "
        "AND data_type = 'VARCHAR'"
    ).fetchall()
    columns = db.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'departure_letters'"
    ).fetchall()
    assert ("FirstName",) not in columns and ("LastName",) not in columns
    for table, column in text_columns:
        values = {
            v
            for (v,) in db.execute(
                f'SELECT DISTINCT "{column}" FROM {table} WHERE source_id = ?', [SLUG]
            ).fetchall()
            if v
        }
        hits = [name for name in names for v in values if name.lower() in v.lower()]
        assert hits == [], (table, column, len(hits))


def test_no_rejects(db):
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone()[0] == 0


def test_unusable_letters_are_rejected_without_names(tmp_path):
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    path = raw_dir / FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    first = document["departureLetters"][0]
    document["departureLetters"] += [
        dict(first, CaseNumber="", FirstName="Zebulon", LastName="Quartermaine"),
        dict(first, ReportMonth="13", FirstName="Zebulon", LastName="Quartermaine"),
        dict(first, FileLink="https://example.org/letter.pdf"),  # no tax id: still loaded
    ]
    path.write_text(json.dumps(document), encoding="utf-8")
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][0]["sha256"] = sha256_of(path)
    manifest["files"][0]["bytes"] = path.stat().st_size
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    install_officer_key(con, TEST_KEY.encode())
    source = us_nyc_ccrb_departure_letters.SOURCE
    ctx = LoadContext(con, source, raw_dir, tmp_path / "reference", Manifest.read(raw_dir))
    us_nyc_ccrb_departure_letters.load(ctx)
    tally = ctx.counts[FILE]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (311, 309, 2)
    rejects = con.execute("SELECT row_number, reason, column_name, raw FROM rejects").fetchall()
    assert [r[:3] for r in sorted(rejects)] == [
        (309, "CaseNumber is empty", "CaseNumber"),
        (310, "ReportMonth is not a month number 1-12", "ReportMonth"),
    ]
    assert all("Quartermaine" not in raw and "Zebulon" not in raw for *_, raw in rejects)
    no_key = con.execute(
        "SELECT count(*) FROM departure_letters WHERE officer_key IS NULL"
    ).fetchone()[0]
    assert no_key == 1
