"""Chicago and its CPD police districts: regions, 2010 population by district, boundaries.

Loads before every Chicago fact source: they key their figures on 'US-IL-CHI' and
'US-IL-CHI-D<n>'. The 22 districts are those drawn on 2012-12-19 (CPD General Order
G01-04); the retired districts 13, 21 and 23 are added so older complaints keep a region.
"""

import json

from etl.source import Download, LoadContext, RejectRule, Source

DEMOGRAPHICS_FILE = "Districts.csv"
SHAPES_FILE = "cpd_district_boundaries.geojson"

SOURCE = Source(
    slug="us_chicago_districts",
    title="Chicago police districts: 2010 population by race/ethnicity, and boundaries",
    publisher="Chicago Police Department (FOIA P050685, via Invisible Institute); "
    "boundaries City of Chicago Data Portal (via DataMade)",
    jurisdiction="US-IL-CHI",
    url="https://github.com/invinst/chicago-police-data/tree/master/data/context_data/"
    "district_demographics/Districts.csv",
    licence="No licence file; FOIA-released City of Chicago records published by the "
    "Invisible Institute (Citizens Police Data Project) for public analysis; cite Invisible "
    "Institute / CPDP (CPD FOIA response P050685). Boundaries: City of Chicago Data Portal "
    "terms of use (dataset fthy-xz3r); repository copy MIT (DataMade); credit City of "
    "Chicago + DataMade",
    primary_file=DEMOGRAPHICS_FILE,
    order=10,
    files=(DEMOGRAPHICS_FILE, SHAPES_FILE),
    downloads=(
        Download(
            "Districts.csv",
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/context_data/district_demographics/Districts.csv",
            "csv",
            columns=("District_No", "District_Name", "Population"),
            min_rows=22,
        ),
        # The lines drawn in December 2012: a fixed vintage, pinned.
        Download(
            "cpd_district_boundaries.geojson",
            "https://raw.githubusercontent.com/datamade/justice-divided/63fa1e955daeb5a2473c3df3086ecf7ae83bab64/data/raw/cpd_district_boundaries.geojson",
            "geojson",
            columns=("dist_num", "dist_label"),
            min_rows=22,
            sha256="3198fb193dee7e9ee6ceb0ace951fadc7d91d1909fbf94723232f8123899a100",
        ),
    ),
    coverage="The city of Chicago and its 22 police districts in force since December 2012 "
    "(1-12, 14-20, 22, 24, 25): name, 2010 population and its race/ethnicity counts "
    "(Latino, White, Black, Native American, Asian, Other), and one boundary per district. "
    "The districts 13, 21 and 23, retired in December 2012, are listed as regions so that "
    "older records can name them.",
    not_covered="No population or boundary for the retired districts 13, 21 and 23, nor for "
    "district lines before December 2012; no beats; no population after 2010. The published "
    "percentage and 'Majority' columns are not loaded: they derive from the counts.",
    caveats="Population is the 2010 Census allocated by CPD to the post-2012 district map "
    "(the 22 districts sum to 2,695,598, Chicago's 2010 count); rates for years far from 2010 "
    "or for records placed in pre-2013 districts need care. The boundary file also has three "
    "small features numbered district '31' (pieces at the city edge, not a patrol district "
    "in Districts.csv); they are in rejects, not on the map.",
)

CITY = "US-IL-CHI"
RETIRED_DISTRICTS = ("13", "21", "23")
RETIRED_NOTE = "consolidated in Dec 2012 (CPD General Order G01-04); no population or boundary"

# Published count column -> statistics.measure. 'Population' is the contract's denominator.
COUNT_MEASURES = {
    "Population": "population",
    "Latino": "population_latino",
    "White": "population_white",
    "Black": "population_black",
    "Native_American": "population_native_american",
    "Asian": "population_asian",
    "Other": "population_other",
}
POPULATION_NOTE = (
    "2010 Census population allocated by CPD to the 22 police districts drawn in Dec 2012 "
    "(FOIA P050685); the year is inferred: the districts sum to Chicago's 2010 count"
)
SHAPE_VINTAGE = "lines of 2012-12-19, portal copy of 2017-05-12"

# District numbers as published ('1', '01', '1.0') -> region id; counts '62,781' -> 62781.
MACROS = r"""
CREATE OR REPLACE TEMP MACRO chi_district_number(x) AS
    CAST(TRY_CAST(regexp_extract(x, '^\s*([0-9]+)(\.0+)?\s*$', 1) AS INTEGER) AS VARCHAR);
CREATE OR REPLACE TEMP MACRO chi_district_id(x) AS 'US-IL-CHI-D' || chi_district_number(x);
CREATE OR REPLACE TEMP MACRO chi_count(x) AS
    TRY_CAST(regexp_extract(replace(x, ',', ''), '^\s*([0-9]+)\s*$', 1) AS BIGINT);
"""

# The same records also give the figures; only districts loaded as regions qualify, so a
# rejected record yields neither a region nor figures.
INSERT_FIGURES = """
INSERT INTO statistics (source_id, region_id, year, measure, measure_original, value, unit,
                        period_note)
SELECT $slug, chi_district_id(District_No), 2010, m.measure,
       u.measure_original, chi_count(u.value), 'count', $note
FROM (UNPIVOT staged_districts
      ON Population, Latino, White, Black, Native_American, Asian, Other
      INTO NAME measure_original VALUE value) AS u
JOIN district_measures AS m USING (measure_original)
WHERE chi_district_id(District_No) IN
      (SELECT region_id FROM regions WHERE source_id = $slug)
"""


def _load_regions(ctx: LoadContext) -> None:
    ctx.con.execute(
        "INSERT INTO regions VALUES (?, 'US', 'city', 'CHI', 'Chicago', 'US', ?, NULL)",
        [CITY, SOURCE.slug],
    )
    ctx.stage_csv("staged_districts", DEMOGRAPHICS_FILE)
    ctx.require_columns(
        "staged_districts", DEMOGRAPHICS_FILE, ["District_No", "District_Name", *COUNT_MEASURES]
    )
    count_rules = [
        RejectRule(
            column,
            f"{column} is not a whole number (e.g. '62,781')",
            f'chi_count("{column}") IS NULL',
        )
        for column in COUNT_MEASURES
    ]
    ctx.load_rows(
        DEMOGRAPHICS_FILE,
        "staged_districts",
        "regions",
        columns={
            "region_id": "chi_district_id(District_No)",
            "country": "'US'",
            "level": "'district'",
            "code": "chi_district_number(District_No)",
            "name": "trim(District_Name)",
            "parent_id": "$city",
            "source_id": "$source_id",
        },
        reject_rules=[
            RejectRule(
                "District_No",
                "District_No is not a district number (1-25)",
                "coalesce(TRY_CAST(chi_district_number(District_No) AS INTEGER), 0) "
                "NOT BETWEEN 1 AND 25",
            ),
            RejectRule(
                "District_No",
                "District_No appears on more than one row; keep one",
                "count(*) OVER (PARTITION BY chi_district_number(District_No)) > 1",
            ),
            RejectRule(
                "District_Name", "District_Name is empty", "trim(coalesce(District_Name, '')) = ''"
            ),
            *count_rules,
        ],
        params={"city": CITY},
    )
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE district_measures (measure_original VARCHAR, measure VARCHAR)"
    )
    ctx.con.executemany("INSERT INTO district_measures VALUES (?, ?)", COUNT_MEASURES.items())
    ctx.con.execute(INSERT_FIGURES, {"note": POPULATION_NOTE, "slug": SOURCE.slug})
    ctx.count(DEMOGRAPHICS_FILE, read=0, loaded=0, target="statistics")
    for number in RETIRED_DISTRICTS:
        ctx.con.execute(
            "INSERT INTO regions VALUES (?, 'US', 'district', ?, ?, ?, ?, ?)",
            [
                f"{CITY}-D{number}",
                number,
                f"District {number} (retired)",
                CITY,
                SOURCE.slug,
                RETIRED_NOTE,
            ],
        )


def _load_shapes(ctx: LoadContext) -> None:
    rows = []
    for feature in ctx.json_records(
        SHAPES_FILE, ctx.read_json(SHAPES_FILE), "features", ["dist_num"]
    ):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry")
        rows.append(
            (
                properties.get("dist_num"),
                properties.get("dist_label"),
                (geometry or {}).get("type"),
                None if geometry is None else json.dumps(geometry, separators=(",", ":")),
            )
        )
    ctx.stage_rows(
        "staged_shapes",
        ["dist_num", "dist_label", "geometry_type", "geometry"],
        rows,
        file_name=SHAPES_FILE,
    )
    ctx.load_rows(
        SHAPES_FILE,
        "staged_shapes",
        "boundaries",
        columns={
            "region_id": "chi_district_id(dist_num)",
            "source_id": "$source_id",
            "vintage": "$vintage",
            "geometry": "geometry",
        },
        reject_rules=[
            RejectRule(
                "dist_num",
                "dist_num '31' is not one of the 22 CPD patrol districts (absent from "
                "Districts.csv: no name, no population); its features are small pieces at the "
                "city edge, kept off the district map",
                "chi_district_number(dist_num) = '31'",
            ),
            RejectRule(
                "dist_num",
                "dist_num is not a district listed in Districts.csv, so the shape has no "
                "region to attach to",
                "coalesce(chi_district_id(dist_num), '') NOT IN (SELECT region_id FROM regions "
                "WHERE source_id = $source_id AND valid_note IS NULL)",
            ),
            RejectRule(
                "dist_num",
                "dist_num appears on more than one feature; dissolve them into one shape",
                "count(*) OVER (PARTITION BY chi_district_number(dist_num)) > 1",
            ),
            RejectRule(
                "geometry",
                "feature geometry is missing or not a Polygon/MultiPolygon",
                "geometry_type IS NULL OR geometry_type NOT IN ('Polygon', 'MultiPolygon')",
            ),
        ],
        params={"vintage": SHAPE_VINTAGE},
    )


def load(ctx: LoadContext) -> None:
    ctx.con.execute(MACROS)
    _load_regions(ctx)
    _load_shapes(ctx)
