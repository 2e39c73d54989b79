"""us_nyc_ccrb_closing_reports: CCRB cases with a posted redacted closing report."""

import datetime as dt
import json
import shutil

import duckdb

from etl.manifest import Manifest, sha256_of
from etl.source import LoadContext
from etl.sources import us_nyc_ccrb_closing_reports
from tests.conftest import PROJECT_DIR, RAW_DIR

SLUG = "us_nyc_ccrb_closing_reports"
FILE = "closingreports.json"


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [SLUG],
    ).fetchall()
    # python3: len(json.load(f)['closingReports']) -> 5627 (= totalPosted in the file)
    assert rows == [(FILE, 5627, 5627, 0, "closing_reports")]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("US-NY-NYC", 5627, 5627, 0)
    assert row[4] == "0c4bb26fc8d6e3f0d17a91a99cf6f13080b2d551eb6dabd5028cd8d1337504c1"
    assert "28%" in row[5] and "never compute substantiation rates" in row[5]


def test_hand_computed_figures(db):
    # python3 json + collections.Counter: 2261 'Unsubstantiated'; ClosedDate parsed with
    # datetime.strptime('%m/%d/%Y') spans 2015-01-07 .. 2026-04-20; 2858 ComplaintIds are
    # also Complaint Ids of ccrb-complaints-database-penalties.csv (set intersection)
    assert (
        db.execute(
            "SELECT count(*) FROM closing_reports WHERE source_id = ? "
            "AND case_disposition = 'Unsubstantiated'",
            [SLUG],
        ).fetchone()[0]
        == 2261
    )
    assert db.execute(
        "SELECT min(closed_date), max(closed_date), count(closed_date), count(DISTINCT case_id) "
        "FROM closing_reports WHERE source_id = ?",
        [SLUG],
    ).fetchone() == (dt.date(2015, 1, 7), dt.date(2026, 4, 20), 5627, 5627)
    assert (
        db.execute(
            "SELECT count(DISTINCT c.case_id) FROM closing_reports c JOIN allegations a "
            "ON a.source_id = 'us_nyc_ccrb_penalties' AND a.case_id = c.case_id "
            "WHERE c.source_id = ?",
            [SLUG],
        ).fetchone()[0]
        == 2858
    )


def test_report_as_published(db):
    # {"ComplaintId": "201804621", "CaseDisposition": "Substantiated (Command Lvl
    #  Instructions)", ..., "ClosedDate": "05/21/2019"}
    row = db.execute(
        "SELECT case_disposition, closed_date, report_url FROM closing_reports "
        "WHERE source_id = ? AND case_id = '201804621'",
        [SLUG],
    ).fetchone()
    assert row == (
        "Substantiated (Command Lvl Instructions)",
        dt.date(2019, 5, 21),
        "https://www1.nyc.gov/assets/ccrb/downloads/pdf/closing-reports/"
        "201804621_RedactedClosingReport.pdf",
    )


def test_no_rejects(db):
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone()[0] == 0


def test_bad_date_is_rejected(tmp_path):
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    path = raw_dir / FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    first = document["closingReports"][0]
    document["closingReports"] += [
        dict(first, ComplaintId="299999999", ClosedDate="2016-02-23"),
        dict(first, ComplaintId=""),
    ]
    path.write_text(json.dumps(document), encoding="utf-8")
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][0]["sha256"] = sha256_of(path)
    manifest["files"][0]["bytes"] = path.stat().st_size
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    source = us_nyc_ccrb_closing_reports.SOURCE
    ctx = LoadContext(con, source, raw_dir, tmp_path / "reference", Manifest.read(raw_dir))
    us_nyc_ccrb_closing_reports.load(ctx)
    tally = ctx.counts[FILE]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (5629, 5627, 2)
    rejects = con.execute(
        "SELECT row_number, reason, column_name FROM rejects ORDER BY row_number"
    ).fetchall()
    assert rejects == [
        (5628, "ClosedDate is not a MM/DD/YYYY date", "ClosedDate"),
        (5629, "ComplaintId is empty", "ComplaintId"),
    ]
