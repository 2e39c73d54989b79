"""Chicago police misconduct lawsuit settlements, one row per officer x lawsuit (CPDP).

Plaintiff names (the misspelled 'plantiff' column) are dropped at staging, so they never
reach the warehouse, not even in rejects.
"""

from etl.source import Download, LoadContext, RejectRule, Source

FILE = "settlements_1952-2016_2017-01.csv.gz"

SOURCE = Source(
    slug="us_chicago_cpdp_settlements",
    title="Chicago police misconduct lawsuit settlements by officer",
    publisher="Invisible Institute (Citizens Police Data Project), "
    "from City of Chicago FOIA releases",
    jurisdiction="US-IL-CHI",
    url="https://github.com/invinst/chicago-police-data",
    licence="No licence file; FOIA-released City of Chicago records published by the "
    "Invisible Institute (Citizens Police Data Project) for public analysis; cite Invisible "
    "Institute / CPDP",
    primary_file=FILE,
    order=50,
    downloads=(
        Download(
            "settlements_1952-2016_2017-01.csv.gz",
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/fully-unified-data/settlements/settlements_1952-2016_2017-01.csv.gz",
            "csv.gz",
            columns=(
                "row_id",
                "case_id",
                "complaint",
                "incident_date",
                "location",
                "settlement",
                "UID",
                "plantiff",
            ),
            min_rows=3000,
        ),
    ),
    coverage="3,374 officer x lawsuit rows for 943 lawsuits settled by the City of Chicago "
    "(incidents mostly 2004-2014, settlements compiled in January 2017): lawsuit type, "
    "incident date and address, settlement amount, and the officer's CPDP UID "
    "(pseudonymised, so settlements join complaints and unit assignments).",
    not_covered="No plaintiff names (dropped on purpose), no beat or district, no court "
    "filings or outcome beyond the amount; lawsuits that were not settled or settled "
    "without a named officer in this release are absent.",
    caveats="The settlement amount is repeated on every officer row of a lawsuit: deduplicate "
    "on case_id before summing (about $280.2M once per case, versus $1.35bn when summing "
    "rows). 113 rows have no officer UID (officer_key NULL). location 'Not specified' is "
    "loaded as NULL. Case 04-CV-47 (a 2004 'Reversed conviction' suit, 7 rows) is dated "
    "1952-01-11 by the publisher; this is doubtful but kept as published, because two of its "
    "officers were serving in 1952 according to the unit history, so the date cannot be "
    "called impossible. 22 rows have no incident date.",
)

AMOUNT = "TRY_CAST(replace(replace(trim(settlement), '$', ''), ',', '') AS DOUBLE)"
DATE = "TRY_CAST(incident_date AS DATE)"


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged", FILE, drop_columns=("plantiff",))
    ctx.require_columns(
        "staged",
        FILE,
        ["row_id", "case_id", "complaint", "incident_date", "location", "settlement", "UID"],
    )
    ctx.load_rows(
        FILE,
        "staged",
        "settlements",
        columns={
            "source_id": "$source_id",
            "row_id": "trim(row_id)",
            "case_id": "trim(case_id)",
            "officer_key": "officer_key('cpdp', UID)",
            "complaint_type": "nullif(trim(complaint), '')",
            "incident_date": DATE,
            "amount_usd": AMOUNT,
            "location": "CASE WHEN trim(location) IN ('', 'Not specified') THEN NULL "
            "ELSE location END",
        },
        reject_rules=[
            RejectRule("row_id", "row_id is empty", "trim(coalesce(row_id, '')) = ''"),
            RejectRule(
                "case_id",
                "case_id is empty: the row cannot be tied to a lawsuit",
                "trim(coalesce(case_id, '')) = ''",
            ),
            RejectRule(
                "UID",
                "UID is not a CPDP officer id (digits, optionally '.0')",
                "trim(coalesce(UID, '')) <> '' "
                "AND NOT regexp_full_match(trim(UID), '[0-9]+(\\.0)?')",
            ),
            RejectRule(
                "incident_date",
                "incident_date is not a date (YYYY-MM-DD)",
                f"trim(coalesce(incident_date, '')) <> '' AND {DATE} IS NULL",
            ),
            RejectRule(
                "settlement",
                "settlement is not a dollar amount such as '$35,000'",
                "NOT regexp_full_match(trim(coalesce(settlement, '')), "
                "'\\$[0-9]{1,3}(,[0-9]{3})*(\\.[0-9]{2})?') "
                f"OR {AMOUNT} IS NULL",
            ),
        ],
    )
