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

PAGES = ["overview", "compare", "directives", "explore", "sources", "region"]
LANGUAGES = ["en", "fr"]
BLOCKING = {"serious", "critical"}
WIDE, PHONE = 1400, 390
# (rule id, CSS selector of the element) -> why the app cannot fix it. Empty: nothing of
# Streamlit's own is excused today.
STREAMLIT_OWN: dict[tuple[str, str], str] = {}
# Pages whose headings may still skip a level: none.
HEADING_SKIPS_LEFT: set[str] = set()
VEGA_DEFAULT_LABEL = "Vega visualization"  # what a chart without `alt` is announced as


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

    labels = page.eval_on_selector_all(
        "[data-testid=stVegaLiteChart]", "charts => charts.map(c => c.getAttribute('aria-label'))"
    )
    unnamed = [label for label in labels if label in (None, "", VEGA_DEFAULT_LABEL)]
    assert not unnamed, f"{len(unnamed)} of {len(labels)} charts have no text alternative"

    levels = page.eval_on_selector_all(
        "[data-testid=stMain] :is(h1, h2, h3, h4, h5, h6)",
        "headings => headings.map(h => Number(h.tagName[1]))",
    )
    assert levels.count(1) == 1 and levels[0] == 1, levels
    if page_name not in HEADING_SKIPS_LEFT:
        skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not skips, f"heading levels skipped: {skips}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violation_on_a_phone(server, browser_page, lang):
    page = browser_page
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(f"{server}/?page=overview&lang={lang}")
    wait_until_done(page)
    found = blocking_violations(page, PHONE)
    assert not found, f"phone, ?page=overview&lang={lang}:\n" + "\n".join(found)


def focused_label(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label') || ''")


def rows_matching(page) -> int:
    line = next(
        line for line in page.inner_text("body").splitlines() if "rows match these filters" in line
    )
    return int(re.match(r"[\d,]+", line).group().replace(",", ""))


def test_a_year_range_is_set_with_the_keyboard_alone(server, browser_page):
    """Tab to the Explore page's years, type one, step it with an arrow key, Tab to the
    other and type it: the address and the rows follow, and the focus stays in the inputs."""
    page = browser_page
    page.set_viewport_size({"width": WIDE, "height": 1000})
    page.goto(f"{server}/?page=explore&lang=en&table=allegations")
    wait_until_done(page)
    every_row = rows_matching(page)
    for _ in range(80):  # from the top of the page, through the sidebar and the filters
        page.keyboard.press("Tab")
        if focused_label(page) == "Year: from":
            break
    assert focused_label(page) == "Year: from"

    page.keyboard.press("Control+A")
    page.keyboard.type("2010")
    page.keyboard.press("Enter")
    page.wait_for_url("**year_from=2010**", timeout=WAIT_MS)
    wait_until_done(page)
    assert focused_label(page) == "Year: from"
    page.keyboard.press("ArrowUp")
    page.wait_for_url("**year_from=2011**", timeout=WAIT_MS)
    wait_until_done(page)
    assert focused_label(page) == "Year: from"
    since_2011 = rows_matching(page)

    page.keyboard.press("Tab")
    assert focused_label(page) == "Year: to"
    page.keyboard.press("Control+A")
    page.keyboard.type("2012")
    page.keyboard.press("Enter")
    page.wait_for_url("**year_to=2012**", timeout=WAIT_MS)
    wait_until_done(page)
    assert focused_label(page) == "Year: to"
    assert "year_from=2011" in page.url
    assert page.locator("[data-testid=stNumberInput] input").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    ) == ["2011", "2012"]
    assert every_row > since_2011 > rows_matching(page) > 0
    assert "2011–2012" in page.inner_text("body")
