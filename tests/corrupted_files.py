"""Corrupted variants of the bundled raw files, for tests/test_bad_input.py.

Each variant turns the bytes of one real file into a damaged copy, the way files go wrong
in practice: a download cut short, a spreadsheet saved with another delimiter or encoding,
a BOM, blank and repeated rows, a renamed or added column, a typo in a date or a number, a
runaway field (an unbalanced quote can swallow the rest of a file), an empty download, an
export that stopped after its header. CSV files are edited line by line, so every line a
variant does not touch keeps its bytes.
"""

from __future__ import annotations

import copy
import csv
import gzip
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, replace

BOM = b"\xef\xbb\xbf"
HUGE_FIELD = "x" * (10 * 1024 * 1024)  # 10 MiB
BAD_DATE = "31/02/20x9"
BAD_NUMBER = "12,5x"
EDITED_RECORD = 3  # the record (1 = first after the header) that field variants change


@dataclass(frozen=True)
class FileCase:
    """One source's real file and the columns the variants aim at."""

    slug: str
    file: str
    folder: str  # relative to the data folder
    text_column: str  # gets the 10 MB value and the non-UTF-8 character
    missing_column: str  # a column the source needs
    date_column: str | None = None  # None: the file has no date to break
    number_column: str | None = None
    records_key: str | None = None  # JSON: the list of records in the document
    geojson: bool = False  # JSON records are features; fields are their properties

    @property
    def kind(self) -> str:
        if self.file.endswith(".csv.gz"):
            return "gzip"
        return "json" if self.records_key else "csv"


# -- CSV ------------------------------------------------------------------------------


@dataclass
class CsvFile:
    lines: list[str]  # header first, without line endings
    delimiter: str
    quote_all: bool
    newline: str
    final_newline: bool
    bom: bool
    gz: bool

    @classmethod
    def parse(cls, data: bytes, gz: bool) -> CsvFile:
        if gz:
            data = gzip.decompress(data)
        bom = data.startswith(BOM)
        text = data.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text[:10_000] else "\n"
        header = text.split(newline, 1)[0]
        return cls(
            lines=text.split(newline)[:-1] if text.endswith(newline) else text.split(newline),
            delimiter=";" if header.count(";") > header.count(",") else ",",
            quote_all=header.startswith('"'),
            newline=newline,
            final_newline=text.endswith(newline),
            bom=bom,
            gz=gz,
        )

    def fields(self, index: int) -> list[str]:
        return next(csv.reader([self.lines[index]], delimiter=self.delimiter))

    def write_fields(self, fields: list[str], delimiter: str | None = None) -> str:
        out = io.StringIO()
        quoting = csv.QUOTE_ALL if self.quote_all else csv.QUOTE_MINIMAL
        csv.writer(
            out, delimiter=delimiter or self.delimiter, quoting=quoting, lineterminator=""
        ).writerow(fields)
        return out.getvalue()

    def column(self, name: str) -> int:
        return self.fields(0).index(name)

    def set_field(self, record: int, column: str, value: str) -> CsvFile:
        fields = self.fields(record)
        fields[self.column(column)] = value
        lines = list(self.lines)
        lines[record] = self.write_fields(fields)
        return replace(self, lines=lines)

    def map_fields(self, edit: Callable[[list[str]], list[str]], **changes) -> CsvFile:
        delimiter = changes.get("delimiter", self.delimiter)
        lines = [self.write_fields(edit(self.fields(i)), delimiter) for i in range(len(self.lines))]
        return replace(self, lines=lines, **changes)

    def to_bytes(self, encoding: str = "utf-8") -> bytes:
        text = self.newline.join(self.lines) + (self.newline if self.final_newline else "")
        data = (BOM if self.bom else b"") + text.encode(encoding)
        return gzip.compress(data, mtime=0) if self.gz else data


def head(data: bytes, gz: bool, records: int) -> bytes:
    """The header and first `records` records of a CSV, bytes otherwise unchanged."""
    parsed = CsvFile.parse(data, gz)
    return replace(parsed, lines=parsed.lines[: records + 1], final_newline=True).to_bytes()


# -- JSON -----------------------------------------------------------------------------


def _records(document: dict, case: FileCase) -> list[dict]:
    return document[case.records_key]


def _fields(record: dict, case: FileCase) -> dict:
    return record["properties"] if case.geojson else record


def _json_edit(data: bytes, case: FileCase, edit) -> bytes:
    document = json.loads(data)
    edit(_records(document, case))
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _blank_record(like: dict, case: FileCase) -> dict:
    blank = {key: "" for key in _fields(like, case)}
    return {"type": "Feature", "properties": blank, "geometry": None} if case.geojson else blank


# -- variants -------------------------------------------------------------------------
# Each returns the corrupted bytes; `VARIANTS[name].applies(case)` says whether it makes
# sense for the file (a JSON file has no delimiter, a file without dates no bad date).


@dataclass(frozen=True)
class Variant:
    name: str
    corrupt: Callable[[bytes, FileCase], bytes]
    applies: Callable[[FileCase], bool] = lambda case: True


def truncated(data: bytes, case: FileCase) -> bytes:
    if case.kind == "gzip":
        return data[: len(data) // 2]  # a download cut short: the gzip stream has no end
    if case.kind == "json":
        return data[: len(data) // 2]
    parsed = CsvFile.parse(data, gz=False)
    last = parsed.fields(len(parsed.lines) - 1)
    lines = list(parsed.lines)
    lines[-1] = parsed.write_fields(last[: len(last) // 2])  # cut after a delimiter
    return replace(parsed, lines=lines, final_newline=False).to_bytes()


def wrong_delimiter(data: bytes, case: FileCase) -> bytes:
    parsed = CsvFile.parse(data, case.kind == "gzip")
    other = "," if parsed.delimiter == ";" else ";"
    return parsed.map_fields(lambda fields: fields, delimiter=other).to_bytes()


def wrong_encoding(data: bytes, case: FileCase) -> bytes:
    """Saved as Windows-1252: the accented letters are no longer UTF-8."""
    if case.kind == "json":

        def accent(records):
            fields = _fields(records[EDITED_RECORD - 1], case)
            fields[case.text_column] = f"{fields[case.text_column]} Orléans"

        return json.dumps(json.loads(_json_edit(data, case, accent)), ensure_ascii=False).encode(
            "cp1252"
        )
    parsed = CsvFile.parse(data, case.kind == "gzip")
    value = parsed.fields(EDITED_RECORD)[parsed.column(case.text_column)]
    return parsed.set_field(EDITED_RECORD, case.text_column, f"{value} Orléans").to_bytes("cp1252")


def toggled_bom(data: bytes, case: FileCase) -> bytes:
    """A BOM where there was none, or none where there was one."""
    if case.kind == "json":
        return BOM + data
    parsed = CsvFile.parse(data, case.kind == "gzip")
    return replace(parsed, bom=not parsed.bom).to_bytes()


def blank_rows(data: bytes, case: FileCase) -> bytes:
    """An empty line after record 2 and a record of empty fields after record 4."""
    if case.kind == "json":

        def add_blank(records):
            records.insert(4, _blank_record(records[0], case))

        return _json_edit(data, case, add_blank)
    parsed = CsvFile.parse(data, case.kind == "gzip")
    empty_fields = parsed.write_fields([""] * len(parsed.fields(0)))
    lines = parsed.lines[:3] + [""] + parsed.lines[3:5] + [empty_fields] + parsed.lines[5:]
    return replace(parsed, lines=lines).to_bytes()


BLANK_RECORD = 5  # the record of empty fields, counted as above (an empty line is no record)


def duplicate_rows(data: bytes, case: FileCase) -> bytes:
    """Record 2 twice: the copy becomes record 3."""
    if case.kind == "json":
        return _json_edit(data, case, lambda records: records.insert(2, copy.deepcopy(records[1])))
    parsed = CsvFile.parse(data, case.kind == "gzip")
    lines = parsed.lines[:3] + [parsed.lines[2]] + parsed.lines[3:]
    return replace(parsed, lines=lines).to_bytes()


DUPLICATE_RECORD = 3


def missing_column(data: bytes, case: FileCase) -> bytes:
    if case.kind == "json":

        def drop(records):
            for record in records:
                del _fields(record, case)[case.missing_column]

        return _json_edit(data, case, drop)
    parsed = CsvFile.parse(data, case.kind == "gzip")
    index = parsed.column(case.missing_column)
    return parsed.map_fields(lambda fields: fields[:index] + fields[index + 1 :]).to_bytes()


EXTRA_COLUMN = "extra_note"


def extra_column(data: bytes, case: FileCase) -> bytes:
    if case.kind == "json":

        def add(records):
            for record in records:
                _fields(record, case)[EXTRA_COLUMN] = "added by a publisher"

        return _json_edit(data, case, add)
    parsed = CsvFile.parse(data, case.kind == "gzip")
    header = parsed.fields(0)
    return parsed.map_fields(
        lambda fields: fields + ([EXTRA_COLUMN] if fields == header else ["added"])
    ).to_bytes()


def _set_value(data: bytes, case: FileCase, column: str, value: str) -> bytes:
    if case.kind == "json":

        def edit(records):
            _fields(records[EDITED_RECORD - 1], case)[column] = value

        return _json_edit(data, case, edit)
    return (
        CsvFile.parse(data, case.kind == "gzip").set_field(EDITED_RECORD, column, value).to_bytes()
    )


def bad_date(data: bytes, case: FileCase) -> bytes:
    return _set_value(data, case, case.date_column, BAD_DATE)


def bad_number(data: bytes, case: FileCase) -> bytes:
    return _set_value(data, case, case.number_column, BAD_NUMBER)


def huge_field(data: bytes, case: FileCase) -> bytes:
    return _set_value(data, case, case.text_column, HUGE_FIELD)


def first_non_ascii(corrupted: bytes, case: FileCase) -> tuple[int, str]:
    """Where a reader of a Windows-1252 file meets its first byte that is not UTF-8."""
    if case.kind == "gzip":
        corrupted = gzip.decompress(corrupted)
    text = corrupted.removeprefix(BOM).decode("cp1252")
    if case.kind == "json":
        for number, record in enumerate(_records(json.loads(text), case), start=1):
            for column, value in _fields(record, case).items():
                if not str(value).isascii():
                    return number, column
    else:
        parsed = CsvFile.parse(text.encode("utf-8"), gz=False)
        header = parsed.fields(0)
        for number in range(len(parsed.lines)):
            for column, value in zip(header, parsed.fields(number), strict=False):
                if not value.isascii() or not column.isascii():
                    return number, column
    raise AssertionError("no accented letter in the file")


def empty_file(data: bytes, case: FileCase) -> bytes:
    return b""


def header_only(data: bytes, case: FileCase) -> bytes:
    """An export that failed after the header: no record at all."""
    if case.kind == "json":
        return _json_edit(data, case, lambda records: records.clear())
    parsed = CsvFile.parse(data, case.kind == "gzip")
    return replace(parsed, lines=parsed.lines[:1], final_newline=True).to_bytes()


VARIANTS = {
    variant.name: variant
    for variant in [
        Variant("truncated", truncated),
        Variant("wrong_delimiter", wrong_delimiter, lambda case: case.kind != "json"),
        Variant("wrong_encoding", wrong_encoding),
        Variant("bom", toggled_bom),
        Variant("blank_rows", blank_rows),
        Variant("duplicate_rows", duplicate_rows),
        Variant("missing_column", missing_column),
        Variant("extra_column", extra_column),
        Variant("bad_date", bad_date, lambda case: case.date_column is not None),
        Variant("bad_number", bad_number, lambda case: case.number_column is not None),
        Variant("huge_field", huge_field),
        Variant("empty_file", empty_file),
        Variant("header_only", header_only),
    ]
}
