"""Link values the pages cannot apply are ignored with a visible notice, never silently.

Years in a link are plain ASCII digits, as the pages write them: "+2015", " 2015" and
other scripts' digits (which Python's int() reads as 2015) get the notice a bad value gets.
A `changes=` value on the Sources page while every source is at its first release (there
is nothing to compare, so it cannot apply) gets one too.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui.state import plain_integer

NOT_PLAIN_YEARS = [
    "+2015",
    " 2015",
    "2015 ",
    "2_015",
    "٢٠١٥",  # Arabic-Indic digits
    "۲۰۱۵",  # Extended Arabic-Indic (Persian) digits
    "２０１５",  # full-width digits
    "२०१५",  # Devanagari digits
    "2015.0",
    "-0",
]


@pytest.mark.parametrize("text", NOT_PLAIN_YEARS)
def test_only_ascii_digits_make_a_number(text):
    assert plain_integer(text) is None


def test_plain_digits_make_a_number():
    assert [plain_integer(t) for t in ("2015", "0", "007", None, "")] == [2015, 0, 7, None, None]


def notices(app: AppTest) -> str:
    return "\n".join(w.value for w in app.warning)


def open_link(app: AppTest, **params) -> AppTest:
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    return app


@pytest.mark.parametrize(
    ("page", "parameter"),
    [
        ("overview", "year_from"),
        ("explore", "year_to"),
        ("compare", "year_from"),
        ("directives", "penalty_from"),
    ],
)
@pytest.mark.parametrize("year", ["+2015", "٢٠١٥", "２０１５"])
def test_a_year_not_in_ascii_digits_gets_a_notice(app, page, parameter, year):
    open_link(app, page=page, lang="en", **{parameter: year})
    shown = notices(app)
    assert parameter in shown and "was ignored" in shown, shown
    assert app.query_params.get(parameter) != year  # the link now shows what applies


def test_the_same_year_in_ascii_digits_is_taken_without_a_notice(app):
    open_link(app, page="overview", lang="en", year_from="2015")
    assert "was ignored" not in notices(app)
    assert app.query_params["year_from"] == "2015"


def test_a_changes_value_at_the_first_release_gets_a_notice(app):
    # The session's warehouse is one build: every source is at release 1.
    open_link(app, page="sources", lang="en", changes="us_nyc_ccrb_penalties")
    assert any("nothing to compare yet" in info.value for info in app.info)
    shown = notices(app)
    assert "us_nyc_ccrb_penalties" in shown and "changes" in shown, shown
    assert "changes" not in app.query_params
