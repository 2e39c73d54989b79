"""Staff with an IOPC misconduct case to answer per force, BBC analysis (2018 - Feb 2022)."""

from etl.source import Download, LoadContext, RejectRule, Source

FILE = "iopc_forfunnel.csv"
FORCE_NAMES = "gb_force_names.csv"

SOURCE = Source(
    slug="gb_bbc_iopc_misconduct",
    title="Police officers and staff with a misconduct case to answer in IOPC investigations, "
    "by force (BBC Shared Data Unit funnel-plot data)",
    publisher="BBC Shared Data Unit (analysis of IOPC investigation reports)",
    jurisdiction="GB-EAW",
    url="https://github.com/BBC-Data-Unit/police_misconduct",
    licence="No licence file; BBC Shared Data Unit analysis of IOPC investigation reports; "
    "credit BBC Shared Data Unit",
    primary_file=FILE,
    order=30,
    downloads=(
        Download(
            "iopc_forfunnel.csv",
            "https://raw.githubusercontent.com/BBC-Data-Unit/police_misconduct/HEAD/iopc_forfunnel.csv",
            "csv",
            columns=("item name", "indicator number", "sample size"),
            min_rows=35,
        ),
    ),
    coverage="39 forces (38 territorial forces and British Transport Police): officers and "
    "staff the IOPC found to have a misconduct or gross misconduct case to answer, in IOPC "
    "investigation reports published from 2018 to February 2022, and the force headcount "
    "the BBC used as denominator",
    not_covered="Forces with no such report (Dyfed-Powys, Gloucestershire, Humberside, "
    "Lancashire, Lincolnshire); cases investigated by the forces themselves; outcomes and "
    "sanctions (the BBC's case-level sheet is not in the repository)",
    caveats="Counts, not rates: divide by staff_headcount. year is NULL because the count "
    "spans reports published 2018 - Feb 2022 and the BBC does not say which year its "
    "headcount is for. Small numbers: the BBC's funnel plot found no force outside the "
    "expected range. City of London Police's headcount (3,744) equals Cheshire's and is "
    "far above the force's size: probably a copying error in the BBC sheet, loaded as "
    "published. British Transport Police has no police force area: region_id 'GB' and "
    "subject = its name",
)

PERIOD = (
    "IOPC investigation reports published 2018 (IOPC founded) to February 2022; "
    "headcount year not stated by the BBC"
)
COUNT = 'TRY_CAST("indicator number" AS BIGINT)'
HEADCOUNT = 'TRY_CAST("sample size" AS BIGINT)'


def load(ctx: LoadContext) -> None:
    # The 4th header is empty (DuckDB names it column3); 959 trailing rows are ',,,'.
    ctx.stage_csv("staged_iopc", FILE)
    ctx.require_columns(
        "staged_iopc", FILE, ["item name", "indicator number", "sample size", "column3"]
    )
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE gb_force_names AS "
        "SELECT * FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(ctx.reference_csv(FORCE_NAMES))},
    )
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE iopc_coded AS "
        "SELECT s.*, n.published_name IS NOT NULL AS _known, n.pfa_code AS _pfa_code, "
        '  count(*) OVER (PARTITION BY s."item name") AS _dupes '
        "FROM staged_iopc s "
        'LEFT JOIN gb_force_names n ON n.published_name = s."item name" AND n.source_file = ?',
        [FILE],
    )
    national = "_pfa_code IS NULL"  # crosswalk rows without a code: British Transport Police
    region = f"CASE WHEN {national} THEN 'GB' ELSE 'GB-PFA-' || _pfa_code END"
    subject = f'CASE WHEN {national} THEN "item name" END'
    ctx.load_rows(
        FILE,
        "iopc_coded",
        "statistics",
        columns={
            "source_id": "$source_id",
            "region_id": region,
            "year": "NULL",
            "measure": "'staff_with_misconduct_case_to_answer'",
            "measure_original": "'indicator number'",
            "value": COUNT,
            "unit": "'count'",
            "subject": subject,
            "period_note": "$period_note",
        },
        reject_rules=[
            RejectRule(
                "item name",
                "blank row",
                '"item name" IS NULL AND "indicator number" IS NULL AND "sample size" IS NULL '
                "AND column3 IS NULL",
            ),
            RejectRule(
                "item name",
                f"force name is not in data/reference/{FORCE_NAMES} "
                "(add it with its PFA code, or an empty code for a national body)",
                "NOT _known",
            ),
            RejectRule(
                "item name",
                f"PFA code given in data/reference/{FORCE_NAMES} is not a police force area",
                "_pfa_code IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM regions r WHERE r.region_id = 'GB-PFA-' || _pfa_code)",
            ),
            RejectRule("item name", "force appears more than once in the file", "_dupes > 1"),
            RejectRule(
                "indicator number",
                "indicator number is not a whole number of staff",
                f"coalesce({COUNT} < 0, true)",
            ),
            RejectRule(
                "sample size",
                "sample size (force headcount) is not a positive whole number",
                f"coalesce({HEADCOUNT} <= 0, true)",
            ),
            RejectRule(
                "indicator number",
                "indicator number is larger than sample size (the force headcount)",
                f"{COUNT} > {HEADCOUNT}",
            ),
            RejectRule(
                "column3", "unexpected value in the unnamed 4th column", "column3 IS NOT NULL"
            ),
        ],
        params={"period_note": PERIOD},
    )
    # The headcount of each accepted record: the BBC's denominator ("total force staff").
    ctx.con.execute(
        "INSERT INTO statistics (source_id, region_id, year, measure, measure_original, value, "
        "  unit, subject, period_note) "
        "SELECT ?, CASE WHEN _pfa_code IS NULL THEN 'GB' ELSE 'GB-PFA-' || _pfa_code END, "
        "  NULL, 'staff_headcount', 'sample size', CAST(\"sample size\" AS BIGINT), 'count', "
        '  CASE WHEN _pfa_code IS NULL THEN "item name" END, ? '
        "FROM iopc_coded "
        "WHERE _row NOT IN (SELECT row_number FROM rejects WHERE source_id = ? AND file_name = ?)",
        [SOURCE.slug, PERIOD, SOURCE.slug, FILE],
    )
