"""The Explore page in a real browser: open a link, download, compare with the expected bytes."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest

from tests.browser import WAIT_MS, chromium_page, require_chromium, streamlit_server
from tests.conftest import PROJECT_DIR
from tests.test_datapackage import BLAME_CSV

LINK = "/?page=explore&lang=en&table=statistics&jurisdiction=FR&measure=blame&sort=year"


@pytest.fixture(scope="module")
def server(built_data_dir):
    require_chromium()
    with streamlit_server(PROJECT_DIR, built_data_dir / "warehouse.duckdb") as url:
        yield url


def open_link(page, server: str) -> None:
    page.goto(server + LINK)
    page.wait_for_selector("[data-testid=stDownloadButton]", timeout=WAIT_MS)
    page.get_by_text("rows match these filters").wait_for(timeout=WAIT_MS)


def test_a_link_downloads_exactly_its_rows_as_csv(server, tmp_path):
    with chromium_page() as page:
        open_link(page, server)
        assert "2 rows match these filters" in page.inner_text("body")
        with page.expect_download(timeout=WAIT_MS) as download:
            page.get_by_role("button", name="CSV (2 rows)").click()
        # named after what it holds: table, jurisdiction, filter, day (exports/filenames.py)
        assert download.value.suggested_filename == f"statistics_FR_blame_{today()}.csv"
        path = tmp_path / "rows.csv"
        download.value.save_as(path)
        assert path.read_bytes() == BLAME_CSV


def today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def test_a_filtered_download_is_named_after_its_filters(server, tmp_path):
    link = (
        "/?page=explore&lang=en&table=allegations&jurisdiction=US-IL-CHI"
        "&finding=sustained&year_from=2010&year_to=2015"
    )
    with chromium_page() as page:
        page.goto(server + link)
        page.wait_for_selector("[data-testid=stDownloadButton]", timeout=WAIT_MS)
        page.get_by_text("rows match these filters").wait_for(timeout=WAIT_MS)
        with page.expect_download(timeout=WAIT_MS) as download:
            page.get_by_role("button", name="CSV (").click()
        name = download.value.suggested_filename
        path = tmp_path / name
        download.value.save_as(path)
    assert name == f"allegations_US-IL-CHI_2010-2015_sustained_{today()}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    assert "source_id" in header  # provenance in every row
    assert len(lines) > 1


def test_the_data_package_carries_the_link_the_browser_shows(server, tmp_path):
    with chromium_page() as page:
        open_link(page, server)
        with page.expect_download(timeout=WAIT_MS) as download:
            page.get_by_role("button", name="Data package").click()
        assert download.value.suggested_filename == f"statistics-datapackage_FR_blame_{today()}.zip"
        path = tmp_path / "package.zip"
        download.value.save_as(path)
        shown_link = page.locator("[data-testid=stCode]").first.inner_text().strip()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        assert archive.namelist() == ["statistics.csv", "datapackage.json", "README.md"]
        assert archive.read("statistics.csv") == BLAME_CSV
        package = json.loads(archive.read("datapackage.json"))
    # in a browser the server knows its address: the permalink is a full URL
    assert package["permalink"].startswith(server)
    assert package["permalink"].replace("\n", "") == shown_link.replace("\n", "")
    assert package["permalink"].endswith("table=statistics&jurisdiction=FR&measure=blame&sort=year")


def test_the_tables_own_toolbar_offers_no_unguarded_download(server):
    """Streamlit's "Download as CSV" writes cells unguarded: only the page's button stays."""
    with chromium_page() as page:
        open_link(page, server)
        page.locator("[data-testid=stDataFrame]").first.hover()
        toolbar = page.locator("[data-testid=stElementToolbar]").first
        toolbar.get_by_role("button", name="Search").wait_for(timeout=WAIT_MS)
        labels = [
            button.get_attribute("aria-label") for button in toolbar.get_by_role("button").all()
        ]
        assert "Fullscreen" in labels  # the toolbar is there...
        assert "Download as CSV" not in labels  # ...without its download
        assert page.get_by_role("button", name="CSV (2 rows)").is_visible()
