"""Is a downloaded file a good copy of what the source module reads?

Checked before it may replace the last good copy: the content type fits the declared
format (an HTML error page served with status 200 is the classic failure, so the first
bytes are sniffed too), the whole file parses (a truncated gzip or JSON fails here), the
header has the columns the loader reads, there are at least `min_rows` records, and a
pinned SHA-256 matches.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import openpyxl

from etl import raw_files
from etl.limits import DEFAULT_LIMITS, Limits
from etl.source import Download

# What servers send for each format. GitHub's raw server says text/plain for CSV and JSON
# and application/octet-stream for gz and xlsx; Socrata says text/csv.
CONTENT_TYPES = {
    "csv": ("text/csv", "application/csv", "text/plain", "application/octet-stream"),
    "csv.gz": ("application/gzip", "application/x-gzip", "application/octet-stream"),
    "json": ("application/json", "text/json", "text/plain", "application/octet-stream"),
    "geojson": (
        "application/geo+json",
        "application/json",
        "text/plain",
        "application/octet-stream",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/octet-stream",
    ),
    "text": (
        "text/plain",
        "text/markdown",
        "text/x-yaml",
        "application/yaml",
        "application/octet-stream",
    ),
}
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<?xml")
XLSX_HEADER_SEARCH_ROWS = 10  # title rows a spreadsheet may have above its header


class ValidationError(Exception):
    pass


def validate(
    path: Path, download: Download, content_type: str, sha256: str, limits: Limits = DEFAULT_LIMITS
) -> int:
    """Raise ValidationError unless the file is a good copy; return its record count.

    Every reader keeps within the source's `limits` while it streams, so a gzip bomb or a
    spreadsheet of a million rows is refused without the memory or time it would take.
    """
    if download.format not in CONTENT_TYPES:
        raise ValidationError(f"unknown format {download.format!r} in the declaration")
    _check_content_type(path, download, content_type)
    if download.sha256 and sha256 != download.sha256:
        raise ValidationError(
            f"sha256 {sha256} differs from the pinned {download.sha256} (checksum mismatch)"
        )
    try:
        rows = READERS[download.format](path, download, limits)
    except RecursionError:  # a parser's own limit, reached by a hostile file
        raise ValidationError("nested too deep to parse (a damaged or hostile file)") from None
    if rows < download.min_rows:
        raise ValidationError(f"{rows:,} record(s), fewer than the {download.min_rows:,} expected")
    return rows


def _check_content_type(path: Path, download: Download, content_type: str) -> None:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "text/html":
        raise ValidationError("the server sent an HTML page (text/html), not the file")
    if media_type and media_type not in CONTENT_TYPES[download.format]:
        raise ValidationError(
            f"content type {media_type!r} is not one of {CONTENT_TYPES[download.format]}"
        )
    with path.open("rb") as handle:
        start = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(HTML_STARTS):
        raise ValidationError(
            f"the body is an HTML or XML page, not {download.format} (starts {start[:40]!r})"
        )


def _missing(found: list[str], expected: tuple[str, ...]) -> list[str]:
    return [column for column in expected if column not in found]


def _require(found: list[str], download: Download, where: str) -> None:
    missing = _missing(found, download.columns)
    if missing:
        raise ValidationError(
            f"{where} lacks column(s) {', '.join(repr(c) for c in missing)} "
            f"(renamed or dropped by the publisher?); found {found[:20]}"
        )


def read_csv(path: Path, download: Download, limits: Limits = DEFAULT_LIMITS) -> int:
    """Records of a CSV (or .csv.gz), read the way the build's re-read does: by the same
    rules (field count, UTF-8, NUL, one kind of line ending), so what passes here loads."""
    scan = raw_files.scan_csv(path, download.file, download.delimiter, '"', limits)
    if scan.problem:
        raise ValidationError(scan.problem)
    _require([c.strip() for c in scan.header], download, "the header row")
    return scan.records


read_csv_gz = read_csv


def _load_json(path: Path, limits: Limits):
    size = path.stat().st_size
    if size > limits.max_parsed_bytes:
        raise ValidationError(
            f"row 0: {size:,} bytes, over the limit of {limits.max_parsed_bytes:,} for a JSON "
            "file of this source (it is parsed whole, in memory)"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(f"not parseable as JSON: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(f"not parseable as JSON: {error}") from None
    except RecursionError:
        raise ValidationError(raw_files.too_deep(text)) from None


def read_json(path: Path, download: Download, limits: Limits = DEFAULT_LIMITS) -> int:
    document = _load_json(path, limits)
    records = document.get(download.records) if download.records else document
    if download.records and not isinstance(document, dict):
        raise ValidationError(f"expected an object with a {download.records!r} list")
    if not isinstance(records, list):
        raise ValidationError(f"expected a list of records at {download.records or 'the top'}")
    if records and download.columns:
        first = records[0] if isinstance(records[0], dict) else {}
        _require(list(first), download, "the first record")
    return len(records)


def read_geojson(path: Path, download: Download, limits: Limits = DEFAULT_LIMITS) -> int:
    document = _load_json(path, limits)
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ValidationError("not a GeoJSON FeatureCollection (no 'features' list)")
    if features and download.columns:
        _require(list((features[0] or {}).get("properties") or {}), download, "the first feature")
    return len(features)


def read_xlsx(path: Path, download: Download, limits: Limits = DEFAULT_LIMITS) -> int:
    """Rows below the header row (found among the first rows: titles may sit above it)."""
    problem = raw_files.xlsx_size_problem(path, download.file, limits)
    if problem:
        raise ValidationError(problem)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
            raise ValidationError(f"not a readable xlsx workbook: {error}") from None
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            return _count_below_header(rows, download, limits)
        finally:
            workbook.close()


def _count_below_header(rows, download: Download, limits: Limits) -> int:
    seen = []
    for _ in range(XLSX_HEADER_SEARCH_ROWS):
        cells = [str(c).strip() for c in next(rows, ()) if c is not None]
        seen.append(cells)
        if cells and not _missing(cells, download.columns):
            count = 0
            for number, row in enumerate(rows, start=1):
                if number > limits.max_rows:  # stop reading: a million rows took 200 s
                    raise ValidationError(
                        f"row {number}: more than {limits.max_rows:,} rows, the limit declared "
                        "for this source"
                    )
                count += any(c not in (None, "") for c in row)
            return count
    _require(max(seen, key=len), download, "the first sheet's header row")
    return 0


def read_text(path: Path, download: Download, limits: Limits = DEFAULT_LIMITS) -> int:
    if path.stat().st_size > limits.max_parsed_bytes:
        raise ValidationError(f"over the limit of {limits.max_parsed_bytes:,} bytes")
    try:
        return len(path.read_text(encoding="utf-8").splitlines())
    except UnicodeDecodeError as error:
        raise ValidationError(f"not UTF-8 text: {error}") from None


READERS = {
    "csv": read_csv,
    "csv.gz": read_csv_gz,
    "json": read_json,
    "geojson": read_geojson,
    "xlsx": read_xlsx,
    "text": read_text,
}
