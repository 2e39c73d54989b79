"""Police officers (full-time equivalent) by force of England and Wales, 2015-2019."""

from etl.source import Download, LoadContext, RejectRule, Source

FILE = "police-workforce-fte-by-year.csv"
FORCE_NAMES = "gb_force_names.csv"

SOURCE = Source(
    slug="gb_homeoffice_police_workforce",
    title="Police workforce, England and Wales: officer FTE by force, 31 March 2015-2019",
    publisher="Home Office (Police workforce, England and Wales), via Resistance Lab",
    jurisdiction="GB-EAW",
    url="https://www.gov.uk/government/collections/police-workforce-england-and-wales",
    licence="Open Government Licence v3.0 (Home Office police workforce tables); "
    "credit Home Office + Resistance Lab",
    primary_file=FILE,
    order=30,
    downloads=(
        Download(
            "police-workforce-fte-by-year.csv",
            "https://raw.githubusercontent.com/Resistance-Lab/resistancelab_data/HEAD/analysis/0003-police-workforce-by-year/police-workforce-fte-by-year.csv",
            "csv",
            columns=("Police force", "FTE Count", "Year"),
            min_rows=200,
        ),
    ),
    coverage="Police officer full-time equivalents at 31 March 2015-2019 for the 43 forces, "
    "British Transport Police and officers on central service secondment",
    not_covered="Police staff, PCSOs and special constables; years after 2019; the West "
    "Midlands region totals (rejected: they would double count four forces)",
    caveats="British Transport Police and Central Service Secondments have no police force "
    "area: they are loaded with region_id 'GB' and subject = the published name, so filter "
    "on subject IS NULL (or on GB-PFA-* regions) to sum the 43 forces. Values are stored "
    "as published, float noise included (British Transport Police 2017: 2678.4999999999995)",
)

WEST_MIDLANDS = "West Midlands"


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged_workforce", FILE)
    ctx.require_columns("staged_workforce", FILE, ["Police force", "FTE Count", "Year"])
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE gb_force_names AS "
        "SELECT * FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(ctx.reference_csv(FORCE_NAMES))},
    )
    # 'West Midlands' is published twice a year: the West Midlands region (four forces)
    # and the force. _dupes/_rank let a rule reject the larger one, the region total.
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE workforce_coded AS "
        "SELECT s.*, n.published_name IS NOT NULL AS _known, n.pfa_code AS _pfa_code, "
        '  count(*) OVER (PARTITION BY s."Police force", s."Year") AS _dupes, '
        '  row_number() OVER (PARTITION BY s."Police force", s."Year" '
        '    ORDER BY TRY_CAST(s."FTE Count" AS DOUBLE) DESC) AS _rank '
        "FROM staged_workforce s "
        'LEFT JOIN gb_force_names n ON n.published_name = s."Police force" '
        "  AND n.source_file = ?",
        [FILE],
    )
    national = "_pfa_code IS NULL"  # crosswalk rows without a code: national bodies
    ctx.load_rows(
        FILE,
        "workforce_coded",
        "statistics",
        columns={
            "source_id": "$source_id",
            "region_id": f"CASE WHEN {national} THEN 'GB' ELSE 'GB-PFA-' || _pfa_code END",
            "year": 'CAST("Year" AS INTEGER)',
            "measure": "'officers_fte'",
            "measure_original": "'FTE Count'",
            "value": 'CAST("FTE Count" AS DOUBLE)',
            "unit": "'fte'",
            "subject": f'CASE WHEN {national} THEN "Police force" END',
            "period_note": f"CASE WHEN {national} THEN 'at 31 March; national body without "
            "a police force area, not one of the 43 forces' ELSE 'at 31 March' END",
        },
        reject_rules=[
            RejectRule(
                "Year",
                "Year is not a 4-digit year",
                """NOT regexp_full_match(coalesce("Year", ''), '[0-9]{4}')""",
            ),
            RejectRule(
                "FTE Count",
                "FTE Count is not a non-negative number",
                'coalesce(TRY_CAST("FTE Count" AS DOUBLE) < 0, true)',
            ),
            RejectRule(
                "Police force",
                "West Midlands region total, not the force (the force is the smaller value)",
                '"Police force" = $west_midlands AND _dupes = 2 AND _rank = 1',
            ),
            RejectRule(
                "Police force",
                "Police force and Year appear more than once: cannot tell which is the force",
                '_dupes > 1 AND NOT ("Police force" = $west_midlands AND _dupes = 2)',
            ),
            RejectRule(
                "Police force",
                f"Police force name is not in data/reference/{FORCE_NAMES} "
                "(add it with its PFA code, or an empty code for a national body)",
                "NOT _known",
            ),
            RejectRule(
                "Police force",
                f"PFA code given in data/reference/{FORCE_NAMES} is not a police force area",
                "_pfa_code IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM regions r WHERE r.region_id = 'GB-PFA-' || _pfa_code)",
            ),
        ],
        params={"west_midlands": WEST_MIDLANDS},
    )
