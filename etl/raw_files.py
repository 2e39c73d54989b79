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
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from etl.limits import DEFAULT_LIMITS, Limits

# DuckDB's default max_line_size: no CSV line may be longer, so no field either.
MAX_FIELD_BYTES = DEFAULT_LIMITS.max_field_bytes
# Bytes that are not UTF-8, as Python's surrogateescape decoding keeps them, and NUL.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_NOT_TEXT = re.compile("[\x00\udc80-\udcff]")
_DUCKDB_LINE = re.compile(r"CSV Error on Line: (\d+)")
CHUNK_CHARS = 1 << 20
XLSX_TITLE_ROWS = 10  # a spreadsheet may have title rows above its header
LINE_ENDINGS = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


class TooLarge(Exception):
    """A file grew past its source's limit while being read (a gzip bomb, a sparse file)."""


class _Capped(io.RawIOBase):
    """A binary stream that refuses to give more than `limit` bytes: bounded while read."""

    def __init__(self, raw, limit: int):
        self.raw, self.limit, self.given = raw, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(min(len(buffer), self.limit + 1 - self.given))
        self.given += len(data)
        if self.given > self.limit:
            raise TooLarge(f"more than {self.limit:,} bytes once decompressed")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_binary(path: Path, limit: int | None = None) -> io.BufferedReader:
    """The file's bytes (a .gz inflated), refusing to give more than `limit` of them."""
    raw = gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")
    return io.BufferedReader(_Capped(raw, limit if limit is not None else DEFAULT_LIMITS.max_bytes))


def open_text(path: Path, limit: int | None = None) -> io.TextIOBase:
    """The file as text; a BOM is dropped and bytes that are not UTF-8 are kept as escapes."""
    return io.TextIOWrapper(
        open_binary(path, limit), encoding="utf-8-sig", errors="surrogateescape", newline=""
    )


def too_large(path: Path, limits: Limits) -> str | None:
    """Why a file (inflated, for .gz) is over its source's limit, found while streaming."""
    try:
        if not path.name.endswith(".gz"):
            size = path.stat().st_size
            return (
                f"{size:,} bytes, over the limit of {limits.max_bytes:,}"
                if (size > limits.max_bytes)
                else None
            )
        with open_binary(path, limits.max_bytes) as handle:
            while handle.read(CHUNK_CHARS):
                pass
    except TooLarge as error:
        return f"{error}, over the limit of {limits.max_bytes:,}"
    except (EOFError, gzip.BadGzipFile, zlib.error):
        return None  # a broken gzip stream is reported by row where it breaks off
    return None


def xlsx_size_problem(path: Path, file_name: str, limits: Limits) -> str | None:
    """An xlsx (a zip) whose parts would inflate past the limit: refused before opening."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return None  # openpyxl says what is wrong with it
    if size > limits.max_bytes:
        return (
            f"file {file_name}, row 0: {size:,} bytes once decompressed, over the limit of "
            f"{limits.max_bytes:,}"
        )
    return None


def xlsx_rows(rows, file_name: str, limits: Limits):
    """The rows of a sheet, stopping with a clear error past the source's row limit."""
    for number, row in enumerate(rows, start=1):
        if number > limits.max_rows + XLSX_TITLE_ROWS + 1:  # titles and the header
            raise TooLarge(
                f"file {file_name}, row {number} of the sheet: more than {limits.max_rows:,} "
                "records, the limit declared for this source"
            )
        yield row


def printable(text: str) -> str:
    """Text for a message: a byte that is not UTF-8 shows as '?'."""
    return _NOT_UTF8.sub("?", text)


def value_problem(value: str, column: str, max_bytes: int = MAX_FIELD_BYTES) -> str | None:
    """What is wrong with one field of a record: bytes that are not text, or its size."""
    bad = _NOT_TEXT.search(value)
    if bad and bad.group() == "\x00":
        return (
            f"column {printable(column)!r}: a NUL byte (0x00) at character {bad.start() + 1}, "
            "which is not text (a damaged file, or a binary one)"
        )
    if bad:
        byte = ord(bad.group()) - 0xDC00
        return (
            f"column {printable(column)!r}: byte 0x{byte:02x} is not UTF-8 text; "
            "save the file as UTF-8"
        )
    if len(value) * 4 > max_bytes:  # only then can its UTF-8 be over the limit
        size = len(value.encode("utf-8", errors="surrogateescape"))
        if size > max_bytes:
            return _field_too_long(column, f"{size:,}", max_bytes)
    return None


def _field_too_long(column: str, size: str, max_bytes: int) -> str:
    return (
        f"column {printable(column)!r}: a field of {size} bytes, over the limit of "
        f"{max_bytes:,} (a quote out of place can swallow the rest of a file)"
    )


def record_problem(fields: list[str], header: list[str], max_bytes: int = MAX_FIELD_BYTES):
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
        problem = value_problem(value, column, max_bytes)
        if problem:
            return problem
    return None


class _RecordTooLong(Exception):
    def __init__(self, text: str):
        self.text = text


class _BoundedLines:
    """Lines for `csv.reader`, never holding more than one record of bounded size.

    `csv.reader` keeps a whole record in memory (a 1 GiB field, or a line of 200 million
    commas as 200 million fields), so each line is read with a cap and a record that grows
    past the limit stops the reading; its text so far tells which column it was in.
    """

    def __init__(self, handle: io.TextIOBase, max_chars: int):
        self.handle, self.max_chars = handle, max_chars
        self.record: list[str] = []
        self.size = 0
        self.ending = ""  # the line ending of the first record: the file's style

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.handle.readline(self.max_chars + 1 - self.size)
        if not line:
            raise StopIteration
        self.record.append(line)
        self.size += len(line)
        if self.size > self.max_chars:
            raise _RecordTooLong("".join(self.record))
        return line

    def next_record(self) -> str | None:
        """Start a record; return the line-ending mix-up of the one just read, if any."""
        last = self.record[-1] if self.record else ""
        self.record, self.size = [], 0
        ending = "\r\n" if last.endswith("\r\n") else last[-1:] if last[-1:] in "\r\n" else ""
        if not ending:
            return None
        if not self.ending:
            self.ending = ending
        elif ending != self.ending:
            return (
                f"the line ends with {LINE_ENDINGS[ending]} where the lines before end with "
                f"{LINE_ENDINGS[self.ending]} (mixed line endings, which DuckDB cannot read); "
                "save the file with one kind of line ending"
            )
        return None


def _open_field(text: str, delimiter: str, quote: str, most: int) -> tuple[int, int, bool]:
    """(column index, where its value starts, inside quotes) at the end of a record's text;
    counting stops at column `most` (a line of two million commas is not counted out)."""
    column, start, quoted, at_field_start = 0, 0, False, True
    for match in re.finditer("[" + re.escape(delimiter + quote) + "\r\n]", text):
        if column >= most:
            break
        char, position = match.group(), match.start()
        if char == quote:
            if at_field_start and position == start:
                start, quoted = position + 1, True
            elif quoted:
                quoted = False  # an escaped "" closes and reopens: the count is unchanged
                if text[position + 1 : position + 2] == quote:
                    quoted = True
        elif not quoted and char == delimiter:
            column, start, at_field_start = column + 1, position + 1, True
            continue
        at_field_start = False
    return column, start, quoted


def _rest_of_field(handle: io.TextIOBase, quoted: bool, delimiter: str, quote: str) -> int:
    """Bytes of the open field still to come, read in chunks (never held whole)."""
    size, stop = 0, re.compile("[" + re.escape(delimiter) + "\r\n]")
    while chunk := handle.read(CHUNK_CHARS):
        position = 0
        while position < len(chunk):
            if quoted:
                end = chunk.find(quote, position)
                if end < 0:
                    size += _utf8_len(chunk[position:])
                    break
                size += _utf8_len(chunk[position:end])
                position, quoted = end + 1, chunk[end + 1 : end + 2] == quote
                position += 1 if quoted else 0
                continue
            end = stop.search(chunk, position)
            if end is None:
                size += _utf8_len(chunk[position:])
                break
            return size + _utf8_len(chunk[position : end.start()])
    return size


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", errors="surrogateescape"))


@dataclass
class CsvScan:
    """What a bounded reading of a CSV found: its header, records, and first problem."""

    header: list[str] = field(default_factory=list)
    records: int = 0
    problem: str | None = None


def scan_csv(
    path: Path,
    file_name: str,
    delimiter: str,
    quote: str = '"',
    limits: Limits = DEFAULT_LIMITS,
    header_only: bool = False,
) -> CsvScan:
    """Read a CSV record by record within `limits`; the first problem names row and column.

    Memory stays within about one record of `limits.max_field_bytes`, whatever the file.
    """
    scan = CsvScan()
    handle = open_text(path, limits.max_bytes)
    lines = _BoundedLines(handle, limits.max_field_bytes)
    row = 0
    with handle:
        try:
            scan.problem = _scan_records(scan, lines, delimiter, quote, limits, header_only)
        except TooLarge as error:
            scan.problem = (
                f"row {scan.records + 1}: {error}, over the limit of {limits.max_bytes:,}"
            )
        except _RecordTooLong as error:
            scan.problem = _too_long(error.text, scan, handle, delimiter, quote, limits)
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            row = scan.records
            scan.problem = (
                f"row {row + 1}: the gzip stream breaks off after row {row} "
                f"({error}); the download was probably cut short: fetch the file again"
            )
        except csv.Error as error:
            scan.problem = f"row {scan.records + 1}: {error}"
    if scan.problem:
        scan.problem = f"file {file_name}, {scan.problem}"
    return scan


def _scan_records(scan: CsvScan, lines, delimiter, quote, limits, header_only) -> str | None:
    records = csv.reader(lines, delimiter=delimiter, quotechar=quote)
    header = next(records, None)
    lines.next_record()
    if header is None:
        return "row 0 (header): the file is empty"
    scan.header = header
    problem = header_problem(header, delimiter, limits)
    if problem or header_only:
        return problem and f"row 0 (header), {problem}"
    for fields in records:
        ending = lines.next_record()
        if not fields:
            continue  # an empty line is no record, for DuckDB too
        scan.records += 1
        if scan.records > limits.max_rows:
            return (
                f"row {scan.records}: more than {limits.max_rows:,} records, the limit "
                "declared for this source (Source.limits in its module)"
            )
        problem = record_problem(fields, header, limits.max_field_bytes)
        if problem is None and ending:
            problem = f"column {printable(header[-1])!r}: {ending}"
        if problem:
            return f"row {scan.records}, {problem}"
    return None


def _too_long(text: str, scan: CsvScan, handle, delimiter, quote, limits: Limits) -> str:
    """The record that outgrew the limit: the column it was in, and that field's size."""
    column, start, quoted = _open_field(text, delimiter, quote, limits.max_columns)
    row = "row 0 (header)" if not scan.header else f"row {scan.records + 1}"
    if column >= limits.max_columns:
        return f"{row}, column {column + 1}: {_too_many_columns(column + 1, limits)}"
    names = scan.header or []
    name = names[column] if column < len(names) else f"{column + 1}"
    try:
        size = f"{_utf8_len(text[start:]) + _rest_of_field(handle, quoted, delimiter, quote):,}"
    except TooLarge:
        size = f"more than {limits.max_bytes:,}"
    return f"{row}, {_field_too_long(name, size, limits.max_field_bytes)}"


def _too_many_columns(count: int, limits: Limits) -> str:
    return (
        f"{count:,} columns or more, over the limit of {limits.max_columns:,} declared for "
        "this source (a delimiter out of place, or not this source's file)"
    )


def csv_problem(
    path: Path, file_name: str, delimiter: str, quote: str, limits: Limits = DEFAULT_LIMITS
) -> str | None:
    """The first problem in a CSV file as 'file F, row N, column C: ...', or None."""
    return scan_csv(path, file_name, delimiter, quote, limits).problem


def header_problem(
    header: list[str], delimiter: str, limits: Limits = DEFAULT_LIMITS
) -> str | None:
    """A header that is one column holding another delimiter, too wide, or not UTF-8 text."""
    if len(header) > limits.max_columns:
        name = printable(header[limits.max_columns])[:60]
        return (
            f"column {limits.max_columns + 1} ({name!r}): {_too_many_columns(len(header), limits)}"
        )
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


JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
MAX_JSON_DEPTH = 100  # GeoJSON, the deepest real file, nests 8 levels


def too_deep(text: str) -> str:
    """Where JSON nests deeper than any real file (Python's parser stops with no position)."""
    depth = 0
    for token in JSON_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = text.count("\n", 0, token.start()) + 1
                column = token.start() - text.rfind("\n", 0, token.start())
                return (
                    f"line {line}, column {column}: JSON nested more than {MAX_JSON_DEPTH} "
                    "levels deep (no real file nests more than 8): a damaged or hostile file"
                )
        elif char in "]}":
            depth -= 1
    return "line 1, column 1: JSON nested too deep to parse"


def duckdb_problem(file_name: str, error: Exception) -> str:
    """DuckDB's own words, when the Python reading found nothing: first line, and its line."""
    text = str(error)
    line = _DUCKDB_LINE.search(text)
    where = f", row {int(line.group(1)) - 1} (line {line.group(1)})" if line else ""
    return f"file {file_name}{where}: DuckDB cannot read it: {text.splitlines()[0][:300]}"


def rows_problem(
    rows: list[tuple], columns: list[str], limits: Limits = DEFAULT_LIMITS
) -> str | None:
    """The first bad field of records parsed in Python, as 'row N, column C: ...'."""
    if len(columns) > limits.max_columns:
        return f"row 0 (header), column {limits.max_columns + 1}: " + _too_many_columns(
            len(columns), limits
        )
    if len(rows) > limits.max_rows:
        return f"row {limits.max_rows + 1}: more than {limits.max_rows:,} records, the limit"
    for number, row in enumerate(rows, start=1):
        for value, column in zip(row, columns, strict=True):
            if value is not None:
                problem = value_problem(value, column, limits.max_field_bytes)
                if problem:
                    return f"row {number}, {problem}"
    return None
