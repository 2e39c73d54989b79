"""Individually reported cases (pseudonymous), e.g. Maisons-Alfort, with legal status."""

from etl.source import LoadContext, RejectRule, Source

SOURCE = Source(
    slug="curated_cases_register",
    title="Register of reported cases (curated, pseudonymous)",
    publisher="This project, from press and court reporting",
    jurisdiction="FR",
    url="data/reference/curated/cases_register.csv",
    licence="Curated by this project; each row cites its sources in source_url",
    primary_file="cases_register.csv",
    order=20,
    folder="reference/curated",
    coverage="5 French cases (10 events) bearing on FR-1, 2021-2026",
    not_covered="Not a census of cases: only those reported in the press and checked",
    caveats="No names; each event records the standing judgment, its court and its finality "
    "as data, and the FR-1 status is derived from them (queries/directives/"
    "fr_1_cases_register.sql), never typed; press-only evidence is at most alleged_violation; "
    "the judgment and finality must be updated when a case moves on",
)

FILE = "cases_register.csv"
JUDGMENTS = ("conviction", "acquittal", "annulled", "alternative_to_prosecution", "none")
COURTS = ("first_instance", "appeal", "cassation", "unknown")
FINALITIES = ("first_instance", "appeal", "cassation_pending", "final", "unknown")
LEGAL_STATUSES = (
    "alleged",
    "convicted_nonfinal",
    "convicted_final",
    "acquitted",
    "overturned",
    "unknown",
)


OUTLETS = "press_outlets.csv"
LOAD_OUTLETS = """
INSERT INTO press_outlets
SELECT domain, outlet, kind, note
FROM read_csv($path, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')
"""


def load(ctx: LoadContext) -> None:
    # The outlets the register cites, for the source-quality check (one map, reviewable).
    ctx.con.execute(LOAD_OUTLETS, {"path": str(ctx.reference_csv(OUTLETS))})
    ctx.stage_csv("staged", FILE)
    ctx.require_columns(
        "staged",
        FILE,
        ["case_id", "legal_status", "confidence", "event_type", "judgment", "finality"],
    )
    ctx.load_rows(
        FILE,
        "staged",
        "case_events",
        columns={
            "case_id": "case_id",
            "source_id": "$source_id",
            "jurisdiction": "jurisdiction",
            "place": "place",
            "region_id": "'FR-DEP-' || departement_code",  # NULL when no departement
            "event_type": "event_type",
            "event_date": "event_date",
            "judgment": "judgment",
            "court": "court",
            "finality": "finality",
            "public_contact": "public_contact",
            "legal_status": "legal_status",
            "offence_domain": "offence_domain",
            "description": "description",
            "directive_id": "directive_id",
            "source_url": "source_url",
            "source_title": "source_title",
            "source_type": "source_type",
            "confidence": "confidence",
        },
        reject_rules=[
            RejectRule("case_id", "case_id is empty", "case_id IS NULL"),
            RejectRule(
                "case_id",
                "case_id appears on an earlier row; one row per case event",
                "row_number() OVER (PARTITION BY case_id ORDER BY _row) > 1",
            ),
            RejectRule(
                "event_date",
                "event_date is not a date (YYYY-MM-DD, or YYYY-MM when the day is unknown)",
                "event_date IS NOT NULL AND (NOT regexp_full_match(event_date, "
                "'[0-9]{4}-[0-9]{2}(-[0-9]{2})?') OR TRY_CAST(CASE WHEN length(event_date) = 7 "
                "THEN event_date || '-01' ELSE event_date END AS DATE) IS NULL)",
            ),
            RejectRule(
                "legal_status",
                f"legal_status is not one of {LEGAL_STATUSES}",
                "legal_status IS NULL OR NOT list_contains($legal_statuses, legal_status)",
            ),
            RejectRule(
                "confidence",
                "confidence is not high, medium or low",
                "confidence IS NULL OR confidence NOT IN ('high', 'medium', 'low')",
            ),
            RejectRule(
                "judgment",
                f"judgment is not one of {JUDGMENTS}",
                "judgment IS NULL OR NOT list_contains($judgments, judgment)",
            ),
            RejectRule(
                "court",
                f"court is not empty or one of {COURTS}",
                "court IS NOT NULL AND NOT list_contains($courts, court)",
            ),
            RejectRule(
                "finality",
                f"finality is not empty or one of {FINALITIES}",
                "finality IS NOT NULL AND NOT list_contains($finalities, finality)",
            ),
            RejectRule(
                "finality",
                "a conviction or acquittal needs its finality (unknown when not reported)",
                "judgment IN ('conviction', 'acquittal') AND finality IS NULL",
            ),
            RejectRule(
                "public_contact",
                "public_contact is not yes, no or unknown",
                "public_contact IS NULL OR public_contact NOT IN ('yes', 'no', 'unknown')",
            ),
        ],
        params={
            "legal_statuses": list(LEGAL_STATUSES),
            "judgments": list(JUDGMENTS),
            "courts": list(COURTS),
            "finalities": list(FINALITIES),
        },
    )
