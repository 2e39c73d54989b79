"""Named SQL, one statement per file, loaded by name and run with declared parameters.

Every `queries/**/<name>.sql` starts with a header:

    -- name: outcomes_by_region
    -- answers: one line saying what the query answers
    -- params: $jurisdiction, $year_from        (or "-- params: none")

`run(con, "outcomes_by_region", {...})` refuses parameters the header does not declare
and requires all declared ones, so values only ever reach SQL as parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

QUERIES_DIR = Path(__file__).resolve().parent
_HEADER_LINE = re.compile(r"^--\s*(name|answers|params):\s*(.*)$")


class QueryError(Exception):
    pass


@dataclass(frozen=True)
class Query:
    name: str
    answers: str
    params: tuple[str, ...]
    sql: str
    path: Path


def parse(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER_LINE.match(line.strip())
        if not match:
            break
        header[match.group(1)] = match.group(2).strip()
    for required in ("name", "answers", "params"):
        if required not in header:
            raise QueryError(f"{path}: header line '-- {required}:' is missing")
    if header["name"] != path.stem:
        raise QueryError(f"{path}: '-- name: {header['name']}' differs from the file name")
    declared = header["params"]
    params = (
        ()
        if declared == "none"
        else tuple(p.strip().lstrip("$") for p in declared.split(",") if p.strip())
    )
    return Query(header["name"], header["answers"], params, text, path)


@cache
def catalogue(folder: str = "") -> dict[str, Query]:
    directory = QUERIES_DIR / folder if folder else QUERIES_DIR
    return {path.stem: parse(path) for path in sorted(directory.glob("*.sql"))}


def get(name: str, folder: str = "") -> Query:
    try:
        return catalogue(folder)[name]
    except KeyError:
        raise QueryError(f"no query named {name!r} in queries/{folder}") from None


def bind(query: Query, params: dict | None) -> dict:
    given = dict(params or {})
    unknown = sorted(set(given) - set(query.params))
    if unknown:
        raise QueryError(f"query {query.name}: undeclared parameter(s) {unknown}")
    missing = sorted(set(query.params) - set(given))
    if missing:
        raise QueryError(f"query {query.name}: missing parameter(s) {missing}")
    return given


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None, folder: str = ""):
    """Execute a named query on its own cursor and return the DuckDB relation result."""
    query = get(name, folder)
    cursor = con.cursor()
    return cursor.execute(query.sql, bind(query, params))
