"""What a source module declares, and the context it loads through.

A source module (``etl/sources/<slug>.py``) defines ``SOURCE = Source(...)`` and a
``load(ctx: LoadContext)`` function. ``load`` stages each raw file into a temporary
table, then hands ``ctx.load_rows`` a column map and reject rules; the context does the
accounting (rows read = loaded + rejected, per file) so a module cannot forget it.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl import raw_files
from etl.limits import DEFAULT_LIMITS, Limits
from etl.manifest import Manifest

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_MISSING_COLUMN = re.compile(r'Referenced column "([^"]+)" not found')


class SourceError(Exception):
    """A source could not be loaded; the message names source, file, row and column."""


@dataclass(frozen=True)
class Download:
    """Where `python -m etl --refresh` fetches one raw file, and what a good copy looks like.

    `url` is the file itself, not a landing page ("" while the address is not known: the
    refresh then skips the source and says so). A download replaces the bundled copy only
    if its content type fits `format`, it parses as `format`, it has the header `columns`
    the loader reads and at least `min_rows` records, and (when pinned) the `sha256`.
    """

    file: str  # name in data/raw/<slug>/
    url: str
    format: str  # csv, csv.gz, json, geojson, xlsx, text
    columns: tuple[str, ...] = ()  # CSV/XLSX header, JSON record keys, GeoJSON properties
    min_rows: int = 1
    sha256: str = ""  # pinned: a fixed vintage must come back byte for byte
    delimiter: str = ","  # csv
    records: str = ""  # json: the key of the list of records ("" = the document is the list)


@dataclass(frozen=True)
class Source:
    slug: str
    title: str
    publisher: str
    jurisdiction: str
    url: str  # the publisher's canonical page or file
    licence: str
    primary_file: str  # its sha256 goes into `sources.sha256`
    order: int = 50  # reference sources (regions) load before facts
    folder: str = ""  # under data/; default raw/<slug>
    files: tuple[str, ...] = ()  # files the source reads; default (primary_file,)
    coverage: str = ""
    not_covered: str = ""
    caveats: str = ""
    # the same three in French, translated by the project ("" = not translated yet)
    coverage_fr: str = ""
    not_covered_fr: str = ""
    caveats_fr: str = ""
    licence_fr: str = ""
    downloads: tuple[Download, ...] = ()  # what a refresh fetches; () = not refreshable
    # False: no snapshot is bundled (the publisher's terms or an unknown file address); the
    # build skips the source until a refresh has fetched one, and never invents rows.
    bundled: bool = True
    limits: Limits = DEFAULT_LIMITS
    # Which date a year filter uses: incident, received, closed, report (a publication's
    # own year), period (statistics by year) or none. Declarations must say.
    year_basis: str = ""
    # False: a row repeated in every column is a copying error and is rejected (all but the
    # first). True where the same officer can face the same allegation twice in one case.
    repeats_are_records: bool = False


@dataclass(frozen=True)
class RejectRule:
    """A record is rejected with `reason` when `condition` (SQL over the staged row) holds."""

    column: str
    reason: str
    condition: str


# Added after a module's own rules unless the source declares `repeats_are_records`: a
# record repeated byte for byte is then a copying or download error, counted once.
EXACT_DUPLICATE = RejectRule(
    "(all columns)",
    "exact duplicate of an earlier record of this file (same value in every column); "
    "the first copy is kept",
    "row_number() OVER (PARTITION BY _raw ORDER BY _row) > 1",
)


@dataclass
class FileCount:
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    loaded_into: set[str] = field(default_factory=set)


def quoted(name: str) -> str:
    """A column name read from a file's header, quoted for SQL (it may contain quotes)."""
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def _missing_column_named(file_name: str):
    """A column the map or a rule reads but the file lacks: say so by file and header."""
    try:
        yield
    except duckdb.BinderException as error:
        column = _MISSING_COLUMN.search(str(error))
        if column is None:
            raise
        raise SourceError(
            f"file {file_name}, row 0 (header): missing column {column.group(1)!r}, "
            "which the source reads"
        ) from None


class LoadContext:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        source: Source,
        raw_dir: Path,
        reference_dir: Path,
        manifest: Manifest,
    ):
        self.con = con
        self.source = source
        self.raw_dir = raw_dir
        self.reference_dir = reference_dir
        self.manifest = manifest
        self.counts: dict[str, FileCount] = {}
        self.current_file = ""

    # -- files -------------------------------------------------------------------

    def path(self, file_name: str) -> Path:
        """The verified path of a raw file listed in the source's manifest."""
        return self.manifest.verified_path(file_name)

    def stage_csv(
        self,
        table: str,
        file_name: str,
        drop_columns: tuple[str, ...] = (),
        **read_csv_options,
    ) -> int:
        """Read a CSV as all-text into temp table `table` with `_row` (1-based) and `_raw`.

        The dialect is declared, not sniffed: ',' and '"' unless the module says otherwise,
        so a file saved with another delimiter fails on its header instead of loading
        differently, and a record with a field too many or too few is reported by row.
        `drop_columns` (personal names) never reach the warehouse, not even in `rejects`.
        """
        path = self.path(file_name)
        self.current_file = file_name
        delimiter = read_csv_options.pop("sep", None) or read_csv_options.pop("delim", ",")
        quote = read_csv_options.pop("quote", '"')
        options = {
            "all_varchar": True,
            "header": True,
            "delim": delimiter,
            "quote": quote,
            **read_csv_options,
        }
        if path.stat().st_size == 0:
            raise SourceError(f"file {file_name}, row 0 (header): the file is empty")
        limits = self.source.limits
        # Before DuckDB: a gzip bomb or a header of 100,000 columns is refused while
        # streaming, not after DuckDB has spent its whole memory limit on it.
        header_scan = raw_files.scan_csv(
            path, file_name, delimiter, quote, limits, header_only=True
        )
        problem = header_scan.problem
        too_large = not problem and raw_files.too_large(path, limits)
        if too_large:  # the bounded reading of the whole file says at which row and column
            problem = raw_files.csv_problem(path, file_name, delimiter, quote, limits)
            problem = problem or f"file {file_name}, row 0: {too_large}"
        if problem:
            raise SourceError(problem)
        option_sql = ", ".join(f"{name} = ${name}" for name in options)
        try:
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {table}__read AS "
                f"SELECT * FROM read_csv($path, {option_sql})",
                {"path": str(path), **options},
            )
        except duckdb.Error as error:
            problem = raw_files.csv_problem(path, file_name, delimiter, quote, limits)
            raise SourceError(problem or raw_files.duckdb_problem(file_name, error)) from None
        header = [row[0] for row in self.con.execute(f"DESCRIBE {table}__read").fetchall()]
        problem = raw_files.header_problem(header, delimiter, limits)
        if problem:
            raise SourceError(f"file {file_name}, row 0 (header), {problem}")
        self._refuse_nul(f"{table}__read", header)
        return self._finish_staging(table, drop_columns)

    def _refuse_nul(self, table: str, columns: list[str]) -> None:
        """DuckDB loads a NUL byte as text, and a check failed later naming no row: say where."""
        found = ", ".join(f"coalesce(contains({quoted(c)}, chr(0)), false)" for c in columns)
        first = self.con.execute(
            f"SELECT record, column_number FROM (SELECT rowid - (SELECT min(rowid) FROM {table})"
            f" + 1 AS record, list_position([{found}], true) AS column_number FROM {table}) "
            "WHERE column_number > 0 ORDER BY record LIMIT 1"
        ).fetchone()
        if first:
            record, number = first
            problem = raw_files.value_problem("\x00", columns[number - 1])
            raise SourceError(f"file {self.current_file}, row {record}, {problem}")

    def stage_rows(
        self,
        table: str,
        columns: list[str],
        rows: list[tuple],
        drop_columns: tuple[str, ...] = (),
        file_name: str | None = None,
    ) -> int:
        """Stage records parsed in Python (JSON, XLSX) the same way as `stage_csv`."""
        self.current_file = file_name or table
        values = [tuple(None if v is None else str(v) for v in row) for row in rows]
        problem = raw_files.rows_problem(values, columns, self.source.limits)
        if problem:
            raise SourceError(f"file {self.current_file}, {problem}")
        column_sql = ", ".join(f'"{name}" VARCHAR' for name in columns)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {table}__read ({column_sql})")
        if values:
            placeholders = ", ".join("?" for _ in columns)
            self.con.executemany(f"INSERT INTO {table}__read VALUES ({placeholders})", values)
        return self._finish_staging(table, drop_columns)

    def read_json(self, file_name: str):
        """A JSON document; a BOM is accepted, a damaged or empty file named with its place."""
        path = self.path(file_name)
        self.current_file = file_name
        limit = self.source.limits.max_parsed_bytes
        if path.stat().st_size > limit:
            raise SourceError(
                f"file {file_name}, row 0: {path.stat().st_size:,} bytes, over the limit of "
                f"{limit:,} for a JSON file of this source (it is parsed whole, in memory)"
            )
        data = path.read_bytes()
        if not data.strip():
            raise SourceError(f"file {file_name}, row 0: the file is empty")
        # Bytes that are not UTF-8 survive as escapes and are reported by row and column
        # when the records are staged (`stage_rows`).
        text = data.decode("utf-8-sig", errors="surrogateescape")
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise SourceError(
                f"file {file_name}, line {error.lineno}, column {error.colno}: not valid JSON "
                f"({error.msg}); a file cut short or damaged?"
            ) from None
        except RecursionError:
            raise SourceError(f"file {file_name}, {raw_files.too_deep(text)}") from None

    def json_records(self, file_name: str, document, key: str, fields: list[str]) -> list[dict]:
        """The list `document[key]`, each record (a GeoJSON feature's properties when the key
        is 'features') holding every field the source reads; a null value is fine."""
        records = document.get(key) if isinstance(document, dict) else None
        if not isinstance(records, list):
            raise SourceError(f"file {file_name}, row 0: no list of records under {key!r}")
        for number, record in enumerate(records, start=1):
            values = (record.get("properties") or {}) if key == "features" else record
            missing = [name for name in fields if name not in values]
            if missing:
                raise SourceError(
                    f"file {file_name}, row {number}, column {missing[0]!r}: the record has "
                    f"no {', '.join(repr(name) for name in missing)}"
                )
        return records

    def _finish_staging(self, table: str, drop_columns: tuple[str, ...]) -> int:
        read_table = f"{table}__read"
        columns = [row[0] for row in self.con.execute(f"DESCRIBE {read_table}").fetchall()]
        missing = [c for c in drop_columns if c not in columns]
        if missing:
            raise SourceError(
                f"file {self.current_file}, row 0 (header): missing column(s) {missing}"
            )
        kept = [c for c in columns if c not in drop_columns]
        kept_sql = ", ".join(quoted(c) for c in kept)
        # rowid follows insertion order, which DuckDB preserves when reading a file; inside
        # a transaction a new table's rowids start at 2^55, hence the offset from the first.
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS "
            f"SELECT rowid - (SELECT min(rowid) FROM {read_table}) + 1 AS _row, "
            f"to_json(struct_pack({kept_sql})) AS _raw, {kept_sql} "
            f"FROM {read_table} ORDER BY rowid"
        )
        self.con.execute(f"DROP TABLE {read_table}")
        staged = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if staged == 0:  # a publisher's file with no records is a failed export, not news
            raise SourceError(
                f"file {self.current_file}, row 1: no records (a header alone, or an empty list)"
            )
        return staged

    def require_columns(self, table: str, file_name: str, expected: list[str]) -> None:
        columns = {row[0] for row in self.con.execute(f"DESCRIBE {table}").fetchall()}
        missing = [c for c in expected if c not in columns]
        if missing:
            found = ", ".join(repr(c) for c in sorted(columns - {"_row", "_raw"}))
            named = ", ".join(repr(c) for c in missing[:5]) + (", ..." if missing[5:] else "")
            raise SourceError(
                f"file {file_name}, row 0 (header): missing column(s) {named}; "
                f"the header has {found[:300]} (a renamed column?)"
            )

    # -- loading -----------------------------------------------------------------

    def load_rows(
        self,
        file_name: str,
        staged: str,
        target: str,
        columns: dict[str, str],
        reject_rules: list[RejectRule] = (),
        where: str | None = None,
        params: dict | None = None,
        order_by: tuple[str, ...] = (),
        also: tuple[dict[str, str], ...] = (),
        row_if: str | None = None,
        checks: tuple[tuple[str, str, str], ...] = (),
    ) -> int:
        """Insert staged rows into `target` through the column map; reject the rest.

        `columns` maps target column -> SQL expression over the staged row. Every staged
        row (or those matching `where`, when one file feeds several tables) ends in
        `target` or in `rejects` with the first rule it breaks. In `columns` the staged row
        is named `published`: `published.finding` is the file's column where a map's
        subquery has a column of the same name (`map_finding.finding`). Expressions and rules refer
        to values as `$name` from `params` (`$source_id` is always given): a value is
        never written into the SQL text. `order_by` (target columns) stores the rows in
        that order, so that DuckDB can skip whole blocks when a query filters on them.
        `also`: each loaded record gives one more row per entry, the column map with those
        columns replaced (a record of two measures: two statistics rows); the record is
        judged once, so it is loaded or rejected as a whole and counts once. An entry's
        `if` (SQL over the staged row) and `row_if` (the first row's) make a row only where
        they hold: a wide record's empty cells make no row, yet the record is loaded. They
        and the expressions may use window functions, computed over the accepted records.
        An entry with `into` is a row of another table (its whole column map: a boundary
        file's features also list their regions).
        `checks` are (condition, message, value) over the accepted records (window functions
        allowed): a record for which one holds stops the load, before any row is inserted,
        the message quoting the record's `value` (SQL; NULL: none),
        where the records cannot be loaded consistently (one population per departement-year).
        """
        if not self.source.repeats_are_records:
            reject_rules = [*reject_rules, EXACT_DUPLICATE]
        values = {"source_id": self.source.slug, **(params or {})}
        for number, rule in enumerate(reject_rules):
            values[f"_reason_{number}"] = rule.reason
            values[f"_column_{number}"] = rule.column

        # One CASE picks the first rule a row breaks; run twice for its reason and column.
        def first_broken(field: str) -> str:
            if not reject_rules:  # repeats are records and no rule: nothing to reject
                return "CAST(NULL AS VARCHAR)"
            whens = " ".join(
                f"WHEN {rule.condition} THEN ${field}_{number}"
                for number, rule in enumerate(reject_rules)
            )
            return f"CASE {whens} END"

        scope = f"WHERE {where}" if where else ""
        with _missing_column_named(file_name):
            self._execute(
                f"CREATE OR REPLACE TEMP TABLE _judged AS SELECT *, {first_broken('_reason')} "
                f"AS _reason, {first_broken('_column')} AS _column FROM {staged} {scope}",
                values,
            )
            rejected = self._execute(
                "INSERT INTO rejects (source_id, row_number, reason, raw, file_name, column_name) "
                "SELECT $source_id, _row, _reason, _raw, $file_name, _column FROM _judged "
                "WHERE _reason IS NOT NULL",
                {**values, "file_name": file_name},
            ).fetchone()[0]
            for condition, message, value in checks:
                broken = self._execute(
                    f"SELECT _row, _value FROM (SELECT _row, ({condition}) AS _bad, "
                    f"({value}) AS _value FROM _judged WHERE _reason IS NULL) WHERE _bad "
                    "ORDER BY _row LIMIT 1",
                    values,
                ).fetchone()
                if broken:
                    quoted_value = "" if broken[1] is None else f": {broken[1]!r}"
                    raise SourceError(f"file {file_name}, row {broken[0]}: {message}{quoted_value}")
            # By position: target column names are not names of the staged rows.
            positions = [str(list(columns).index(column) + 1) for column in order_by]

            # Conditions and expressions are computed together over the accepted records, so
            # both may use window functions (one row per departement-year: row_number() ...).
            def insert(table: str, mapped: dict[str, str], condition: str | None):
                selected = ", ".join(f"{sql} AS _c{n}" for n, sql in enumerate(mapped.values()))
                keep = f"({condition})" if condition else "true"
                ordered = f" ORDER BY {', '.join(positions)}" if positions else ""
                ordered = ordered if table == target else ""
                return self._execute(
                    f"INSERT INTO {table} ({', '.join(mapped)}) SELECT * EXCLUDE (_keep) FROM "
                    f"(SELECT {selected}, {keep} AS _keep FROM _judged AS published "
                    "WHERE _reason IS NULL) "
                    f"WHERE _keep{ordered}",
                    values,
                ).fetchone()[0]

            # No column map: the records are judged and counted, not stored (a crosswalk).
            loaded = insert(target, columns, row_if) if columns else 0
            for replaced in also:
                more = {k: v for k, v in replaced.items() if k not in ("if", "into")}
                if "into" in replaced:  # a row of another table: its own whole column map
                    insert(replaced["into"], more, replaced.get("if"))
                else:
                    insert(target, {**columns, **more}, replaced.get("if"))
            if row_if or also or not columns:  # records, not rows (a record: 0, 1 or more)
                loaded = self.con.execute(
                    "SELECT count(*) FROM _judged WHERE _reason IS NULL"
                ).fetchone()[0]
        read = self.con.execute("SELECT count(*) FROM _judged").fetchone()[0]
        self.con.execute("DROP TABLE _judged")
        self.count(file_name, read=read, loaded=loaded, rejected=rejected, target=target)
        self.counts[file_name].loaded_into.update(m["into"] for m in also if "into" in m)
        return loaded

    def _execute(self, sql: str, values: dict):
        """Run `sql` with the named values it uses (DuckDB refuses unused ones)."""
        used = set(_PARAMETER.findall(sql))
        return self.con.execute(sql, {name: values[name] for name in used if name in values})

    def count(
        self, file_name: str, read: int, loaded: int, rejected: int = 0, target: str | None = None
    ) -> None:
        """Record rows for a file; used directly only for files without a staging step."""
        tally = self.counts.setdefault(file_name, FileCount())
        tally.rows_read += read
        tally.rows_loaded += loaded
        tally.rows_rejected += rejected
        if target:
            tally.loaded_into.add(target)

    def reject(self, file_name: str, row_number: int, column: str, reason: str, raw: dict) -> None:
        """Reject one record parsed in Python (JSON, XLSX, GeoJSON)."""
        self.con.execute(
            "INSERT INTO rejects (source_id, row_number, reason, raw, file_name, column_name) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [self.source.slug, row_number, reason, json.dumps(raw, default=str), file_name, column],
        )

    def reference_csv(self, name: str) -> Path:
        path = self.reference_dir / name
        if not path.exists():
            raise SourceError(f"reference file {path} is missing")
        return path
