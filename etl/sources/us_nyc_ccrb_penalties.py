"""NYC CCRB substantiated officer x complaint: Board recommendation vs NYPD penalty."""

from etl.source import Download, LoadContext, RejectRule, Source, SourceError

SOURCE = Source(
    slug="us_nyc_ccrb_penalties",
    title="CCRB Complaints Database: Penalties (substantiated officers and NYPD penalties)",
    publisher="New York City Civilian Complaint Review Board (NYC Open Data)",
    jurisdiction="US-NY-NYC",
    year_basis="closed",
    url="https://data.cityofnewyork.us/Public-Safety/CCRB-Complaints-Database-Penalties/keep-pkmh",
    licence="NYC Open Data terms of use (free public reuse, no warranty)",
    primary_file="ccrb-complaints-database-penalties.csv",
    files=("ccrb-complaints-database-penalties.csv",),
    # NYC Open Data (Socrata): the full export of dataset keep-pkmh.
    downloads=(
        Download(
            "ccrb-complaints-database-penalties.csv",
            "https://data.cityofnewyork.us/api/views/keep-pkmh/rows.csv?accessType=DOWNLOAD",
            "csv",
            columns=(
                "Complaint Id",
                "Tax ID",
                "CCRB Substantiated Officer Disposition",
                "Board Discipline Recommendation",
                "Non-APU NYPD Penalty Report Date",
                "Officer is_APU",
                "APU CCRB Trial Recommended Penalty",
                "APU Trial Commissioner Recommended Penalty",
                "APU Plea Agreed Penalty",
                "APU Case Status",
                "APU Closing Date",
                "NYPD Officer Penalty",
            ),
            min_rows=12000,
        ),
    ),
    coverage="Every officer x complaint the CCRB substantiated (complaints from 2000 to 2026): "
    "the Board's discipline recommendation, the APU prosecution stage where there was one, and "
    "the penalty the NYPD imposed",
    not_covered="Unsubstantiated, unfounded or exonerated allegations; the allegation type "
    "(FADO category) and the precinct, which are in the companion complaints and allegations "
    "files, not bundled here",
    caveats="One row per substantiated officer x complaint, not per allegation, so category is "
    "NULL. recommended_outcome is the Board Discipline Recommendation; where that is blank "
    "(52% of rows, mostly complaints before 2020) it is the recommendation embedded in the CCRB "
    "Substantiated Officer Disposition, e.g. 'Substantiated (Charges)'. closed_date is when "
    "discipline ended, not when the CCRB closed its case: the APU Closing Date for APU cases, "
    "else the Non-APU NYPD Penalty Report Date. A blank final_outcome means the NYPD had not "
    "reported a penalty. apu_reference_outcome is the APU Plea Agreed Penalty (plea cases), else "
    "the APU Trial Commissioner Recommended Penalty (trial cases): the CCRB's own position the "
    "Police Commissioner approves or departs from. Levels come from "
    "data/reference/outcome_map_us_ny_nyc.csv.",
)

FILE = "ccrb-complaints-database-penalties.csv"
JURISDICTION = "US-NY-NYC"
OUTCOME_MAP = "outcome_map_us_ny_nyc.csv"
LEVELS = ("none", "advice", "warning", "suspension", "demotion", "dismissal")
# outcome_map.flag: what a level cannot say (DESIGN §3: interim measures, licence bars and
# credibility lists are flags, never levels). No NYC label carries one today.
FLAGS = ("imposed_not_served", "interim_measure", "licence_bar", "credibility_list")

LOAD_OUTCOME_MAP = """
INSERT INTO outcome_map (jurisdiction, original_label, level, is_sanction, source_id, regime, note,
                         flag)
SELECT jurisdiction, original_label, level, TRY_CAST(is_sanction AS BOOLEAN), $source,
       'NYPD discipline as reported to the CCRB', note, flag
FROM read_csv($path, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')
"""
# Rows of the reviewable map that would make the labels ambiguous or off the common scale.
BAD_OUTCOME_MAP = """
SELECT original_label, level, is_sanction
FROM (SELECT *, count(*) OVER (PARTITION BY original_label) AS copies
      FROM outcome_map WHERE source_id = $source)
WHERE jurisdiction IS DISTINCT FROM $jurisdiction OR original_label IS NULL
   OR is_sanction IS NULL OR NOT list_contains($levels, coalesce(level, 'none')) OR copies > 1
   OR (flag IS NOT NULL AND NOT list_contains($flags, flag))
"""
LEVEL_MACRO = """
CREATE OR REPLACE TEMP MACRO nyc_outcome_level(label) AS
(SELECT level FROM outcome_map WHERE jurisdiction = 'US-NY-NYC' AND original_label = label)
"""
FLAG_MACRO = """
CREATE OR REPLACE TEMP MACRO nyc_outcome_flag(label) AS
(SELECT flag FROM outcome_map WHERE jurisdiction = 'US-NY-NYC' AND original_label = label)
"""

RECOMMENDED = (
    'coalesce("Board Discipline Recommendation", "CCRB Substantiated Officer Disposition")'
)
# Which of the two publisher columns RECOMMENDED took its value from
# (allegations.recommended_outcome_field); the column names are parameters.
RECOMMENDED_FIELD = """CASE WHEN "Board Discipline Recommendation" IS NOT NULL THEN $board_field
     WHEN "CCRB Substantiated Officer Disposition" IS NOT NULL THEN $disposition_field END"""
IS_APU = "\"Officer is_APU\" = 'Yes'"
# Which stage set the final penalty: the department (non-APU) or the Administrative
# Prosecution Unit by plea or trial; then the APU case status as published.
STAGE = f"""CASE WHEN NOT {IS_APU} THEN 'Non-APU'
     ELSE CASE WHEN "APU Plea Agreed Penalty" IS NOT NULL THEN 'APU plea'
               WHEN "APU Trial Commissioner Recommended Penalty" IS NOT NULL
                 OR "APU CCRB Trial Recommended Penalty" IS NOT NULL
                 OR "APU Case Status" ILIKE '%trial%' THEN 'APU trial'
               ELSE 'APU' END
          || ': ' || coalesce("APU Case Status", 'no status') END"""
# The CCRB's own penalty position at the end of an APU case, which the Police Commissioner
# approves or departs from: the plea its prosecutors agreed, else (trial cases) the Trial
# Commissioner's recommendation. Plea first, as in STAGE: no row has both.
APU_REFERENCE = f"""CASE WHEN {IS_APU}
     THEN coalesce("APU Plea Agreed Penalty", "APU Trial Commissioner Recommended Penalty") END"""


def date_rule(column: str) -> RejectRule:
    return RejectRule(
        column,
        f"{column} is not a MM/DD/YYYY date",
        f'"{column}" IS NOT NULL AND try_strptime("{column}", \'%m/%d/%Y\') IS NULL',
    )


def date(column: str) -> str:
    return f"CAST(try_strptime(\"{column}\", '%m/%d/%Y') AS DATE)"


def load_outcome_map(ctx: LoadContext) -> None:
    params = {"source": SOURCE.slug, "path": str(ctx.reference_csv(OUTCOME_MAP))}
    ctx.con.execute(LOAD_OUTCOME_MAP, params)
    bad = ctx.con.execute(
        BAD_OUTCOME_MAP,
        {
            "source": SOURCE.slug,
            "jurisdiction": JURISDICTION,
            "levels": list(LEVELS),
            "flags": list(FLAGS),
        },
    ).fetchall()
    if bad:
        raise SourceError(
            f"reference file {OUTCOME_MAP}: rows with a wrong jurisdiction, an empty label, a "
            f"level off the scale {LEVELS}, is_sanction not true/false, a flag not in {FLAGS} "
            f"or a repeated label, e.g. {bad[:3]}"
        )
    ctx.con.execute(LEVEL_MACRO)
    ctx.con.execute(FLAG_MACRO)


def load(ctx: LoadContext) -> None:
    load_outcome_map(ctx)
    ctx.stage_csv("staged_penalties", FILE)
    ctx.require_columns(
        "staged_penalties",
        FILE,
        [
            "Complaint Id", "Tax ID", "CCRB Substantiated Officer Disposition",
            "Board Discipline Recommendation", "Non-APU NYPD Penalty Report Date",
            "Officer is_APU", "APU CCRB Trial Recommended Penalty",
            "APU Trial Commissioner Recommended Penalty", "APU Plea Agreed Penalty",
            "APU Case Status", "APU Closing Date", "NYPD Officer Penalty",
        ],
    )  # fmt: skip
    ctx.load_rows(
        FILE,
        "staged_penalties",
        "allegations",
        # Stored by date, so a year filter skips whole blocks (queries/explore_allegations.sql).
        order_by=("closed_date", "allegation_id"),
        columns={
            "allegation_id": "$jurisdiction || ':' || \"Complaint Id\" || ':' || \"Tax ID\"",
            "source_id": "$source_id",
            "case_id": '"Complaint Id"',
            "officer_key": "officer_key('nypd', \"Tax ID\")",
            # No geography in this file: the city is the finest known region.
            "region_id": "$jurisdiction",
            "closed_date": f"CASE WHEN {IS_APU} THEN {date('APU Closing Date')} "
            f"ELSE {date('Non-APU NYPD Penalty Report Date')} END",
            # Every row of this file is a substantiated officer x complaint.
            "finding": "'sustained'",
            "finding_original": '"CCRB Substantiated Officer Disposition"',
            "recommended_outcome": RECOMMENDED,
            "recommended_level": f"nyc_outcome_level({RECOMMENDED})",
            "final_outcome": '"NYPD Officer Penalty"',
            "final_outcome_detail": STAGE,
            "final_level": 'nyc_outcome_level("NYPD Officer Penalty")',
            "case_status": '"APU Case Status"',
            "apu_reference_outcome": APU_REFERENCE,
            "apu_reference_level": f"nyc_outcome_level({APU_REFERENCE})",
            "recommended_flag": f"nyc_outcome_flag({RECOMMENDED})",
            "final_flag": 'nyc_outcome_flag("NYPD Officer Penalty")',
            "recommended_outcome_field": RECOMMENDED_FIELD,
        },
        reject_rules=[
            RejectRule(
                "Complaint Id",
                "Complaint Id is not a CCRB complaint number (digits)",
                "NOT coalesce(regexp_full_match(\"Complaint Id\", '[0-9]+'), false)",
            ),
            RejectRule(
                "Tax ID",
                "Tax ID is not an NYPD tax id (digits)",
                "NOT coalesce(regexp_full_match(\"Tax ID\", '[0-9]+'), false)",
            ),
            RejectRule(
                "Tax ID",
                "repeats the Complaint Id and Tax ID of an earlier row",
                'row_number() OVER (PARTITION BY "Complaint Id", "Tax ID" ORDER BY _row) > 1',
            ),
            RejectRule(
                "Officer is_APU",
                "Officer is_APU is not Yes or No",
                "\"Officer is_APU\" IS NULL OR \"Officer is_APU\" NOT IN ('Yes', 'No')",
            ),
            date_rule("APU Closing Date"),
            date_rule("Non-APU NYPD Penalty Report Date"),
        ],
        params={
            "jurisdiction": JURISDICTION,
            "board_field": "Board Discipline Recommendation",
            "disposition_field": "CCRB Substantiated Officer Disposition",
        },
    )
