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
import tomllib
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


# -- directive rules ----------------------------------------------------------------------

RULES_FILE = QUERIES_DIR / "directives" / "rules.toml"
RATE_KINDS = ("compliance", "share", "none")
_RULE_REQUIRED = ("rule_id", "directive_id", "query", "rate", "checks", "evidence")
_RULE_REQUIRED += ("cannot_show", "legal_text")


@dataclass(frozen=True)
class Rule:
    """One directive rule as declared in queries/directives/rules.toml."""

    rule_id: str
    directive_id: str
    query: str
    rate: str
    checks: str
    evidence: str
    cannot_show: str
    legal_text: str
    legal_date: str | None = None
    rate_numerator: tuple[str, ...] = ()
    rate_denominator: tuple[str, ...] = ()
    rate_name_en: str | None = None
    rate_name_fr: str | None = None
    what_if: bool = False
    # French texts of the four prose fields, translated by the project
    checks_fr: str | None = None
    evidence_fr: str | None = None
    cannot_show_fr: str | None = None
    legal_text_fr: str | None = None


def rule_declarations(path: Path = RULES_FILE) -> list[Rule]:
    """The declared rules, checked for the fields and vocabulary a page relies on."""
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("rule", [])
    except tomllib.TOMLDecodeError as error:
        raise QueryError(f"{path}: {error}") from None
    rules = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}, rule {number} ({entry.get('rule_id', 'no rule_id')})"
        missing = [key for key in _RULE_REQUIRED if not entry.get(key)]
        unknown = sorted(set(entry) - set(Rule.__dataclass_fields__))
        if missing or unknown:
            raise QueryError(f"{where}: missing {missing}, unknown keys {unknown}")
        if entry["rate"] not in RATE_KINDS:
            raise QueryError(f"{where}: rate {entry['rate']!r} is not one of {RATE_KINDS}")
        if entry["rate"] == "share" and not (
            entry.get("rate_numerator") and entry.get("rate_denominator")
        ):
            raise QueryError(f"{where}: a share needs rate_numerator and rate_denominator")
        if entry["query"] not in catalogue("directives"):
            raise QueryError(f"{where}: no queries/directives/{entry['query']}.sql")
        for key in ("rate_numerator", "rate_denominator"):
            entry[key] = tuple(entry.get(key, ()))
        rules.append(Rule(**entry))
    ids = [rule.rule_id for rule in rules]
    repeated = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
    if repeated:
        raise QueryError(f"{path.name}: rule_id declared twice: {repeated}")
    return rules


RULES_BEGIN = "<!-- rules: generated from queries/directives/rules.toml -->"
RULES_END = "<!-- end of rules -->"
RATE_WORDS = {
    "compliance": "compliance rate: compliant / (compliant + violation)",
    "share": "share, not a compliance rate: observations with status_reason {numerator} among "
    "those with {denominator}",
    "none": "no rate: the observations settle nothing either way",
}


def rules_markdown(rules: list[Rule] | None = None) -> str:
    """The directive rules section of docs/methodology.md, one subsection per rule."""
    parts = [RULES_BEGIN]
    for rule in rules if rules is not None else rule_declarations():
        rate = RATE_WORDS[rule.rate].format(
            numerator=", ".join(f"`{code}`" for code in rule.rate_numerator),
            denominator=", ".join(f"`{code}`" for code in rule.rate_denominator),
        )
        parts += [
            "",
            f"### {rule.rule_id}" + (" (what-if, not a finding)" if rule.what_if else ""),
            "",
            f"- **Directive:** {rule.directive_id}; rule SQL `queries/directives/{rule.query}.sql`",
            f"- **Legal text:** {rule.legal_text} (date: {rule.legal_date or 'not recorded'})",
            f"- **What it checks:** {rule.checks}",
            f"- **Evidence used:** {rule.evidence}",
            f"- **What the evidence cannot show:** {rule.cannot_show}",
            f"- **Rate:** {rate}",
        ]
    parts += ["", RULES_END]
    return "\n".join(parts)
