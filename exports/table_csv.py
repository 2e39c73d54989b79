"""CSV bytes of exactly the rows of a named query, safe to open in a spreadsheet.

UTF-8, RFC 4180 (comma, double quotes, CRLF), a header row, ISO dates. A text cell that
starts with =, +, -, @, tab or carriage return is prefixed with a single quote, so a
spreadsheet shows it as text instead of running it as a formula (CSV injection).
Numbers are written as numbers, negative ones included.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

import duckdb

import queries

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BATCH_ROWS = 10_000


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
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


def query_rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None):
    """Column names and a row iterator of a named query, fetched in batches."""
    cursor = queries.run(con, name, params)
    columns = [description[0] for description in cursor.description]

    def rows() -> Iterator[tuple]:
        while batch := cursor.fetchmany(BATCH_ROWS):
            yield from batch

    return columns, rows()


def query_csv(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> bytes:
    """The CSV of a named query: a pure function of (query name, parameters)."""
    columns, rows = query_rows(con, name, params)
    return b"".join(csv_chunks(columns, rows))


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
