"""Three users' journeys, in Debian's Chromium, on a desktop (1400 px) and a phone (390 px):
each must end on the screen that answers its question (issue 15).

- A Val-de-Marne resident searches "val de marne" (no accents, no hyphens) and lands on
  the département's own page, then on Compare with it outlined among the others.
- A journalist downloads a filtered table: the file is named after what it holds.
- A policymaker asks whether the NYPD followed the CCRB's recommendations by precinct:
  Compare says the penalty records carry no precinct and links to the city-wide figures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser import WAIT_MS, chromium_page, require_chromium, streamlit_server
from tests.conftest import PROJECT_DIR

WIDTHS = [1400, 390]


@pytest.fixture(scope="module")
def server(built_data_dir):
    require_chromium()
    with streamlit_server(PROJECT_DIR, built_data_dir / "warehouse.duckdb") as url:
        yield url


def follow(page, link_name: str) -> None:
    """Open a link of the page (Streamlit opens markdown links in a new tab)."""
    link = page.get_by_role("link", name=link_name).first
    link.wait_for(timeout=WAIT_MS)
    page.goto(link.get_attribute("href"))


def body_says(page, text: str) -> None:
    page.wait_for_function(
        "text => document.body.innerText.includes(text)", arg=text, timeout=WAIT_MS
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_resident_finds_her_departement(server, width):
    with chromium_page(width=width) as page:
        page.goto(f"{server}/?lang=fr")
        label = "Rechercher un lieu, une affaire, une directive ou une source"
        if width < 640:  # on a phone the menu is folded: its labelled button opens it
            page.get_by_role("button", name="Menu : langue, recherche, pages").click()
        box = page.get_by_label(label)
        box.fill("val de marne")
        box.press("Enter")
        page.get_by_role("button", name="Val-de-Marne · département · lieu").click()
        page.wait_for_url("**region=FR-DEP-94**", timeout=WAIT_MS)
        body_says(page, "Val-de-Marne, 2016-2023")  # its figure by year, on its own page
        follow(page, "Comparer avec les autres territoires")
        page.wait_for_url("**region_a=FR-DEP-94**", timeout=WAIT_MS)
        body_says(
            page, "Entourés de noir sur la carte et en gras dans le classement : Val-de-Marne"
        )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_journalist_downloads_a_named_file(server, width, tmp_path):
    link = (
        "/?page=explore&lang=en&table=allegations&jurisdiction=US-IL-CHI"
        "&finding=sustained&year_from=2010&year_to=2015"
    )
    with chromium_page(width=width) as page:
        page.goto(server + link)
        page.get_by_text("rows match these filters").wait_for(timeout=WAIT_MS)
        with page.expect_download(timeout=WAIT_MS) as download:
            page.get_by_role("button", name="CSV (").click()
        today = dt.datetime.now(dt.UTC).date().isoformat()
        assert download.value.suggested_filename == (
            f"allegations_US-IL-CHI_2010-2015_sustained_{today}.csv"
        )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_policymaker_is_told_where_the_city_wide_figure_is(server, width):
    with chromium_page(width=width) as page:
        page.goto(f"{server}/?page=compare&lang=en&jurisdiction=US-NY-NYC")
        body_says(page, "cannot be compared by precinct")
        follow(page, "City-wide, year by year (Directives page)")
        page.wait_for_url("**page=directives**", timeout=WAIT_MS)
        page.wait_for_url("**penalty_jurisdiction=US-NY-NYC**", timeout=WAIT_MS)
