"""Stage `build`: load every source into a temporary warehouse, check it, swap it in.

The old warehouse is replaced only by `os.replace` of a complete, checked file, so a
failing source or check (or a killed process) leaves the last good warehouse in place.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
from tqdm import tqdm

import queries
from etl.feeds import feeds_dir_for, record_feed_entries, write_feeds
from etl.history import HistoryError, ReleaseChange, format_changes, record
from etl.manifest import MANIFEST_NAME, Manifest, ManifestError
from etl.pseudonym import (
    NEW_KEY_FLAG,
    PseudonymKeyError,
    install_officer_key,
    key_fingerprint,
    load_key,
)
from etl.registry import source_modules, with_data_dir_sources
from etl.source import LoadContext, SourceError
from etl.staging import recover_interrupted_swaps, retired_copy

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
PROJECT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
WAREHOUSE_NAME = "warehouse.duckdb"
# The build's working memory: beyond it DuckDB spills joins, sorts and aggregates to a
# scratch folder beside the warehouse, so a 10M-row build fits a small machine instead of
# taking 80% of its RAM (DuckDB's default). ACCOUNTABILITY_ETL_MEMORY_LIMIT overrides it.
DEFAULT_MEMORY_LIMIT = "4GB"
KEY_FINGERPRINT = "pseudonym_key_fingerprint"  # build_info key: which key built the file


class BuildError(Exception):
    pass


@dataclass
class SourceSummary:
    slug: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    note: str = ""  # why a source loaded nothing (no snapshot bundled)
    warning: str = ""  # more than 1% of its rows rejected, and the main reasons


class BuildResult(list):
    """The per-source summaries (a list, as before) and what changed since each release."""

    def __init__(self, summaries: list[SourceSummary], changes: list[ReleaseChange]):
        super().__init__(summaries)
        self.changes = changes


@contextmanager
def build_lock(data_dir: Path):
    """One build at a time per data folder; a second one fails fast instead of racing."""
    with (data_dir / "build.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is running in {data_dir}") from None
        yield


def build(
    data_dir: Path = PROJECT_DATA_DIR, show_progress: bool = True, new_key: bool = False
) -> BuildResult:
    """Build `data_dir/warehouse.duckdb`. `new_key`: accept a pseudonym key other than
    the one the previous warehouse was built with (its history then starts afresh)."""
    data_dir = Path(data_dir)
    warehouse = data_dir / WAREHOUSE_NAME
    temporary = data_dir / f"warehouse.building-{os.getpid()}.duckdb"
    with build_lock(data_dir):
        for leftover in data_dir.glob("warehouse.building-*.duckdb*"):
            # from a killed build; the lock says none is running
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink()
        for line in recover_interrupted_swaps(data_dir, raw_dirs(data_dir)):
            print(f"recovered: {line}", file=sys.stderr)
        key = _pseudonym_key(data_dir, warehouse, new_key)
        # Record keys of the history contain officer keys: under a new key none would
        # match, and every record would be reported removed and added again.
        history_from = None if new_key else warehouse
        try:
            summaries = _build_into(
                temporary, data_dir, show_progress, history_from, key, warehouse
            )
        except BaseException:
            for path in (temporary, temporary.with_name(temporary.name + ".wal")):
                path.unlink(missing_ok=True)
            raise
        os.replace(temporary, warehouse)
        try:
            write_feeds(warehouse, feeds_dir_for(data_dir, PROJECT_DATA_DIR))
        except (OSError, duckdb.Error) as error:
            # The warehouse is built and in place; the feeds are its by-product.
            print(f"warning: feeds not written: {error}", file=sys.stderr)
    return summaries


def raw_dir_of(source, data_dir: Path) -> Path:
    return data_dir / (source.folder or f"raw/{source.slug}")


def raw_dirs(data_dir: Path) -> dict[str, Path]:
    return {
        module.SOURCE.slug: raw_dir_of(module.SOURCE, data_dir)
        for module in with_data_dir_sources(source_modules(), data_dir)
    }


def previously_loaded(warehouse: Path | None, slug: str) -> int:
    """Rows the previous warehouse loaded from `slug` (0 if none, or no warehouse yet)."""
    if warehouse is None or not warehouse.exists():
        return 0
    try:
        with duckdb.connect() as con:
            con.execute("ATTACH $path AS previous (READ_ONLY)", {"path": str(warehouse)})
            row = con.execute(
                "SELECT rows_read FROM previous.sources WHERE source_id = $slug", {"slug": slug}
            ).fetchone()
    except duckdb.Error as error:
        raise BuildError(f"cannot read the previous warehouse {warehouse}: {error}") from None
    return row[0] if row else 0


def missing_source_problem(source, data_dir: Path, warehouse: Path | None) -> str | None:
    """Why a source's folder with no manifest is a loss, not a source never refreshed.

    A source without a bundled snapshot (New Jersey) has no folder until its first refresh,
    and loads nothing. Once it was loaded, a vanished folder would silently drop every row
    it had, so the build refuses, and says where the last copy may be.
    """
    raw_dir = raw_dir_of(source, data_dir)
    retired = retired_copy(data_dir, source.slug)
    if retired.exists():
        return (
            f"{raw_dir} is missing and its last good copy is {retired} (a refresh was killed "
            "mid-swap and could not be undone); move it back to restore the source"
        )
    if raw_dir.exists() and not (raw_dir / MANIFEST_NAME).exists():
        return f"{raw_dir / MANIFEST_NAME} is missing: every raw folder needs a manifest"
    rows = previously_loaded(warehouse, source.slug)
    if rows:
        return (
            f"{raw_dir} is missing, but the previous warehouse loaded {rows:,} rows from it: "
            f"restore the folder (or refresh: python -m etl --refresh --source {source.slug}); "
            "the build refuses to drop them"
        )
    return None


def _pseudonym_key(data_dir: Path, warehouse: Path, new_key: bool) -> bytes:
    """The key to build with, refused if weak, or other than the previous warehouse's."""
    previous = _previous_key_fingerprint(warehouse)
    try:
        # A lost key file is not silently replaced while a warehouse still needs it.
        key = load_key(data_dir, create=previous is None or new_key)
    except PseudonymKeyError as error:
        raise BuildError(str(error)) from None
    if previous is not None and not new_key and key_fingerprint(key) != previous:
        raise BuildError(
            f"the pseudonym key is not the one {warehouse} was built with: this build "
            "would give every officer a new officer_key, and the release history would "
            "report every record as removed and added. Restore the previous key "
            f"(data/.pseudonym_key or ACCOUNTABILITY_PSEUDONYM_KEY), or, to change the key "
            f"on purpose, build with {NEW_KEY_FLAG} (the release history then starts afresh)"
        )
    return key


def _previous_key_fingerprint(warehouse: Path) -> str | None:
    """The key fingerprint the previous warehouse records; None if there is no warehouse
    or it was built before fingerprints were recorded."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect() as con:
            con.execute("ATTACH $path AS previous (READ_ONLY)", {"path": str(warehouse)})
            row = con.execute(
                "SELECT value FROM previous.build_info WHERE key = $key",
                {"key": KEY_FINGERPRINT},
            ).fetchone()
    except duckdb.Error as error:
        raise BuildError(
            f"cannot open the previous warehouse {warehouse} read-only to compare its "
            f"pseudonym key ({error}); move it away to start afresh"
        ) from None
    return row[0] if row else None


def _build_into(
    path: Path,
    data_dir: Path,
    show_progress: bool,
    history_from: Path | None,
    key: bytes,
    warehouse: Path,
) -> BuildResult:
    scratch = path.with_name(path.name + ".spill")
    memory_limit = os.environ.get("ACCOUNTABILITY_ETL_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)
    try:
        con = duckdb.connect(
            str(path), config={"memory_limit": memory_limit, "temp_directory": str(scratch)}
        )
    except duckdb.Error as error:
        raise BuildError(f"ACCOUNTABILITY_ETL_MEMORY_LIMIT={memory_limit!r}: {error}") from None
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        install_officer_key(con, key)
        summaries = [
            _load_source(con, module, data_dir, show_progress, warehouse)
            for module in with_data_dir_sources(source_modules(), data_dir)
        ]
        summarise(con)
        evaluate_directives(con)
        load_comparisons(con)
        try:
            changes = record(con, history_from)
        except (HistoryError, duckdb.Error) as error:
            raise BuildError(f"release history: {error}") from None
        built_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            record_feed_entries(con, history_from, built_at)
        except duckdb.Error as error:
            raise BuildError(f"feeds: {error}") from None
        run_checks(con)
        con.execute(
            "INSERT INTO build_info VALUES ('built_at', ?), ('duckdb_version', ?), (?, ?)",
            [built_at, duckdb.__version__, KEY_FINGERPRINT, key_fingerprint(key)],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return BuildResult(summaries, changes)


def _load_source(
    con, module, data_dir: Path, show_progress, previous: Path | None = None
) -> SourceSummary:
    source = module.SOURCE
    raw_dir = raw_dir_of(source, data_dir)
    if not source.bundled and not (raw_dir / MANIFEST_NAME).exists():
        problem = missing_source_problem(source, data_dir, previous)
        if problem:
            raise BuildError(f"source {source.slug}: {problem}")
        # Nothing is invented: no snapshot, no rows, and the summary says how to get one.
        note = (
            f"no snapshot bundled: refresh to load (python -m etl --refresh --source {source.slug})"
        )
        return SourceSummary(source.slug, 0, 0, 0, note)
    try:
        manifest = Manifest.read(raw_dir)
    except ManifestError as error:
        raise BuildError(f"source {source.slug}: {error}") from None
    ctx = LoadContext(con, source, raw_dir, data_dir / "reference", manifest)
    progress = tqdm(
        total=len(source.files or (source.primary_file,)),
        desc=f"{source.slug:<36}",
        unit="file",
        disable=not show_progress,
        file=sys.stderr,
        leave=True,
    )
    original_path = ctx.path

    def path_with_progress(file_name: str) -> Path:
        verified = original_path(file_name)
        progress.update(1)
        return verified

    ctx.path = path_with_progress
    try:
        con.execute("BEGIN TRANSACTION")
        module.load(ctx)
        summary = _record_source(con, ctx, manifest)
        con.execute("COMMIT")
    except (SourceError, ManifestError, BuildError) as error:
        raise BuildError(f"source {source.slug}: {error}") from None
    except duckdb.Error as error:
        raise BuildError(f"source {source.slug}: database error: {error}") from None
    finally:
        progress.close()
    return summary


def _record_source(con, ctx: LoadContext, manifest: Manifest) -> SourceSummary:
    source = ctx.source
    if not ctx.counts:
        raise BuildError("the source loaded no file")
    for file_name, tally in ctx.counts.items():
        if tally.rows_read != tally.rows_loaded + tally.rows_rejected:
            raise BuildError(
                f"file {file_name}: rows read {tally.rows_read} != loaded {tally.rows_loaded}"
                f" + rejected {tally.rows_rejected}"
            )
        entry = manifest.entry(file_name)
        con.execute(
            "INSERT INTO source_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source.slug,
                file_name,
                entry.url,
                entry.origin,
                entry.retrieved_at,
                entry.sha256,
                entry.bytes,
                entry.licence,
                tally.rows_read,
                tally.rows_loaded,
                tally.rows_rejected,
                ", ".join(sorted(tally.loaded_into)),
            ],
        )
    primary = manifest.entry(source.primary_file)
    totals = [
        sum(getattr(t, name) for t in ctx.counts.values())
        for name in ("rows_read", "rows_loaded", "rows_rejected")
    ]
    retrieved_at = max(manifest.entry(name).retrieved_at for name in ctx.counts)
    con.execute(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            source.slug,
            source.title,
            source.publisher,
            source.jurisdiction,
            source.url,
            source.licence,
            retrieved_at,
            primary.sha256,
            *totals,
            source.coverage,
            source.not_covered,
            source.caveats,
            source.year_basis or None,
            source.coverage_fr or None,
            source.not_covered_fr or None,
            source.caveats_fr or None,
            source.licence_fr or None,
        ],
    )
    return SourceSummary(source.slug, *totals, warning=reject_warning(con, source.slug, *totals))


# Above this share of rejected rows the build summary names the source and its reasons:
# a rule that silently drops real records (issue 14: 8% of a city's allegations) shows.
REJECT_WARNING_SHARE = 0.01


def reject_warning(con, slug: str, read: int, loaded: int, rejected: int) -> str:
    if not read or rejected / read <= REJECT_WARNING_SHARE:
        return ""
    reasons = con.execute(
        "SELECT reason, count(*) AS n FROM rejects WHERE source_id = ? "
        "GROUP BY reason ORDER BY n DESC, reason LIMIT 3",
        [slug],
    ).fetchall()
    named = "; ".join(f"{n:,} x {reason}" for reason, n in reasons)
    return f"rejects {rejected / read:.1%} of its rows ({rejected:,} of {read:,}): {named}"


COMPLIANCE_COLUMNS = (
    "directive_id, rule_id, scope_level, scope_id, region_id, observed_date, status, "
    "in_jurisdiction, evidence, evidence_url, method, source_id, confidence, status_reason"
)
COMPLIANCE_FRENCH = ("evidence_fr", "method_fr")  # optional, translated by the project


def summarise(con: duckdb.DuckDBPyConnection) -> None:
    """Stage `summarise`: each `queries/summaries/<table>.sql` fills the table of its name,
    a pre-aggregate the dashboard reads instead of scanning every allegation."""
    for name, query in queries.catalogue("summaries").items():
        try:
            # Table and SQL are files of the project, not values: nothing is formatted in.
            statement = query.sql.rstrip().rstrip(";")
            con.execute(f"INSERT INTO {name} BY NAME (\n{statement}\n)")  # noqa: S608
        except duckdb.Error as error:
            raise BuildError(f"summary {name}: {error}") from None


def evaluate_directives(con: duckdb.DuckDBPyConnection) -> None:
    """Stage `evaluate`: each `queries/directives/*.sql` rule returns compliance rows, and
    every rule_id they produce is declared in queries/directives/rules.toml (and back)."""
    try:
        declared = queries.rule_declarations()
    except queries.QueryError as error:
        raise BuildError(f"directive rules: {error}") from None
    for rule in declared:
        con.execute(
            "INSERT INTO directive_rules VALUES "
            "($rule_id, $directive_id, $query, $rate, $numerator, $denominator, $name_en, "
            "$name_fr, $what_if, $checks, $evidence, $cannot_show, $legal_text, $legal_date, "
            "$checks_fr, $evidence_fr, $cannot_show_fr, $legal_text_fr)",
            {
                "rule_id": rule.rule_id,
                "directive_id": rule.directive_id,
                "query": rule.query,
                "rate": rule.rate,
                "numerator": list(rule.rate_numerator) or None,
                "denominator": list(rule.rate_denominator) or None,
                "name_en": rule.rate_name_en,
                "name_fr": rule.rate_name_fr,
                "what_if": rule.what_if,
                "checks": rule.checks,
                "evidence": rule.evidence,
                "cannot_show": rule.cannot_show,
                "legal_text": rule.legal_text,
                "legal_date": rule.legal_date,
                "checks_fr": rule.checks_fr,
                "evidence_fr": rule.evidence_fr,
                "cannot_show_fr": rule.cannot_show_fr,
                "legal_text_fr": rule.legal_text_fr,
            },
        )
    for name, query in queries.catalogue("directives").items():
        try:
            # The rule's SQL is a file of the project, not a value: nothing is formatted in.
            statement = query.sql.rstrip().rstrip(";")
            # A rule may also give its evidence and method in French (evidence_fr, method_fr)
            produced = {row[0] for row in con.execute(f"DESCRIBE {statement}").fetchall()}
            french = [name for name in COMPLIANCE_FRENCH if name in produced]
            columns = ", ".join([COMPLIANCE_COLUMNS, *french])
            con.execute(
                f"INSERT INTO compliance ({columns}) "  # noqa: S608
                f"SELECT {columns} FROM (\n{statement}\n)"
            )
        except duckdb.Error as error:
            raise BuildError(f"directive rule {name}: {error}") from None
    undeclared = con.execute(
        "SELECT DISTINCT c.rule_id FROM compliance AS c "
        "ANTI JOIN directive_rules AS r ON r.rule_id = c.rule_id ORDER BY 1"
    ).fetchall()
    if undeclared:
        raise BuildError(
            "directive rules: rule_id(s) produced but not declared in "
            f"queries/directives/rules.toml: {[row[0] for row in undeclared]}"
        )


def load_comparisons(con: duckdb.DuckDBPyConnection) -> None:
    """queries/measures/comparisons.toml, checked, into `comparisons`: what the Compare page
    cannot derive from the data (measures on published statistics, notes, URL keys)."""
    from queries.measures import comparisons

    try:
        rows = comparisons.rows()
    except queries.QueryError as error:
        raise BuildError(f"comparisons: {error}") from None
    con.executemany("INSERT INTO comparisons VALUES (?, ?, ?)", rows)


def run_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Every `queries/checks/*.sql` returns violating rows; any row fails the build."""
    failures = []
    for name, query in queries.catalogue("checks").items():
        rows = con.execute(query.sql).fetchmany(5)
        if rows:
            failures.append(f"check {name} ({query.answers}): e.g. {rows}")
    if failures:
        raise BuildError("data checks failed:\n  " + "\n  ".join(failures))


def format_summary(summaries: list[SourceSummary]) -> str:
    header = f"{'source':<40}{'read':>12}{'loaded':>12}{'rejected':>12}"
    lines = [header, "-" * len(header)]
    for s in summaries:
        if s.note:
            lines.append(f"{s.slug:<40}{s.note}")
        else:
            lines.append(
                f"{s.slug:<40}{s.rows_read:>12,}{s.rows_loaded:>12,}{s.rows_rejected:>12,}"
            )
    lines.append("-" * len(header))
    lines.append(
        f"{'total':<40}{sum(s.rows_read for s in summaries):>12,}"
        f"{sum(s.rows_loaded for s in summaries):>12,}"
        f"{sum(s.rows_rejected for s in summaries):>12,}"
    )
    warnings = [s for s in summaries if s.warning]
    if warnings:
        lines.append("check these sources (more than 1% of rows rejected):")
        lines.extend(f"  ! {s.slug} {s.warning}" for s in warnings)
    changes = format_changes(getattr(summaries, "changes", []))
    if changes:
        lines.append("new releases since the last build:")
        lines.extend(f"  {line}" for line in changes)
    return "\n".join(lines)
