"""Why a raw file cannot be loaded, said with its row and column.

DuckDB stops at the first problem in a CSV with a message about its parser (sometimes
quoting the wrong line, or a whole 10 MB field). When it refuses a file, the file is read
again here, record by record, to name the row and column at fault. The same checks apply
to records parsed in Python (JSON, XLSX) before they are staged.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import zlib
from pathlib import Path

# DuckDB's default max_line_size: no CSV line may be longer, so no field either.
MAX_FIELD_BYTES = 2 * 1024 * 1024
# Bytes that are not UTF-8, as Python's surrogateescape decoding keeps them.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_DUCKDB_LINE = re.compile(r"CSV Error on Line: (\d+)")


def open_text(path: Path) -> io.TextIOBase:
    """The file as text; a BOM is dropped and bytes that are not UTF-8 are kept as escapes."""
    handle = gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")
    return io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")


def printable(text: str) -> str:
    """Text for a message: a byte that is not UTF-8 shows as '?'."""
    return _NOT_UTF8.sub("?", text)


def value_problem(value: str, column: str) -> str | None:
    """What is wrong with one field of a record: bytes that are not UTF-8, or its size."""
    column = printable(column)
    bad = _NOT_UTF8.search(value)
    if bad:
        byte = ord(bad.group()) - 0xDC00
        return f"column {column!r}: byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8"
    size = len(value.encode("utf-8", errors="surrogateescape"))
    if size > MAX_FIELD_BYTES:
        return (
            f"column {column!r}: a field of {size:,} bytes, over the limit of "
            f"{MAX_FIELD_BYTES:,} (a quote out of place can swallow the rest of a file)"
        )
    return None


def record_problem(fields: list[str], header: list[str]) -> str | None:
    if len(fields) < len(header):
        return (
            f"column {header[len(fields)]!r}: the record has {len(fields)} fields and the "
            f"header {len(header)}, so it stops before this column (a file cut short, or a "
            "delimiter or quote out of place)"
        )
    if len(fields) > len(header):
        return (
            f"column {len(header) + 1} (no header): the record has {len(fields)} fields and "
            f"the header {len(header)} (a delimiter or quote out of place)"
        )
    for value, column in zip(fields, header, strict=True):
        problem = value_problem(value, column)
        if problem:
            return problem
    return None


def csv_problem(path: Path, file_name: str, delimiter: str, quote: str) -> str | None:
    """The first problem in a CSV file as 'file F, row N, column C: ...', or None."""
    row = 0
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # report long fields instead of stopping at them
    try:
        with open_text(path) as handle:
            records = csv.reader(handle, delimiter=delimiter, quotechar=quote)
            header = next(records, None)
            if header is None:
                return f"file {file_name}, row 0 (header): the file is empty"
            problem = header_problem(header, delimiter)
            if problem:
                return f"file {file_name}, row 0 (header), {problem}"
            for fields in records:
                if not fields:
                    continue  # an empty line is no record, for DuckDB too
                row += 1
                problem = record_problem(fields, header)
                if problem:
                    return f"file {file_name}, row {row}, {problem}"
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        return (
            f"file {file_name}, row {row + 1}: the gzip stream breaks off after row {row} "
            f"({error}); the download was probably cut short: fetch the file again"
        )
    except csv.Error as error:
        return f"file {file_name}, row {row + 1}: {error}"
    finally:
        csv.field_size_limit(limit)
    return None


def header_problem(header: list[str], delimiter: str) -> str | None:
    """A header that is one column holding another delimiter, or not UTF-8 text."""
    if len(header) == 1:
        counts = {d: header[0].count(d) for d in (",", ";", "\t", "|") if d != delimiter}
        other = max(counts, key=counts.get)
        if counts[other]:
            return (
                f"column {printable(header[0])[:60]!r}: one column where the source expects "
                f"several: the file is delimited by {other!r}, not {delimiter!r}"
            )
    for column in header:
        problem = value_problem(column, column)
        if problem:
            return problem
    return None


def duckdb_problem(file_name: str, error: Exception) -> str:
    """DuckDB's own words, when the Python reading found nothing: first line, and its line."""
    text = str(error)
    line = _DUCKDB_LINE.search(text)
    where = f", row {int(line.group(1)) - 1} (line {line.group(1)})" if line else ""
    return f"file {file_name}{where}: DuckDB cannot read it: {text.splitlines()[0][:300]}"


def rows_problem(rows: list[tuple], columns: list[str]) -> str | None:
    """The first bad field of records parsed in Python, as 'row N, column C: ...'."""
    for number, row in enumerate(rows, start=1):
        for value, column in zip(row, columns, strict=True):
            if value is not None:
                problem = value_problem(value, column)
                if problem:
                    return f"row {number}, {problem}"
    return None
