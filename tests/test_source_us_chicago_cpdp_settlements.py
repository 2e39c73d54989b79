"""us_chicago_cpdp_settlements: lawsuit settlements per officer, without plaintiff names."""

from etl.pseudonym import officer_key
from tests.conftest import TEST_KEY

SLUG = "us_chicago_cpdp_settlements"
FILE = "settlements_1952-2016_2017-01.csv.gz"


def one(db, sql):
    return db.execute(sql, [SLUG]).fetchone()[0]


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [SLUG],
    ).fetchall()
    assert rows == [(FILE, 3374, 3374, 0, "settlements")]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, publisher, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("US-IL-CHI", 3374, 3374, 0)
    assert row[4] == "5805721d607bbff2a361ba2a4e146fe02ebdde072af1d5cde9f49d03baf3d138"
    assert row[5].startswith("Invisible Institute (Citizens Police Data Project)")
    assert "deduplicate on case_id before summing" in row[6]
    assert "04-CV-47" in row[6]
    assert one(db, "SELECT count(*) FROM rejects WHERE source_id = ?") == 0


def test_amounts_once_per_case(db):
    # python3 csv.DictReader over the gunzipped file, amount = int(settlement without $ and ,):
    # 943 distinct case_id; sum over rows 1,347,522,334; sum once per case_id 280,231,876
    # (every case has a single amount, repeated on each officer row).
    assert one(db, "SELECT count(DISTINCT case_id) FROM settlements WHERE source_id = ?") == 943
    assert one(db, "SELECT sum(amount_usd) FROM settlements WHERE source_id = ?") == 1347522334
    per_case = one(
        db,
        "SELECT sum(amount) FROM (SELECT case_id, any_value(amount_usd) AS amount "
        "FROM settlements WHERE source_id = ? GROUP BY case_id)",
    )
    assert per_case == 280231876
    assert (
        one(
            db,
            "SELECT count(*) FROM (SELECT case_id FROM settlements WHERE source_id = ? "
            "GROUP BY case_id HAVING count(DISTINCT amount_usd) > 1)",
        )
        == 0
    )


def test_hand_counted_gaps(db):
    # same csv scan: 113 rows with empty UID, 410 with location 'Not specified',
    # 22 with an empty incident_date
    assert (
        one(db, "SELECT count(*) FROM settlements WHERE source_id = ? AND officer_key IS NULL")
        == 113
    )
    assert (
        one(db, "SELECT count(*) FROM settlements WHERE source_id = ? AND location IS NULL") == 410
    )
    assert (
        one(db, "SELECT count(*) FROM settlements WHERE source_id = ? AND incident_date IS NULL")
        == 22
    )


def test_first_row_and_doubtful_date(db):
    # zcat ... | sed -n 2p: 1,1,14-CV-4800,24165.0,False arrest,2016-06-22,Not specified,
    # <plaintiff>,"$35,000","18 years, 6 months (active)",128103.0
    row = db.execute(
        "SELECT case_id, officer_key, complaint_type, CAST(incident_date AS VARCHAR), "
        "amount_usd, location FROM settlements WHERE source_id = ? AND row_id = '1'",
        [SLUG],
    ).fetchone()
    key = officer_key(TEST_KEY.encode("utf-8"), "cpdp", "128103.0")
    assert row == ("14-CV-4800", key, "False arrest", "2016-06-22", 35000.0, None)
    # Case 04-CV-47 keeps the published 1952-01-11 on its 7 rows (see SOURCE.caveats).
    assert db.execute(
        "SELECT count(*), min(incident_date) = DATE '1952-01-11' FROM settlements "
        "WHERE source_id = ? AND case_id = '04-CV-47'",
        [SLUG],
    ).fetchone() == (7, True)


def test_officers_join_unit_history(db):
    # Python set of settlement UIDs (".0" stripped) = 2400; 2393 of them are in the
    # unit-history UID column (sort -u of column 1).
    rows = db.execute(
        "SELECT count(DISTINCT s.officer_key), count(DISTINCT a.officer_key) "
        "FROM settlements AS s LEFT JOIN assignments AS a "
        "ON a.officer_key = s.officer_key AND a.source_id = 'us_chicago_cpdp_units' "
        "WHERE s.source_id = ?",
        [SLUG],
    ).fetchone()
    assert rows == (2400, 2393)


def test_no_plaintiff_names(db):
    # Plaintiffs named in the raw file (rows 1-3 and a name with a comma, from case 04-CV-47).
    names = ["Jonathan Guzman", "Edward Resendiz", "Lashaun Duprey", "Oscar Walden", "Resendiz"]
    columns = [c[0] for c in db.execute("DESCRIBE settlements").fetchall()]
    assert "plantiff" not in columns
    texts = db.execute(
        "SELECT concat_ws('|', row_id, case_id, complaint_type, location) FROM settlements "
        "WHERE source_id = ? UNION ALL "
        "SELECT concat_ws('|', reason, raw) FROM rejects WHERE source_id = ?",
        [SLUG, SLUG],
    ).fetchall()
    blob = "\n".join(t for (t,) in texts).lower()
    for name in names:
        assert name.lower() not in blob
