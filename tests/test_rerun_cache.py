"""What a rerun reuses (ui.chart_cache, ui.page.replayed, ui.data.QueryResults) shows
exactly what computing it afresh shows: the second visitor of a view gets the first
visitor's page, element for element, without converting a chart again, and a view never
gets another view's or another language's elements."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app_text import shown_text
from tests.conftest import APP_TIMEOUT, PROJECT_DIR
from ui import chart_cache, data

APP = str(PROJECT_DIR / "dashboard.py")
VIEWS = [
    {"page": "overview"},
    {"page": "compare", "jurisdiction": "US-IL-CHI"},
    {"page": "compare", "jurisdiction": "FR"},
    {"page": "directives"},
    # a what-if rule opened: its sections say "what-if" where the default view does not
    {"page": "directives", "directive": "FR-1", "rule": "FR-1/what-if-chicago"},
    {"page": "directives", "lang": "fr", "penalty_jurisdiction": "US-NY-NYC"},
    {"page": "region", "region": "US-IL-CHI-D4", "year_from": "2005"},
    {"page": "region", "region": "FR-DEP-94", "lang": "fr"},
]


class CountingStreamlit:
    """streamlit as ui.chart_cache sees it, counting the charts it converts."""

    def __init__(self):
        self.converted = 0

    def altair_chart(self, *args, **kwargs):
        self.converted += 1
        return st.altair_chart(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(st, name)


def without_file_ids(text: str) -> str:
    """A download's file is named anew for each visitor (`file_id`): all else is the page."""
    return re.sub(r'file_id: "[0-9a-f]+"', 'file_id: "…"', text)


@pytest.fixture
def session(built_data_dir, monkeypatch):
    """Opens a view as a new visitor (a new AppTest) on the session warehouse."""
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    counting = CountingStreamlit()
    monkeypatch.setattr(chart_cache, "st", counting)
    st.cache_resource.clear()
    st.cache_data.clear()

    def open_view(link: dict) -> str:
        app = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
        for name, value in link.items():
            app.query_params[name] = value
        app.run()
        assert not app.exception, app.exception
        return without_file_ids(shown_text(app))

    open_view.counting = counting
    return open_view


@pytest.mark.parametrize("link", VIEWS, ids=lambda link: "-".join(link.values()))
def test_a_second_visitor_gets_the_same_page_without_converting_a_chart(session, link):
    first = session(link)
    converted_first = session.counting.converted
    assert converted_first > 0  # the page draws charts, converted once
    second = session(link)
    assert second == first
    assert session.counting.converted == converted_first  # all replayed


def test_views_seen_before_do_not_leak_into_another_view(session):
    """Every view opened after the others (caches full) equals the same view computed from
    empty caches."""
    warm = {}
    for link in VIEWS:
        warm[str(link)] = session(link)
    for link in VIEWS[::-1]:
        st.cache_resource.clear()
        st.cache_data.clear()
        assert session(link) == warm[str(link)], link


def test_query_results_are_shared_and_not_modified_by_callers(built_data_dir, monkeypatch):
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    st.cache_resource.clear()
    first = data.query("jurisdiction_names")
    first["name_en"] = "changed"
    first.loc[0, "code"] = "changed"
    again = data.query("jurisdiction_names")
    assert "changed" not in set(again["name_en"]) | set(again["code"])
    assert list(again.columns) == ["code", "name_en", "name_fr"]
