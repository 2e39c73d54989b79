"""French regions and departements (INSEE COG 2021) with their map shapes (IGN, 2018).

Loads before every French fact source: they key their figures on 'FR-DEP-<code>' and
'FR-REG-<code>'. Codes stay text throughout: '01', '2A' and '976' are not numbers.
"""

import json

from etl.source import Download, LoadContext, RejectRule, Source

REGIONS_FILE = "region2021.csv"
DEPARTEMENTS_FILE = "departement2021.csv"
DEPARTEMENT_SHAPES = "departements-version-simplifiee.geojson"
REGION_SHAPES = "regions-version-simplifiee.geojson"
SHAPE_VINTAGE = "2018"  # IGN Admin Express COG 2018, as stated by france-geojson

SOURCE = Source(
    slug="fr_insee_cog",
    title="French regions and departements (Code officiel géographique 2021) with boundaries",
    publisher="INSEE (Code officiel géographique 2021); "
    "boundaries IGN Admin Express via france-geojson",
    jurisdiction="FR",
    url="https://www.insee.fr/fr/information/5057840",
    licence="Licence Ouverte / Etalab 2.0",
    primary_file=DEPARTEMENTS_FILE,
    order=10,
    files=(DEPARTEMENTS_FILE, REGIONS_FILE, DEPARTEMENT_SHAPES, REGION_SHAPES),
    # COG 2021 and the 2018 shapes are fixed vintages: pinned commits and checksums, so a
    # refresh can restore them byte for byte but never swaps in another vintage.
    downloads=(
        Download(
            "departement2021.csv",
            "https://raw.githubusercontent.com/aubryprieur/streamlit_data_territoire/7618e8e946ed4a83af2706d48335db333f06e32b/departement2021.csv",
            "csv",
            columns=("DEP", "REG", "LIBELLE"),
            min_rows=101,
            sha256="ef783f7e88027dddbfa05b83c40a67d3f0f3894de165aace0acb118529eb97f7",
        ),
        Download(
            "region2021.csv",
            "https://raw.githubusercontent.com/aubryprieur/streamlit_data_territoire/7618e8e946ed4a83af2706d48335db333f06e32b/region2021.csv",
            "csv",
            columns=("REG", "LIBELLE"),
            min_rows=18,
            sha256="b4aa83b414bc49eef65c1c5fd31df28dfb9d8d9c2574b0ed220346aec5ad6f30",
        ),
        Download(
            "departements-version-simplifiee.geojson",
            "https://raw.githubusercontent.com/gregoiredavid/france-geojson/5d34ee6d0140c29f785fdb047d9329f1aab58833/departements-version-simplifiee.geojson",
            "geojson",
            columns=("code", "nom"),
            min_rows=96,
            sha256="c08a1ad48299763b50ef649f05a911c1021500c94719a1aa22a9d06191e43fc3",
        ),
        Download(
            "regions-version-simplifiee.geojson",
            "https://raw.githubusercontent.com/gregoiredavid/france-geojson/5d34ee6d0140c29f785fdb047d9329f1aab58833/regions-version-simplifiee.geojson",
            "geojson",
            columns=("code", "nom"),
            min_rows=13,
            sha256="3ad10f703df5dd1807062846f9dec05e4b5577da76177eedc548a7dbeb0e93c4",
        ),
    ),
    coverage="All 18 regions and 101 departements of France as of 1 January 2021 "
    "(metropolitan France, Corsica as 2A/2B, and the five overseas departements), "
    "with simplified boundaries for the 13 metropolitan regions and 96 metropolitan "
    "departements",
    not_covered="Overseas departements and regions (971-976, regions 01-06) have no "
    "boundary: the bundled shapes are metropolitan only. No communes, arrondissements "
    "or police/gendarmerie districts.",
    caveats="Boundaries are simplified shapes of the 2018 COG (IGN Admin Express via "
    "gregoiredavid/france-geojson), for maps only, not for spatial joins; codes and names "
    "match COG 2021, but a few communes that changed departement after 2018 are drawn on "
    "their 2018 side. Overseas departements have no "
    "boundary and must be shown as an inset or table. The INSEE tables are a third-party "
    "copy (aubryprieur/streamlit_data_territoire) of the COG 2021 files.",
)

# Departement codes: 01-95 (no 20 since 1976), 2A/2B for Corsica, 971-976 overseas.
DEP_PATTERN = "^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$"


def _stage_features(ctx: LoadContext, table: str, file_name: str) -> None:
    """Stage one GeoJSON FeatureCollection as (code, nom, geometry_type, geometry)."""
    rows = []
    for feature in ctx.json_records(file_name, ctx.read_json(file_name), "features", ["code"]):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry")
        rows.append(
            (
                properties.get("code"),
                properties.get("nom"),
                (geometry or {}).get("type"),
                None if geometry is None else json.dumps(geometry, separators=(",", ":")),
            )
        )
    ctx.stage_rows(table, ["code", "nom", "geometry_type", "geometry"], rows, file_name=file_name)


# The code must name a region of the same level loaded above from the INSEE tables.
UNKNOWN_CODE = {
    "departement": "code IS NULL OR code NOT IN "
    "(SELECT code FROM regions WHERE country = 'FR' AND level = 'departement')",
    "region": "code IS NULL OR code NOT IN "
    "(SELECT code FROM regions WHERE country = 'FR' AND level = 'region')",
}


def _load_shapes(ctx: LoadContext, file_name: str, prefix: str, level: str) -> None:
    table = "staged_" + prefix.lower().replace("-", "_")
    _stage_features(ctx, table, file_name)
    ctx.load_rows(
        file_name,
        table,
        "boundaries",
        columns={
            "region_id": "$prefix || code",
            "source_id": "$source_id",
            "vintage": "$vintage",
            "geometry": "geometry",
        },
        reject_rules=[
            RejectRule(
                "code",
                f"feature property 'code' is not a {level} code in the INSEE COG 2021 "
                "table, so the shape has no region to attach to",
                UNKNOWN_CODE[level],
            ),
            RejectRule(
                "code",
                "feature code appears on more than one feature; keep one shape per code",
                "count(*) OVER (PARTITION BY code) > 1",
            ),
            RejectRule(
                "geometry",
                "feature geometry is missing or not a Polygon/MultiPolygon",
                "geometry_type IS NULL OR geometry_type NOT IN ('Polygon', 'MultiPolygon')",
            ),
        ],
        params={"prefix": prefix, "vintage": SHAPE_VINTAGE},
    )


def load(ctx: LoadContext) -> None:
    # Regions first: departements name their region as parent.
    ctx.stage_csv("staged_regions", REGIONS_FILE)
    ctx.require_columns("staged_regions", REGIONS_FILE, ["REG", "LIBELLE"])
    ctx.load_rows(
        REGIONS_FILE,
        "staged_regions",
        "regions",
        columns={
            "region_id": "'FR-REG-' || REG",
            "country": "'FR'",
            "level": "'region'",
            "code": "REG",
            "name": "LIBELLE",
            "parent_id": "'FR'",
            "source_id": "$source_id",
        },
        reject_rules=[
            RejectRule(
                "REG",
                "REG is not a 2-digit region code",
                "NOT regexp_matches(coalesce(REG, ''), '^[0-9]{2}$')",
            ),
            RejectRule(
                "REG",
                "REG appears on more than one row; keep one",
                "count(*) OVER (PARTITION BY REG) > 1",
            ),
            RejectRule(
                "LIBELLE", "LIBELLE (region name) is empty", "trim(coalesce(LIBELLE, '')) = ''"
            ),
        ],
    )

    ctx.stage_csv("staged_departements", DEPARTEMENTS_FILE)
    ctx.require_columns("staged_departements", DEPARTEMENTS_FILE, ["DEP", "REG", "LIBELLE"])
    ctx.load_rows(
        DEPARTEMENTS_FILE,
        "staged_departements",
        "regions",
        columns={
            "region_id": "'FR-DEP-' || DEP",
            "country": "'FR'",
            "level": "'departement'",
            "code": "DEP",
            "name": "LIBELLE",
            "parent_id": "'FR-REG-' || REG",
            "source_id": "$source_id",
        },
        reject_rules=[
            RejectRule(
                "DEP",
                "DEP is not a departement code (01-95, 2A, 2B or 971-976)",
                "NOT regexp_matches(coalesce(DEP, ''), $dep_pattern)",
            ),
            RejectRule(
                "DEP",
                "DEP appears on more than one row; keep one",
                "count(*) OVER (PARTITION BY DEP) > 1",
            ),
            RejectRule(
                "REG",
                "REG is not a region code listed in region2021.csv",
                "REG IS NULL OR 'FR-REG-' || REG NOT IN "
                "(SELECT region_id FROM regions WHERE level = 'region')",
            ),
            RejectRule(
                "LIBELLE", "LIBELLE (departement name) is empty", "trim(coalesce(LIBELLE, '')) = ''"
            ),
        ],
        params={"dep_pattern": DEP_PATTERN},
    )

    _load_shapes(ctx, DEPARTEMENT_SHAPES, "FR-DEP-", "departement")
    _load_shapes(ctx, REGION_SHAPES, "FR-REG-", "region")
