"""Chicago officers' unit assignments (CPDP unit history) and the unit reference list.

Each unit gets a role (victim_facing, public_facing, back_office, unknown) from our own
reviewable classification, data/reference/unit_roles_us_il_chi.csv, so that queries can
ask whether an officer stayed in a victim-facing or public-facing unit after discipline.
"""

from etl.source import Download, LoadContext, RejectRule, Source

HISTORY_FILE = "unit-history.csv.gz"
REFERENCE_FILE = "unit_reference.csv"
ROLES_CSV = "unit_roles_us_il_chi.csv"

# The unit history ends in Oct 2016 (last real end date 2016-10-08); every assignment with
# no recorded end carries this placeholder date, which is not a real end: load it as NULL.
OPEN_END_DATE = "2018-06-01"

SOURCE = Source(
    slug="us_chicago_cpdp_units",
    title="Chicago police officers' unit assignments, with unit names and roles",
    publisher="Invisible Institute (Citizens Police Data Project), "
    "from City of Chicago FOIA releases",
    jurisdiction="US-IL-CHI",
    url="https://github.com/invinst/chicago-police-data",
    licence="No licence file; FOIA-released City of Chicago records published by the "
    "Invisible Institute (Citizens Police Data Project) for public analysis; cite Invisible "
    "Institute / CPDP",
    primary_file=HISTORY_FILE,
    order=40,
    files=(HISTORY_FILE, REFERENCE_FILE),
    downloads=(
        Download(
            "unit-history.csv.gz",
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/fully-unified-data/unit-history/unit-history.csv.gz",
            "csv.gz",
            columns=("UID", "unit", "unit_start_date", "unit_end_date"),
            min_rows=90000,
        ),
        Download(
            "unit_reference.csv",
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/fully-unified-data/data-dictionary/unit_reference.csv",
            "csv",
            columns=(
                "current_unit",
                "current_unit_description (April 2017 roster)",
                "From PDF (May 2016)",
                "Status from PDF (May 2016)",
            ),
            min_rows=200,
        ),
    ),
    coverage="Unit assignments of Chicago police officers (one row per officer x unit x "
    "period) from the 1930s to October 2016, keyed by the CPDP officer UID (pseudonymised, "
    "so they join complaints and settlements); the CPD unit list (April 2017 roster and May "
    "2016 PDF names) with a role per unit.",
    not_covered="No rank, beat or shift; no assignments after the last FOIA unit history "
    "(late 2016); no date of leaving the force. Officer names are not in this source.",
    caveats=f"end_date is NULL when the publisher gives no real end: it fills open "
    f"assignments with the placeholder {OPEN_END_DATE} (no real assignment ends after "
    f"2016-10-08). An open last assignment does not prove the officer still served in 2016: "
    f"officers who left the force long ago (e.g. hired in the 1950s) also keep one. Some unit "
    f"numbers were reused for different units (e.g. 130, 138, 611): an assignment gets the "
    f"April 2017 roster name, and the role 'unknown' when the names under that number have "
    f"different roles. 21 unit numbers in the history are not in the unit list: their "
    f"assignments have no unit name and the role 'unknown'. Roles are this project's reading "
    f"of the unit names ({ROLES_CSV}); review them before drawing conclusions.",
)

ROLES = ("victim_facing", "public_facing", "back_office", "unknown")

# '123', '123.0' and '0123' are all unit 123; anything else is not a unit number.
MACROS = r"""
CREATE OR REPLACE TEMP MACRO chi_unit_number(x) AS
    CAST(TRY_CAST(regexp_extract(x, '^\s*([0-9]+)(\.0+)?\s*$', 1) AS INTEGER) AS VARCHAR);
"""

# Join the classification on (number, name): unit numbers were reused for other units.
STAGE_UNITS_WITH_ROLES = """
CREATE OR REPLACE TEMP TABLE staged_units_roles AS
SELECT n.*, r.role_category, r.rationale,
       string_agg(n.unit_name, ' | ') OVER number AS names_of_number,
       count(*) OVER number AS rows_of_number
FROM (
    SELECT *, chi_unit_number(current_unit) AS unit_id,
           coalesce(nullif(trim("current_unit_description (April 2017 roster)"), ''),
                    nullif(trim("From PDF (May 2016)"), '')) AS unit_name
    FROM staged_units
) AS n
LEFT JOIN unit_roles AS r ON r.unit_id = n.unit_id AND r.unit_name = n.unit_name
WINDOW number AS (PARTITION BY n.unit_id ORDER BY n._row
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
"""

# One name and role per unit number for assignments: the April 2017 roster name first, then
# a unit active in May 2016, then file order; the role only if all names of it agree.
UNIT_LOOKUP = """
CREATE OR REPLACE TEMP TABLE unit_lookup AS
SELECT unit_id, unit_name,
       CASE WHEN min(role_category) OVER number = max(role_category) OVER number
            THEN role_category ELSE 'unknown' END AS role_category
FROM staged_units_roles
WHERE (unit_id, unit_name) IN
      (SELECT (unit_id, unit_name) FROM units WHERE source_id = $slug)
WINDOW number AS (PARTITION BY unit_id)
QUALIFY row_number() OVER (
    PARTITION BY unit_id
    ORDER BY nullif(trim("current_unit_description (April 2017 roster)"), '') IS NULL,
             coalesce("Status from PDF (May 2016)", '') <> 'Y',
             _row) = 1
"""

# Units missing from the unit list keep their assignments, with no name and role unknown.
STAGE_HISTORY_WITH_UNITS = """
CREATE OR REPLACE TEMP TABLE staged_history_units AS
SELECT h.*, chi_unit_number(h.unit) AS unit_id, l.unit_name,
       coalesce(l.role_category, 'unknown') AS role_category
FROM staged_history AS h
LEFT JOIN unit_lookup AS l ON l.unit_id = chi_unit_number(h.unit)
"""

END_DATE = (
    "CASE WHEN trim(unit_end_date) = $open_end_date THEN NULL "
    "ELSE TRY_CAST(unit_end_date AS DATE) END"
)


def _date_rule(column: str) -> RejectRule:
    return RejectRule(
        column,
        f"{column} is not a date (YYYY-MM-DD)",
        f"trim(coalesce({column}, '')) <> '' AND TRY_CAST({column} AS DATE) IS NULL",
    )


def _load_units(ctx: LoadContext) -> None:
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE unit_roles AS "
        "SELECT * FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(ctx.reference_csv(ROLES_CSV))},
    )
    ctx.stage_csv("staged_units", REFERENCE_FILE)
    ctx.require_columns(
        "staged_units",
        REFERENCE_FILE,
        [
            "current_unit",
            "current_unit_description (April 2017 roster)",
            "From PDF (May 2016)",
            "Status from PDF (May 2016)",
        ],
    )
    ctx.con.execute(STAGE_UNITS_WITH_ROLES)
    ctx.load_rows(
        REFERENCE_FILE,
        "staged_units_roles",
        "units",
        columns={
            "source_id": "$source_id",
            "unit_id": "unit_id",
            "unit_name": "unit_name",
            "role_category": "role_category",
            "note": "concat_ws('; ', 'role: ' || rationale, "
            "CASE WHEN nullif(trim(\"current_unit_description (April 2017 roster)\"), '') "
            "IS NULL THEN 'name from the May 2016 PDF, not on the April 2017 roster' END, "
            "'May 2016 PDF status: ' || nullif(trim(\"Status from PDF (May 2016)\"), ''), "
            "CASE WHEN rows_of_number > 1 "
            "THEN 'unit number reused, listed as: ' || names_of_number END)",
        },
        reject_rules=[
            RejectRule("current_unit", "current_unit is not a unit number", "unit_id IS NULL"),
            RejectRule(
                "current_unit_description (April 2017 roster)",
                "the unit has no name in either the April 2017 or the May 2016 column",
                "unit_name IS NULL",
            ),
            RejectRule(
                "current_unit",
                f"no role for this unit number and name in data/reference/{ROLES_CSV}; add a row",
                "role_category IS NULL",
            ),
            RejectRule(
                "current_unit",
                f"the role in data/reference/{ROLES_CSV} is not one of {ROLES}",
                "NOT list_contains($roles, role_category)",
            ),
        ],
        params={"roles": list(ROLES)},
    )
    ctx.con.execute(UNIT_LOOKUP, {"slug": SOURCE.slug})


def _load_assignments(ctx: LoadContext) -> None:
    ctx.stage_csv("staged_history", HISTORY_FILE)
    ctx.require_columns(
        "staged_history", HISTORY_FILE, ["UID", "unit", "unit_start_date", "unit_end_date"]
    )
    ctx.con.execute(STAGE_HISTORY_WITH_UNITS)
    ctx.load_rows(
        HISTORY_FILE,
        "staged_history_units",
        "assignments",
        columns={
            "officer_key": "officer_key('cpdp', UID)",
            "source_id": "$source_id",
            "unit_id": "unit_id",
            "unit_name": "unit_name",
            "role_category": "role_category",
            "start_date": "TRY_CAST(unit_start_date AS DATE)",
            "end_date": END_DATE,
        },
        reject_rules=[
            RejectRule(
                "UID",
                "UID is empty: the assignment names no officer",
                "trim(coalesce(UID, '')) = ''",
            ),
            RejectRule(
                "unit", "unit is not a unit number (e.g. '123' or '123.0')", "unit_id IS NULL"
            ),
            _date_rule("unit_start_date"),
            _date_rule("unit_end_date"),
            RejectRule(
                "unit_end_date",
                "unit_end_date is before unit_start_date",
                f"{END_DATE} < TRY_CAST(unit_start_date AS DATE)",
            ),
        ],
        params={"open_end_date": OPEN_END_DATE},
    )


def load(ctx: LoadContext) -> None:
    ctx.con.execute(MACROS)
    _load_units(ctx)
    _load_assignments(ctx)
