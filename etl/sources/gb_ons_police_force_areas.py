"""Police force areas of England and Wales: regions, boundaries, 2011 Census population.

Every GB source joins on the ONS police force area code (PFA16CD = PFA20CD), never on a
force's spelling: data/reference/gb_force_names.csv maps each published spelling to a code.
"""

import json

from etl.source import Download, LoadContext, RejectRule, Source, SourceError

BOUNDARIES = "police_force_areas.geojson"
LOOKUP = (
    "Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__"
    "December_2016__Lookup_in_England_and_Wales.csv"
)
DEMOGRAPHICS = "force-demographics.csv"
POLICE_DEFINED = "police-defined-demographics.csv"
FORCE_NAMES = "gb_force_names.csv"

SOURCE = Source(
    slug="gb_ons_police_force_areas",
    title="Police force areas of England and Wales: boundaries (Dec 2020), "
    "LAD-CSP-PFA lookup (Dec 2016) and 2011 Census population by force",
    publisher="Office for National Statistics (ONS Open Geography, 2011 Census), via "
    "gutofthequantifier.github.io (boundaries) and Resistance Lab (lookup, census by force)",
    jurisdiction="GB-EAW",
    url="https://geoportal.statistics.gov.uk/",
    licence="Open Government Licence v3.0. Source: Office for National Statistics licensed "
    "under the Open Government Licence v.3.0. Contains OS data (c) Crown copyright and "
    "database right 2020",
    primary_file=BOUNDARIES,
    order=10,
    files=(BOUNDARIES, LOOKUP, DEMOGRAPHICS, POLICE_DEFINED),
    # 2016 lookup, 2011 Census and 2020 boundaries are fixed vintages: pinned.
    downloads=(
        Download(
            "Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv",
            "https://raw.githubusercontent.com/Resistance-Lab/resistancelab_data/625e720132cc8e912caf091b3b6ebc716fa939a8/source_data/demographics/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv",
            "csv",
            columns=("LAD16CD", "PFA16CD", "PFA16NM"),
            min_rows=348,
            sha256="a74d95ced8fa9037e9febff6bdfca40b09da85c0f45df009d95a837c27eab8c5",
        ),
        Download(
            "force-demographics.csv",
            "https://raw.githubusercontent.com/Resistance-Lab/resistancelab_data/625e720132cc8e912caf091b3b6ebc716fa939a8/analysis/0002-demographics-by-police-force-area/force-demographics.csv",
            "csv",
            columns=("PFA16NM",),
            min_rows=43,
            sha256="44c03237ad75e80bf56817db31dd0c1da9f8db38f27f8cbff27667b5e2ab399f",
        ),
        Download(
            "police-defined-demographics.csv",
            "https://raw.githubusercontent.com/Resistance-Lab/resistancelab_data/625e720132cc8e912caf091b3b6ebc716fa939a8/analysis/0002-demographics-by-police-force-area/police-defined-demographics.csv",
            "csv",
            columns=("Police force",),
            min_rows=43,
            sha256="73add15cb04e571914f6fddcd7fe8d9aac5c3d14df5c19188200e14ee07fe4e6",
        ),
        Download(
            "police_force_areas.geojson",
            "https://raw.githubusercontent.com/gutofthequantifier/gutofthequantifier.github.io/63a20a9bfa75ad25ca2155f03eebac876ce149f7/police_force_areas.geojson",
            "geojson",
            columns=("PFA20CD", "PFA20NM"),
            min_rows=43,
            sha256="f380306f9c239a242cd7ba46c07ff1fdda514c08022ebda3cafa0e878829e49a",
        ),
    ),
    coverage="The 43 territorial police force areas of England and Wales: codes, names, "
    "generalised boundaries (Dec 2020), and 2011 Census usual residents by ethnic group "
    "(census groups, and the same counts regrouped into police-defined groups)",
    not_covered="British Transport Police and other national bodies (no area); Scotland and "
    "Northern Ireland; local authority districts (the lookup is used only as a code/name "
    "crosswalk); population after 2011",
    caveats="Population is the 2011 Census, summed from local authorities to forces by "
    "Resistance Lab: approximate where a local authority straddles a force boundary, and "
    "old for 2015-2022 rates. Police-defined 'Asian' excludes Chinese. Boundaries are "
    "heavily generalised (for maps, not for spatial joins of points near borders)",
)

# 2011 Census column -> measure. The first is the total usual-resident population.
ETHNIC_GROUPS = {
    "Ethnic Group: All categories: Ethnic group; measures: Value": "population",
    "Ethnic Group: White; measures: Value": "population_white",
    "Ethnic Group: White: English/Welsh/Scottish/Northern Irish/British; measures: Value": (
        "population_white_british"
    ),
    "Ethnic Group: White: Irish; measures: Value": "population_white_irish",
    "Ethnic Group: White: Gypsy or Irish Traveller; measures: Value": (
        "population_white_gypsy_irish_traveller"
    ),
    "Ethnic Group: White: Other White; measures: Value": "population_white_other",
    "Ethnic Group: Mixed; measures: Value": "population_mixed",
    "Ethnic Group: Mixed/multiple ethnic group: White and Black Caribbean; measures: Value": (
        "population_mixed_white_black_caribbean"
    ),
    "Ethnic Group: Mixed/multiple ethnic group: White and Black African; measures: Value": (
        "population_mixed_white_black_african"
    ),
    "Ethnic Group: Mixed/multiple ethnic group: White and Asian; measures: Value": (
        "population_mixed_white_asian"
    ),
    "Ethnic Group: Mixed/multiple ethnic group: Other Mixed; measures: Value": (
        "population_mixed_other"
    ),
    "Ethnic Group: Asian; measures: Value": "population_asian",
    "Ethnic Group: Asian/Asian British: Indian; measures: Value": "population_asian_indian",
    "Ethnic Group: Asian/Asian British: Pakistani; measures: Value": "population_asian_pakistani",
    "Ethnic Group: Asian/Asian British: Bangladeshi; measures: Value": (
        "population_asian_bangladeshi"
    ),
    "Ethnic Group: Asian/Asian British: Chinese; measures: Value": "population_asian_chinese",
    "Ethnic Group: Asian/Asian British: Other Asian; measures: Value": "population_asian_other",
    "Ethnic Group: Black; measures: Value": "population_black",
    "Ethnic Group: Black/African/Caribbean/Black British: African; measures: Value": (
        "population_black_african"
    ),
    "Ethnic Group: Black/African/Caribbean/Black British: Caribbean; measures: Value": (
        "population_black_caribbean"
    ),
    "Ethnic Group: Black/African/Caribbean/Black British: Other Black; measures: Value": (
        "population_black_other"
    ),
    "Ethnic Group: Other; measures: Value": "population_other",
    "Ethnic Group: Other ethnic group: Arab; measures: Value": "population_other_arab",
    "Ethnic Group: Other ethnic group: Any other ethnic group; measures: Value": (
        "population_other_any_other"
    ),
}
# Census counts regrouped by Resistance Lab into the police's officer-defined groups.
POLICE_DEFINED_GROUPS = {
    "White": "population_police_defined_white",
    "Black (or Black British)": "population_police_defined_black",
    "Asian (or Asian British)": "population_police_defined_asian",
    "Chinese": "population_police_defined_chinese",
    "Mixed": "population_police_defined_mixed",
    "Other": "population_police_defined_other",
}
CENSUS_NOTE = "2011 Census (27 March 2011), usual residents"


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged_lookup", LOOKUP)
    ctx.require_columns("staged_lookup", LOOKUP, ["LAD16CD", "PFA16CD", "PFA16NM"])
    _load_areas(ctx)
    _check_lookup(ctx)
    _stage_force_names(ctx)
    _load_census(ctx, DEMOGRAPHICS, "PFA16NM", ETHNIC_GROUPS)
    _load_census(ctx, POLICE_DEFINED, "Police force", POLICE_DEFINED_GROUPS)


def _load_areas(ctx: LoadContext) -> None:
    """43 GeoJSON features -> regions GB-PFA-<code> under GB-EAW, and their boundaries."""
    document = ctx.read_json(BOUNDARIES)
    features = ctx.json_records(BOUNDARIES, document, "features", ["PFA20CD", "PFA20NM"])
    crs = document.get("crs", {}).get("properties", {}).get("name", "")
    if "4326" not in crs and "CRS84" not in crs:
        raise SourceError(f"file {BOUNDARIES}, row 0 (header): crs {crs!r} is not WGS84")
    rows = [
        (
            feature["properties"].get("PFA20CD"),
            feature["properties"].get("PFA20NM"),
            (feature.get("geometry") or {}).get("type"),
            json.dumps(feature.get("geometry"), separators=(",", ":")),
        )
        for feature in features
    ]
    columns = ["PFA20CD", "PFA20NM", "geometry_type", "geometry"]
    ctx.stage_rows("staged_pfa", columns, rows, file_name=BOUNDARIES)
    ctx.con.execute(
        "INSERT INTO regions VALUES ('GB-EAW', 'GB', 'region', 'GB-EAW', 'England and Wales', "
        "'GB', ?, 'Parent of the 43 police force areas; not an ONS code')",
        [SOURCE.slug],
    )
    ctx.load_rows(
        BOUNDARIES,
        "staged_pfa",
        "regions",
        columns={
            "region_id": "'GB-PFA-' || PFA20CD",
            "country": "'GB'",
            "level": "'police_force'",
            "code": "PFA20CD",
            "name": "PFA20NM",
            "parent_id": "'GB-EAW'",
            "source_id": "$source_id",
            "valid_note": "'ONS Police Force Areas (December 2020)'",
        },
        reject_rules=[
            RejectRule(
                "PFA20CD",
                "PFA20CD is not an ONS police force area code (E23 or W15 and 6 digits)",
                "NOT regexp_full_match(coalesce(PFA20CD, ''), '(E23|W15)[0-9]{6}')",
            ),
            RejectRule(
                "PFA20CD",
                "PFA20CD appears on more than one feature",
                "(SELECT count(*) FROM staged_pfa d WHERE d.PFA20CD = staged_pfa.PFA20CD) > 1",
            ),
            # The 2016 lookup and the 2020 boundaries agree on all 43 pairs; a mismatch
            # means a force was renamed or merged and gb_force_names.csv needs review.
            RejectRule(
                "PFA20NM",
                "PFA20CD/PFA20NM pair is not in the ONS LAD-CSP-PFA lookup (Dec 2016): "
                "check for a renamed or merged force",
                "NOT EXISTS (SELECT 1 FROM staged_lookup l "
                "WHERE l.PFA16CD = staged_pfa.PFA20CD AND l.PFA16NM = staged_pfa.PFA20NM)",
            ),
            RejectRule(
                "geometry",
                "geometry is not a Polygon or MultiPolygon",
                "coalesce(geometry_type, '') NOT IN ('Polygon', 'MultiPolygon')",
            ),
        ],
    )
    ctx.con.execute(
        "INSERT INTO boundaries (region_id, source_id, vintage, geometry) "
        "SELECT 'GB-PFA-' || PFA20CD, ?, '2020', geometry FROM staged_pfa "
        "WHERE 'GB-PFA-' || PFA20CD IN (SELECT region_id FROM regions WHERE source_id = ?)",
        [SOURCE.slug, SOURCE.slug],
    )
    ctx.count(BOUNDARIES, read=0, loaded=0, target="boundaries")  # same records as regions


def _check_lookup(ctx: LoadContext) -> None:
    """The LAD rows are the code<->name crosswalk: each PFA pair must match a loaded area.

    There is no LAD level in the region vocabulary, so the rows are checked and accounted
    ('regions (crosswalk)'), not stored; a row whose pair matches no area is rejected.
    """
    read = ctx.con.execute("SELECT count(*) FROM staged_lookup").fetchone()[0]
    rejected = ctx.con.execute(
        "INSERT INTO rejects (source_id, row_number, reason, raw, file_name, column_name) "
        "SELECT ?, _row, ?, _raw, ?, 'PFA16NM' FROM staged_lookup l WHERE NOT EXISTS ("
        "  SELECT 1 FROM regions r WHERE r.level = 'police_force' AND r.country = 'GB'"
        "  AND r.code = l.PFA16CD AND r.name = l.PFA16NM)",
        [
            SOURCE.slug,
            "PFA16CD/PFA16NM pair matches no police force area of the boundaries file "
            "(PFA20CD/PFA20NM): check for a renamed or merged force",
            LOOKUP,
        ],
    ).fetchone()[0]
    ctx.count(
        LOOKUP, read=read, loaded=read - rejected, rejected=rejected, target="regions (crosswalk)"
    )


def _stage_force_names(ctx: LoadContext) -> None:
    """Load our reviewable spelling -> PFA code crosswalk and fail on any inconsistency.

    It is authored by this project, so an error in it stops the build instead of
    rejecting source rows. The later GB sources (workforce, IOPC) read it again.
    """
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE gb_force_names AS "
        "SELECT * FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(ctx.reference_csv(FORCE_NAMES))},
    )
    bad = ctx.con.execute(
        "SELECT n.published_name, n.source_file, n.pfa_code, n.pfa_name FROM gb_force_names n "
        "WHERE n.pfa_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM regions r "
        "  WHERE r.region_id = 'GB-PFA-' || n.pfa_code AND r.name = n.pfa_name) "
        "UNION ALL "
        "SELECT published_name, source_file, NULL, 'duplicate' FROM gb_force_names "
        "GROUP BY published_name, source_file HAVING count(*) > 1"
    ).fetchall()
    if bad:
        raise SourceError(
            f"reference file {FORCE_NAMES}: pfa_code/pfa_name not an area, or duplicate: {bad}"
        )


def _load_census(ctx: LoadContext, file_name: str, name_column: str, groups: dict) -> None:
    """One record per force -> one statistics row per census column (year 2011).

    load_rows judges the whole record and loads its first measure; the other measures of
    the records it accepted follow, so a record is loaded or rejected as a whole.
    """
    ctx.stage_csv("staged_census", file_name)
    ctx.require_columns("staged_census", file_name, [name_column, *groups])
    extra = {r[0] for r in ctx.con.execute("DESCRIBE staged_census").fetchall()}
    extra -= {"_row", "_raw", name_column, *groups}
    if extra:
        raise SourceError(f"file {file_name}, row 0 (header): unexpected column(s) {extra}")
    # The two files name the force column differently; one name keeps the SQL constant.
    ctx.con.execute("ALTER TABLE staged_census RENAME COLUMN " + _quote(name_column) + " TO _name")
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE census_coded AS "
        "SELECT s.*, n.published_name IS NOT NULL AS _known, n.pfa_code AS _pfa_code, "
        "  count(*) OVER (PARTITION BY n.pfa_code) AS _dupes "
        "FROM staged_census s "
        "LEFT JOIN gb_force_names n ON n.published_name = s._name AND n.source_file = ?",
        [file_name],
    )
    columns = list(groups)
    rules = [
        RejectRule(
            name_column,
            f"force name is not in data/reference/{FORCE_NAMES} (add it with its PFA code)",
            "NOT _known",
        ),
        RejectRule(
            name_column,
            f"force has no police force area in data/reference/{FORCE_NAMES}",
            "_pfa_code IS NULL OR NOT EXISTS "
            "(SELECT 1 FROM regions r WHERE r.region_id = 'GB-PFA-' || _pfa_code)",
        ),
        RejectRule(name_column, "force appears more than once in the file", "_dupes > 1"),
        *[
            RejectRule(
                column,
                f"{column!r} is not a whole number of people",
                f"TRY_CAST({_quote(column)} AS BIGINT) IS NULL "
                f"OR TRY_CAST({_quote(column)} AS BIGINT) < 0",
            )
            for column in columns
        ],
    ]
    first = columns[0]
    ctx.load_rows(
        file_name,
        "census_coded",
        "statistics",
        columns={
            "source_id": "$source_id",
            "region_id": "'GB-PFA-' || _pfa_code",
            "year": "2011",
            "measure": "$measure",
            "measure_original": "$measure_original",
            "value": f"CAST({_quote(first)} AS BIGINT)",
            "unit": "'count'",
            "period_note": "$period_note",
        },
        reject_rules=rules,
        params={"measure": groups[first], "measure_original": first, "period_note": CENSUS_NOTE},
    )
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE census_measures (original VARCHAR, measure VARCHAR)"
    )
    ctx.con.executemany("INSERT INTO census_measures VALUES (?, ?)", list(groups.items())[1:])
    ctx.con.execute(
        "INSERT INTO statistics (source_id, region_id, year, measure, measure_original, value, "
        "  unit, period_note) "
        "SELECT ?, 'GB-PFA-' || u._pfa_code, 2011, m.measure, m.original, "
        "  CAST(u.value AS BIGINT), 'count', ? "
        "FROM (UNPIVOT census_coded ON COLUMNS(* EXCLUDE (_row, _raw, _name, _known, "
        "  _pfa_code, _dupes)) INTO NAME original VALUE value) u "
        "JOIN census_measures m USING (original) "
        "WHERE u._row NOT IN (SELECT row_number FROM rejects WHERE source_id = ? "
        "  AND file_name = ?)",
        [SOURCE.slug, CENSUS_NOTE, SOURCE.slug, file_name],
    )


def _quote(identifier: str) -> str:
    """A column name from this module's constants as a SQL identifier.

    Only names in ETHNIC_GROUPS / POLICE_DEFINED_GROUPS (and the force column) are quoted:
    _load_census stops with a SourceError on any other header before building SQL.
    """
    return '"' + identifier.replace('"', '""') + '"'
