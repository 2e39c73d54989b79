"""French police and gendarmerie discipline figures by year, as published (statistics)."""

from etl.source import LoadContext, RejectRule, Source

SOURCE = Source(
    slug="curated_fr_national_sanctions",
    title="French national discipline figures (curated)",
    publisher="This project, from Interior Ministry reports as reproduced by the press and unions",
    jurisdiction="FR",
    url="data/reference/curated/fr_national_sanctions.csv",
    licence="Curated by this project; each row cites its source in source_url",
    primary_file="fr_national_sanctions.csv",
    order=20,
    folder="reference/curated",
    coverage="National totals 2009-2023: sanctions by group, IGPN/IGGN activity, "
    "FR-1 removals from public contact (Aug 2021 - Sept 2022)",
    not_covered="No breakdown by departement or region; police totals for 2020 and 2022+ "
    "and gendarmerie totals for 2018-2020 and 2022+ were not found",
    caveats="Definitions change between editions: compare years only for the same measure",
)

FILE = "fr_national_sanctions.csv"


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged", FILE)
    ctx.require_columns("staged", FILE, ["year", "force", "measure", "value", "unit", "confidence"])
    ctx.load_rows(
        FILE,
        "staged",
        "statistics",
        columns={
            "source_id": "$source_id",
            "region_id": "'FR'",
            "year": "CAST(year AS INTEGER)",
            "measure": "measure",
            "measure_original": "measure",
            "value": "CAST(value AS DOUBLE)",
            "unit": "unit",
            "subject": "force",
            "period_note": "period_note",
            "confidence": "confidence",
            "source_url": "source_url",
        },
        reject_rules=[
            RejectRule("year", "year is not a whole number", "TRY_CAST(year AS INTEGER) IS NULL"),
            RejectRule("value", "value is not a number", "TRY_CAST(value AS DOUBLE) IS NULL"),
            RejectRule("measure", "measure is empty", "measure IS NULL"),
            RejectRule("unit", "unit is not count or percent", "unit NOT IN ('count', 'percent')"),
        ],
    )
