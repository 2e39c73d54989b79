"""Legal sanction scales (France, England and Wales, typical US) on the common 0-5 scale."""

from etl.source import LoadContext, RejectRule, Source

SOURCE = Source(
    slug="curated_outcome_taxonomy",
    title="Outcome taxonomy: legal sanction scales on a common scale (curated)",
    publisher="This project, from legal texts",
    jurisdiction="multi",
    url="data/reference/curated/outcome_taxonomy.csv",
    licence="Curated by this project; each row cites its legal source in source_url",
    primary_file="outcome_taxonomy.csv",
    order=5,
    folder="reference/curated",
    coverage="French police (CGFP 2022 and pre-2019 scales), gendarmerie, England and Wales "
    "(2012 and 2020 regulations), typical US agency labels",
    not_covered="Chicago and NYC labels, which their own sources map (data/reference/)",
    caveats="The common scale is type-based and does not always follow legal group order",
)

FILE = "outcome_taxonomy.csv"
LEVELS = ("none", "advice", "warning", "suspension", "demotion", "dismissal")
# DESIGN §3: interim measures, licence bars and credibility lists are flags, never levels.
FLAGS = ("interim_measure", "imposed_not_served", "licence_bar", "credibility_list")


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged", FILE)
    ctx.require_columns(
        "staged", FILE, ["jurisdiction", "regime", "original_label", "common_level", "is_sanction"]
    )
    # An optional `flag` column (interim measures, licence bars, credibility lists: DESIGN
    # §3 says flags, never levels) goes to outcome_map.flag; its vocabulary is checked by
    # queries/checks/outcome_flags_valid.sql.
    staged_columns = {row[0] for row in ctx.con.execute("DESCRIBE staged").fetchall()}
    flag = "flag" if "flag" in staged_columns else "NULL"
    ctx.load_rows(
        FILE,
        "staged",
        "outcome_map",
        columns={
            "jurisdiction": "jurisdiction",
            "original_label": "original_label",
            "level": "common_level",
            "is_sanction": "CAST(is_sanction AS BOOLEAN)",
            "source_id": "$source_id",
            "regime": "regime",
            "note": "notes",
            "flag": flag,
        },
        reject_rules=[
            RejectRule("original_label", "original_label is empty", "original_label IS NULL"),
            RejectRule(
                "common_level",
                f"common_level is not one of {LEVELS} (empty only with a flag)",
                "(common_level IS NULL AND flag IS NULL) "
                "OR NOT list_contains($levels, coalesce(common_level, 'none'))",
            ),
            RejectRule(
                "flag",
                f"flag is not empty or one of {FLAGS}",
                "flag IS NOT NULL AND NOT list_contains($flags, flag)",
            ),
            RejectRule(
                "is_sanction",
                "is_sanction is not true or false",
                "TRY_CAST(is_sanction AS BOOLEAN) IS NULL",
            ),
        ],
        params={"levels": list(LEVELS), "flags": list(FLAGS)},
    )
