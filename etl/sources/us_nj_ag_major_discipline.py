"""New Jersey major discipline: the Attorney General's statewide compilation (AG Directive 2020-5).

Every New Jersey law-enforcement agency must publish, by 31 January, an Annual Major
Discipline Report (IAPP Appendix L): each termination, reduction in rank or suspension of
more than five days, with the officer's identity, a brief synopsis and the sanction; since
the 2023 reports (Directive 2022-14) also sustained findings of bias, excessive force,
untruthfulness, domestic violence and the like whatever the penalty, and officers who left
while an internal affairs case was pending. The Office of the Attorney General compiles the
agencies' reports into one spreadsheet a year (about 400 to 650 records).

No snapshot is bundled (`bundled=False`): the build loads nothing until a refresh fetched
the AG's spreadsheet, so the warehouse never holds invented rows. The file address changes
with each yearly release, so none is declared: `python -m etl --refresh --source
us_nj_ag_major_discipline --url <address of the xlsx on njoag.gov>`.

The column layout below is reconstructed from published descriptions, not read from the
file itself (no copy was reachable when this module was written): the IAPP Appendix L
requirements (officer, synopsis, sanction), the AG's press releases of 2021-2024 (reporting
year; termination, demotion and suspension counted separately; suspension length), and the
notes summarised by policetransparencynj.com/methodology (sanction columns are independent
flags; blanks mean not provided; sustained charges from 2021, the resigned-while-pending
flag from 2023). The refresh refuses a spreadsheet whose header lacks any of COLUMNS and
names the missing ones: adjust COLUMNS (one place) on the first real download.
tests/fixtures/us_nj_ag_major_discipline/ holds a HAND-MADE fixture in this layout.

Officer names are read only to compute the keyed pseudonym (agency + name), then dropped;
synopses are never loaded (free text that can identify complainants and victims).
"""

import warnings

import openpyxl

from etl import raw_files
from etl.limits import Limits
from etl.pseudonym import officer_key
from etl.source import Download, LoadContext, RejectRule, Source, SourceError

FILE = "major_discipline.xlsx"
YEAR, COUNTY, AGENCY, NAME = "Reporting Year", "County", "Agency", "Officer Name"
TERMINATION, DEMOTION, SUSPENSION = "Termination", "Reduction in Rank", "Suspension"
LENGTH, CHARGES = "Suspension Length", "Sustained Charges"
RESIGNED, SYNOPSIS = "Resigned or Retired While IA Pending", "Synopsis"
COLUMNS = (YEAR, COUNTY, AGENCY, NAME, TERMINATION, DEMOTION, SUSPENSION, LENGTH, CHARGES)
OPTIONAL_COLUMNS = (RESIGNED, SYNOPSIS)  # not in every year's layout
NEVER_LOADED = (NAME, SYNOPSIS)
HEADER_SEARCH_ROWS = 10  # title rows may sit above the header
NAMESPACE = "nj"
# Published yes/no column -> the name of its parsed flag in staging.
FLAGS = {
    TERMINATION: "_terminated",
    DEMOTION: "_demoted",
    SUSPENSION: "_suspended",
    RESIGNED: "_resigned",
}

SOURCE = Source(
    slug="us_nj_ag_major_discipline",
    title="New Jersey major discipline reports, statewide compilation (AG Directive 2020-5)",
    publisher="New Jersey Office of the Attorney General, from agencies' Annual Major "
    "Discipline Reports (IAPP Appendix L)",
    jurisdiction="US-NJ",
    year_basis="report",
    url="https://www.njoag.gov/programs/iapp/",
    licence="Public records published by the New Jersey Office of the Attorney General "
    "under AG Directives 2020-5, 2021-6 and 2022-14; no licence stated",
    primary_file=FILE,
    files=(FILE,),
    bundled=False,
    # About 400 to 650 records a year: 100,000 rows is decades of them, and keeps a
    # hostile sheet of a million rows from taking minutes and gigabytes to read.
    limits=Limits(max_rows=100_000, max_bytes=64 << 20),
    downloads=(Download(FILE, url="", format="xlsx", columns=COLUMNS, min_rows=1),),
    coverage="When refreshed: every major discipline New Jersey agencies reported to the "
    "Attorney General (terminations, reductions in rank, suspensions of more than five days; "
    "from the 2023 reports also sustained bias, force, untruthfulness and domestic-violence "
    "findings whatever the penalty), one row per officer and discipline, from June 2020.",
    not_covered="Nothing until a refresh: no snapshot is bundled. Officer names and the "
    "synopses are never loaded. Discipline below the major threshold; cases still under "
    "appeal (listed only in the year they became final); agencies that did not report.",
    caveats="Column layout reconstructed from published descriptions (see the module); the "
    "refresh refuses a file whose header differs. The sanction columns are independent "
    "flags (a record can show a suspension and a termination); a blank means the agency did "
    "not say, never no. The year is the year the discipline became final. Officer keys hash "
    "agency + name as published, so a name spelled differently gives another key.",
)

YES = ("YES", "Y", "X", "TRUE", "1")
NO = ("NO", "N", "FALSE", "0")


def flag(column: str) -> str:
    return (
        f'CASE WHEN list_contains($yes, upper(trim("{column}"))) THEN true '
        f'WHEN list_contains($no, upper(trim("{column}"))) THEN false END'
    )


def flag_rule(column: str) -> RejectRule:
    return RejectRule(
        column,
        f"{column} is not a yes/no flag (Yes, Y, X, No, N or blank)",
        f'"{column}" IS NOT NULL AND ({flag(column)}) IS NULL',
    )


def _cell(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_sheet(path) -> tuple[list[str], list[tuple]]:
    """Header (the first row holding every column of COLUMNS) and the rows below it."""
    problem = raw_files.xlsx_size_problem(path, FILE, SOURCE.limits)
    if problem:
        raise SourceError(problem)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = raw_files.xlsx_rows(
            workbook.worksheets[0].iter_rows(values_only=True), FILE, SOURCE.limits
        )
        for _ in range(HEADER_SEARCH_ROWS):
            header = [_cell(c) or "" for c in next(rows, ())]
            if all(column in header for column in COLUMNS):
                return header, [tuple(_cell(c) for c in row) for row in rows]
        raise SourceError(
            f"file {FILE}, row 0 (header): no row among the first {HEADER_SEARCH_ROWS} holds the "
            f"columns {list(COLUMNS)}"
        )
    except raw_files.TooLarge as error:
        raise SourceError(str(error)) from None
    finally:
        workbook.close()


def _keyed_rows(ctx: LoadContext, header: list[str], rows: list[tuple]):
    """Published columns, officer name replaced by its pseudonym, synopsis left out."""
    key = ctx.con.execute("SELECT getvariable('pseudonym_key')").fetchone()[0].encode()
    kept = [c for c in (*COLUMNS, *OPTIONAL_COLUMNS) if c not in NEVER_LOADED]
    index = {column: header.index(column) for column in header if column}
    staged = []
    for row in rows:
        cells = {c: row[index[c]] if c in index and index[c] < len(row) else None for c in index}
        name, agency = cells.get(NAME), cells.get(AGENCY)
        person = " ".join(name.upper().split()) if name else None
        identity = f"{' '.join(agency.upper().split())}|{person}" if agency and person else None
        staged.append((*(cells.get(c) for c in kept), officer_key(key, NAMESPACE, identity)))
    return [*kept, "officer_key"], staged


OUTCOME = (
    f"nullif(concat_ws('; ', CASE WHEN _terminated THEN $termination END, "
    f"CASE WHEN _demoted THEN $demotion END, "
    f"CASE WHEN _suspended THEN $suspension || coalesce(' (' || \"{LENGTH}\" || ')', '') END, "
    f"CASE WHEN _resigned THEN $resigned END), '')"
)
LEVEL = (
    "CASE WHEN _terminated THEN 'dismissal' WHEN _demoted THEN 'demotion' "
    "WHEN _suspended THEN 'suspension' END"
)


def load(ctx: LoadContext) -> None:
    header, rows = read_sheet(ctx.path(FILE))
    columns, staged = _keyed_rows(ctx, header, rows)
    ctx.stage_rows("staged_nj", columns, staged, file_name=FILE)
    params = {"yes": list(YES), "no": list(NO)}
    # Flags computed once, as columns: the outcome, the level and the rules all read them.
    flags = ", ".join(f"{flag(column)} AS {alias}" for column, alias in FLAGS.items())
    ctx.con.execute(
        f"CREATE OR REPLACE TEMP TABLE staged_nj_flags AS SELECT *, {flags} FROM staged_nj",  # noqa: S608
        params,
    )
    blank = " AND ".join(f'"{c}" IS NULL' for c in columns if c != "officer_key")
    ctx.load_rows(
        FILE,
        "staged_nj_flags",
        "major_discipline",
        columns={
            "source_id": "$source_id",
            "reporting_year": f'CAST("{YEAR}" AS INTEGER)',
            "county": f'"{COUNTY}"',
            "agency": f'"{AGENCY}"',
            "officer_key": "officer_key",
            "terminated": "_terminated",
            "reduced_in_rank": "_demoted",
            "suspended": "_suspended",
            "suspension_original": f'"{LENGTH}"',
            "suspension_days": f'TRY_CAST("{LENGTH}" AS DOUBLE)',
            "sustained_charges": f'"{CHARGES}"',
            "resigned_ia_pending": "_resigned",
            "final_outcome": OUTCOME,
            "final_level": LEVEL,
        },
        reject_rules=[
            RejectRule(YEAR, "blank row", blank),
            RejectRule(
                YEAR,
                f"{YEAR} is not a year from 2020 on (the directive's first reports)",
                f'NOT coalesce(TRY_CAST("{YEAR}" AS INTEGER) BETWEEN 2020 AND 2100, false)',
            ),
            RejectRule(AGENCY, f"{AGENCY} is empty", f'"{AGENCY}" IS NULL'),
            RejectRule(
                NAME,
                f"{NAME} is empty: the record cannot be tied to an officer",
                "officer_key IS NULL",
            ),
            *(flag_rule(column) for column in FLAGS),
        ],
        params={
            **params,
            "termination": TERMINATION,
            "demotion": DEMOTION,
            "suspension": SUSPENSION,
            "resigned": RESIGNED,
        },
    )
