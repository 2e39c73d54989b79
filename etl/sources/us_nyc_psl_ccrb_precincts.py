"""CCRB complaint records by NYPD precinct and year, NYU Public Safety Lab (statistics)."""

from etl.source import Download, LoadContext, RejectRule, Source

SOURCE = Source(
    slug="us_nyc_psl_ccrb_precincts",
    title="CCRB complaint records, crime, arrests and stops by NYPD precinct, 2006-2019",
    publisher="NYU Public Safety Lab (public-psl-ccrb), from NYCLU/CCRB records and NYC data",
    jurisdiction="US-NY-NYC",
    url="https://github.com/publicsafetylab/public-psl-ccrb",
    licence="No licence stated (the repository has no LICENSE and the README gives no terms): "
    "attribute NYU Public Safety Lab and NYCLU/CCRB; ask before redistributing bulk copies",
    primary_file="data-flat-by-precinct-year.csv",
    order=30,
    files=("data-flat-by-precinct-year.csv", "data-flat-by-precinct.csv"),
    # A research release for 2006-2019: pinned to the commit bundled.
    downloads=(
        Download(
            "data-flat-by-precinct-year.csv",
            "https://raw.githubusercontent.com/publicsafetylab/public-psl-ccrb/08cd9a4aeb13c31e9e62217e4f1ac96086b1f686/out/data-flat-by-precinct-year.csv",
            "csv",
            columns=("Year", "Precinct", "Complaints", "Substantiated"),
            min_rows=1238,
            sha256="17cf85a85e5a6487de385189112812de38678940163a0da62722e72f90fc4bb8",
        ),
        Download(
            "data-flat-by-precinct.csv",
            "https://raw.githubusercontent.com/publicsafetylab/public-psl-ccrb/08cd9a4aeb13c31e9e62217e4f1ac96086b1f686/out/data-flat-by-precinct.csv",
            "csv",
            columns=("Precinct", "Complaints", "Substantiated"),
            min_rows=89,
            sha256="ac72cb47a4ff1ad60881e81dc2b93597cc8b8a41e9eb53e5a2e0a074d12daf57",
        ),
        Download(
            "README.md",
            "https://raw.githubusercontent.com/publicsafetylab/public-psl-ccrb/08cd9a4aeb13c31e9e62217e4f1ac96086b1f686/README.md",
            "text",
            sha256="5ccdb1e6ba9adeec581e9b7632f2dbac6e8e7ec2bea487b09ccba12c99d0f839",
        ),
    ),
    coverage="77 NYPD precincts and 12 transit districts, incident years 2006-2019 (precinct 121 "
    "from 2014): CCRB allegation records and substantiated records, crime reports, arrests, "
    "stops; 2006-2019 rollup with annual means, accused officers and 2010 census percentages",
    not_covered="Complaints about officers in commands that map to no precinct (dropped by PSL); "
    "pending complaints (left out of the NYCLU extract, so recent years run low); population "
    "counts (only census percentages, so no per-capita rates)",
    caveats="No licence stated: reuse is not formally granted. complaint_records counts NYCLU "
    "rows, one per allegation x officer, not distinct complaints. The precinct is the accused "
    "officer's command, not where the incident happened. Year is the incident year. "
    "accused_officers counts officers with at least one allegation, not precinct headcount, so "
    "*_per_accused_officer are not staffing rates. PSL hand-filled the TD11 2017 crime count.",
)

YEAR_FILE = "data-flat-by-precinct-year.csv"
ROLLUP_FILE = "data-flat-by-precinct.csv"

# (published column, measure, unit). Empty cells make no statistics row: transit districts
# have no census, arrest or stop figures.
YEAR_MEASURES = (
    ("Crime Reports", "crime_reports", "count"),
    ("Complaints", "complaint_records", "count"),
    ("Substantiated", "substantiated_records", "count"),
    ("Arrests_Precinct_Year", "arrests", "count"),
    ("Stops_Precinct_Year", "stops", "count"),
    # Not loaded from this file: the three 2010_Percent_* columns and the Annual_Mean_*
    # columns are per-precinct constants repeated on each of the 14 year rows; stored once
    # per precinct from the rollup file instead, so a sum over years cannot count them 14 times.
)
CENSUS_MEASURES = (
    ("2010_Percent_Black_Residents", "percent_black_residents_2010", "percent"),
    (
        "2010_Percent_Non-Hispanic Asian_Residents",
        "percent_non_hispanic_asian_residents_2010",
        "percent",
    ),
    (
        "2010_Percent_Non-Hispanic White_Residents",
        "percent_non_hispanic_white_residents_2010",
        "percent",
    ),
)
ROLLUP_MEASURES = (
    ("Complaints", "complaint_records", "count"),
    ("Substantiated", "substantiated_records", "count"),
    ("Annual_Mean_Crime_Reports", "annual_mean_crime_reports", "count_per_year"),
    ("Annual_Mean_Complaints", "annual_mean_complaint_records", "count_per_year"),
    ("Annual_Mean_Substantiated", "annual_mean_substantiated_records", "count_per_year"),
    ("Annual_Mean_Arrests", "annual_mean_arrests", "count_per_year"),
    ("Annual_Mean_Stops", "annual_mean_stops", "count_per_year"),
    # Distinct accused officers in the command, not its headcount (see caveats).
    ("Officers", "accused_officers", "count"),
    ("Mean_Complaints_per_Officer", "complaint_records_per_accused_officer", "ratio"),
    ("Mean_Substantiated_per_Officer", "substantiated_records_per_accused_officer", "ratio"),
)
PERIOD = "2006-2019"
CENSUS_PERIOD = "2010 census, blocks mapped to 2020 precincts by John Keefe"

# Precinct '1' -> US-NY-NYC-P1, 'TD3' -> US-NY-NYC-TD3 (regions from us_nyc_nypd_precincts).
REGION_MACRO = """
CREATE OR REPLACE TEMP MACRO nyc_psl_region(precinct) AS
'US-NY-NYC-' || CASE WHEN starts_with(precinct, 'TD') THEN precinct
                     ELSE 'P' || CAST(TRY_CAST(precinct AS INTEGER) AS VARCHAR) END
"""
UNKNOWN_REGION = RejectRule(
    "Precinct",
    "Precinct is not a known NYPD precinct or transit district",
    "nyc_psl_region(Precinct) IS NULL "
    "OR nyc_psl_region(Precinct) NOT IN (SELECT region_id FROM regions)",
)
# One statistics row per non-empty measure cell of the judged records (UNPIVOT drops NULLs).
UNPIVOT_SQL = """
INSERT INTO statistics (source_id, region_id, year, measure, measure_original, value, unit,
                        period_note)
SELECT ?, cell.region_id, cell.year, cell.measure, m.published, cell.value, m.unit, m.period
FROM (UNPIVOT psl_records ON COLUMNS(* EXCLUDE (_row, _raw, region_id, year))
      INTO NAME measure VALUE value) AS cell
JOIN psl_measures AS m USING (measure)
ORDER BY cell._row, cell.measure
"""


def number_rules(measures) -> list[RejectRule]:
    return [
        RejectRule(
            column,
            f"{column} is not a number",
            f'"{column}" IS NOT NULL AND TRY_CAST("{column}" AS DOUBLE) IS NULL',
        )
        for column, _, _ in measures
    ]


def load_records(ctx, file_name, staged, year, rules, measures, periods) -> None:
    """Judge each record once (accounting per record), then unpivot its non-empty cells."""
    measure_ddl = ", ".join(f"{measure} DOUBLE" for _, measure, _ in measures)
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE psl_records "
        f"(_row BIGINT, _raw VARCHAR, region_id VARCHAR, year INTEGER, {measure_ddl})"
    )
    ctx.load_rows(
        file_name,
        staged,
        "psl_records",
        columns={"_row": "_row", "_raw": "_raw", "region_id": "nyc_psl_region(Precinct)"}
        | {"year": year}
        | {measure: f'TRY_CAST("{column}" AS DOUBLE)' for column, measure, _ in measures},
        reject_rules=[UNKNOWN_REGION, *rules, *number_rules(measures)],
    )
    # The records go on to `statistics` (one row per non-empty cell), not to the temp table.
    ctx.counts[file_name].loaded_into = {"statistics"}
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE psl_measures "
        "(published VARCHAR, measure VARCHAR, unit VARCHAR, period VARCHAR)"
    )
    ctx.con.executemany(
        "INSERT INTO psl_measures VALUES (?, ?, ?, ?)",
        [(column, measure, unit, periods.get(unit)) for column, measure, unit in measures],
    )
    ctx.con.execute(UNPIVOT_SQL, [SOURCE.slug])


def load(ctx: LoadContext) -> None:
    ctx.con.execute(REGION_MACRO)
    ctx.stage_csv("staged_psl_year", YEAR_FILE)
    ctx.require_columns(
        "staged_psl_year", YEAR_FILE, ["Year", "Precinct"] + [c for c, _, _ in YEAR_MEASURES]
    )
    # Year is published as float text ('2016.0').
    whole_year = RejectRule(
        "Year",
        "Year is not a whole year such as 2016.0",
        "TRY_CAST(Year AS DOUBLE) IS NULL OR TRY_CAST(Year AS DOUBLE) % 1 <> 0 "
        "OR TRY_CAST(Year AS DOUBLE) NOT BETWEEN 1900 AND 2100",
    )
    year = "CAST(TRY_CAST(Year AS DOUBLE) AS INTEGER)"
    load_records(ctx, YEAR_FILE, "staged_psl_year", year, [whole_year], YEAR_MEASURES, {})

    ctx.stage_csv("staged_psl_rollup", ROLLUP_FILE)
    measures = CENSUS_MEASURES + ROLLUP_MEASURES
    ctx.require_columns(
        "staged_psl_rollup", ROLLUP_FILE, ["Precinct"] + [c for c, _, _ in measures]
    )
    periods = {"percent": CENSUS_PERIOD, "count": PERIOD, "count_per_year": PERIOD, "ratio": PERIOD}
    load_records(ctx, ROLLUP_FILE, "staged_psl_rollup", "NULL", [], measures, periods)
