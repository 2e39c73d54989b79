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
from etl.history import HistoryError, ReleaseChange, format_changes, record
from etl.manifest import MANIFEST_NAME, Manifest, ManifestError
from etl.pseudonym import (
    NEW_KEY_FLAG,
    PseudonymKeyError,
    install_officer_key,
    key_fingerprint,
    load_key,
)
from etl.registry import source_modules
from etl.source import LoadContext, SourceError

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
        key = _pseudonym_key(data_dir, warehouse, new_key)
        # Record keys of the history contain officer keys: under a new key none would
        # match, and every record would be reported removed and added again.
        history_from = None if new_key else warehouse
        try:
            summaries = _build_into(temporary, data_dir, show_progress, history_from, key)
        except BaseException:
            for path in (temporary, temporary.with_name(temporary.name + ".wal")):
                path.unlink(missing_ok=True)
            raise
        os.replace(temporary, warehouse)
    return summaries


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
    path: Path, data_dir: Path, show_progress: bool, previous: Path | None, key: bytes
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
            _load_source(con, module, data_dir, show_progress) for module in source_modules()
        ]
        summarise(con)
        evaluate_directives(con)
        try:
            changes = record(con, previous)
        except (HistoryError, duckdb.Error) as error:
            raise BuildError(f"release history: {error}") from None
        run_checks(con)
        built_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        con.execute(
            "INSERT INTO build_info VALUES ('built_at', ?), ('duckdb_version', ?), (?, ?)",
            [built_at, duckdb.__version__, KEY_FINGERPRINT, key_fingerprint(key)],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return BuildResult(summaries, changes)


def _load_source(con, module, data_dir: Path, show_progress) -> SourceSummary:
    source = module.SOURCE
    raw_dir = data_dir / (source.folder or f"raw/{source.slug}")
    if not source.bundled and not (raw_dir / MANIFEST_NAME).exists():
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
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        ],
    )
    return SourceSummary(source.slug, *totals)


COMPLIANCE_COLUMNS = (
    "directive_id, rule_id, scope_level, scope_id, region_id, observed_date, status, "
    "in_jurisdiction, evidence, evidence_url, method, source_id, confidence"
)


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
    """Stage `evaluate`: each `queries/directives/*.sql` rule returns compliance rows."""
    for name, query in queries.catalogue("directives").items():
        try:
            # The rule's SQL is a file of the project, not a value: nothing is formatted in.
            statement = query.sql.rstrip().rstrip(";")
            con.execute(
                f"INSERT INTO compliance ({COMPLIANCE_COLUMNS}) "  # noqa: S608
                f"SELECT {COMPLIANCE_COLUMNS} FROM (\n{statement}\n)"
            )
        except duckdb.Error as error:
            raise BuildError(f"directive rule {name}: {error}") from None


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
    changes = format_changes(getattr(summaries, "changes", []))
    if changes:
        lines.append("new releases since the last build:")
        lines.extend(f"  {line}" for line in changes)
    return "\n".join(lines)
