"""Stage `history`: releases per source and the life of every record across releases.

A release is one set of bytes of a source's files (its `fingerprint` is the SHA-256 over
their names and SHA-256s), numbered 1, 2, ... per source the first time a build loads it.
Every tracked record gets a stable content key: a hash of the publisher's identifying
fields (below, per table), so the same complaint x officer keeps its key when its outcome
changes. The build carries `releases` and `record_history` forward from the previous
warehouse (opened read-only) and compares this build's records with the state of the
source's previous release: a key that is new is `added`, a key that is gone is `removed`,
a key whose outcome text differs is `changed`.

Rebuilding the same files does not start a release: the comparison is redone against the
previous release, so rebuilding is idempotent. A change of this project's code with the
same files is not a publisher release and is not reported as one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

# One row per tracked record: the publisher's identifying fields (`identity`, hashed into
# the key), a reference a person can look up (`record_ref`) and the outcome compared
# between releases. Duplicates of one identity (Chicago lists some officer x category
# twice in a complaint) are numbered in the order of their outcome, so they stay distinct.
# Assignments, cases and boundaries are not tracked: they carry no outcome.
CURRENT_RECORDS = """
CREATE OR REPLACE TEMP TABLE history_current AS
WITH records AS (
    -- complaint x officer x allegation text (NYC penalties: complaint x officer)
    SELECT source_id, 'allegations' AS table_name, case_id AS record_ref,
           to_json([case_id, officer_key, category_original]) AS identity,
           concat_ws(' | ', 'finding: ' || coalesce(finding_original, '-'),
                     'recommended: ' || coalesce(recommended_outcome, '-'),
                     'final: ' || coalesce(final_outcome, '-')) AS outcome
    FROM allegations
    UNION ALL
    -- region x year x measure as published x subject x unit
    SELECT source_id, 'statistics',
           concat_ws(' ', region_id, CAST(year AS VARCHAR), measure, subject),
           to_json([region_id, CAST(year AS VARCHAR), measure, measure_original, subject, unit]),
           coalesce(CAST(value AS VARCHAR), '-') || ' ' || unit
    FROM statistics
    UNION ALL
    SELECT source_id, 'closing_reports', case_id, to_json([case_id]),
           concat_ws(' | ', coalesce(case_disposition, '-'), CAST(closed_date AS VARCHAR))
    FROM closing_reports
    UNION ALL
    SELECT source_id, 'departure_letters', case_id,
           to_json([case_id, officer_key, CAST(report_year AS VARCHAR),
                    CAST(report_month AS VARCHAR)]),
           coalesce(letter_url, '-')
    FROM departure_letters
    UNION ALL
    SELECT source_id, 'settlements', case_id, to_json([case_id, officer_key]),
           coalesce(CAST(amount_usd AS VARCHAR), '-')
    FROM settlements
    UNION ALL
    SELECT source_id, 'case_events', case_id, to_json([case_id]),
           concat_ws(' | ', legal_status, judgment, coalesce(finality, '-'))
    FROM case_events
    UNION ALL
    -- reporting year x agency x officer
    SELECT source_id, 'major_discipline', concat_ws(' ', agency, CAST(reporting_year AS VARCHAR)),
           to_json([CAST(reporting_year AS VARCHAR), county, agency, officer_key]),
           coalesce(final_outcome, '-')
    FROM major_discipline
),
hashed AS (
    SELECT *, md5(table_name || ':' || source_id || ':' || identity) AS identity_hash
    FROM records
),
shared AS (SELECT identity_hash FROM hashed GROUP BY identity_hash HAVING count(*) > 1)
SELECT source_id, table_name, substr(identity_hash, 1, 16) AS record_key, record_ref, outcome
FROM hashed ANTI JOIN shared USING (identity_hash)
UNION ALL
-- the first in outcome order keeps the plain key, so a record does not change key when a
-- twin appears; the others are numbered
SELECT source_id, table_name,
       CASE WHEN ordinal = 1 THEN substr(identity_hash, 1, 16)
            ELSE substr(md5(identity_hash || '#' || CAST(ordinal AS VARCHAR)), 1, 16) END,
       record_ref, outcome
FROM (SELECT *, row_number() OVER (PARTITION BY identity_hash ORDER BY outcome, record_ref)
                AS ordinal
      FROM hashed SEMI JOIN shared USING (identity_hash))
"""

# The files this build loaded, per source: what identifies a release.
CURRENT_RELEASES = """
CREATE OR REPLACE TEMP TABLE history_loaded AS
SELECT s.source_id, sha256(string_agg(f.file_name || ':' || f.sha256, chr(10)
                                      ORDER BY f.file_name)) AS fingerprint,
       any_value(s.sha256) AS sha256, any_value(s.retrieved_at) AS retrieved_at,
       any_value(s.rows_read) AS rows_read, any_value(s.rows_loaded) AS rows_loaded,
       any_value(s.rows_rejected) AS rows_rejected
FROM sources AS s JOIN source_files AS f USING (source_id)
GROUP BY s.source_id
"""

# Per loaded source: its release number now, and the release its records are compared with
# (NULL for a first release). Same fingerprint as the latest known release: a rebuild.
PLAN = """
CREATE OR REPLACE TEMP TABLE history_plan AS
WITH latest AS (
    SELECT * FROM prev_releases
    QUALIFY release_number = max(release_number) OVER (PARTITION BY source_id)
),
numbered AS (
    SELECT c.*, p.first_built_at AS known_since, p.fingerprint = c.fingerprint AS rebuilt,
           CASE WHEN p.source_id IS NULL THEN 1
                WHEN p.fingerprint = c.fingerprint THEN p.release_number
                ELSE p.release_number + 1 END AS release_number
    FROM history_loaded AS c LEFT JOIN latest AS p USING (source_id)
)
SELECT * EXCLUDE (known_since, rebuilt), nullif(release_number - 1, 0) AS base_release,
       coalesce(rebuilt, false) AS rebuilt,
       CASE WHEN rebuilt THEN known_since ELSE $built_at END AS first_built_at
FROM numbered
"""

# The records of the base release, with the outcome they had then.
BASE = """
CREATE OR REPLACE TEMP TABLE history_base AS
SELECT h.source_id, h.table_name, h.record_key,
       CASE WHEN h.change = 'changed' AND h.change_release = p.release_number
            THEN h.previous_outcome ELSE h.outcome END AS outcome
FROM prev_history AS h JOIN history_plan AS p USING (source_id)
WHERE h.first_seen_release <= p.base_release AND h.last_seen_release >= p.base_release
"""

NEXT = """
CREATE OR REPLACE TEMP TABLE history_next AS
-- seen in this build
SELECT c.source_id, c.table_name, c.record_key, c.record_ref, c.outcome,
       CASE WHEN b.record_key IS NULL THEN NULL
            WHEN b.outcome IS DISTINCT FROM c.outcome THEN b.outcome
            WHEN h.change_release < p.release_number THEN h.previous_outcome END
           AS previous_outcome,
       coalesce(h.first_seen_release, p.release_number) AS first_seen_release,
       p.release_number AS last_seen_release,
       CASE WHEN b.record_key IS NULL AND p.base_release IS NOT NULL THEN 'added'
            WHEN b.record_key IS NULL THEN NULL
            WHEN b.outcome IS DISTINCT FROM c.outcome THEN 'changed'
            WHEN h.change_release < p.release_number THEN h.change END AS change,
       CASE WHEN b.record_key IS NULL AND p.base_release IS NOT NULL THEN p.release_number
            WHEN b.record_key IS NULL THEN NULL
            WHEN b.outcome IS DISTINCT FROM c.outcome THEN p.release_number
            WHEN h.change_release < p.release_number THEN h.change_release END
           AS change_release
FROM history_current AS c
JOIN history_plan AS p USING (source_id)
LEFT JOIN history_base AS b USING (source_id, table_name, record_key)
LEFT JOIN prev_history AS h USING (source_id, table_name, record_key)
UNION ALL
-- in the base release, gone now
SELECT b.source_id, b.table_name, b.record_key, h.record_ref, b.outcome, NULL,
       h.first_seen_release, p.base_release, 'removed', p.release_number
FROM history_base AS b
JOIN history_plan AS p USING (source_id)
JOIN prev_history AS h USING (source_id, table_name, record_key)
ANTI JOIN history_current AS c USING (source_id, table_name, record_key)
UNION ALL
-- gone before the base release (kept as history); a rebuild forgets records that only
-- the previous build of this same release had
SELECT h.source_id, h.table_name, h.record_key, h.record_ref, h.outcome, h.previous_outcome,
       h.first_seen_release, h.last_seen_release, h.change, h.change_release
FROM prev_history AS h
JOIN history_plan AS p USING (source_id)
ANTI JOIN history_current AS c USING (source_id, table_name, record_key)
ANTI JOIN history_base AS b USING (source_id, table_name, record_key)
WHERE h.first_seen_release < p.release_number
UNION ALL
-- sources not loaded by this build keep their history
SELECT h.source_id, h.table_name, h.record_key, h.record_ref, h.outcome, h.previous_outcome,
       h.first_seen_release, h.last_seen_release, h.change, h.change_release
FROM prev_history AS h ANTI JOIN history_plan AS p USING (source_id)
"""

WRITE_RELEASES = """
INSERT INTO releases
SELECT * FROM prev_releases AS r
WHERE NOT EXISTS (SELECT 1 FROM history_plan AS p
                  WHERE p.source_id = r.source_id AND p.release_number <= r.release_number)
UNION ALL
SELECT p.source_id, p.release_number, p.fingerprint, p.sha256, p.retrieved_at,
       p.first_built_at, $built_at, p.rows_read, p.rows_loaded, p.rows_rejected,
       count(n.record_key) FILTER (WHERE n.last_seen_release = p.release_number),
       CASE WHEN p.base_release IS NOT NULL THEN count(n.record_key) FILTER (
           WHERE n.change_release = p.release_number AND n.change = 'added') END,
       CASE WHEN p.base_release IS NOT NULL THEN count(n.record_key) FILTER (
           WHERE n.change_release = p.release_number AND n.change = 'removed') END,
       CASE WHEN p.base_release IS NOT NULL THEN count(n.record_key) FILTER (
           WHERE n.change_release = p.release_number AND n.change = 'changed') END
FROM history_plan AS p LEFT JOIN history_next AS n USING (source_id)
GROUP BY p.source_id, p.release_number, p.fingerprint, p.sha256, p.retrieved_at,
         p.first_built_at, p.rows_read, p.rows_loaded, p.rows_rejected, p.base_release
"""

WRITE_HISTORY = """
INSERT INTO record_history
SELECT n.source_id, n.table_name, n.record_key, n.record_ref, n.outcome, n.previous_outcome,
       n.first_seen_release, first.retrieved_at, n.last_seen_release, last.retrieved_at,
       n.change, n.change_release
FROM history_next AS n
JOIN releases AS first
    ON first.source_id = n.source_id AND first.release_number = n.first_seen_release
JOIN releases AS last
    ON last.source_id = n.source_id AND last.release_number = n.last_seen_release
"""

PREVIOUS_TABLES = {"prev_releases": "releases", "prev_history": "record_history"}


class HistoryError(Exception):
    pass


@dataclass(frozen=True)
class ReleaseChange:
    slug: str
    release_number: int
    rebuilt: bool  # same files as the previous build: no new release
    added: int | None
    removed: int | None
    changed: int | None


def record(con: duckdb.DuckDBPyConnection, previous_warehouse: Path | None) -> list[ReleaseChange]:
    """Fill `releases` and `record_history` of the warehouse being built (from scratch
    when `previous_warehouse` is None)."""
    built_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _read_previous(con, previous_warehouse)
    con.execute(CURRENT_RECORDS)
    con.execute(CURRENT_RELEASES)
    con.execute(PLAN, {"built_at": built_at})
    con.execute(BASE)
    con.execute(NEXT)
    con.execute(WRITE_RELEASES, {"built_at": built_at})
    con.execute(WRITE_HISTORY)
    rows = con.execute(
        "SELECT r.source_id, r.release_number, p.rebuilt, r.added, r.removed, r.changed "
        "FROM releases AS r JOIN history_plan AS p USING (source_id, release_number) "
        "ORDER BY r.source_id"
    ).fetchall()
    for table in ("history_current", "history_loaded", "history_plan", "history_base"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP TABLE history_next")
    for table in PREVIOUS_TABLES:
        con.execute(f"DROP TABLE {table}")
    return [ReleaseChange(*row) for row in rows]


def _read_previous(con: duckdb.DuckDBPyConnection, warehouse: Path | None) -> None:
    """Copy the previous warehouse's history into temp tables (empty when there is none)."""
    for temp, table in PREVIOUS_TABLES.items():
        con.execute(f"CREATE OR REPLACE TEMP TABLE {temp} AS FROM {table} LIMIT 0")
    if warehouse is None or not warehouse.exists():
        return
    try:
        con.execute("ATTACH $path AS history_previous (READ_ONLY)", {"path": str(warehouse)})
    except duckdb.Error as error:
        raise HistoryError(
            f"cannot open the previous warehouse {warehouse} read-only to carry the release "
            f"history forward ({error}); move it away to start the history afresh"
        ) from None
    try:
        present = {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'history_previous'"
            ).fetchall()
        }
        if not set(PREVIOUS_TABLES.values()) <= present:
            return  # built before change tracking: the history starts with this build
        for temp, table in PREVIOUS_TABLES.items():
            columns = [r[0] for r in con.execute(f"DESCRIBE {temp}").fetchall()]
            column_sql = ", ".join(f'"{c}"' for c in columns)
            try:
                con.execute(
                    f"INSERT INTO {temp} SELECT {column_sql} FROM history_previous.{table}"  # noqa: S608
                )
            except duckdb.Error as error:
                raise HistoryError(
                    f"the previous warehouse's {table} has another layout ({error}); move "
                    f"{warehouse} away to start the history afresh"
                ) from None
    finally:
        con.execute("DETACH history_previous")


def format_changes(changes: list[ReleaseChange]) -> list[str]:
    """Lines for the build summary: the sources with a new release, and what it changed."""
    lines = []
    for change in changes:
        if change.rebuilt or change.release_number == 1:
            continue
        lines.append(
            f"{change.slug}: release {change.release_number}, {change.added:,} added, "
            f"{change.removed:,} removed, {change.changed:,} changed since release "
            f"{change.release_number - 1}"
        )
    return lines
