"""Directives and rules to track, transcribed by hand from legal texts (14 rows)."""

from etl.source import LoadContext, RejectRule, Source

SOURCE = Source(
    slug="curated_directives",
    title="Directives to track (curated)",
    publisher="This project, from legal texts and official statements",
    jurisdiction="multi",
    url="data/reference/curated/directives.csv",
    licence="Curated by this project; each row cites its legal source in source_url",
    primary_file="directives.csv",
    order=5,
    folder="reference/curated",
    coverage="France (FR-1 to FR-7), England and Wales, New Jersey, New York City, Chicago, "
    "US federal",
    not_covered="FR-5, FR-8, UK-4 to UK-9 and several US rules could not be re-verified "
    "and are left out",
    caveats="Confidence per row; FR-1's circular reference and date were not found",
)

FILE = "directives.csv"


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged", FILE)
    ctx.require_columns(
        "staged",
        FILE,
        [
            "directive_id",
            "jurisdiction",
            "issuer",
            "title_en",
            "requirement",
            "issued_date",
            "deadline_days",
        ],
    )
    ctx.load_rows(
        FILE,
        "staged",
        "directives",
        columns={
            "directive_id": "directive_id",
            "jurisdiction": "jurisdiction",
            "issuer": "issuer",
            "reference": "reference",
            "issued_date": "TRY_CAST(issued_date AS DATE)",
            "title": "title_en",
            "requirement": "requirement",
            "source_url": "source_url",
            "title_fr": "NULLIF(title_fr, '')",
            "instrument": "instrument",
            "binding": "binding",
            "effective_date": "TRY_CAST(effective_date AS DATE)",
            "end_date": "TRY_CAST(end_date AS DATE)",
            "trigger_event": '"trigger"',
            "obligation": "obligation",
            "deadline_days": "TRY_CAST(deadline_days AS INTEGER)",
            "checkable_with": "checkable_with",
            "source_title": "source_title",
            "confidence": "confidence",
        },
        reject_rules=[
            RejectRule("directive_id", "directive_id is empty", "directive_id IS NULL"),
            RejectRule(
                "directive_id",
                "directive_id appears on an earlier row; one row per directive",
                "row_number() OVER (PARTITION BY directive_id ORDER BY _row) > 1",
            ),
            RejectRule("title_en", "title_en is empty", "title_en IS NULL"),
            *[
                RejectRule(
                    column,
                    f"{column} is not an ISO date",
                    f"{column} IS NOT NULL AND TRY_CAST({column} AS DATE) IS NULL",
                )
                for column in ("issued_date", "effective_date", "end_date")
            ],
            RejectRule(
                "deadline_days",
                "deadline_days is not a whole number",
                "deadline_days IS NOT NULL AND TRY_CAST(deadline_days AS INTEGER) IS NULL",
            ),
        ],
    )
