"""Names of downloaded files that say what they hold: the table, the jurisdiction, the years,
the main filters and the day of the download, e.g.
`allegations_US-IL-CHI_2010-2015_sustained_2026-12-04.csv`.

Safe everywhere: ASCII letters, digits and '-' inside a part, '_' between parts, one '.'
before the extension; accents are folded (é -> e), every other character becomes '-'; no
name is longer than MAX_CHARS (filters that do not fit are left out, the day never is).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

MAX_CHARS = 120  # the whole name, extension included: far below any file system's limit
MAX_PART = 40  # one part (a table, a jurisdiction, a filter value)
_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")
_EXTENSION = re.compile(r"[a-z0-9]+(\.[a-z0-9]+)?")


def safe_part(text: object) -> str:
    """`text` as letters, digits and single hyphens, without leading or trailing hyphens."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", folded).strip("-")[:MAX_PART].strip("-")


def years_part(year_from: object = None, year_to: object = None) -> str:
    """'2010-2015', '2010' (one year), '2010-' or '-2015' (an open end), '' (no bound)."""
    low, high = safe_part(year_from or ""), safe_part(year_to or "")
    if low and low == high:
        return low
    return f"{low}-{high}" if low or high else ""


def download_name(
    table: str,
    day: dt.date,
    *,
    jurisdiction: str | None = None,
    years: tuple[object, object] = (None, None),
    filters: Iterable[object] = (),
    extension: str = "csv",
) -> str:
    """The file name of a download of `table` on `day`, with the view's jurisdiction, years
    and other filter values (in order of importance: those that do not fit are dropped)."""
    if not _EXTENSION.fullmatch(extension):
        raise ValueError(f"not a file extension: {extension!r}")
    suffix = f"_{day.isoformat()}.{extension}"
    head = [safe_part(table) or "data"]
    head += [part for part in (safe_part(jurisdiction or ""), years_part(*years)) if part]
    name = "_".join(head)
    if len(name) + len(suffix) > MAX_CHARS:
        name = name[: MAX_CHARS - len(suffix)].rstrip("-_")
    for value in filters:
        part = safe_part(value if value is not None else "")
        if part and part not in head and len(name) + 1 + len(part) + len(suffix) <= MAX_CHARS:
            name = f"{name}_{part}"
            head.append(part)
    return name + suffix
