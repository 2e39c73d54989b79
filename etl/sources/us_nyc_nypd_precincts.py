"""NYPD precincts and transit districts of New York City (regions) and their maps (boundaries)."""

import json

from etl.source import Download, LoadContext, RejectRule, Source

SOURCE = Source(
    slug="us_nyc_nypd_precincts",
    title="NYPD police precincts: boundaries (2018 and 2024) and transit districts",
    publisher="NYPD / NYC Open Data (web-map copy by mattyschell/nypd-data)",
    jurisdiction="US-NY-NYC",
    url="https://data.cityofnewyork.us/Public-Safety/Police-Precincts/78dh-3ptz",
    licence="NYC Open Data terms of use (NYPD boundaries); processed copy from the "
    "mattyschell/nypd-data repository, which states no licence: credit NYPD/NYC and it",
    primary_file="precinct.geojson",
    order=10,
    files=("precinct.geojson", "precinct-2024.geojson"),
    # Boundaries of 2018 and 2024: fixed vintages, pinned to the commits bundled.
    downloads=(
        Download(
            "precinct.geojson",
            "https://raw.githubusercontent.com/mattyschell/nypd-data/d1623ba097b2d9b6d420d4e25989bc8f77281268/precinct.geojson",
            "geojson",
            columns=("PRECINCT",),
            min_rows=77,
            sha256="a9e6d1b3313545cffb9a0b1146c3bbb391eb108209e07b2f1f0b066999c1f133",
        ),
        Download(
            "precinct-2024.geojson",
            "https://raw.githubusercontent.com/mattyschell/nypd-data/b103a700f6d90d54730b523809d338f300a39333/precinct.geojson",
            "geojson",
            columns=("precinct",),
            min_rows=78,
            sha256="2b5cda8a516f9c54422b6cad037a3a44626417793a0cf39c5565cdfb50fbbc46",
        ),
    ),
    coverage="New York City as a region, its 78 police precincts (77 before 2024 plus the 116th) "
    "with boundaries as of 2018 and 2024, and the 12 NYPD transit districts",
    not_covered="No transit-district or housing-bureau boundaries; no precinct maps before 2018",
    caveats="Boundaries are simplified for web maps (clipped shoreline, vertices removed): not "
    "for precise spatial work. Use the 2018 vintage with data before 2024: the 2024 map "
    "splits the 116th precinct out of the 105th.",
)

CITY = "US-NY-NYC"
# The PSL precinct files (us_nyc_psl_ccrb_precincts) report these 12 transit districts as
# units next to the 77 precincts; no boundary file exists for them, so they are listed here.
TRANSIT_DISTRICTS = (1, 2, 3, 4, 11, 12, 20, 23, 30, 32, 33, 34)
# Precincts created after the 2018 map (and 121, after the 2006 start of the PSL data).
VALID_NOTES = {
    "116": "created in 2024 from part of the 105th",
    "121": "created in 2013 from parts of the 120th and 122nd (Staten Island)",
}
# The two vintages name their property differently: PRECINCT (integer) vs precinct (text).
VINTAGES = (("precinct.geojson", "2018", "PRECINCT"), ("precinct-2024.geojson", "2024", "precinct"))


def load(ctx: LoadContext) -> None:
    ctx.con.execute(
        "INSERT INTO regions VALUES (?, 'US', 'city', 'NYC', 'New York City', 'US', ?, NULL)",
        [CITY, SOURCE.slug],
    )
    for file_name, vintage, key in VINTAGES:
        features = ctx.json_records(file_name, ctx.read_json(file_name), "features", [key])
        rows = [
            (
                (f.get("properties") or {}).get(key),
                json.dumps(f.get("geometry")) if f.get("geometry") else None,
            )
            for f in features
        ]
        # Staged under the file's own key (PRECINCT or precinct: one name to DuckDB, which
        # ignores case) so that a message names the column as published.
        ctx.stage_rows("staged_precincts", [key, "geometry"], rows, file_name=file_name)
        ctx.load_rows(
            file_name,
            "staged_precincts",
            "boundaries",
            columns={
                "region_id": "'US-NY-NYC-P' || CAST(TRY_CAST(precinct AS INTEGER) AS VARCHAR)",
                "source_id": "$source_id",
                "vintage": "$vintage",
                "geometry": "geometry",
            },
            reject_rules=[
                RejectRule(
                    key, f"{key} is not a precinct number", "TRY_CAST(precinct AS INTEGER) IS NULL"
                ),
                RejectRule("geometry", "feature has no geometry", "geometry IS NULL"),
            ],
            params={"vintage": vintage},
        )
    # One region per precinct seen in either map; name in English ordinals (1st, 2nd, 3rd,
    # 11th-13th, 21st, 101st, 111th ...).
    ctx.con.execute(
        """
        INSERT INTO regions
        SELECT region_id, 'US', 'precinct', code,
               code || CASE WHEN n % 100 IN (11, 12, 13) THEN 'th' WHEN n % 10 = 1 THEN 'st'
                            WHEN n % 10 = 2 THEN 'nd' WHEN n % 10 = 3 THEN 'rd' ELSE 'th' END
                    || ' Precinct',
               ?, ?, NULL
        FROM (SELECT DISTINCT region_id, substr(region_id, 12) AS code,
                     CAST(substr(region_id, 12) AS INTEGER) AS n
              FROM boundaries WHERE source_id = ?)
        ORDER BY n
        """,
        [CITY, SOURCE.slug, SOURCE.slug],
    )
    ctx.con.executemany(
        "UPDATE regions SET valid_note = ? WHERE region_id = ?",
        [(note, f"{CITY}-P{code}") for code, note in VALID_NOTES.items()],
    )
    ctx.con.executemany(
        "INSERT INTO regions VALUES (?, 'US', 'precinct', ?, ?, ?, ?, NULL)",
        [
            (f"{CITY}-TD{n}", f"TD{n}", f"Transit District {n}", CITY, SOURCE.slug)
            for n in TRANSIT_DISTRICTS
        ],
    )
