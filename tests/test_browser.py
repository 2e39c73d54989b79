"""The dashboard in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from tests.browser import WAIT_MS, chromium_page, require_chromium, streamlit_server
from tests.conftest import PROJECT_DIR


@pytest.fixture(scope="module")
def server(built_data_dir):
    require_chromium()
    with streamlit_server(PROJECT_DIR, built_data_dir / "warehouse.duckdb") as url:
        yield url


def test_sources_page_renders_the_sources_table(server):
    with chromium_page() as page:
        page.goto(f"{server}/?page=sources&lang=fr")
        page.wait_for_selector("[data-testid=stDataFrame]", timeout=WAIT_MS)
        assert page.get_by_role("heading", name="Sources et méthodologie").is_visible()
        assert (
            "Lignes lues" in page.inner_text("body")
            or page.locator("[data-testid=stDataFrame]").count() >= 1
        )


def test_compare_page_switches_jurisdiction_and_draws_a_map_and_a_chart(server):
    with chromium_page() as page:
        page.goto(f"{server}/?page=compare&jurisdiction=US-IL-CHI")
        page.wait_for_selector("[data-testid=stVegaLiteChart]", timeout=WAIT_MS)
        jurisdiction = page.locator("[data-testid=stSelectbox]").filter(has_text="Jurisdiction")
        jurisdiction.click()
        page.get_by_role("option", name="England and Wales").click()
        page.wait_for_url("**jurisdiction=GB-EAW**", timeout=WAIT_MS)
        # The new measure's map and ranking are drawn (Vega renders into canvas or SVG).
        page.wait_for_function(
            """() => {
                const titles = [...document.querySelectorAll('h2, h3')].map(h => h.innerText);
                const drawn = document.querySelectorAll(
                    '[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg');
                return titles.some(t => t.includes('per 1,000 staff')) && drawn.length >= 2;
            }""",
            timeout=WAIT_MS,
        )
        headings = " ".join(page.locator("h2, h3").all_inner_texts())
        assert "Map: " in headings and "per 1,000 staff" in headings


def test_document_language_and_title_follow_the_page(server):
    with chromium_page() as page:
        page.goto(f"{server}/?page=compare&lang=fr")
        page.wait_for_function("document.documentElement.lang === 'fr'", timeout=WAIT_MS)
        page.wait_for_function("document.title.startsWith('Comparer')", timeout=WAIT_MS)
        assert (
            page.title() == "Comparer les territoires · Données sur la responsabilité de la police"
        )
        page.goto(f"{server}/?page=sources&lang=en")
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=WAIT_MS)
        page.wait_for_function("document.title.startsWith('Sources')", timeout=WAIT_MS)


def test_search_val_de_marne_lands_on_the_departement(server):
    with chromium_page() as page:
        page.goto(f"{server}/?lang=fr")
        box = page.get_by_label("Rechercher un lieu, une affaire, une directive ou une source")
        box.fill("val de marne")
        box.press("Enter")
        page.get_by_role("button", name="Val-de-Marne · département · lieu").click()
        page.wait_for_url("**page=region**", timeout=WAIT_MS)
        page.wait_for_url("**region=FR-DEP-94**", timeout=WAIT_MS)
        page.wait_for_selector("[data-testid=stVegaLiteChart]", timeout=WAIT_MS)
        # the region page of the département, with its figure by year
        page.wait_for_function(
            "document.body.innerText.includes('Val-de-Marne, 2016-2023')", timeout=WAIT_MS
        )


def test_region_page_draws_its_chart_and_downloads_it_as_png(server):
    with chromium_page() as page:
        page.goto(f"{server}/?page=region&region=FR-DEP-94")
        page.wait_for_selector(
            "[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg",
            timeout=WAIT_MS,
        )
        assert page.get_by_role("heading", name="Val-de-Marne").first.is_visible()
        with page.expect_download(timeout=WAIT_MS) as download:
            page.get_by_role("button", name="Download this chart (PNG)").first.click()
        path = download.value.path()
        assert download.value.suggested_filename.endswith(".png")
        with open(path, "rb") as file:
            assert file.read(8) == b"\x89PNG\r\n\x1a\n"
