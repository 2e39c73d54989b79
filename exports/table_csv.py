"""CSV bytes of exactly the rows of a named query, safe to open in a spreadsheet.

UTF-8, RFC 4180 (comma, double quotes, CRLF), a header row, ISO dates. A text cell that
starts with =, +, -, @, tab or carriage return is prefixed with a single quote, so a
spreadsheet shows it as text instead of running it as a formula (CSV injection). So is a
cell whose first character after any whitespace (spaces, tabs, no-break and full-width
spaces, zero-width characters) is one of those signs or one of their compatibility forms
(full-width ＝ ＋ － ＠, small, superscript and subscript forms: what Unicode NFKC folds
to them), since spreadsheets skip leading spaces and may fold full-width signs.
Numbers are written as numbers, negative ones included.

Two writers give the same bytes: DuckDB writes the rows of named queries (query_csv,
spool_query_csv), the prefix added in SQL, so a million rows take seconds and Python never
holds them; csv_chunks encodes in Python the small frames already on screen (frame_csv).
tests/test_table_csv.py checks that the two agree.

The rows come out in the named query's order, every time and whatever the number of
threads: DuckDB numbers them as the query returns them and the COPY sorts on that number
(write_query_csv), so no step between the query and the file can reorder them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

import queries
from exports.gate import export_slot

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Every character whose NFKC form starts with = + - or @ (tests/test_table_csv.py derives
# this list from the Unicode tables, so it stays complete); listed rather than computed
# at import, which would take half a second per process.
FORMULA_SIGNS = (
    "=+-@"
    "\u207a\u207c\u208a\u208c"  # superscript and subscript + =
    "\u2a75\u2a76"  # == and === as one character
    "\ufb29"  # Hebrew alternative plus sign
    "\ufe62\ufe63\ufe66\ufe6b"  # small + - = @
    "\uff0b\uff0d\uff1d\uff20"  # full-width ＋ － ＝ ＠
)
# Skipped before looking for a sign: every character Python counts as whitespace (NFKC
# maps no other character to whitespace alone), and the zero-width ones no reader sees.
LEADING_BLANKS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, (non-)joiner, word joiner, BOM
)
BATCH_ROWS = 10_000


def looks_like_formula(text: str) -> bool:
    """What a spreadsheet might run: a formula trigger first, or a formula sign after
    leading blanks. The SQL of _csv_cell makes the same test, character for character."""
    if text.startswith(FORMULA_TRIGGERS):
        return True
    first = text.lstrip(LEADING_BLANKS)[:1]
    return first != "" and first in FORMULA_SIGNS


def neutralise(value):
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        # as DuckDB writes a list: [a, b]
        return "[" + ", ".join("NULL" if v is None else str(v) for v in value) + "]"
    return value


def csv_chunks(columns: list[str], rows: Iterable[tuple]) -> Iterator[bytes]:
    """Encode rows as CSV in chunks, so a large export never sits whole in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
        count += 1
        if count % BATCH_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def query_csv(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> bytes:
    """The CSV of a named query: a pure function of (query name, parameters)."""
    with query_csv_file(con, name, params) as spool:
        return spool.read()


def query_csv_file(con, name: str, params: dict | None = None) -> io.BufferedReader:
    """The CSV of a named query in an open, already unlinked file, deleted when closed."""
    return spool_query_csv(con, name, params).file


@dataclass
class SpooledCsv:
    file: io.BufferedReader  # open at its start, already unlinked
    rows: int
    columns: list[tuple[str, str]]  # (name, DuckDB type), in order


def spool_query_csv(con, name: str, params: dict | None = None) -> SpooledCsv:
    """DuckDB writes the CSV of a named query to a temporary file, so memory stays flat
    whatever the number of rows; the rows never pass through Python."""
    with export_slot(con):  # the dashboard's exports take turns (exports.gate)
        descriptor, path = tempfile.mkstemp(suffix=".csv", dir=export_directory(con))
        os.close(descriptor)
        try:
            rows, columns = write_query_csv(con, name, params, Path(path))
            return SpooledCsv(open(path, "rb"), rows, columns)  # noqa: SIM115 - caller closes
        finally:
            os.unlink(path)  # the open file stays readable until it is closed


def export_directory(con) -> str | None:
    """Where DuckDB may write: the dashboard's connection allows one private folder
    (ui.data.Warehouse.export_dir) and no other; a plain connection, the system's."""
    return getattr(con, "export_dir", None)


def write_query_csv(
    con, name: str, params: dict | None, target: Path
) -> tuple[int, list[tuple[str, str]]]:
    """Write the CSV; return its number of rows and its (column, DuckDB type) pairs."""
    query = queries.get(name)
    bound = queries.bind(query, params)
    cursor = con.cursor()
    statement = query.sql.rstrip().rstrip(";")
    # Column names and types come from the query itself (DESCRIBE plans, it does not run).
    columns = [(column, kind) for column, kind, *_ in cursor.execute(
        f"DESCRIBE {statement}", bound
    ).fetchall()]  # fmt: skip
    cells = ", ".join(_csv_cell(column, kind) for column, kind in columns)
    if any(kind == "VARCHAR" for _, kind in columns):
        bound = {
            **bound,
            "formula_triggers": "".join(FORMULA_TRIGGERS),
            "formula_signs": FORMULA_SIGNS,
            "leading_blanks": LEADING_BLANKS,
        }
    # The rows keep the query's order only if every step between its ORDER BY and the file
    # keeps it, and DuckDB drops order preservation as soon as one step may reorder: the
    # formula guard once looked its characters up in lists, the optimiser made those
    # lookups hash joins, and the parallel COPY wrote the same rows in another order each
    # time. So the rows are numbered right on top of the query (a window with an empty
    # OVER keeps the order it is given, as DuckDB documents), before any cell is computed,
    # and the COPY's own query sorts on that number: its outermost ORDER BY, which no
    # rewrite of the cells or number of threads can undo. That sort costs a second pass
    # over the rows (docs/performance.md) and spills to disk beyond the memory limit.
    order = _unused_name("csv_row_number", [column for column, _ in columns])
    # The SQL is a project file and column names come from it; values stay parameters.
    [(rows,)] = cursor.execute(
        f"COPY (SELECT {cells} FROM ("  # noqa: S608
        f"SELECT *, row_number() OVER () AS {order} FROM (\n{statement}\n)"
        f") ORDER BY {order}) TO $csv_target "
        "(FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\r\\n')",
        {**bound, "csv_target": str(target)},
    ).fetchall()
    return rows, columns


def _unused_name(base: str, taken: list[str]) -> str:
    """A quoted column name that none of the query's columns has (case-insensitive)."""
    lowered = {column.lower() for column in taken}
    name = base
    while name.lower() in lowered:
        name += "_"
    return f'"{name}"'


def query_distinct(con, name: str, params: dict | None, column: str) -> list:
    """The distinct non-NULL values of one column of a named query's rows, sorted."""
    query = queries.get(name)
    statement = query.sql.rstrip().rstrip(";")
    quoted = '"' + column.replace('"', '""') + '"'
    # The SQL is a project file and the column a name of its result; values stay parameters.
    rows = (
        con.cursor()
        .execute(
            f"SELECT DISTINCT {quoted} FROM (\n{statement}\n) "  # noqa: S608
            f"WHERE {quoted} IS NOT NULL ORDER BY 1",
            queries.bind(query, params),
        )
        .fetchall()
    )
    return [value for (value,) in rows]


def _csv_cell(column: str, kind: str) -> str:
    name = '"' + column.replace('"', '""') + '"'
    if kind != "VARCHAR":
        return name
    # As neutralise() and looks_like_formula(): a formula trigger first, or a formula sign
    # after leading blanks, gets a quote (left() and ltrim() count code points, as Python's
    # str does); an empty text is written as an empty cell, as csv.writer does (DuckDB
    # would write "" to tell it from NULL). The characters are looked up in strings, not
    # lists: DuckDB's optimiser makes a list lookup a hash join, which does not keep the
    # rows' order (write_query_csv puts it back; tests/test_table_csv.py checks that).
    # nullif: an empty first character is no formula (contains(s, '') would be true).
    # The blanks are trimmed only from a text that starts with one: ltrim() with a set of
    # characters on every cell made a download of all allegations ten times slower.
    first = f"nullif(left({name}, 1), '')"
    return (
        f"CASE WHEN contains($formula_triggers, {first}) "
        f"OR contains($formula_signs, {first}) "
        f"OR (contains($leading_blanks, {first}) "
        f"AND contains($formula_signs, nullif(left(ltrim({name}, $leading_blanks), 1), ''))) "
        f"THEN '''' || {name} ELSE nullif({name}, '') END AS {name}"
    )


def frame_csv(frame) -> bytes:
    """The CSV of a small frame already on screen (a chart's table), same rules."""
    rows = (
        tuple(None if _is_missing(v) else v for v in row)
        for row in frame.itertuples(index=False, name=None)
    )
    return b"".join(csv_chunks([str(c) for c in frame.columns], rows))


def _is_missing(value) -> bool:
    """NaN, NaT, None and pandas' NA (nullable integer columns) become empty cells."""
    import pandas as pd

    return bool(pd.api.types.is_scalar(value) and pd.isna(value))
