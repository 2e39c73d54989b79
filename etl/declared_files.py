"""The files of a declaration: how each is read and staged (`[[files]]` of
`etl/sources/<slug>.toml`): CSV through DuckDB's reader, JSON and GeoJSON records, xlsx
sheets through openpyxl, never-loaded columns dropped before anything is stored, and wide
tables unpivoted. Each file becomes the temporary table `staged_<file>` that the loads of
etl/declaration.py read; small tables written in the declaration become `lookup_<name>`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import openpyxl

from etl import pseudonym, raw_files
from etl.source import LoadContext, SourceError, quoted


@dataclass(frozen=True)
class FileSpec:
    name: str
    format: str = "csv"
    delimiter: str = ","
    quote: str = '"'
    records: str = ""  # json: the key of the list of records
    columns: tuple[str, ...] = ()  # the header the loads read; checked before loading
    never_load: tuple[str, ...] = ()  # dropped at staging: reach neither table nor rejects
    sheet: str = ""  # xlsx
    header_row: int = 1  # xlsx: the row holding the header (title rows above it)
    # Wide tables (one column per year): these columns become rows of (`name`, `value`),
    # each cell a record of its own, numbered by source row.
    unpivot: tuple[str, ...] = ()
    sheet_number: int = 0  # xlsx: the sheet by position (1 = first) when its name varies
    header_search: int = 0  # xlsx: the header is the first of these rows holding `columns`
    optional_columns: tuple[str, ...] = ()  # not in every edition: staged empty when absent
    drop_other_columns: bool = False  # stage only `columns` + `optional_columns`
    # {into, namespace, from}: an officer key from these columns (upper case, spaces
    # collapsed, joined by '|'), computed before `never_load` drops them (xlsx, json).
    pseudonym: dict | None = None
    no_other_columns: bool = False  # a column beyond `columns` fails the build (a new layout)


def stage_lookup(ctx: LoadContext, name: str, columns: list[str], rows: list[tuple]) -> None:
    """A small table written in the declaration (`[[lookups.<name>]]` rows), as the temporary
    table `lookup_<name>` of text columns the column map and rules read."""
    table = f"lookup_{name}"
    ctx.con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} ({', '.join(f'{c} VARCHAR' for c in columns)})"
    )
    ctx.con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in columns)})", rows)


def staged_name(file_name: str, sheet: str = "") -> str:
    """The temporary table a file (or one sheet of a workbook) is staged into:
    `staged_<file name as an identifier>[__<sheet as an identifier>]`."""
    suffix = f"__{sheet}" if sheet else ""
    return "staged_" + re.sub(r"[^A-Za-z0-9_]", "_", file_name + suffix)


def stage_file(ctx: LoadContext, spec: FileSpec) -> int:
    table = staged_name(spec.name, spec.sheet)
    if spec.format == "csv":
        ctx.stage_csv(table, spec.name, spec.never_load, delim=spec.delimiter, quote=spec.quote)
    elif spec.format == "json":
        document = ctx.read_json(spec.name)
        if spec.records:
            wanted = [c for c in spec.columns if c not in spec.never_load]
            records = ctx.json_records(spec.name, document, spec.records, wanted)
        elif isinstance(document, list):
            records = document
        else:
            raise SourceError(f"file {spec.name}, row 0: the document is not a list of records")
        header = list(spec.columns) or sorted({key for record in records for key in record})
        rows = [tuple(record.get(column) for column in header) for record in records]
        header, rows = _reshape(ctx, spec, header, rows)
        ctx.stage_rows(table, header, rows, spec.never_load, file_name=spec.name)
    elif spec.format == "geojson":
        header, rows = _geojson_records(ctx, spec)
        ctx.stage_rows(table, header, rows, spec.never_load, file_name=spec.name)
    else:
        header, rows = _reshape(ctx, spec, *_xlsx_records(ctx, spec))
        ctx.stage_rows(table, header, rows, spec.never_load, file_name=spec.name)
    if spec.columns:
        kept = [c for c in spec.columns if c not in spec.never_load]
        ctx.require_columns(table, spec.name, kept)
    if spec.no_other_columns:
        staged = [row[0] for row in ctx.con.execute(f"DESCRIBE {table}").fetchall()]
        extra = sorted(set(staged) - {"_row", "_raw", *spec.columns, *spec.optional_columns})
        if extra:
            raise SourceError(f"file {spec.name}, row 0 (header): unexpected column(s) {extra}")
    if spec.unpivot:
        _unpivot(ctx, table, spec)
    return ctx.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _unpivot(ctx: LoadContext, table: str, spec: FileSpec) -> None:
    """One record per cell of the wide columns: (`name`, `value`) keep the file's row.

    INCLUDE NULLS: DuckDB's UNPIVOT drops empty cells by default, and a dropped cell would
    be neither loaded nor rejected (rows read = loaded + rejected would not hold)."""
    ctx.require_columns(table, spec.name, list(spec.unpivot))
    columns = [row[0] for row in ctx.con.execute(f"DESCRIBE {table}").fetchall()]
    kept = [c for c in columns if c not in spec.unpivot]
    wide = ", ".join(quoted(c) for c in spec.unpivot)
    ctx.con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS "
        f"SELECT {', '.join(quoted(c) for c in kept)}, name, value "
        f"FROM {table} UNPIVOT INCLUDE NULLS (value FOR name IN ({wide})) ORDER BY _row, name"
    )


def _reshape(
    ctx: LoadContext, spec: FileSpec, header: list[str], rows: list[tuple]
) -> tuple[list[str], list[tuple]]:
    """Optional columns added empty, other columns dropped, the pseudonym computed."""
    missing = [c for c in spec.optional_columns if c not in header]
    header, rows = [*header, *missing], [(*row, *(None for _ in missing)) for row in rows]
    if spec.drop_other_columns:
        wanted = [c for c in (*spec.columns, *spec.optional_columns) if c in header]
        index = [header.index(c) for c in wanted]
        header, rows = wanted, [tuple(row[i] for i in index) for row in rows]
    if spec.pseudonym:
        key = ctx.con.execute("SELECT getvariable('pseudonym_key')").fetchone()[0].encode()
        index = [header.index(c) for c in spec.pseudonym["from"]]
        keyed = []
        for row in rows:
            parts = [" ".join(str(row[i]).upper().split()) if row[i] else "" for i in index]
            identity = "|".join(parts) if all(parts) else None
            keyed.append((*row, pseudonym.officer_key(key, spec.pseudonym["namespace"], identity)))
        header, rows = [*header, spec.pseudonym["into"]], keyed
    return header, rows


def _geojson_records(ctx: LoadContext, spec: FileSpec) -> tuple[list[str], list[tuple]]:
    """A FeatureCollection's features: their properties (`columns`, which every feature must
    have, a null value being fine), then `geometry_type` and `geometry` (the GeoJSON geometry
    object as compact JSON text; NULL when a feature has none)."""
    document = ctx.read_json(spec.name)
    # GeoJSON is WGS84 (RFC 7946); an older file may name another system in `crs`.
    crs = document.get("crs") if isinstance(document, dict) else None
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = str((properties or {}).get("name", "")) if isinstance(properties, dict) else str(crs)
    if crs and "4326" not in name and "CRS84" not in name:
        raise SourceError(f"file {spec.name}, row 0 (header): crs {name!r} is not WGS84")
    wanted = [c for c in spec.columns if c not in spec.never_load]
    features = ctx.json_records(spec.name, document, "features", wanted)
    properties = [(feature.get("properties") or {}) for feature in features]
    header = list(spec.columns) or sorted({key for values in properties for key in values})
    rows = []
    for feature, values in zip(features, properties, strict=True):
        geometry = feature.get("geometry")
        shape = None if geometry is None else json.dumps(geometry, separators=(",", ":"))
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        rows.append((*(values.get(column) for column in header), kind, shape))
    return [*header, "geometry_type", "geometry"], rows


def _xlsx_records(ctx: LoadContext, spec: FileSpec) -> tuple[list[str], list[tuple]]:
    """A sheet's header (at `header_row`) and the rows below it, as text, trailing blanks cut."""
    path = ctx.path(spec.name)
    ctx.current_file = spec.name
    problem = raw_files.xlsx_size_problem(path, spec.name, ctx.source.limits)
    if problem:
        raise SourceError(problem)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds for a bad file)
        raise SourceError(f"file {spec.name}, row 0: not a readable xlsx ({error})") from None
    try:
        if spec.sheet_number:
            if spec.sheet_number > len(workbook.worksheets):
                raise SourceError(f"file {spec.name}, row 0: no sheet {spec.sheet_number}")
            sheet = workbook.worksheets[spec.sheet_number - 1]
        elif spec.sheet not in workbook.sheetnames:
            raise SourceError(
                f"file {spec.name}, row 0: no sheet {spec.sheet!r} (it has {workbook.sheetnames})"
            )
        else:
            sheet = workbook[spec.sheet]
        rows = list(
            raw_files.xlsx_rows(sheet.iter_rows(values_only=True), spec.name, ctx.source.limits)
        )
    except raw_files.TooLarge as error:
        raise SourceError(str(error)) from None
    finally:
        workbook.close()
    header_row = spec.header_row
    if spec.header_search:
        found = [
            number
            for number, row in enumerate(rows[: spec.header_search], start=1)
            if set(spec.columns) <= {str(c).strip() for c in row if c is not None}
        ]
        if not found:
            raise SourceError(
                f"file {spec.name}, row 0 (header): no row among the first "
                f"{spec.header_search} holds the columns {list(spec.columns)}"
            )
        header_row = found[0]
    header_cells = rows[header_row - 1] if len(rows) >= header_row else ()
    header = [_cell_text(cell) or "" for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    header = [name or f"column{number}" for number, name in enumerate(header)]
    records = []
    for row in rows[header_row:]:
        cells = list(row[: len(header)]) + [None] * (len(header) - len(row))
        records.append(tuple(_cell_text(cell) for cell in cells))
    while records and all(cell is None for cell in records[-1]):
        records.pop()  # a sheet's formatted but empty tail, not records
    return header, records


def _cell_text(cell) -> str | None:
    if cell is None:
        return None
    if hasattr(cell, "date") and hasattr(cell, "hour"):  # a datetime cell: ISO date
        return cell.date().isoformat() if (cell.hour, cell.minute) == (0, 0) else cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).strip()
    return text or None


# -- reading a declaration -------------------------------------------------------------
