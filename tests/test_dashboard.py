"""Dashboard shell and the Sources and methodology page, with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT, PROJECT_DIR

APP = str(PROJECT_DIR / "dashboard.py")


def open_sources(app, **params):
    app.query_params["page"] = "sources"
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    return app


def test_sources_table_lists_every_source_with_its_accounting(app, db):
    open_sources(app)
    table = app.dataframe[0].value
    expected = [row[0] for row in db.execute("SELECT source_id FROM sources").fetchall()]
    assert sorted(table["source_id"]) == sorted(expected)
    iopc = table.set_index("source_id").loc["gb_bbc_iopc_misconduct"]
    # iopc_forfunnel.csv: 998 records, 39 forces, 959 blank rows
    assert (iopc["rows_read"], iopc["rows_loaded"], iopc["rows_rejected"]) == (998, 39, 959)


def test_one_source_in_detail_from_the_link(app):
    open_sources(app, source="gb_homeoffice_police_workforce")
    assert app.selectbox[0].value == "gb_homeoffice_police_workforce"
    reasons = app.dataframe[2].value  # files, then reject reasons
    assert list(reasons["rows_rejected"]) == [5]
    assert reasons["reason"][0].startswith("West Midlands region total")


def test_outcome_label_search_filters_the_table(app):
    open_sources(app, q="day suspension", map_jurisdiction="US-IL-CHI")
    labels = app.dataframe[-2].value
    assert len(labels) > 0
    assert set(labels["jurisdiction"]) == {"US-IL-CHI"}
    # the search reads labels and reviewers' notes: "35" is noted as days of suspension
    assert set(labels["level"]) == {"suspension"}
    assert "1 DAY SUSPENSION" in set(labels["original_label"])
    app.text_input[0].set_value("reprimand").run()
    reprimands = app.dataframe[-2].value.set_index("original_label")["level"].to_dict()
    assert reprimands["REPRIMAND"] == reprimands["Reprimand"] == "warning"
    assert app.query_params["q"] == "reprimand"


def test_french_labels(app):
    open_sources(app, lang="fr")
    assert app.title[0].value == "Sources et méthodologie"
    assert any("Toutes les sources" in h.value for h in app.header)


def test_unknown_values_in_the_link_are_ignored_with_a_notice(app):
    app.query_params["page"] = "nowhere"
    app.query_params["lang"] = "de"
    app.run()
    assert not app.exception
    warnings = " ".join(w.value for w in app.warning)
    assert "'nowhere'" in warnings and "'de'" in warnings
    assert app.title[0].value  # the default page rendered


def test_missing_warehouse_says_how_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(tmp_path / "none.duckdb"))
    app = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    app.run()
    assert not app.exception
    assert "python -m etl" in app.error[0].value
