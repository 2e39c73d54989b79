"""Chicago complaint register (CR/log) allegations, 1967-2018: cases and officer x allegation.

complaints-accused has one row per officer x allegation category of a complaint (cr_id);
complaints-complaints has the complaint's dates and police beat. Two lookups feed the
mapping: Complaint Categories.xlsx (complaint_code -> the publisher's CATEGORY group) and
discipline_penalty_codes.csv (CPD penalty codes, quoted in outcome_map notes and used to
check our label map). The label -> level and label -> category choices are ours and live
in reviewable files: data/reference/outcome_map_us_il_chi.csv and category_map_us_il_chi.csv.
"""

import warnings

import openpyxl

from etl import raw_files
from etl.source import Download, LoadContext, RejectRule, Source, SourceError

ACCUSED_FILE = "complaints-accused.csv.gz"
COMPLAINTS_FILE = "complaints-complaints.csv.gz"
CATEGORIES_FILE = "Complaint Categories.xlsx"
PENALTY_CODES_FILE = "discipline_penalty_codes.csv"
OUTCOME_MAP_FILE = "outcome_map_us_il_chi.csv"
CATEGORY_MAP_FILE = "category_map_us_il_chi.csv"

SOURCE = Source(
    slug="us_chicago_cpdp_complaints",
    title="Chicago police complaints: allegations against officers, 1967-2018 (CPDP)",
    publisher="Invisible Institute (Citizens Police Data Project), from City of Chicago FOIA "
    "releases",
    jurisdiction="US-IL-CHI",
    year_basis="incident",
    url="https://github.com/invinst/chicago-police-data",
    licence="No licence file; FOIA-released City of Chicago records published by the "
    "Invisible Institute (Citizens Police Data Project) for public analysis; cite Invisible "
    "Institute / CPDP",
    primary_file=ACCUSED_FILE,
    order=50,
    files=(ACCUSED_FILE, COMPLAINTS_FILE, CATEGORIES_FILE, PENALTY_CODES_FILE),
    # The Invisible Institute's repository, newest commit (HEAD).
    downloads=(
        Download(
            ACCUSED_FILE,
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/fully-unified-data/complaints/complaints-accused.csv.gz",
            "csv.gz",
            columns=(
                "UID",
                "complaint_category",
                "complaint_code",
                "cr_id",
                "cv",
                "final_finding",
                "final_outcome",
                "recc_finding",
                "recc_outcome",
            ),
            min_rows=200000,
        ),
        Download(
            COMPLAINTS_FILE,
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/fully-unified-data/complaints/complaints-complaints.csv.gz",
            "csv.gz",
            columns=(
                "cr_id",
                "cv",
                "incident_date",
                "complaint_date",
                "closed_date",
                "beat",
                "add1",
                "full_address",
            ),
            min_rows=150000,
        ),
        Download(
            CATEGORIES_FILE,
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/context_data/Complaint%20Categories.xlsx",
            "xlsx",
            columns=("DESCRIPTION", "CATEGORY", "ON / OFF DUTY", "CITIZEN / DEPT"),
            min_rows=300,
        ),
        Download(
            PENALTY_CODES_FILE,
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/context_data/discipline_penalty_codes.csv",
            "csv",
            columns=("CODE", "ACTION_TAKEN"),
            min_rows=30,
        ),
        Download(
            "data-dictionary.yaml",
            "https://raw.githubusercontent.com/invinst/chicago-police-data/HEAD/data/fully-unified-data/data-dictionary/data-dictionary.yaml",
            "text",
            min_rows=100,
        ),
    ),
    coverage="Complaint register (CR/log) cases against Chicago police officers received "
    "1967 to March 2018, as unified by the Invisible Institute from three FOIA releases "
    "(cv 1 = 1967-1999, 2 = 2000-2016, 3 = 2000-2018): one allegation per accused officer and "
    "allegation category, with recommended and final finding and outcome; per case the "
    "incident, received and closed dates and the police beat (placed in its district).",
    not_covered="Officer, complainant and witness names and addresses (never loaded); "
    "complaints with no identified accused officer; investigators; allegations are not "
    "linked to a victim or a complainant type. Few records before 1989.",
    caveats="Label sets differ by release ('No Action Taken' and 'NO ACTION TAKEN' are both "
    "kept as published): levels and categories come from our reviewable maps in "
    "data/reference. The bare label 'MISCELLANEOUS' is used under 12 CATEGORY groups, so its "
    "category is 'other' (except code S116 of the Domestic group): use category_group to "
    "split it. Recommended outcomes are given only "
    "in the 2000-2016 release. An empty final_finding gives a NULL finding. District = beat // "
    "100 on the beat as published (beats 100-2599); complaints with no beat, beat 0 or a "
    "non-patrol beat are placed in the city. Retired districts 13, 21 and 23 appear.",
)

SLUG = SOURCE.slug
CITY = "US-IL-CHI"
LEVELS = ("none", "advice", "warning", "suspension", "demotion", "dismissal")
# outcome_map.flag: what a level cannot say (DESIGN §3: interim measures, licence bars and
# credibility lists are flags, never levels; a penalty imposed but not served keeps NULL level).
FLAGS = ("imposed_not_served", "interim_measure", "licence_bar", "credibility_list")
# The publisher column recommended_outcome is read from (allegations.recommended_outcome_field).
RECOMMENDED_FIELD = "recc_outcome"
CATEGORIES = (
    "domestic_violence",
    "use_of_force",
    "abuse_of_authority",
    "discourtesy",
    "bias",
    "dishonesty",
    "criminal_conduct",
    "other",
)
REGIME = "CPD CR/log discipline (penalty codes of discipline_penalty_codes.csv)"
# final_finding codes (data dictionary: "EX, SU, etc."; SOURCES.md decodes them). NC and DIS
# are undocumented closings: closed_other, with the code kept in finding_original.
FINDINGS = {
    "SU": "sustained",
    "NS": "not_sustained",
    "UN": "unfounded",
    "EX": "exonerated",
    "NAF": "closed_other",  # no affidavit: the complaint cannot proceed
    "NC": "closed_other",
    "DIS": "closed_other",
}

# The beat as published ('0421', '832.0', '0.0', '31 0'): its first one or two digits are
# the district (CPD "Know your beat"). Beats 100-2599 give districts 1-25, which are all
# current or retired districts; anything else (0, 3100, 4100, negative, text) is the city.
BEAT_NUMBER = "TRY_CAST(trim(beat) AS DOUBLE)"
REGION_SQL = (
    f"CASE WHEN {BEAT_NUMBER} = floor({BEAT_NUMBER}) AND {BEAT_NUMBER} >= 100 "
    f"AND {BEAT_NUMBER} < 2600 "
    f"THEN 'US-IL-CHI-D' || CAST(CAST(floor({BEAT_NUMBER} / 100) AS BIGINT) AS VARCHAR) "
    "ELSE $city END"
)
# Complaint Categories.xlsx is the codebook of the 2000-2018 release (cv 3, the data
# dictionary's release numbers): its code -> CATEGORY group is the definition in force for
# that release. Earlier releases (cv 1: 1967-1999, cv 2: 2000-2016) used earlier definitions,
# and a few codes were later reused (05L: on-duty unnecessary physical contact, now a domestic
# incident); see _load_allegations.
CODEBOOK_RELEASE = 3
CATEGORY_HEADER = ("DESCRIPTION", "CATEGORY", "ON / OFF DUTY", "CITIZEN / DEPT")
CATEGORY_COLUMNS = ["code", "description", "category_group", "on_off_duty", "citizen_dept"]


def _fail_if_any(ctx: LoadContext, sql: str, params: dict, message: str) -> None:
    """Stop the source when a check query returns rows: the reviewable maps are wrong."""
    rows = ctx.con.execute(sql, params).fetchall()
    if rows:
        values = ", ".join(repr(row[0]) for row in rows[:10])
        raise SourceError(f"{message}: {values}")


def _read_reference(ctx: LoadContext, name: str) -> None:
    """Stage one of our reviewable map files (all text) as temp table `ref_map`."""
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE ref_map AS "
        "SELECT * FROM read_csv($path, all_varchar = true, header = true, quote = '\"')",
        {"path": str(ctx.reference_csv(name))},
    )


def _load_outcome_map(ctx: LoadContext) -> None:
    codes = ctx.stage_csv("staged_penalty_codes", PENALTY_CODES_FILE)
    ctx.require_columns("staged_penalty_codes", PENALTY_CODES_FILE, ["CODE", "ACTION_TAKEN"])
    _read_reference(ctx, OUTCOME_MAP_FILE)
    where = f"file data/reference/{OUTCOME_MAP_FILE}"
    _fail_if_any(
        ctx,
        "SELECT original_label FROM ref_map GROUP BY 1 HAVING count(*) > 1",
        {},
        f"{where}: label listed twice",
    )
    _fail_if_any(
        ctx,
        "SELECT original_label FROM ref_map WHERE level IS NOT NULL "
        "AND NOT list_contains($levels, level)",
        {"levels": list(LEVELS)},
        f"{where}: level not in {LEVELS} for",
    )
    _fail_if_any(
        ctx,
        "SELECT original_label FROM ref_map WHERE flag IS NOT NULL "
        "AND NOT list_contains($flags, flag)",
        {"flags": list(FLAGS)},
        f"{where}: flag not in {FLAGS} for",
    )
    _fail_if_any(
        ctx,
        "SELECT original_label FROM ref_map WHERE TRY_CAST(is_sanction AS BOOLEAN) IS NULL",
        {},
        f"{where}: is_sanction is not true/false for",
    )
    _fail_if_any(
        ctx,
        "SELECT penalty_code FROM ref_map WHERE penalty_code IS NOT NULL "
        "AND penalty_code NOT IN (SELECT CODE FROM staged_penalty_codes)",
        {},
        f"{where}: penalty_code not in {PENALTY_CODES_FILE}",
    )
    # The note quotes the CPD code's own wording, so a reviewer sees what the label rests on.
    ctx.con.execute(
        "INSERT INTO outcome_map (jurisdiction, original_label, level, is_sanction, source_id, "
        "regime, note, flag) "
        "SELECT $city, m.original_label, m.level, CAST(m.is_sanction AS BOOLEAN), $slug, "
        "$regime, concat_ws('; ', 'CPD penalty code ' || p.CODE || ' = ' || p.ACTION_TAKEN, "
        "m.note), m.flag "
        "FROM ref_map m LEFT JOIN staged_penalty_codes p ON p.CODE = m.penalty_code",
        {"city": CITY, "slug": SLUG, "regime": REGIME},
    )
    ctx.count(PENALTY_CODES_FILE, read=codes, loaded=codes, target="outcome_map")


def _load_category_map(ctx: LoadContext) -> None:
    _read_reference(ctx, CATEGORY_MAP_FILE)
    where = f"file data/reference/{CATEGORY_MAP_FILE}"
    _fail_if_any(
        ctx,
        "SELECT original_label FROM ref_map GROUP BY original_label, complaint_code "
        "HAVING count(*) > 1",
        {},
        f"{where}: label (and complaint_code) listed twice",
    )
    _fail_if_any(
        ctx,
        "SELECT original_label FROM ref_map "
        "WHERE category IS NULL OR NOT list_contains($categories, category)",
        {"categories": list(CATEGORIES)},
        f"{where}: category not in {CATEGORIES} for",
    )
    ctx.con.execute(
        "INSERT INTO category_map (jurisdiction, original_label, category, note, complaint_code) "
        "SELECT $city, original_label, category, note, complaint_code FROM ref_map",
        {"city": CITY},
    )
    # The reviewed group of each label (one group only; MISCELLANEOUS and labels whose code
    # is not in the xlsx have none): used where a code meant something else before the xlsx.
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE label_groups AS "
        "SELECT original_label, category_group FROM ref_map "
        "WHERE complaint_code IS NULL AND category_group IS NOT NULL "
        "AND category_group NOT LIKE '%|%' AND NOT starts_with(category_group, '(')"
    )


def _stage_categories(ctx: LoadContext) -> None:
    """Sheet1 of the xlsx: code -> CATEGORY group. A1 holds the number 111, not 'CODE'."""
    with warnings.catch_warnings():
        # openpyxl drops a conditional-formatting rule it cannot parse; the values are intact.
        warnings.simplefilter("ignore", UserWarning)
        path = ctx.path(CATEGORIES_FILE)
        problem = raw_files.xlsx_size_problem(path, CATEGORIES_FILE, SOURCE.limits)
        if problem:
            raise SourceError(problem)
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = workbook["Sheet1"].iter_rows(values_only=True)
            sheet_rows = list(raw_files.xlsx_rows(rows, CATEGORIES_FILE, SOURCE.limits))
        except raw_files.TooLarge as error:
            raise SourceError(str(error)) from None
        finally:
            workbook.close()
    header = tuple(sheet_rows[0][1:5]) if sheet_rows else ()
    if header != CATEGORY_HEADER:
        raise SourceError(
            f"file {CATEGORIES_FILE}, row 0 (header): expected {CATEGORY_HEADER} "
            f"in B1:E1, found {header}"
        )
    rows, seen, read, rejected = [], set(), 0, 0
    # The sheet carries ~600 blank rows and ~19 blank columns after the data: keep A-E.
    for number, values in enumerate(sheet_rows[1:], start=1):
        cells = [None if v is None or str(v).strip() == "" else str(v).strip() for v in values[:5]]
        if all(v is None for v in cells):
            continue
        read += 1
        raw = dict(zip(CATEGORY_COLUMNS, cells, strict=True))
        if cells[0] is None or cells[2] is None:
            column = "code" if cells[0] is None else "CATEGORY"
            ctx.reject(CATEGORIES_FILE, number, column, f"{column} is empty", raw)
            rejected += 1
        elif cells[0] in seen:
            ctx.reject(
                CATEGORIES_FILE,
                number,
                "code",
                "code appears on an earlier row; one group per code",
                raw,
            )
            rejected += 1
        else:
            seen.add(cells[0])
            rows.append(tuple(cells))
    ctx.stage_rows("staged_categories", CATEGORY_COLUMNS, rows, file_name=CATEGORIES_FILE)
    ctx.count(CATEGORIES_FILE, read=read, loaded=len(rows), rejected=rejected, target="allegations")


def _load_cases(ctx: LoadContext) -> None:
    # add1 (house number) and full_address are not needed and could point at a home.
    ctx.stage_csv("staged_complaints", COMPLAINTS_FILE, drop_columns=("add1", "full_address"))
    ctx.require_columns(
        "staged_complaints",
        COMPLAINTS_FILE,
        ["cr_id", "cv", "incident_date", "complaint_date", "closed_date", "beat"],
    )
    # A complaint published in several releases keeps its latest (highest cv) row; this
    # snapshot has one row per cr_id, but a refresh may not.
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE staged_cases AS SELECT *, row_number() OVER "
        "(PARTITION BY cr_id ORDER BY TRY_CAST(cv AS INTEGER) DESC NULLS LAST, _row DESC) "
        "AS _version FROM staged_complaints"
    )
    date_rules = [
        RejectRule(
            column,
            f"{column} is not a date (YYYY-MM-DD)",
            f"{column} IS NOT NULL AND TRY_CAST({column} AS DATE) IS NULL",
        )
        for column in ("incident_date", "complaint_date", "closed_date")
    ]
    ctx.load_rows(
        COMPLAINTS_FILE,
        "staged_cases",
        "cases",
        columns={
            "case_id": "cr_id",
            "source_id": "$source_id",
            "region_id": REGION_SQL,
            "region_code_original": "beat",
            "incident_date": "TRY_CAST(incident_date AS DATE)",
            "received_date": "TRY_CAST(complaint_date AS DATE)",
            "closed_date": "TRY_CAST(closed_date AS DATE)",
        },
        reject_rules=[
            RejectRule("cr_id", "cr_id (complaint number) is empty", "cr_id IS NULL"),
            RejectRule(
                "cv",
                "cv is not a release number (a whole number: 1, 2 or 3 in this snapshot)",
                "NOT regexp_full_match(coalesce(trim(cv), ''), '[0-9]+')",
            ),
            RejectRule(
                "cv",
                "superseded: the same cr_id has a later release (higher cv) "
                "in this file, whose row is loaded",
                "_version > 1",
            ),
            *date_rules,
        ],
        params={"city": CITY},
    )


def _load_allegations(ctx: LoadContext) -> None:
    ctx.stage_csv("staged_accused", ACCUSED_FILE)
    ctx.require_columns(
        "staged_accused",
        ACCUSED_FILE,
        [
            "UID",
            "complaint_category",
            "complaint_code",
            "cr_id",
            "cv",
            "final_finding",
            "final_outcome",
            "recc_finding",
            "recc_outcome",
        ],
    )
    params = {"city": CITY}
    missing = "not in data/reference/{} (add a row for each, exactly as published)"
    _fail_if_any(
        ctx,
        "SELECT DISTINCT label FROM (SELECT final_outcome AS label FROM staged_accused "
        "UNION ALL SELECT recc_outcome FROM staged_accused) WHERE label IS NOT NULL "
        "AND label NOT IN (SELECT original_label FROM outcome_map WHERE jurisdiction = $city)",
        params,
        "outcome label(s) " + missing.format(OUTCOME_MAP_FILE),
    )
    _fail_if_any(
        ctx,
        "SELECT DISTINCT complaint_category FROM staged_accused "
        "WHERE complaint_category IS NOT NULL AND complaint_category NOT IN "
        "(SELECT original_label FROM category_map WHERE jurisdiction = $city)",
        params,
        "category label(s) " + missing.format(CATEGORY_MAP_FILE),
    )
    # final_finding code -> finding, as a table (values as parameters, never in SQL text).
    ctx.con.execute("CREATE OR REPLACE TEMP TABLE cpdp_findings (code VARCHAR, finding VARCHAR)")
    ctx.con.executemany("INSERT INTO cpdp_findings VALUES (?, ?)", list(FINDINGS.items()))
    # category_original is the published allegation text (complaint_category), the finest
    # label: it tells e.g. racial verbal abuse (bias) from profanity (discourtesy), and the
    # text beats the code where CPD re-used codes. A map row with a complaint_code applies to
    # that code only and comes first (S116, the MISCELLANEOUS of the 'Domestic' group).
    # category_group is joined by code *and* period: the xlsx group is the definition in force
    # in release CODEBOOK_RELEASE; a row of an earlier release whose label's reviewed group
    # (category_map_us_il_chi.csv) differs was filed under the code's earlier definition, so
    # it keeps that group (05L 'UNNECESSARY PHYSICAL CONTACT - ON DUTY', 1967-2016: 'Use of
    # Force', where the xlsx now files 05L under 'Domestic').
    # Dates and region come from the case loaded above (a complaint whose row was rejected,
    # or is missing, gives NULL dates and the city). Every join is at most one row per
    # accused row: cases, codes, finding codes and map labels are unique (checked above).
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE staged_allegations AS "
        "SELECT a.*, c.region_id AS _region_id, c.incident_date AS _incident_date, "
        "c.received_date AS _received_date, c.closed_date AS _closed_date, "
        "CASE WHEN TRY_CAST(a.cv AS INTEGER) < $codebook_release "
        "  AND lg.category_group IS DISTINCT FROM g.category_group "
        "  AND lg.category_group IS NOT NULL THEN lg.category_group "
        "  ELSE g.category_group END AS _category_group, "
        "coalesce(cc.category, cm.category) AS _category, "
        "rm.level AS _recommended_level, fm.level AS _final_level, f.finding AS _finding, "
        "rm.flag AS _recommended_flag, fm.flag AS _final_flag "
        "FROM staged_accused a "
        "LEFT JOIN cases c ON c.source_id = $slug AND c.case_id = a.cr_id "
        "LEFT JOIN staged_categories g ON g.code = a.complaint_code "
        "LEFT JOIN category_map cm ON cm.jurisdiction = $city "
        "  AND cm.original_label = a.complaint_category AND cm.complaint_code IS NULL "
        "LEFT JOIN category_map cc ON cc.jurisdiction = $city "
        "  AND cc.original_label = a.complaint_category AND cc.complaint_code = a.complaint_code "
        "LEFT JOIN label_groups lg ON lg.original_label = a.complaint_category "
        "LEFT JOIN outcome_map rm "
        "  ON rm.jurisdiction = $city AND rm.original_label = a.recc_outcome "
        "LEFT JOIN outcome_map fm "
        "  ON fm.jurisdiction = $city AND fm.original_label = a.final_outcome "
        "LEFT JOIN cpdp_findings f ON f.code = a.final_finding",
        {"city": CITY, "slug": SLUG, "codebook_release": CODEBOOK_RELEASE},
    )
    ctx.load_rows(
        ACCUSED_FILE,
        "staged_allegations",
        "allegations",
        # Stored by date, so a year filter skips whole blocks (queries/explore_allegations.sql).
        order_by=("incident_date", "allegation_id"),
        columns={
            # The record number in this byte-fixed file makes the id unique; the UID is kept
            # out of it so that the officer stays pseudonymous.
            "allegation_id": "$city || ':' || cr_id || ':' || CAST(_row AS VARCHAR)",
            "source_id": "$source_id",
            "case_id": "cr_id",
            "officer_key": "officer_key('cpdp', UID)",
            "region_id": "coalesce(_region_id, $city)",
            "category": "_category",
            "category_original": "complaint_category",
            "incident_date": "_incident_date",
            "received_date": "_received_date",
            "closed_date": "_closed_date",
            "finding": "_finding",
            "finding_original": "final_finding",
            "recommended_outcome": "recc_outcome",
            "recommended_level": "_recommended_level",
            "final_outcome": "final_outcome",
            "final_level": "_final_level",
            "category_group": "_category_group",
            "category_code": "complaint_code",
            "recommended_finding_original": "recc_finding",
            "recommended_flag": "_recommended_flag",
            "final_flag": "_final_flag",
            "recommended_outcome_field": "CASE WHEN recc_outcome IS NOT NULL "
            "THEN $recommended_field END",
        },
        reject_rules=[
            RejectRule(
                "cr_id",
                "cr_id (complaint number) is empty, so the allegation has no complaint",
                "cr_id IS NULL",
            ),
            RejectRule(
                "UID",
                "UID is not a CPDP officer id (digits, optionally '.0')",
                "trim(coalesce(UID, '')) <> '' "
                "AND NOT regexp_full_match(trim(UID), '[0-9]+(\\.0)?')",
            ),
            RejectRule(
                "final_finding",
                "final_finding is not a known code (SU, NS, UN, EX, "
                "NAF, NC, DIS): add it to FINDINGS in the module",
                "final_finding IS NOT NULL AND _finding IS NULL",
            ),
        ],
        params={"city": CITY, "recommended_field": RECOMMENDED_FIELD},
    )


def load(ctx: LoadContext) -> None:
    _load_outcome_map(ctx)
    _load_category_map(ctx)
    _stage_categories(ctx)
    _load_cases(ctx)
    _load_allegations(ctx)
