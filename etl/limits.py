"""Limits on the size of raw files, declared per source (`Source.limits`)."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """How big a source's raw files may be, enforced while they are read (issue 13).

    DuckDB keeps within its memory limit, but the Python readings (the refresh's validator,
    the re-read that names a bad row, JSON and XLSX) do not: without limits a 1 MB gzip
    inflating to a 1 GiB field took 7 GB. The defaults are many times the largest real
    files (24 MB decompressed, 244,436 records, 14 columns, 1.5 MB of JSON, fields of a
    few hundred bytes); a source that needs less or more declares its own.
    """

    max_bytes: int = 256 << 20  # a file once decompressed (CSV, gzip, xlsx)
    max_parsed_bytes: int = 64 << 20  # a JSON file, which is parsed whole in memory
    max_field_bytes: int = 2 << 20  # DuckDB's max_line_size: no longer line loads anyway
    max_columns: int = 500
    max_rows: int = 5_000_000


DEFAULT_LIMITS = Limits()


def declared(values: dict) -> Limits:
    """A source's declared limits ([limits] of its declaration), multiplied for the sizes
    (bytes, rows) by ACCOUNTABILITY_ETL_LIMITS_FACTOR (a whole number, default 1): for a
    copy of a source many times its published size, as the benchmarks build. Never lowered."""
    limits = Limits(**values)
    text = os.environ.get("ACCOUNTABILITY_ETL_LIMITS_FACTOR", "").strip()
    factor = int(text) if text.isdigit() and int(text) > 1 else 1
    if factor == 1:
        return limits
    return dataclasses.replace(
        limits,
        max_bytes=limits.max_bytes * factor,
        max_parsed_bytes=limits.max_parsed_bytes * factor,
        max_rows=limits.max_rows * factor,
    )
