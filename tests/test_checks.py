"""Each data check in queries/checks/ catches the violation it is written for.

A fresh warehouse from etl/schema.sql passes every check; then, for each check, one
planted bad row must make it return rows. (On the real build the checks must return
nothing: see tests/test_queries.py.)
"""

from __future__ import annotations

import duckdb
import pytest

import queries
from etl.build import SCHEMA_SQL

SOURCE = (
    "INSERT INTO sources VALUES ('s1', 't', 'p', 'US-IL-CHI', 'https://example.org', 'lic', "
    "'2020-01-01', '" + "a" * 64 + "', 2, 1, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
)
ALLEGATION = (
    "INSERT INTO allegations (allegation_id, source_id, region_id, category, finding, "
    "recommended_outcome, recommended_level, final_outcome, final_level) VALUES "
)
PLANTED = {
    "sources_rows_accounted": [SOURCE.replace("2, 1, 1", "3, 1, 1")],
    "rejects_match_counts": [SOURCE],
    "sources_provenance_present": [SOURCE.replace("'lic'", "''")],
    "rejects_have_reasons": [
        "INSERT INTO rejects VALUES ('unknown_source', 1, 'bad', '{}', 'f.csv', 'c')"
    ],
    "regions_vocabulary": [
        "INSERT INTO regions VALUES ('X-1', 'FR', 'county', '1', 'x', 'FR', NULL, NULL)"
    ],
    "regions_referenced_exist": [
        "INSERT INTO statistics (source_id, region_id, measure, measure_original, unit) "
        "VALUES ('s1', 'FR-DEP-999', 'population', 'POP', 'count')"
    ],
    "allegations_vocabulary": [
        SOURCE,
        ALLEGATION + "('a1', 's1', 'US', 'x', 'guilty', NULL, NULL, NULL, NULL)",
    ],
    "allegations_outcomes_mapped": [
        SOURCE,
        ALLEGATION + "('a1', 's1', 'US', NULL, 'sustained', NULL, NULL, 'REPRIMAND', 'warning')",
    ],
    "allegation_summary_complete": [
        SOURCE,
        ALLEGATION + "('a1', 's1', 'US', NULL, 'sustained', NULL, NULL, NULL, NULL)",
    ],
    "allegations_categories_mapped": [
        SOURCE,
        "INSERT INTO allegations (allegation_id, source_id, category, category_original) "
        "VALUES ('a1', 's1', 'other', 'UNMAPPED LABEL')",
    ],
    "outcome_map_valid": [
        "INSERT INTO outcome_map (jurisdiction, original_label, level, is_sanction) "
        "VALUES ('US', 'x', 'fired', true)"
    ],
    "outcome_flags_valid": [
        "INSERT INTO outcome_map (jurisdiction, original_label, level, is_sanction, flag) "
        "VALUES ('US', 'x', NULL, false, 'not_served')"
    ],
    "category_map_valid": [
        "INSERT INTO category_map VALUES ('US', 'x', 'other', NULL, NULL), "
        "('US', 'x', 'bias', NULL, NULL)"
    ],
    "assignments_vocabulary": [
        "INSERT INTO assignments VALUES ('0123456789abcdef', 's1', '1', 'u', 'patrol', NULL, NULL)"
    ],
    "statistics_valid": [
        SOURCE,
        "INSERT INTO statistics (source_id, measure, measure_original, unit) "
        "VALUES ('s1', 'Population Total', 'POP', 'count')",
    ],
    "compliance_vocabulary": [
        "INSERT INTO compliance (directive_id, rule_id, scope_level, scope_id, status, "
        "in_jurisdiction) VALUES ('FR-1', 'r', 'case', 'c', 'broken', true)"
    ],
    "case_events_no_press_violation": [
        "INSERT INTO case_events (case_id, source_id, jurisdiction, event_type, judgment, "
        "public_contact, legal_status, source_type, confidence) "
        "VALUES ('FR-9.1', 's1', 'FR', 'allegation', 'conviction', 'yes', 'alleged', 'press', "
        "'high')",
        "INSERT INTO compliance (directive_id, rule_id, scope_level, scope_id, status, "
        "in_jurisdiction, source_id) VALUES ('FR-1', 'r', 'case', 'FR-9.1', 'violation', true, "
        "'s1')",
    ],
    "case_sources_quality": [
        "INSERT INTO case_events (case_id, source_id, jurisdiction, event_type, judgment, "
        "public_contact, legal_status, source_url, confidence) VALUES ('FR-9.1', 's1', 'FR', "
        "'allegation', 'conviction', 'yes', 'alleged', 'https://unreviewed.example/a', 'low')"
    ],
    "officer_keys_are_pseudonyms": [
        "INSERT INTO assignments VALUES ('130469', 's1', '1', 'u', 'unknown', NULL, NULL)"
    ],
}


def fresh_warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    return con


def test_every_check_has_a_planted_violation():
    assert set(PLANTED) == set(queries.catalogue("checks"))


def test_a_fresh_warehouse_passes_every_check():
    con = fresh_warehouse()
    for name, query in queries.catalogue("checks").items():
        assert con.execute(query.sql).fetchall() == [], name


@pytest.mark.parametrize("check", sorted(PLANTED))
def test_check_catches_its_planted_violation(check):
    con = fresh_warehouse()
    for statement in PLANTED[check]:
        con.execute(statement)
    assert con.execute(queries.get(check, "checks").sql).fetchall(), check


def test_outcomes_mapped_covers_the_apu_reference_penalty():
    # NYC APU cases: the plea or Trial Commissioner penalty must be mapped like the others.
    con = fresh_warehouse()
    con.execute(SOURCE)
    con.execute(
        "INSERT INTO outcome_map (jurisdiction, original_label, level, is_sanction) "
        "VALUES ('US-IL-CHI', 'REPRIMAND', 'warning', true)"
    )
    con.execute(
        "INSERT INTO allegations (allegation_id, source_id, final_outcome, final_level, "
        "apu_reference_outcome, apu_reference_level) "
        "VALUES ('a1', 's1', 'REPRIMAND', 'warning', 'REPRIMAND', 'warning')"
    )
    check = queries.get("allegations_outcomes_mapped", "checks").sql
    assert con.execute(check).fetchall() == []
    con.execute("UPDATE allegations SET apu_reference_level = 'suspension'")
    assert con.execute(check).fetchall() == [("US-IL-CHI", "REPRIMAND", "suspension", "warning")]
    con.execute("UPDATE allegations SET apu_reference_outcome = 'UNMAPPED PLEA'")
    assert con.execute(check).fetchall() == [("US-IL-CHI", "UNMAPPED PLEA", "suspension", None)]


def test_outcome_flags_valid_ties_allegation_flags_to_the_map():
    # Issue 12: a flag (e.g. imposed_not_served) is in the vocabulary, and an allegation's
    # recommended_flag / final_flag is the map's flag for its label, never typed apart.
    con = fresh_warehouse()
    con.execute(SOURCE)
    con.execute(
        "INSERT INTO outcome_map (jurisdiction, original_label, level, is_sanction, flag) "
        "VALUES ('US-IL-CHI', 'Penalty Not Served', NULL, false, 'imposed_not_served')"
    )
    con.execute(
        "INSERT INTO allegations (allegation_id, source_id, final_outcome, final_level, "
        "final_flag) VALUES ('a1', 's1', 'Penalty Not Served', NULL, 'imposed_not_served')"
    )
    check = queries.get("outcome_flags_valid", "checks").sql
    assert con.execute(check).fetchall() == []
    con.execute("UPDATE allegations SET final_flag = NULL")
    assert len(con.execute(check).fetchall()) == 1
    con.execute("UPDATE allegations SET final_flag = 'imposed_not_served'")
    con.execute(
        "UPDATE allegations SET recommended_outcome = 'x', recommended_flag = 'licence_bar'"
    )
    assert len(con.execute(check).fetchall()) == 1
