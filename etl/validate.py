"""Is a downloaded file a good copy of what the source module reads?

Checked before it may replace the last good copy: the content type fits the declared
format (an HTML error page served with status 200 is the classic failure, so the first
bytes are sniffed too), the whole file parses (a truncated gzip or JSON fails here), the
header has the columns the loader reads, there are at least `min_rows` records, and a
pinned SHA-256 matches.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import warnings
import zipfile
from pathlib import Path

import openpyxl

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


def validate(path: Path, download: Download, content_type: str, sha256: str) -> int:
    """Raise ValidationError unless the file is a good copy; return its record count."""
    if download.format not in CONTENT_TYPES:
        raise ValidationError(f"unknown format {download.format!r} in the declaration")
    _check_content_type(path, download, content_type)
    if download.sha256 and sha256 != download.sha256:
        raise ValidationError(
            f"sha256 {sha256} differs from the pinned {download.sha256} (checksum mismatch)"
        )
    rows = READERS[download.format](path, download)
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


def _read_csv(handle, download: Download) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
    reader = csv.reader(text, delimiter=download.delimiter)
    try:
        header = next(reader, [])
        _require([c.strip() for c in header], download, "the header row")
        return sum(1 for row in reader if any(cell.strip() for cell in row))
    except UnicodeDecodeError as error:
        raise ValidationError(f"not UTF-8 text: {error}") from None
    except csv.Error as error:
        raise ValidationError(f"not parseable as CSV: {error}") from None


def read_csv(path: Path, download: Download) -> int:
    with path.open("rb") as handle:
        return _read_csv(handle, download)


def read_csv_gz(path: Path, download: Download) -> int:
    try:
        with gzip.open(path, "rb") as handle:
            return _read_csv(handle, download)
    except (OSError, EOFError) as error:  # not gzip, or cut short
        raise ValidationError(f"not a complete gzip file: {error}") from None


def _load_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(f"not parseable as JSON: {error}") from None


def read_json(path: Path, download: Download) -> int:
    document = _load_json(path)
    records = document.get(download.records) if download.records else document
    if download.records and not isinstance(document, dict):
        raise ValidationError(f"expected an object with a {download.records!r} list")
    if not isinstance(records, list):
        raise ValidationError(f"expected a list of records at {download.records or 'the top'}")
    if records and download.columns:
        first = records[0] if isinstance(records[0], dict) else {}
        _require(list(first), download, "the first record")
    return len(records)


def read_geojson(path: Path, download: Download) -> int:
    document = _load_json(path)
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ValidationError("not a GeoJSON FeatureCollection (no 'features' list)")
    if features and download.columns:
        _require(list((features[0] or {}).get("properties") or {}), download, "the first feature")
    return len(features)


def read_xlsx(path: Path, download: Download) -> int:
    """Rows below the header row (found among the first rows: titles may sit above it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
            raise ValidationError(f"not a readable xlsx workbook: {error}") from None
        try:
            return _count_below_header(workbook.worksheets[0].iter_rows(values_only=True), download)
        finally:
            workbook.close()


def _count_below_header(rows, download: Download) -> int:
    seen = []
    for _ in range(XLSX_HEADER_SEARCH_ROWS):
        cells = [str(c).strip() for c in next(rows, ()) if c is not None]
        seen.append(cells)
        if cells and not _missing(cells, download.columns):
            return sum(1 for row in rows if any(c not in (None, "") for c in row))
    _require(max(seen, key=len), download, "the first sheet's header row")
    return 0


def read_text(path: Path, download: Download) -> int:
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
