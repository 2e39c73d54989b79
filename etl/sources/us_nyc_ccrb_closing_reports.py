"""CCRB cases with a posted redacted closing report (closing_reports)."""

from etl.source import Download, LoadContext, RejectRule, Source

SOURCE = Source(
    slug="us_nyc_ccrb_closing_reports",
    title="CCRB: cases with a posted redacted closing report",
    publisher="New York City Civilian Complaint Review Board (nyc.gov), via the "
    "ryanwatkins/ccrb-complaint-records scraper",
    jurisdiction="US-NY-NYC",
    # The scraper fetches this CSV list and prefixes each file name with the PDF folder.
    url="https://www.nyc.gov/assets/ccrb/csv/closing-reports/redacted-closing-reports.csv",
    licence="Public records published by the NYC CCRB; scraper repository MIT",
    primary_file="closingreports.json",
    files=("closingreports.json",),
    # The scraper's repository, newest commit: it re-reads nyc.gov's closing-report index.
    downloads=(
        Download(
            "closingreports.json",
            "https://raw.githubusercontent.com/ryanwatkins/ccrb-complaint-records/HEAD/closingreports.json",
            "json",
            columns=("ComplaintId", "CaseDisposition", "WebsiteDocumentFileName", "ClosedDate"),
            min_rows=4000,
            records="closingReports",
        ),
    ),
    coverage="5,627 CCRB cases closed 2015-01-07 to 2026-04-20 whose redacted closing report "
    "the CCRB had posted by 06/17/2026: case disposition, closing date, report link",
    not_covered="The other ~72% of closed cases (the CCRB reports 19,785 closed cases) and the "
    "reports' content (PDFs, not parsed); no geography, no officers",
    caveats="Only about 28% of closed cases have a posted report and they are not a random "
    "sample: never compute substantiation rates from this table. Document links are as built "
    "by the scraper and may use an old nyc.gov host.",
)

FILE = "closingreports.json"
COLUMNS = ["ComplaintId", "CaseDisposition", "WebsiteDocumentFileName", "ClosedDate"]


def load(ctx: LoadContext) -> None:
    reports = ctx.json_records(FILE, ctx.read_json(FILE), "closingReports", COLUMNS)
    rows = [tuple(report[column] for column in COLUMNS) for report in reports]
    ctx.stage_rows("staged_reports", COLUMNS, rows, file_name=FILE)
    ctx.load_rows(
        FILE,
        "staged_reports",
        "closing_reports",
        columns={
            "case_id": "ComplaintId",
            "source_id": "$source_id",
            "case_disposition": "CaseDisposition",
            "closed_date": "CAST(try_strptime(ClosedDate, '%m/%d/%Y') AS DATE)",
            "report_url": "nullif(WebsiteDocumentFileName, '')",
        },
        reject_rules=[
            RejectRule(
                "ComplaintId", "ComplaintId is empty", "nullif(trim(ComplaintId), '') IS NULL"
            ),
            RejectRule(
                "ComplaintId",
                "ComplaintId is not a CCRB complaint number (digits)",
                "NOT regexp_full_match(ComplaintId, '[0-9]+')",
            ),
            RejectRule(
                "ClosedDate",
                "ClosedDate is not a MM/DD/YYYY date",
                "ClosedDate IS NOT NULL AND try_strptime(ClosedDate, '%m/%d/%Y') IS NULL",
            ),
        ],
    )
