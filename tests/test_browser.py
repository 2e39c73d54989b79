"""The dashboard in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from tests.browser import chromium_page, require_chromium, streamlit_server
from tests.conftest import PROJECT_DIR


@pytest.fixture(scope="module")
def server(built_data_dir):
    require_chromium()
    with streamlit_server(PROJECT_DIR, built_data_dir / "warehouse.duckdb") as url:
        yield url


def test_sources_page_renders_the_sources_table(server):
    with chromium_page() as page:
        page.goto(f"{server}/?page=sources&lang=fr")
        page.wait_for_selector("[data-testid=stDataFrame]", timeout=30_000)
        assert page.get_by_role("heading", name="Sources et méthodologie").is_visible()
        assert (
            "Lignes lues" in page.inner_text("body")
            or page.locator("[data-testid=stDataFrame]").count() >= 1
        )
