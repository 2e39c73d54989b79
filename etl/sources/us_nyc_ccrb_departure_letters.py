"""NYPD Police Commissioner departure letters on CCRB cases, officer names dropped."""

from etl.source import Download, LoadContext, RejectRule, Source

SOURCE = Source(
    slug="us_nyc_ccrb_departure_letters",
    title="CCRB: Police Commissioner departure letters (redacted)",
    publisher="New York City Civilian Complaint Review Board (nyc.gov), via the "
    "ryanwatkins/ccrb-complaint-records scraper",
    jurisdiction="US-NY-NYC",
    # The scraper fetches this CSV list and prefixes each file name with the PDF folder.
    url="https://www.nyc.gov/assets/ccrb/csv/departure-letter/RedactedDepartureLetters.csv",
    licence="Public records published by the NYC CCRB; scraper repository MIT",
    primary_file="departureletters.json",
    files=("departureletters.json",),
    downloads=(
        Download(
            "departureletters.json",
            "https://raw.githubusercontent.com/ryanwatkins/ccrb-complaint-records/HEAD/departureletters.json",
            "json",
            columns=("CaseNumber", "ReportYear", "ReportMonth", "FileLink"),
            min_rows=250,
            records="departureLetters",
        ),
    ),
    coverage="Letters posted by the CCRB up to its 06/17/2026 publication: one per officer and "
    "case where the Police Commissioner departed from the CCRB's discipline recommendation or "
    "the trial commissioner's decision (report years 2019-2026)",
    not_covered="The letters' content (PDFs, not parsed) and departures the CCRB has not posted",
    caveats="Officer names are published but never loaded: the officer is identified only by "
    "the pseudonymous officer_key, taken from the tax id in the letter's file name, which joins "
    "allegations from us_nyc_ccrb_penalties. Document links are as built by the scraper and may "
    "use an old nyc.gov host.",
)

FILE = "departureletters.json"
COLUMNS = [
    "CaseNumber", "ReportYear", "ReportMonth", "FirstName", "LastName", "FileLink",
    "RedactedClosingReportFileName",
]  # fmt: skip
# Officer names: never staged, so they reach neither the warehouse nor `rejects`.
NAMES = ("FirstName", "LastName")
# '..._Tax963894_RedactedDepartureLetter.pdf' -> '963894'
TAX_ID = "nullif(regexp_extract(FileLink, '_Tax([0-9]+)_', 1), '')"


def load(ctx: LoadContext) -> None:
    needed = [column for column in COLUMNS if column not in NAMES]
    letters = ctx.json_records(FILE, ctx.read_json(FILE), "departureLetters", needed)
    rows = [tuple(letter.get(column) for column in COLUMNS) for letter in letters]
    ctx.stage_rows("staged_letters", COLUMNS, rows, drop_columns=NAMES, file_name=FILE)
    ctx.load_rows(
        FILE,
        "staged_letters",
        "departure_letters",
        columns={
            "case_id": "CaseNumber",
            "source_id": "$source_id",
            "officer_key": f"officer_key('nypd', {TAX_ID})",
            "report_year": "TRY_CAST(ReportYear AS INTEGER)",
            "report_month": "TRY_CAST(ReportMonth AS INTEGER)",
            "letter_url": "FileLink",
            "closing_report_file": "nullif(RedactedClosingReportFileName, '')",
        },
        # A letter without a case number cannot be tied to anything; a bad year or month
        # would misplace it in time. A missing tax id only leaves officer_key empty.
        reject_rules=[
            RejectRule("CaseNumber", "CaseNumber is empty", "nullif(trim(CaseNumber), '') IS NULL"),
            RejectRule(
                "ReportYear",
                "ReportYear is not a 4-digit year",
                "NOT coalesce(regexp_full_match(ReportYear, '(19|20)[0-9]{2}'), false)",
            ),
            RejectRule(
                "ReportMonth",
                "ReportMonth is not a month number 1-12",
                "coalesce(TRY_CAST(ReportMonth AS INTEGER) NOT BETWEEN 1 AND 12, true)",
            ),
        ],
    )
