"""A zip data package of exactly the rows of a named query, with their provenance.

`package_bytes(con, name, params, permalink, generated_at)` is a pure function of its
arguments: the same warehouse, query, parameters, link and time give the same bytes (fixed
zip dates, sorted JSON keys). The zip holds three files:

- `<table>.csv`: the rows, written by DuckDB (exports/table_csv.py: same rules and bytes as
  every CSV here) to a temporary file, then copied into the zip by the megabyte, so a large
  export never sits whole in memory;
- `datapackage.json`: a Frictionless Data Package descriptor (https://specs.frictionlessdata.io/):
  resources[0] with its CSV dialect, byte size, SHA-256 and a schema of every column (name,
  type, description); `sources` and `licenses` for every source that contributed a row;
  and custom keys `filters`, `sort`, `query` (name, SQL, parameters), `generated_at`,
  `permalink`, `row_count`;
- `README.md`: what the file is, its sources and licences, and a citation to paste.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tempfile
import zipfile
from typing import BinaryIO

import duckdb

import queries
from exports.gate import export_slot
from exports.table_csv import query_csv_file, query_distinct, spool_query_csv

PROJECT_TITLE = "Police accountability data"
# Zip entries carry this date, not the clock: the package bytes depend on the data only.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
# Parameters that shape the file but are not filters of the rows.
NOT_FILTERS = ("sort", "descending", "limit")
COPY_CHUNK_BYTES = 1 << 20  # the CSV goes from its spool file into the zip by the megabyte

# What each Explore query returns: the table it reads, a title, one row per what, its key.
VIEWS = {
    "explore_allegations": {
        "table": "allegations",
        "title": "Allegations against police officers",
        "row": "one row per officer and allegation",
        "primary_key": ["allegation_id"],
    },
    "explore_statistics": {
        "table": "statistics",
        "title": "Published aggregate figures",
        "row": "one row per published figure of a region, year and measure",
        "primary_key": [],
    },
    "explore_compliance": {
        "table": "compliance",
        "title": "Observations of directive rules",
        "row": "one row per observation of a rule on a case, an officer or a region",
        "primary_key": ["rule_id", "scope_id"],
    },
}

# DuckDB column types to Frictionless field types.
FIELD_TYPES = {
    "VARCHAR": "string",
    "DATE": "date",
    "BOOLEAN": "boolean",
    "TINYINT": "integer",
    "SMALLINT": "integer",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "HUGEINT": "integer",
    "FLOAT": "number",
    "DOUBLE": "number",
    "DECIMAL": "number",
}

# Every column an Explore query returns (see docs/data-dictionary.md for the tables).
FIELD_DESCRIPTIONS = {
    "allegation_id": "Unique id of the allegation, prefixed by its jurisdiction.",
    "jurisdiction": (
        "Jurisdiction of the data: FR, GB-EAW, US-IL-CHI, US-NY-NYC (US-NJ for a New Jersey "
        "directive note)."
    ),
    "source_id": (
        "The source the row comes from (see `sources` below and the warehouse's sources table)."
    ),
    "case_id": "The publisher's case or complaint number.",
    "officer_key": "Keyed pseudonym of the publisher's officer id (no names are published here).",
    "region_id": (
        "Finest known region (region ids: FR-DEP-94, US-IL-CHI-D4, US-NY-NYC-P75, ...); the "
        "city when the source gives none."
    ),
    "region_name": "Name of the region.",
    "region_level": (
        "Level of the region: country, region, departement, police_force, city, district, precinct."
    ),
    "incident_date": "Date of the incident, as published.",
    "received_date": "Date the complaint was received, as published.",
    "closed_date": "Date the case was closed, as published.",
    "category": (
        "Common category: domestic_violence, use_of_force, abuse_of_authority, discourtesy, "
        "bias, dishonesty, criminal_conduct, other (empty: the source does not say)."
    ),
    "category_original": "The publisher's own category label.",
    "category_group": "The publisher's own grouping of categories, where it has one (Chicago).",
    "finding": (
        "Common finding: sustained, not_sustained, unfounded, exonerated, closed_other, "
        "pending (empty: not published)."
    ),
    "finding_original": "The publisher's own finding label.",
    "recommended_finding_original": "The investigator's recommended finding, as published.",
    "recommended_level": (
        "Recommended discipline on the common scale none, advice, warning, suspension, "
        "demotion, dismissal (empty: unknown, pending or not a sanction)."
    ),
    "recommended_outcome": "Recommended discipline, as published.",
    "final_level": (
        "Imposed discipline on the common scale none, advice, warning, suspension, demotion, "
        "dismissal (empty: unknown, pending or not a sanction)."
    ),
    "final_outcome": "Imposed discipline, as published.",
    "final_outcome_detail": "Which stage set the final outcome, where published (NYC).",
    "case_status": "The publisher's case status, where published.",
    "apu_reference_outcome": "NYC cases prosecuted by the CCRB's APU: the plea agreed penalty, "
    "else the Trial Commissioner's recommended penalty, as published.",
    "apu_reference_level": "apu_reference_outcome on the common outcome scale.",
    "year": "Year the figure describes (empty when it spans several years: see period_note).",
    "measure": "What is counted, as a snake_case name (population, complaint_records, ...).",
    "measure_original": "The publisher's own label for the measure.",
    "value": "The figure as published.",
    "unit": "What the value is: count, count_per_year, percent, per_1000_inhabitants, fte, ...",
    "subject": "Who the figure counts, where the region does not say (e.g. police_nationale).",
    "period_note": "Period, definition and vintage notes.",
    "confidence": (
        "The project's confidence in a curated figure or in an observation (high, medium, "
        "low); empty for figures loaded from a publisher's file."
    ),
    "source_url": "For curated figures: the document cited.",
    "directive_id": "The directive (FR-1, GB-2, US-NY-NYC-1, ...).",
    "rule_id": "The rule that produced the observation (directive/rule).",
    "in_jurisdiction": "false when a rule is applied to another jurisdiction's data as a what-if.",
    "scope_level": "What one observation is about: case, officer or region.",
    "scope_id": "The case, officer or region observed.",
    "observed_date": "Date of the observation's event, where known.",
    "status_label": (
        "The status in words; for a what-if row (in_jurisdiction false) it says that the row "
        "is a what-if and not a finding, so it cannot be quoted as one."
    ),
    "status_reason": (
        "Why the rule gave this status, as a short code (e.g. letter_not_in_published_list); "
        "see docs/methodology.md."
    ),
    "status": (
        "compliant, violation, alleged_violation, pending, insufficient_data, not_applicable "
        "or policy_gap."
    ),
    "evidence": "What the data shows, in words.",
    "evidence_url": "The document the evidence comes from.",
    "method": "How the status was decided.",
}

# A licence is flagged as unclear or restrictive when its recorded text (sources.licence)
# contains one of these. In the bundled data this catches every "No licence file; ..."
# (CPDP, Chicago districts, BBC Shared Data Unit), "... which states no licence" (NYPD
# precinct copy) and "No licence stated ...; ask before redistributing bulk copies" (NYU
# Public Safety Lab); open licences (Etalab, OGL, NYC Open Data terms) and curated rows pass.
UNCLEAR_LICENCE_MARKERS = ("no licence", "no license", "ask before")

# Licence texts recognised as a standard licence: (text contains, SPDX id, licence URL).
KNOWN_LICENCES = (
    (
        "open government licence v3.0",
        "OGL-UK-3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    (
        "licence ouverte / etalab 2.0",
        "etalab-2.0",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
)


def licence_is_unclear(text: str | None) -> bool:
    """True when a licence restricts reuse or is unclear (see UNCLEAR_LICENCE_MARKERS)."""
    if not text:
        return True
    lowered = text.lower()
    return any(marker in lowered for marker in UNCLEAR_LICENCE_MARKERS)


def licence_entry(text: str, source_ids: list[str]) -> dict:
    """A Frictionless `licenses` item: a standard id where the text names one, else
    `notspecified` (unclear or restricted) or `other-at` (terms that ask for credit)."""
    entry: dict = {"title": text, "sources": source_ids}
    if licence_is_unclear(text):
        entry.update(name="notspecified", reuse="unclear_or_restricted")
        return entry
    lowered = text.lower()
    for marker, name, url in KNOWN_LICENCES:
        if marker in lowered:
            entry.update(name=name, path=url, reuse="open")
            return entry
    entry.update(name="other-at", reuse="stated_terms")
    return entry


def filters_of(params: dict) -> dict:
    """The filters of a view: the parameters that select rows, without the empty ones."""
    return {k: v for k, v in params.items() if k not in NOT_FILTERS and v is not None}


def describe_filters(params: dict) -> str:
    filters = filters_of(params)
    if not filters:
        return "no filter (every row)"
    return "; ".join(f"{name} = {value}" for name, value in filters.items())


def contributing_sources(con: duckdb.DuckDBPyConnection, source_ids: set[str]) -> list[dict]:
    frame = queries.run(con, "sources_by_id", {"source_ids": sorted(source_ids)}).fetchall()
    columns = ["source_id", "title", "publisher", "licence", "retrieved_at", "url"]
    # the English columns (the French licence, licence_fr, comes after them)
    return [dict(zip(columns, row[: len(columns)], strict=True)) for row in frame]


def citation(
    view_title: str,
    params: dict,
    row_count: int,
    sources: list[dict],
    accessed: dt.date,
    permalink: str,
) -> str:
    """A ready-to-paste citation of a view: project, view and filters, sources, dates, link."""
    cited = "; ".join(
        f"{s['publisher']}, “{s['title']}” (retrieved {s['retrieved_at']}; licence: {s['licence']})"
        for s in sources
    )
    return (
        f"{PROJECT_TITLE}, “{view_title}”, filtered by {describe_filters(params)}: "
        f"{row_count:,} rows. Sources: {cited or 'none (no rows)'}. "
        f"Accessed {accessed.isoformat()}. {permalink}"
    )


def package_bytes(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict,
    permalink: str,
    generated_at: dt.datetime,
) -> bytes:
    """The zip data package of a named Explore query (see the module docstring)."""
    buffer = io.BytesIO()
    write_package(buffer, con, name, params, permalink, generated_at)
    return buffer.getvalue()


def package_file(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict,
    permalink: str,
    generated_at: dt.datetime,
) -> io.RawIOBase:
    """The same bytes as package_bytes, in an unbuffered temporary file (deleted when
    closed): for a download button, which reads it once instead of keeping two copies."""
    spool = tempfile.TemporaryFile(buffering=0)
    write_package(spool, con, name, params, permalink, generated_at)
    spool.seek(0)
    return spool


def csv_file(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> io.BufferedReader:
    """The bytes of exports.table_csv.query_csv in a temporary file that DuckDB wrote, so
    the rows never pass through Python and the download is read once from disk."""
    return query_csv_file(con, name, params)


def write_package(
    target: BinaryIO,
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict,
    permalink: str,
    generated_at: dt.datetime,
) -> None:
    view = VIEWS[name]
    csv_name = f"{view['table']}.csv"
    generated = generated_at.astimezone(dt.UTC).replace(microsecond=0)
    with export_slot(con):  # both passes of DuckDB in one turn (exports.gate)
        spooled = spool_query_csv(con, name, params)
        source_ids = query_distinct(con, name, params, "source_id")
    columns = [column for column, _ in spooled.columns]
    field_types = {
        column: FIELD_TYPES.get(kind.split("(")[0], "string") for column, kind in spooled.columns
    }
    tally = _Tally(spooled.rows, source_ids)
    with spooled.file, zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(_entry(csv_name), "w") as stream:
            while chunk := spooled.file.read(COPY_CHUNK_BYTES):
                tally.add_bytes(chunk)
                stream.write(chunk)
        sources = contributing_sources(con, tally.source_ids)
        descriptor = datapackage_descriptor(
            name, params, permalink, generated, columns, field_types, sources, tally
        )
        archive.writestr(
            _entry("datapackage.json"),
            json.dumps(descriptor, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
        )
        archive.writestr(
            _entry("README.md"), package_readme(name, params, permalink, generated, sources, tally)
        )


class _Tally:
    """What the CSV holds: rows and sources (from DuckDB), bytes and SHA-256 (as it is
    copied into the zip)."""

    def __init__(self, rows: int, source_ids: list[str]):
        self.rows = rows
        self.bytes = 0
        self.sha256 = hashlib.sha256()
        self.source_ids = set(source_ids)

    def add_bytes(self, chunk: bytes) -> None:
        self.bytes += len(chunk)
        self.sha256.update(chunk)


def _entry(filename: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(filename, date_time=ZIP_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # rw-r--r--, whatever the umask of the server
    return info


def schema_field(column: str, field_type: str) -> dict:
    field = {
        "name": column,
        "type": field_type,
        "description": FIELD_DESCRIPTIONS.get(column, "See docs/data-dictionary.md."),
    }
    if field_type == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    return field


def datapackage_descriptor(
    name: str,
    params: dict,
    permalink: str,
    generated: dt.datetime,
    columns: list[str],
    field_types: dict[str, str],
    sources: list[dict],
    tally: _Tally,
) -> dict:
    view = VIEWS[name]
    query = queries.get(name)
    by_licence: dict[str, list[str]] = {}
    for source in sources:
        by_licence.setdefault(source["licence"], []).append(source["source_id"])
    generated_iso = generated.isoformat().replace("+00:00", "Z")
    sort = params.get("sort")
    return {
        "profile": "tabular-data-package",
        "name": f"police-accountability-{view['table']}",
        "title": f"{PROJECT_TITLE}: {view['title']} ({describe_filters(params)})",
        "description": (
            f"{view['title']}, {view['row']}, from the {PROJECT_TITLE} warehouse, "
            f"filtered by {describe_filters(params)}."
        ),
        "created": generated_iso,
        "resources": [
            {
                "name": view["table"],
                "path": f"{view['table']}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": tally.bytes,
                "hash": f"sha256:{tally.sha256.hexdigest()}",
                "dialect": {
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "header": True,
                },
                "schema": {
                    "fields": [schema_field(c, field_types[c]) for c in columns],
                    "missingValues": [""],
                    **({"primaryKey": view["primary_key"]} if view["primary_key"] else {}),
                },
            }
        ],
        "sources": [
            {
                "title": f"{s['publisher']}: {s['title']}",
                "path": s["url"],
                "source_id": s["source_id"],
                "publisher": s["publisher"],
                "licence": s["licence"],
                "retrieved_at": s["retrieved_at"],
            }
            for s in sources
        ],
        "licenses": [licence_entry(text, ids) for text, ids in by_licence.items()],
        "row_count": tally.rows,
        "filters": filters_of(params),
        "sort": {"column": sort, "descending": bool(params.get("descending"))} if sort else None,
        "query": {"name": name, "sql": query.sql, "parameters": params},
        "generated_at": generated_iso,
        "permalink": permalink,
    }


def package_readme(
    name: str,
    params: dict,
    permalink: str,
    generated: dt.datetime,
    sources: list[dict],
    tally: _Tally,
) -> str:
    view = VIEWS[name]
    table = view["table"]
    lines = [
        f"# {PROJECT_TITLE}: {view['title']}",
        "",
        f"{tally.rows:,} rows of `{table}`, {view['row']}, filtered by {describe_filters(params)}.",
        "",
        f"Generated {generated.isoformat().replace('+00:00', 'Z')}. The same view online: "
        f"{permalink}",
        "",
        "## Files",
        "",
        f"- `{table}.csv`: the rows. UTF-8, comma-separated, one header row, ISO dates; an "
        "empty cell means not published or unknown, never zero. A text cell that starts "
        "with =, +, -, @, tab or carriage return, or with one of those signs after spaces "
        "or in a full-width form (＝ ＋ － ＠), is prefixed with ' so that a spreadsheet "
        "shows it as text instead of running it as a formula.",
        "- `datapackage.json`: a Frictionless Data Package descriptor: the type and meaning "
        "of every column, the sources and licences, the filters, and the SQL query and "
        "parameters that produced the CSV.",
        "",
        "## Sources and licences",
        "",
    ]
    for s in sources:
        lines.append(
            f"- {s['publisher']}: {s['title']} ({s['url']}), retrieved {s['retrieved_at']}. "
            f"Licence: {s['licence']}"
        )
        if licence_is_unclear(s["licence"]):
            lines.append(
                "  - Reuse terms are unclear or restricted: check with the publisher before "
                "republishing this data."
            )
    if not sources:
        lines.append("- None: no row matches the filters.")
    lines += [
        "",
        "## How to cite",
        "",
        citation(view["title"], params, tally.rows, sources, generated.date(), permalink),
        "",
    ]
    return "\n".join(lines)
