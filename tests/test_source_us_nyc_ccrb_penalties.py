"""us_nyc_ccrb_penalties: CCRB substantiated officer x complaint, recommendation vs penalty."""

import csv
import datetime as dt
import io
import json
import shutil

import duckdb
import pytest

from etl.manifest import Manifest, sha256_of
from etl.pseudonym import install_officer_key, officer_key
from etl.source import LoadContext, SourceError
from etl.sources import us_nyc_ccrb_penalties
from tests.conftest import PROJECT_DIR, RAW_DIR, REFERENCE_DIR, TEST_KEY

SLUG = "us_nyc_ccrb_penalties"
FILE = "ccrb-complaints-database-penalties.csv"
OUTCOME_MAP = "maps/outcome_US-NY-NYC.csv"


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [SLUG],
    ).fetchall()
    # `tail -n +2 FILE | wc -l` -> 14918 (no field holds a line break)
    assert rows == [(FILE, 14918, 14918, 0, "allegations")]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, publisher, rows_read, rows_loaded, rows_rejected, sha256, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:5] == (
        "US-NY-NYC",
        "New York City Civilian Complaint Review Board (NYC Open Data)",
        14918,
        14918,
        0,
    )
    assert row[5] == "438909851168f28c35e71bfefb7041407cfc91f83e2f294819da3ad3478ea3fb"
    assert "Board Discipline Recommendation" in row[6]


def test_hand_computed_figures(db):
    def one(sql, params=()):
        return db.execute(sql + " AND source_id = ?", [*params, SLUG]).fetchone()[0]

    # `tail -n +2 FILE | cut -d, -f1 | sort -u | wc -l` -> 9620 complaints
    assert one("SELECT count(DISTINCT case_id) FROM allegations WHERE true") == 9620
    # `tail -n +2 FILE | cut -d, -f2 | sort -u | wc -l` -> 10318 officers (tax ids)
    assert one("SELECT count(DISTINCT officer_key) FROM allegations WHERE true") == 10318
    # python3 csv.DictReader: 3157 rows with NYPD Officer Penalty == 'No penalty', 1775 blank
    assert one("SELECT count(*) FROM allegations WHERE final_outcome = 'No penalty'") == 3157
    assert one("SELECT count(*) FROM allegations WHERE final_outcome IS NULL") == 1775
    # python3 csv: (Board Discipline Recommendation or CCRB Substantiated Officer Disposition)
    # == 'Substantiated (Charges)' -> 5912
    assert (
        one(
            "SELECT count(*) FROM allegations WHERE recommended_outcome = ?",
            ["Substantiated (Charges)"],
        )
        == 5912
    )
    # python3 csv: APU Closing Date if Officer is_APU == 'Yes' else Non-APU NYPD Penalty
    # Report Date, non-blank -> 13463
    assert one("SELECT count(closed_date) FROM allegations WHERE true") == 13463
    # python3 csv Counter of NYPD Officer Penalty: 'Terminated' 14, 'Dismissed' 13,
    # 'Forced Separation / Forfeit vacation 26 days' 1 -> 28 dismissals
    assert one("SELECT count(*) FROM allegations WHERE final_level = 'dismissal'") == 28


def test_rows_as_published(db):
    columns = (
        "allegation_id, case_id, officer_key, region_id, category, category_original, "
        "closed_date, finding, finding_original, recommended_outcome, recommended_level, "
        "final_outcome, final_outcome_detail, final_level, case_status"
    )
    # grep '^200000003,895008,' FILE -> Substantiated (Command Discipline),,,No,,,,,,
    row = db.execute(
        f"SELECT {columns} FROM allegations WHERE allegation_id = 'US-NY-NYC:200000003:895008'"
    ).fetchone()
    key = officer_key(TEST_KEY.encode(), "nypd", "895008")
    assert row == (
        "US-NY-NYC:200000003:895008",
        "200000003",
        key,
        "US-NY-NYC",
        None,
        None,
        None,
        "sustained",
        "Substantiated (Command Discipline)",
        "Substantiated (Command Discipline)",
        "warning",
        None,
        "Non-APU",
        None,
        None,
    )
    # 201200035,948381,Substantiated (Charges),,,Yes,Forfeit vacation 5 days,,,
    #   "Closed: Trial verdict reversed by PC, Final verdict Guilty",04/15/2016,Reprimand
    row = db.execute(
        f"SELECT {columns} FROM allegations WHERE allegation_id = 'US-NY-NYC:201200035:948381'"
    ).fetchone()
    assert row[6:] == (
        dt.date(2016, 4, 15),
        "sustained",
        "Substantiated (Charges)",
        "Substantiated (Charges)",
        "suspension",
        "Reprimand",
        "APU trial: Closed: Trial verdict reversed by PC, Final verdict Guilty",
        "warning",
        "Closed: Trial verdict reversed by PC, Final verdict Guilty",
    )


def test_apu_reference_penalty(db):
    # python3 csv over FILE and the outcome map: Officer is_APU == 'Yes' and APU Plea Agreed
    # Penalty (956 rows) or else APU Trial Commissioner Recommended Penalty (320 rows)
    # non-blank -> 1276; no row has both, no non-APU row has either. Levels: plea 202
    # advice, 66 warning, 687 suspension, 1 dismissal; trial 5, 21, 281, 13. Issue 12 moved
    # the 43 plea penalties 'Command Discipline A|B <n> days' (13 A, 30 B) from suspension
    # to warning: forfeited days inside a Command Discipline are command-level.
    rows = db.execute(
        "SELECT split_part(final_outcome_detail, ':', 1), apu_reference_level, count(*) "
        "FROM allegations WHERE source_id = ? AND apu_reference_outcome IS NOT NULL "
        "GROUP BY ALL",
        [SLUG],
    ).fetchall()
    assert sorted(rows) == [
        ("APU plea", "advice", 202),
        ("APU plea", "dismissal", 1),
        ("APU plea", "suspension", 687),
        ("APU plea", "warning", 66),
        ("APU trial", "advice", 5),
        ("APU trial", "dismissal", 13),
        ("APU trial", "suspension", 281),
        ("APU trial", "warning", 21),
    ]
    assert db.execute(
        "SELECT count(*) FROM allegations WHERE source_id = ? AND apu_reference_level IS NULL "
        "AND apu_reference_outcome IS NOT NULL",
        [SLUG],
    ).fetchone() == (0,)
    # 201310465,952610,Substantiated (Charges),,,Yes,,,Forfeit vacation 10 days,
    #   Closed: Resolved by plea,04/15/2016,Forfeit vacation 5 days
    # 201115728,930659,Substantiated (Charges),,,Yes,Forfeit vacation 15 days,
    #   Forfeit vacation 15 days,,Closed: Guilty after trial-PC Approved,12/19/2014,...
    # 200000003,895008: a non-APU row.
    rows = db.execute(
        "SELECT allegation_id, apu_reference_outcome, apu_reference_level, final_outcome "
        "FROM allegations WHERE allegation_id IN ('US-NY-NYC:201310465:952610', "
        "'US-NY-NYC:201115728:930659', 'US-NY-NYC:200000003:895008') ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("US-NY-NYC:200000003:895008", None, None, None),
        (
            "US-NY-NYC:201115728:930659",
            "Forfeit vacation 15 days",
            "suspension",
            "Forfeit vacation 15 days",
        ),
        (
            "US-NY-NYC:201310465:952610",
            "Forfeit vacation 10 days",
            "suspension",
            "Forfeit vacation 5 days",
        ),
    ]


@pytest.mark.parametrize(
    ("label", "level", "is_sanction"),
    [
        ("Instructions", "advice", False),
        ("Formalized Training", "advice", False),
        ("Command Level Instructions", "advice", False),
        ("Command Discipline - A", "warning", True),
        ("Command Discipline B", "warning", True),
        ("Warned and admonished", "warning", True),
        ("Reprimand", "warning", True),
        ("Command Discipline - A (Vacation: 0.25 days)", "warning", True),
        ("Command Discipline B 10 days", "warning", True),
        # APU charges format: the days were imposed after charges, apart from the CD
        ("Forfeit vacation 10 days / Command Discipline B", "suspension", True),
        ("Closed Administratively (Command Discipline - B) / Vacation: 8 days", "warning", True),
        ("Vacation: 5 days", "suspension", True),
        ("Forfeit vacation 5 days", "suspension", True),
        ("Suspension 10 days", "suspension", True),
        ("Dismissal Probation", "suspension", True),
        ("Terminated", "dismissal", True),
        ("Dismissed", "dismissal", True),
        ("Forced Separation / Forfeit vacation 26 days", "dismissal", True),
        ("No penalty", "none", False),
        ("Retired", None, False),
        ("Resigned", None, False),
        ("APU - Decision Pending", None, False),
        ("Closed Administratively (Terminated)", None, False),
        ("Substantiated (Charges)", "suspension", True),
        ("Substantiated (Command Discipline A)", "warning", True),
        ("Substantiated (Formalized Training)", "advice", False),
        ("Substantiated (No Recommendations)", None, False),
    ],
)
def test_outcome_labels(db, label, level, is_sanction):
    row = db.execute(
        "SELECT level, is_sanction, source_id FROM outcome_map "
        "WHERE jurisdiction = 'US-NY-NYC' AND original_label = ?",
        [label],
    ).fetchone()
    assert row == (level, is_sanction, SLUG)


def test_every_label_is_mapped_once(db):
    unmapped = db.execute(
        "SELECT label FROM (SELECT recommended_outcome AS label FROM allegations "
        "WHERE source_id = ? UNION SELECT final_outcome FROM allegations WHERE source_id = ? "
        "UNION SELECT apu_reference_outcome FROM allegations WHERE source_id = ?) "
        "WHERE label IS NOT NULL AND label NOT IN "
        "(SELECT original_label FROM outcome_map WHERE jurisdiction = 'US-NY-NYC')",
        [SLUG, SLUG, SLUG],
    ).fetchall()
    assert unmapped == []
    # python3 csv: 8 distinct recommended labels (with the disposition fallback) + 232
    # distinct non-blank NYPD Officer Penalty labels + 8 APU plea / Trial Commissioner
    # labels that are neither (e.g. 'Command Discipline B 6 days', 'Forfeit vacation')
    counts = db.execute(
        "SELECT count(*), count(DISTINCT original_label) FROM outcome_map "
        "WHERE jurisdiction = 'US-NY-NYC'"
    ).fetchone()
    assert counts == (248, 248)
    # levels came through: every mapped label with a level gives the allegation that level
    mismatched = db.execute(
        "SELECT count(*) FROM allegations a JOIN outcome_map m "
        "ON m.jurisdiction = 'US-NY-NYC' AND m.original_label = a.final_outcome "
        "WHERE a.source_id = ? AND a.final_level IS DISTINCT FROM m.level",
        [SLUG],
    ).fetchone()[0]
    assert mismatched == 0


def test_pseudonyms_not_tax_ids(db):
    leaked = db.execute(
        "SELECT count(*) FROM allegations WHERE source_id = ? "
        "AND (officer_key IS NULL OR regexp_full_match(officer_key, '[0-9]{5,6}'))",
        [SLUG],
    ).fetchone()[0]
    assert leaked == 0


def test_no_rejects(db):
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone()[0] == 0


def _load_with(tmp_path, extra_lines: str = "", reference_edit=None):
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    path = raw_dir / FILE
    with path.open("a", encoding="utf-8") as handle:
        handle.write(extra_lines)
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][0]["sha256"] = sha256_of(path)
    manifest["files"][0]["bytes"] = path.stat().st_size
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    reference_dir = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, reference_dir)
    if reference_edit:
        reference_edit(reference_dir / OUTCOME_MAP)

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    install_officer_key(con, TEST_KEY.encode())
    source = us_nyc_ccrb_penalties.SOURCE
    ctx = LoadContext(con, source, raw_dir, reference_dir, Manifest.read(raw_dir))
    us_nyc_ccrb_penalties.load(ctx)
    return con, ctx


def test_bad_rows_are_rejected(tmp_path):
    con, ctx = _load_with(
        tmp_path,
        "200000003,895008,Substantiated (Command Discipline),,,No,,,,,,\n"  # repeated
        "300000001,unknown,Substantiated (Charges),,,No,,,,,,\n"
        "300000002,912345,Substantiated (Charges),,,Yes,,,,Pending,2016-04-15,\n",
    )
    tally = ctx.counts[FILE]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (14921, 14918, 3)
    rejects = con.execute(
        "SELECT row_number, reason, column_name FROM rejects ORDER BY row_number"
    ).fetchall()
    assert rejects == [
        (14919, "repeats the Complaint Id and Tax ID of an earlier row", "Tax ID"),
        (14920, "Tax ID is not an NYPD tax id (digits)", "Tax ID"),
        (14921, "APU Closing Date is not a MM/DD/YYYY date", "APU Closing Date"),
    ]


def test_repeated_label_in_outcome_map_fails(tmp_path):
    def repeat_a_label(path):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        rows.append(["US-NY-NYC", "Instructions", "warning", "true", "conflicting copy", ""])
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    with pytest.raises(SourceError, match="'Instructions' is mapped more than once"):
        _load_with(tmp_path, reference_edit=repeat_a_label)


def test_recommended_outcome_field(db):
    # python3 csv over FILE (first copy of each Complaint Id x Tax ID): Board Discipline
    # Recommendation non-blank 7,165; else CCRB Substantiated Officer Disposition 7,753.
    rows = db.execute(
        "SELECT recommended_outcome_field, count(*) FROM allegations WHERE source_id = ? "
        "GROUP BY ALL ORDER BY 1",
        [SLUG],
    ).fetchall()
    assert rows == [
        ("Board Discipline Recommendation", 7165),
        ("CCRB Substantiated Officer Disposition", 7753),
    ]
    # no NYC label carries a flag
    assert db.execute(
        "SELECT count(*) FROM allegations WHERE source_id = ? "
        "AND (recommended_flag IS NOT NULL OR final_flag IS NOT NULL)",
        [SLUG],
    ).fetchone() == (0,)


def test_issue_12_command_discipline_levels(db):
    # Issue 12: recommended and imposed Command Disciplines on one level. python3 csv over FILE
    # and the map: 'Above the recommendation' 954 -> 166, of which "Command Discipline" in
    # both labels 798 -> 10, all APU cases imposing 'Forfeit vacation <n> days / Command
    # Discipline A|B' (days after charges, apart from the Command Discipline: suspension).
    scale = (
        "list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], {})"
    )
    above = db.execute(
        "SELECT count(*), count(*) FILTER (WHERE recommended_outcome LIKE '%Command Discipline%' "
        "AND final_outcome LIKE '%Command Discipline%') FROM allegations WHERE source_id = ? "
        f"AND {scale.format('final_level')} > {scale.format('recommended_level')}",
        [SLUG],
    ).fetchone()
    assert above == (166, 10)
    # every final label with a Command Discipline and days written inside it is at warning
    assert db.execute(
        "SELECT DISTINCT final_level FROM allegations WHERE source_id = ? "
        "AND regexp_matches(final_outcome, 'Command Discipline[ -]+[AB] ?\\(Vacation|"
        "Command Discipline [AB] [0-9]+ days')",
        [SLUG],
    ).fetchall() == [("warning",)]


def test_flag_outside_the_vocabulary_fails(tmp_path):
    # An outcome map's optional `flag` column is checked like its level (etl/maps.py).
    def flag_a_label(path):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        rows[1][5] = "suspended_forever"
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    with pytest.raises(SourceError, match="row 1, column 'flag': 'suspended_forever'"):
        _load_with(tmp_path, reference_edit=flag_a_label)


def test_is_a_declaration_with_a_named_regime(db):
    assert us_nyc_ccrb_penalties.path.name == "us_nyc_ccrb_penalties.toml"
    assert db.execute(
        "SELECT DISTINCT regime FROM outcome_map WHERE source_id = ?", [SLUG]
    ).fetchall() == [("NYPD discipline as reported to the CCRB",)]
