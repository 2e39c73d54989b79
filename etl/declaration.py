"""A source as data: `etl/sources/<slug>.toml`, run by one loader.

A declaration says what a reviewer needs to know about a published file set: metadata
(title, publisher, url, licence, jurisdiction), its files and their dialect, the columns
never loaded (personal names, free text), the column map (SQL expressions over the staged
row, reviewed like `queries/*.sql`), reject rules, the label maps it uses, its year basis
and whether repeated identical rows are real records. `docs/adding-a-source.md` walks
through one; this module compiles it to the same `LoadContext` calls a Python module
makes, so the accounting (rows read = loaded + rejected, every reject with its file, row,
column and reason) is the same for both.

A declaration may name a Python hook (`hook = "module:function"`) for what it cannot say,
such as geometry; the hook then runs instead of the declared loads, with the same context.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from etl import limits, maps
from etl.declared_files import FileSpec, stage_file, stage_lookup, staged_name
from etl.source import Download, LoadContext, RejectRule, Source

YEAR_BASES = ("incident", "received", "closed", "report", "period", "none")
FORMATS = ("csv", "json", "xlsx", "geojson")
# Target tables a declaration may load (the warehouse's fact and reference tables).
TARGETS = (
    "allegations",
    "assignments",
    "boundaries",
    "cases",
    "case_events",
    "closing_reports",
    "departure_letters",
    "directives",
    "outcome_map",
    "regions",
    "settlements",
    "statistics",
    "units",
    "major_discipline",
    "jurisdictions",
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REGION_KEYS = ("region_id", "country", "level", "code", "name", "parent_id", "valid_note")
_TOP_KEYS = {
    "title", "publisher", "jurisdiction", "url", "licence", "order", "folder", "primary_file",
    "coverage", "not_covered", "caveats", "coverage_fr", "not_covered_fr", "caveats_fr",
    "licence_fr",
    "year_basis", "repeats_are_records", "hook",
    "downloads", "files", "load", "maps", "lookups", "regions", "macros", "reference_tables",
    "bundled", "limits",
}  # fmt: skip
# Warehouse tables of reviewable lists this project keeps under data/reference/ (no
# source_id: loaded as they are, by column name, by the source that reads them).
REFERENCE_TABLES = ("press_outlets",)
_FILE_KEYS = {
    "name", "format", "delimiter", "quote", "records", "columns", "never_load", "sheet",
    "header_row", "unpivot", "sheet_number", "header_search", "optional_columns",
    "drop_other_columns", "pseudonym", "no_other_columns",
}  # fmt: skip
_LOAD_KEYS = {
    "file", "sheet", "into", "columns", "reject", "where", "params", "order_by", "also",
    "row_if", "check", "tables", "crosswalk", "from",
}  # fmt: skip


class DeclarationError(Exception):
    """A declaration that cannot be run: the message names the file and the key."""


@dataclass(frozen=True)
class LoadSpec:
    file: str
    into: str
    columns: dict[str, str]
    reject: tuple[RejectRule, ...] = ()
    where: str | None = None
    params: dict | None = None
    order_by: tuple[str, ...] = ()
    sheet: str = ""  # xlsx: which of the file's declared sheets (a workbook of several)
    # More rows per loaded record: each entry replaces some columns of the map.
    also: tuple[dict[str, str], ...] = ()
    row_if: str | None = None  # the first row only where this holds (the record still loads)
    checks: tuple[tuple[str, str, str], ...] = ()  # (when, message, value): stops the load
    # Temporary tables made just before the load (a lookup from the tables loaded so far).
    tables: tuple[tuple[str, str], ...] = ()
    # A code/name crosswalk: records judged (reject rules) and counted, never stored.
    crosswalk: bool = False
    # Read this table of [load.tables] (the staged file with columns joined on, keeping
    # `_row` and `_raw`) instead of the staged file: one join, not a subquery per column.
    from_table: str = ""


class DeclaredSource:
    """What the registry and the build need from a source: `SOURCE` and `load(ctx)`."""

    def __init__(self, path: Path):
        self.path = path
        self.__name__ = f"etl.sources.{path.stem}"
        data = _read(path)
        self.declaration = data
        self.files = tuple(_file_spec(path, entry) for entry in data.get("files", []))
        self.loads = tuple(_load_spec(path, entry) for entry in data.get("load", []))
        self.maps = dict(data.get("maps", {}))
        self.hook = data.get("hook", "")
        self.lookups = _lookups(path, data.get("lookups", {}))
        self.macros = _macros(path, data.get("macros", {}))
        self.regions = _regions(path, data.get("regions", []))
        self.reference_tables = dict(data.get("reference_tables", {}))
        for table, file_name in self.reference_tables.items():
            if table not in REFERENCE_TABLES or ".." in str(file_name).split("/"):
                raise DeclarationError(
                    f"{path.name}: reference_tables.{table}: one of {REFERENCE_TABLES}, "
                    "from a file under data/reference/"
                )
        self.SOURCE = _source(path, data, self.files)
        self._check()

    def __repr__(self) -> str:
        return f"<declared source {self.SOURCE.slug} ({self.path.name})>"

    def _check(self) -> None:
        # A workbook may be declared once per sheet: (name, sheet) names a staged table.
        staged = [(spec.name, spec.sheet) for spec in self.files]
        if len(set(staged)) < len(staged):
            raise DeclarationError(f"{self.path.name}: a file (or sheet) is declared twice")
        for load in self.loads:
            sheets = [sheet for name, sheet in staged if name == load.file]
            if not sheets:
                raise DeclarationError(f"{self.path.name}: load reads {load.file!r}, not a file")
            if len(sheets) > 1 and load.sheet not in sheets:
                raise DeclarationError(
                    f"{self.path.name}: load reads {load.file!r}: say which sheet ({sheets})"
                )
        for kind, entry in self.maps.items():
            if kind not in maps.KINDS:
                raise DeclarationError(
                    f"{self.path.name}: maps.{kind}: not one of {sorted(maps.KINDS)}"
                )
            # A map is its file name, or {file = "...", regime = "..."} to name the rules an
            # outcome map describes in the warehouse's outcome_map.
            if isinstance(entry, dict) and (
                set(entry) - {"file", "regime", "note"} or "file" not in entry
            ):
                raise DeclarationError(
                    f"{self.path.name}: maps.{kind}: a file name or {{file = ..., regime = ...}}"
                )
        if not self.hook and not self.loads:
            raise DeclarationError(f"{self.path.name}: no [[load]] and no hook")

    def load(self, ctx: LoadContext) -> None:
        if not self.hook:  # files first: a map's note may quote a publisher's code list
            for spec in self.files:
                stage_file(ctx, spec)
        for kind, entry in self.maps.items():
            if isinstance(entry, dict):
                maps.stage_map(
                    ctx, kind, entry["file"], entry.get("regime", ""), entry.get("note", "note")
                )
            else:
                maps.stage_map(ctx, kind, entry)
        for name, (columns, rows) in self.lookups.items():
            stage_lookup(ctx, name, columns, rows)
        # After the maps and lookups: a macro may read them.
        for name, (params, sql) in self.macros.items():
            ctx.con.execute(f"CREATE OR REPLACE TEMP MACRO {name}({', '.join(params)}) AS {sql}")
        for table, file_name in self.reference_tables.items():
            ctx.con.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM read_csv($path, all_varchar = true, "
                "header = true, delim = ',', quote = '\"', escape = '\"')",
                {"path": str(ctx.reference_csv(file_name))},
            )
        for region in self.regions:
            ctx.con.execute(
                f"INSERT INTO regions ({', '.join(_REGION_KEYS)}, source_id) "
                f"VALUES ({', '.join('?' for _ in _REGION_KEYS)}, ?)",
                [*(region.get(key) for key in _REGION_KEYS), ctx.source.slug],
            )
        if self.hook:
            module_name, _, function = self.hook.partition(":")
            getattr(importlib.import_module(module_name), function)(ctx, self)
            return
        for load in self.loads:
            for name, sql in load.tables:
                values = {"source_id": ctx.source.slug, **(load.params or {})}
                used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", sql))
                ctx.con.execute(
                    f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}",
                    {key: value for key, value in values.items() if key in used},
                )
            ctx.load_rows(
                load.file,
                load.from_table
                or staged_name(load.file, load.sheet or self._only_sheet(load.file)),
                f"{load.into} (crosswalk)" if load.crosswalk else load.into,
                columns=load.columns,
                reject_rules=list(load.reject),
                where=load.where,
                params=load.params,
                order_by=load.order_by,
                also=load.also,
                row_if=load.row_if,
                checks=load.checks,
            )

    def _only_sheet(self, file_name: str) -> str:
        return next(spec.sheet for spec in self.files if spec.name == file_name)


def _read(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DeclarationError(f"{path.name}: not valid TOML ({error})") from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise DeclarationError(f"{path.name}: unknown key(s) {sorted(unknown)}")
    return data


def _lookups(path: Path, data: dict) -> dict[str, tuple[list[str], list[tuple]]]:
    """`[[lookups.<name>]]` rows: every row has the same keys, plain names, text values."""
    tables = {}
    for name, rows in data.items():
        if not _NAME.fullmatch(name) or not isinstance(rows, list) or not rows:
            raise DeclarationError(f"{path.name}: lookups.{name}: a list of rows, a plain name")
        columns = list(rows[0])
        for number, row in enumerate(rows, start=1):
            if list(row) != columns or not all(_NAME.fullmatch(c) for c in columns):
                raise DeclarationError(
                    f"{path.name}: lookups.{name}, row {number}: the keys {columns} in order"
                )
        tables[name] = (columns, [tuple(str(row[c]) for c in columns) for row in rows])
    return tables


def _macros(path: Path, data: dict) -> dict[str, tuple[list[str], str]]:
    """`[macros] name = { params = ["x"], sql = "..." }`: SQL functions the maps and rules
    call (one definition of a code's normal form instead of a copy per expression)."""
    macros = {}
    for name, entry in data.items():
        params = list(entry.get("params", [])) if isinstance(entry, dict) else []
        if (
            not isinstance(entry, dict)
            or set(entry) - {"params", "sql"}
            or not isinstance(entry.get("sql"), str)
            or not all(_NAME.fullmatch(p) for p in [name, *params])
        ):
            raise DeclarationError(f"{path.name}: macros.{name}: {{params = [...], sql = ...}}")
        macros[name] = (params, entry["sql"])
    return macros


def _regions(path: Path, rows: list) -> list[dict]:
    """`[[regions]]`: regions a source lists by hand (the city itself, units with no map)."""
    for number, row in enumerate(rows, start=1):
        unknown = set(row) - set(_REGION_KEYS)
        missing = {"region_id", "country", "level", "code", "name"} - set(row)
        if unknown or missing:
            raise DeclarationError(
                f"{path.name}: [[regions]] row {number}: unknown {sorted(unknown)}, "
                f"missing {sorted(missing)}"
            )
    return list(rows)


def _file_spec(path: Path, entry: dict) -> FileSpec:
    unknown = set(entry) - _FILE_KEYS
    if unknown:
        raise DeclarationError(f"{path.name}: [[files]] unknown key(s) {sorted(unknown)}")
    spec = FileSpec(
        name=entry["name"],
        format=entry.get("format", "csv"),
        delimiter=entry.get("delimiter", ","),
        quote=entry.get("quote", '"'),
        records=entry.get("records", ""),
        columns=tuple(entry.get("columns", ())),
        never_load=tuple(entry.get("never_load", ())),
        sheet=entry.get("sheet", ""),
        header_row=int(entry.get("header_row", 1)),
        unpivot=tuple(entry.get("unpivot", ())),
        sheet_number=int(entry.get("sheet_number", 0)),
        header_search=int(entry.get("header_search", 0)),
        optional_columns=tuple(entry.get("optional_columns", ())),
        drop_other_columns=bool(entry.get("drop_other_columns", False)),
        pseudonym=dict(entry["pseudonym"]) if "pseudonym" in entry else None,
        no_other_columns=bool(entry.get("no_other_columns", False)),
    )
    if spec.pseudonym and (
        set(spec.pseudonym) != {"into", "namespace", "from"} or spec.format not in ("xlsx", "json")
    ):
        raise DeclarationError(
            f"{path.name}: file {spec.name}: pseudonym = {{into, namespace, from}} (xlsx, json)"
        )
    if spec.format not in FORMATS:
        raise DeclarationError(f"{path.name}: file {spec.name}: format not one of {FORMATS}")
    if spec.format == "xlsx" and not (spec.sheet or spec.sheet_number):
        raise DeclarationError(
            f"{path.name}: file {spec.name}: an xlsx file needs its sheet (or sheet_number)"
        )
    return spec


def _load_spec(path: Path, entry: dict) -> LoadSpec:
    unknown = set(entry) - _LOAD_KEYS
    if unknown:
        raise DeclarationError(f"{path.name}: [[load]] unknown key(s) {sorted(unknown)}")
    into = entry.get("into", "")
    if into not in TARGETS:
        raise DeclarationError(f"{path.name}: load into {into!r}: not one of {TARGETS}")
    columns = dict(entry.get("columns", {}))
    for name in [*columns, *entry.get("params", {}), *entry.get("tables", {})]:
        # Target columns and parameter names go into SQL as identifiers: plain names only.
        if not _NAME.fullmatch(name):
            raise DeclarationError(f"{path.name}: {name!r} is not a plain column name")
    rules = tuple(
        RejectRule(rule["column"], rule["reason"], rule["when"]) for rule in entry.get("reject", [])
    )
    also = tuple(dict(more) for more in entry.get("also", ()))
    for more in also:
        if more.get("into", into) not in TARGETS:
            raise DeclarationError(f"{path.name}: also into {more['into']!r}: not a target")
        for name in set(more) - {"if", "into"}:
            if not _NAME.fullmatch(name):
                raise DeclarationError(f"{path.name}: {name!r} is not a plain column name")
    if any(set(more) - set(columns) - {"if"} for more in also if "into" not in more):
        raise DeclarationError(
            f"{path.name}: [[load.also]] replaces a column the load does not fill"
        )
    order_by = tuple(entry.get("order_by", ()))
    if set(order_by) - set(columns):
        raise DeclarationError(f"{path.name}: order_by names a column the load does not fill")
    spec = LoadSpec(
        file=entry["file"],
        into=into,
        columns=columns,
        reject=rules,
        where=entry.get("where"),
        params=dict(entry.get("params", {})) or None,
        order_by=order_by,
        sheet=entry.get("sheet", ""),
        also=also,
        row_if=entry.get("row_if"),
        checks=tuple(
            (check["when"], check["message"], check.get("value", "NULL"))
            for check in entry.get("check", [])
        ),
        tables=tuple(entry.get("tables", {}).items()),
        crosswalk=bool(entry.get("crosswalk", False)),
        from_table=entry.get("from", ""),
    )
    if spec.from_table and spec.from_table not in dict(spec.tables):
        raise DeclarationError(f"{path.name}: load from {spec.from_table!r}: not in its tables")
    if spec.crosswalk == bool(spec.columns):
        raise DeclarationError(
            f"{path.name}: load of {spec.file}: a column map, or crosswalk = true without one"
        )
    return spec


def _source(path: Path, data: dict, files: tuple[FileSpec, ...]) -> Source:
    year_basis = data.get("year_basis", "")
    if year_basis not in YEAR_BASES:
        raise DeclarationError(f"{path.name}: year_basis must be one of {YEAR_BASES}")
    if "repeats_are_records" not in data:
        raise DeclarationError(
            f"{path.name}: say whether repeated identical rows are real records "
            "(repeats_are_records = true or false)"
        )
    downloads = tuple(
        Download(
            file=entry["file"],
            url=entry["url"],
            format=entry["format"],
            columns=tuple(entry.get("columns", ())),
            min_rows=entry.get("min_rows", 1),
            sha256=entry.get("sha256", ""),
            delimiter=entry.get("delimiter", ","),
            records=entry.get("records", ""),
        )
        for entry in data.get("downloads", [])
    )
    names = tuple(dict.fromkeys(spec.name for spec in files))  # a workbook once, not per sheet
    try:
        return Source(
            slug=path.stem,
            title=data["title"],
            publisher=data["publisher"],
            jurisdiction=data["jurisdiction"],
            url=data["url"],
            licence=data["licence"],
            primary_file=data.get("primary_file") or names[0],
            order=data.get("order", 50),
            folder=data.get("folder", ""),
            files=names,
            coverage=data.get("coverage", ""),
            not_covered=data.get("not_covered", ""),
            caveats=data.get("caveats", ""),
            coverage_fr=data.get("coverage_fr", ""),
            not_covered_fr=data.get("not_covered_fr", ""),
            caveats_fr=data.get("caveats_fr", ""),
            licence_fr=data.get("licence_fr", ""),
            downloads=downloads,
            year_basis=year_basis,
            repeats_are_records=bool(data["repeats_are_records"]),
            bundled=bool(data.get("bundled", True)),
            limits=limits.declared(data.get("limits", {})),
        )
    except (KeyError, IndexError) as error:
        raise DeclarationError(f"{path.name}: missing {error}") from None
    except TypeError as error:  # an unknown key in [limits]
        raise DeclarationError(f"{path.name}: {error}") from None
