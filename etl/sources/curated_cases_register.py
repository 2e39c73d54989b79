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
    caveats="No names; press-only allegations are alleged_violation, never violation; "
    "legal status must be updated when a case moves on",
)

FILE = "cases_register.csv"
LEGAL_STATUSES = (
    "alleged",
    "convicted_nonfinal",
    "convicted_final",
    "acquitted",
    "overturned",
    "unknown",
)


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged", FILE)
    ctx.require_columns("staged", FILE, ["case_id", "legal_status", "confidence", "event_type"])
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
            "legal_status": "legal_status",
            "offence_domain": "offence_domain",
            "description": "description",
            "directive_id": "directive_id",
            "status_vs_directive": "status_vs_directive",
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
                "status_vs_directive",
                "status_vs_directive says violation without official or court evidence",
                "status_vs_directive = 'violation' AND source_type = 'press'",
            ),
        ],
        params={"legal_statuses": list(LEGAL_STATUSES)},
    )
