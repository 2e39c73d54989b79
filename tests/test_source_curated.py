"""The four curated sources: directives, outcome taxonomy, French national figures, cases.

Counts and figures below were computed from data/reference/curated/*.csv outside the
warehouse (Python's csv module, grep, awk) and are written as literal numbers.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import pytest

import queries
from etl.build import build
from tests.conftest import TEST_KEY, copy_data
from tests.test_build import edit_csv, replace_file

CURATED = Path("reference/curated")
DIRECTIVES = "curated_directives"
TAXONOMY = "curated_outcome_taxonomy"
SANCTIONS = "curated_fr_national_sanctions"
CASES = "curated_cases_register"


def accounting(con, slug):
    """(sources row, source_files rows) for one source."""
    source = con.execute(
        "SELECT jurisdiction, retrieved_at, rows_read, rows_loaded, rows_rejected, sha256 "
        "FROM sources WHERE source_id = ?",
        [slug],
    ).fetchone()
    files = con.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [slug],
    ).fetchall()
    return source, files


def rejects(con, slug):
    return con.execute(
        "SELECT file_name, row_number, column_name, reason, raw FROM rejects "
        "WHERE source_id = ? ORDER BY row_number",
        [slug],
    ).fetchall()


def check_sql(name: str) -> str:
    return queries.get(name, "checks").sql


# -- row accounting ----------------------------------------------------------------
# Data records per file: len(list(csv.reader(open(f, newline="", encoding="utf-8")))) - 1
# (directives 14, outcome_taxonomy 54, fr_national_sanctions 89, cases_register 10; no
# quoted newlines, so `wc -l` minus the header agrees). No row breaks a reject rule.
# sha256 = `sha256sum` of each file, equal to data/reference/curated/manifest.json.


def test_directives_counts(db):
    assert accounting(db, DIRECTIVES) == (
        (
            "multi",
            "2026-12-04",
            14,
            14,
            0,
            "91dae53cefeed077215c2ed4e07ea13dd313d8402e674f645a1bc6b3b10ab686",
        ),
        [("directives.csv", 14, 14, 0, "directives")],
    )


def test_outcome_taxonomy_counts(db):
    assert accounting(db, TAXONOMY) == (
        (
            "multi",
            "2026-12-04",
            54,
            54,
            0,
            "069e22380f3a25ae59d90398cb9457c36b327ca21c2cf0b69c54edb65372046c",
        ),
        [("outcome_taxonomy.csv", 54, 54, 0, "outcome_map")],
    )


def test_fr_national_sanctions_counts(db):
    assert accounting(db, SANCTIONS) == (
        (
            "FR",
            "2026-12-04",
            89,
            89,
            0,
            "4d616e38e2a139ec1c0ad04096f3d80e2c001918352512f359b5be425c1edbcd",
        ),
        [("fr_national_sanctions.csv", 89, 89, 0, "statistics")],
    )


def test_cases_register_counts(db):
    assert accounting(db, CASES) == (
        (
            "FR",
            "2026-12-04",
            10,
            10,
            0,
            "1b4657fd5892eab6daae688fe0b30564aafdaa6c89790df4b96d50354df4b1b8",
        ),
        [("cases_register.csv", 10, 10, 0, "case_events")],
    )


def test_no_curated_rejects(db):
    assert db.execute(
        "SELECT count(*) FROM rejects WHERE source_id IN (?, ?, ?, ?)",
        [DIRECTIVES, TAXONOMY, SANCTIONS, CASES],
    ).fetchone() == (0,)


# -- directives ----------------------------------------------------------------------


def test_directives_jurisdictions(db):
    # cut -d, -f2 directives.csv | sort | uniq -c (the first two fields are never quoted)
    assert db.execute(
        "SELECT jurisdiction, count(*) FROM directives GROUP BY ALL ORDER BY ALL"
    ).fetchall() == [
        ("FR", 7),
        ("GB-EAW", 3),
        ("US-FED", 1),
        ("US-IL-CHI", 1),
        ("US-NJ", 1),
        ("US-NY-NYC", 1),
    ]


def test_directive_fr1(db):
    # grep '^FR-1,' directives.csv: issued_date 2021-08-02, no effective or end date,
    # deadline_days 0 ("immediately"), binding instruction, high confidence
    assert db.execute(
        "SELECT issuer IS NOT NULL, instrument, binding, issued_date, effective_date, end_date, "
        "deadline_days, title_fr IS NOT NULL, confidence FROM directives "
        "WHERE directive_id = 'FR-1'"
    ).fetchall() == [
        (True, "instruction", "binding", datetime.date(2021, 8, 2), None, None, 0, True, "high")
    ]


def test_title_fr_on_every_row(db):
    # python csv: title_fr is non-blank on all 14 rows (the 7 others than FR translated by the
    # project, issue 15), and so are the other French texts
    assert db.execute(
        "SELECT jurisdiction = 'FR', count(title_fr), count(requirement_fr), count(*) "
        "FROM directives GROUP BY ALL ORDER BY ALL"
    ).fetchall() == [(False, 7, 7, 7), (True, 7, 7, 7)]


def test_deadline_days(db):
    # python csv, column deadline_days: blank on the other 7 rows (no deadline)
    assert db.execute(
        "SELECT directive_id, deadline_days FROM directives "
        "WHERE deadline_days IS NOT NULL ORDER BY directive_id"
    ).fetchall() == [
        ("FR-1", 0),
        ("FR-2", 0),
        ("FR-3", 120),  # 4 calendar months
        ("FR-7", 60),  # 2 months
        ("GB-2", 5),  # working days
        ("US-FED-1", 0),
        ("US-NJ-1", 31),  # 31 January, counted from the end of the reporting year
    ]
    nulls = db.execute("SELECT count(*) FROM directives WHERE deadline_days IS NULL").fetchone()
    assert nulls == (7,)


def test_fr7_is_guidance(db):
    # grep '^FR-7,': no written instrument identified, so guidance / medium
    assert db.execute(
        "SELECT binding, confidence, issued_date FROM directives WHERE directive_id = 'FR-7'"
    ).fetchall() == [("guidance", "medium", None)]


# -- outcome taxonomy ----------------------------------------------------------------


def outcome(db, jurisdiction, label):
    return db.execute(
        "SELECT level, is_sanction FROM outcome_map "
        "WHERE source_id = ? AND jurisdiction = ? AND original_label = ? ORDER BY regime",
        [TAXONOMY, jurisdiction, label],
    ).fetchall()


def test_outcome_rows_per_jurisdiction(db):
    # grep -c '^FR,' -> 35, '^GB-EAW,' -> 9, '^US,' -> 10 (sum 54)
    assert db.execute(
        "SELECT jurisdiction, count(*) FROM outcome_map WHERE source_id = ? "
        "GROUP BY ALL ORDER BY ALL",
        [TAXONOMY],
    ).fetchall() == [("FR", 35), ("GB-EAW", 9), ("US", 10)]


def test_outcome_is_sanction_split(db):
    # grep -c ',true,' -> 43, grep -c ',false,' -> 11 (python csv agrees)
    assert db.execute(
        "SELECT is_sanction, count(*) FROM outcome_map WHERE source_id = ? "
        "GROUP BY ALL ORDER BY ALL",
        [TAXONOMY],
    ).fetchall() == [(False, 11), (True, 43)]


def test_outcome_labels(db):
    # grep ',avertissement,' -> 3 regimes (GN, CGFP, loi 84-16), all warning / true
    assert outcome(db, "FR", "avertissement") == [("warning", True)] * 3
    # grep ',révocation,' -> CGFP and loi 84-16, both dismissal / true
    assert outcome(db, "FR", "révocation") == [("dismissal", True)] * 2
    # gendarmerie retrait d'emploi: suspension (README's deviation from the research note)
    assert outcome(db, "FR", "retrait d'emploi") == [("suspension", True)]
    # the FR-1 reassignment is an interim measure, not a sanction: a flag, never a level
    # (DESIGN §3; before, level none read as "no sanction")
    assert outcome(
        db, "FR", "affectation sans contact avec le public (instruction du 2 août 2021)"
    ) == [(None, False)]
    assert db.execute(
        "SELECT original_label, level, flag FROM outcome_map WHERE source_id = ? "
        "AND flag IS NOT NULL ORDER BY original_label",
        [TAXONOMY],
    ).fetchall() == [
        ("affectation sans contact avec le public (instruction du 2 août 2021)", None,
         "interim_measure"),
        ("suspension de fonctions (CGFP L531-1)", None, "interim_measure"),
        ("suspension from duty (pending proceedings)", None, "interim_measure"),
    ]  # fmt: skip
    # GB-EAW rows, from grep '^GB-EAW,'
    assert outcome(db, "GB-EAW", "final written warning") == [("warning", True)]
    assert outcome(db, "GB-EAW", "management advice") == [("advice", False)]
    assert outcome(db, "GB-EAW", "finding that a former officer would have been dismissed") == [
        ("dismissal", False)
    ]


# -- French national figures ---------------------------------------------------------


def figure(db, year, force, measure, unit="count"):
    return db.execute(
        "SELECT value FROM statistics WHERE source_id = ? AND year = ? AND subject = ? "
        "AND measure = ? AND unit = ?",
        [SANCTIONS, year, force, measure, unit],
    ).fetchall()


def test_fr1_removals(db):
    # awk -F, '$3 ~ /^removed_from_public_contact_dv/' -> 2022 gendarmerie 66,
    # police_nationale 92, of which prefecture de police 51; 92 + 66 = 158 (README)
    assert figure(db, 2022, "police_nationale", "removed_from_public_contact_dv") == [(92,)]
    assert figure(db, 2022, "gendarmerie", "removed_from_public_contact_dv") == [(66,)]
    assert figure(
        db, 2022, "police_nationale", "removed_from_public_contact_dv_prefecture_de_police"
    ) == [(51,)]
    assert db.execute(
        "SELECT sum(value) FROM statistics WHERE source_id = ? "
        "AND measure = 'removed_from_public_contact_dv'",
        [SANCTIONS],
    ).fetchone() == (158,)


def test_gendarmerie_group_totals(db):
    def groups(year):
        return db.execute(
            "SELECT sum(value) FROM statistics WHERE source_id = ? AND year = ? "
            "AND subject = 'gendarmerie' AND measure IN ('group_1', 'group_2', 'group_3')",
            [SANCTIONS, year],
        ).fetchone()[0]

    # awk -F, '$1==2009 && $2=="gendarmerie" && $3 ~ /^group_/ {s+=$4}' -> 3511+14+44 = 3569
    assert groups(2009) == 3569
    assert figure(db, 2009, "gendarmerie", "sanctions_total") == [(3569,)]
    # same for 2021 -> 2757+13+37 = 2807
    assert groups(2021) == 2807
    assert figure(db, 2021, "gendarmerie", "sanctions_total") == [(2807,)]


def test_national_figures_shape(db):
    # python csv Counter((force, unit)): gendarmerie 46 count + 2 percent,
    # police_nationale 28 count + 13 percent; every row is national (region FR)
    assert db.execute(
        "SELECT subject, unit, count(*), count(DISTINCT region_id), min(region_id) "
        "FROM statistics WHERE source_id = ? GROUP BY ALL ORDER BY ALL",
        [SANCTIONS],
    ).fetchall() == [
        ("gendarmerie", "count", 46, 1, "FR"),
        ("gendarmerie", "percent", 2, 1, "FR"),
        ("police_nationale", "count", 28, 1, "FR"),
        ("police_nationale", "percent", 13, 1, "FR"),
    ]
    # grep '^2017,police_nationale,revocation,' -> 2.6 percent; '^2019,...,sanctions_total,'
    assert figure(db, 2017, "police_nationale", "revocation", "percent") == [(2.6,)]
    assert figure(db, 2019, "police_nationale", "sanctions_total") == [(1678,)]


# -- cases register ------------------------------------------------------------------


def test_maisons_alfort_events(db):
    # python csv, rows FR-001.1 and FR-001.2: departement 94, Time.news only (press, low)
    assert db.execute(
        "SELECT case_id, region_id, event_type, event_date, judgment, court, finality, "
        "public_contact, directive_id, source_type, confidence FROM case_events "
        "WHERE case_id LIKE 'FR-001.%' ORDER BY case_id"
    ).fetchall() == [
        (
            "FR-001.1",
            "FR-DEP-94",
            "conviction",
            "2024-07-03",
            "conviction",
            "appeal",
            "unknown",
            "no",
            "FR-1",
            "press",
            "low",
        ),
        (
            "FR-001.2",
            "FR-DEP-94",
            "allegation",
            None,
            "conviction",
            "appeal",
            "unknown",
            "yes",
            "FR-1",
            "press",
            "low",
        ),
    ]


def test_case_events_record_facts_and_the_rule_derives_statuses(db):
    # python csv Counter of (judgment, finality) in cases_register.csv; no typed status
    assert db.execute(
        "SELECT judgment, finality, count(*) FROM case_events WHERE source_id = ? "
        "GROUP BY ALL ORDER BY ALL NULLS LAST",
        [CASES],
    ).fetchall() == [
        ("acquittal", "cassation_pending", 1),
        ("alternative_to_prosecution", None, 1),
        ("annulled", None, 1),
        ("conviction", "first_instance", 2),
        ("conviction", "unknown", 5),
    ]
    columns = [row[0] for row in db.execute("DESCRIBE case_events").fetchall()]
    assert "status_vs_directive" not in columns


def test_case_sources_pass_the_quality_rules(db):
    # Every outlet of the register is reviewed in press_outlets.csv; no mirror or staging
    # copy is cited anywhere (ikeaflex.store and staging.libe.io were replaced).
    assert (
        db.execute("SELECT * FROM " + "(" + check_sql("case_sources_quality") + ")").fetchall()
        == []
    )
    cited = " ".join(
        row[0] for row in db.execute("SELECT source_url FROM case_events").fetchall()
    ) + " ".join(row[0] or "" for row in db.execute("SELECT source_url FROM statistics").fetchall())
    assert "ikeaflex" not in cited and "staging.libe.io" not in cited


def test_case_regions_and_metz_history(db):
    # python csv Counter(departement_code): 33 x3, 57 x3, 94 x2, 93 x1, blank x1 (FR-003.1)
    assert db.execute(
        "SELECT region_id, count(*) FROM case_events WHERE source_id = ? "
        "GROUP BY ALL ORDER BY ALL NULLS LAST",
        [CASES],
    ).fetchall() == [
        ("FR-DEP-33", 3),
        ("FR-DEP-57", 3),
        ("FR-DEP-93", 1),
        ("FR-DEP-94", 2),
        (None, 1),
    ]
    # FR-004: conviction, acquittal on appeal, acquittal overturned (retrial pending)
    assert db.execute(
        "SELECT case_id, judgment, court, finality FROM case_events "
        "WHERE case_id LIKE 'FR-004.%' ORDER BY case_id"
    ).fetchall() == [
        ("FR-004.1", "conviction", "first_instance", "first_instance"),
        ("FR-004.2", "acquittal", "appeal", "cassation_pending"),
        ("FR-004.3", "annulled", "cassation", None),
    ]


# -- reject rules, on a private copy ---------------------------------------------------


@pytest.fixture
def private_data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    return copy_data(tmp_path / "data")


def break_cells(data_dir: Path, file_name: str, changes: list[tuple[dict, str, str]]) -> None:
    """Set `column` to `value` in the one record matching `match`, as a refresh would."""
    path = data_dir / CURATED / file_name

    def edit(rows):
        header = rows[0]
        for match, column, value in changes:
            (row,) = [
                row
                for row in rows[1:]
                if all(row[header.index(name)] == want for name, want in match.items())
            ]
            row[header.index(column)] = value

    replace_file(data_dir, CURATED, file_name, edit_csv(path, edit))


def test_directives_and_taxonomy_reject_rules(private_data):
    data_dir = private_data
    # US-FED-1 is data record 14 of directives.csv (grep -n: line 15)
    break_cells(
        data_dir, "directives.csv", [({"directive_id": "US-FED-1"}, "issued_date", "30/09/1996")]
    )
    # counseling is data record 48 of outcome_taxonomy.csv (grep -n: line 49)
    break_cells(
        data_dir,
        "outcome_taxonomy.csv",
        [({"original_label": "counseling"}, "common_level", "coaching")],
    )
    build(data_dir, show_progress=False)

    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        (source, files) = accounting(con, DIRECTIVES)
        assert source[2:5] == (14, 13, 1)
        assert files == [("directives.csv", 14, 13, 1, "directives")]
        [(file_name, row_number, column, reason, raw)] = rejects(con, DIRECTIVES)
        assert (file_name, row_number, column, reason) == (
            "directives.csv",
            14,
            "issued_date",
            "issued_date is not an ISO date",
        )
        assert '"issued_date":"30/09/1996"' in raw
        assert con.execute(
            "SELECT count(*) FROM directives WHERE directive_id = 'US-FED-1'"
        ).fetchone() == (0,)

        (source, files) = accounting(con, TAXONOMY)
        assert source[2:5] == (54, 53, 1)
        assert files == [("outcome_taxonomy.csv", 54, 53, 1, "outcome_map")]
        [(file_name, row_number, column, reason, raw)] = rejects(con, TAXONOMY)
        assert (file_name, row_number, column) == ("outcome_taxonomy.csv", 48, "common_level")
        assert reason == (
            "common_level is not one of "
            "('none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal') "
            "(empty only with a flag)"
        )
        assert '"common_level":"coaching"' in raw
        assert con.execute(
            "SELECT count(*) FROM outcome_map WHERE original_label = 'counseling'"
        ).fetchone() == (0,)
    finally:
        con.close()


def test_sanctions_and_cases_reject_rules(private_data):
    data_dir = private_data
    # 2022 gendarmerie iggn_external_reports_breach_share is record 33 (grep -n: line 34)
    break_cells(
        data_dir,
        "fr_national_sanctions.csv",
        [({"year": "2022", "measure": "iggn_external_reports_breach_share"}, "unit", "%")],
    )
    # FR-003.1 is record 6, FR-005.1 record 10 of cases_register.csv (grep -n: lines 7, 11)
    break_cells(
        data_dir,
        "cases_register.csv",
        [
            ({"case_id": "FR-003.1"}, "legal_status", "convicted (first instance)"),
            # a finality outside the vocabulary is rejected, naming the column
            ({"case_id": "FR-005.1"}, "finality", "definitive"),
        ],
    )
    build(data_dir, show_progress=False)

    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        (source, files) = accounting(con, SANCTIONS)
        assert source[2:5] == (89, 88, 1)
        assert files == [("fr_national_sanctions.csv", 89, 88, 1, "statistics")]
        [(file_name, row_number, column, reason, raw)] = rejects(con, SANCTIONS)
        assert (file_name, row_number, column, reason) == (
            "fr_national_sanctions.csv",
            33,
            "unit",
            "unit is not count or percent",
        )
        assert '"unit":"%"' in raw

        (source, files) = accounting(con, CASES)
        assert source[2:5] == (10, 8, 2)
        assert files == [("cases_register.csv", 10, 8, 2, "case_events")]
        found = rejects(con, CASES)
        assert [row[:3] for row in found] == [
            ("cases_register.csv", 6, "legal_status"),
            ("cases_register.csv", 10, "finality"),
        ]
        assert found[0][3] == (
            "legal_status is not one of ('alleged', 'convicted_nonfinal', 'convicted_final', "
            "'acquitted', 'overturned', 'unknown')"
        )
        assert found[1][3] == (
            "finality is not empty or one of ('first_instance', 'appeal', 'cassation_pending', "
            "'final', 'unknown')"
        )
        assert '"case_id":"FR-003.1"' in found[0][4]
        assert '"case_id":"FR-005.1"' in found[1][4]
        assert con.execute(
            "SELECT case_id FROM case_events WHERE source_id = ? ORDER BY case_id", [CASES]
        ).fetchall() == [
            ("FR-001.1",),
            ("FR-001.2",),
            ("FR-002.1",),
            ("FR-002.2",),
            ("FR-002.3",),
            ("FR-004.1",),
            ("FR-004.2",),
            ("FR-004.3",),
        ]
    finally:
        con.close()
