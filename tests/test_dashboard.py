"""The minimal dashboard renders the sources table from the warehouse, read-only."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_DIR

APP = str(PROJECT_DIR / "dashboard.py")


@pytest.fixture
def app(built_data_dir, monkeypatch):
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=30)


def test_sources_table_lists_every_source(app, db):
    app.run()
    assert not app.exception
    table = app.dataframe[0].value
    expected = [row[0] for row in db.execute("SELECT source_id FROM sources").fetchall()]
    assert sorted(table["source_id"]) == sorted(expected)
    curated = table.set_index("source_id").loc["curated_directives"]
    assert (curated["rows_read"], curated["rows_loaded"], curated["rows_rejected"]) == (14, 14, 0)


def test_missing_warehouse_says_how_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(tmp_path / "none.duckdb"))
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception
    assert "python -m etl" in app.error[0].value
