"""Accessibility in a real browser: axe-core on every page in both languages, and a year
range set with the keyboard alone.

axe-core (shipped by axe-playwright-python) runs in Debian's Chromium once Streamlit has
finished the page and drawn its charts; no violation of impact "serious" or "critical" is
allowed. A violation inside Streamlit's own widgets that the app cannot fix may only be
listed in STREAMLIT_OWN, by rule id and selector, with the reason.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import WAIT_MS, chromium_page, require_chromium, streamlit_server
from tests.conftest import PROJECT_DIR

PAGES = ["overview", "compare", "directives", "explore", "sources"]
LANGUAGES = ["en", "fr"]
BLOCKING = {"serious", "critical"}
WIDE, PHONE = 1400, 390
# (rule id, CSS selector of the element) -> why the app cannot fix it. Empty: nothing of
# Streamlit's own is excused today.
STREAMLIT_OWN: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def server(built_data_dir):
    require_chromium()
    with streamlit_server(PROJECT_DIR, built_data_dir / "warehouse.duckdb") as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server):
    with chromium_page() as page:
        yield page


def wait_until_done(page) -> None:
    """Streamlit has finished running the page (twice over: a page may rerun itself once to
    write its filters to the address) and every chart is drawn."""
    for _ in range(2):
        page.wait_for_selector(
            "[data-testid=stApp][data-test-script-state=notRunning] [data-testid=stMain] h1",
            timeout=WAIT_MS,
        )
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
                .every(chart => chart.querySelector('svg, canvas'))""",
            timeout=WAIT_MS,
        )
        page.wait_for_timeout(500)


def blocking_violations(page, width: int) -> list[str]:
    """axe's serious and critical violations, each as one readable line per element.

    Streamlit's main area scrolls inside the window, and axe judges the contrast of text
    only where it can see it: the window is made as tall as the page first.
    """
    from axe_playwright_python.sync_playwright import Axe

    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height + 200, 1000)})
    page.wait_for_timeout(500)  # charts that fit their container redraw at the new size
    results = Axe().run(page).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            selector = " ".join(str(part) for part in node["target"])
            if (violation["id"], selector) in STREAMLIT_OWN:
                continue
            summary = re.sub(r"\s+", " ", node.get("failureSummary", ""))[:200]
            found.append(
                f"{violation['id']} [{violation['impact']}] {violation['help']}: {selector}"
                f" -- {summary}"
            )
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_name", PAGES)
def test_no_serious_accessibility_violation(server, browser_page, page_name, lang):
    page = browser_page
    page.set_viewport_size({"width": WIDE, "height": 1000})
    page.goto(f"{server}/?page={page_name}&lang={lang}")
    wait_until_done(page)
    found = blocking_violations(page, WIDE)
    assert not found, f"?page={page_name}&lang={lang}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violation_on_a_phone(server, browser_page, lang):
    page = browser_page
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(f"{server}/?page=overview&lang={lang}")
    wait_until_done(page)
    found = blocking_violations(page, PHONE)
    assert not found, f"phone, ?page=overview&lang={lang}:\n" + "\n".join(found)
