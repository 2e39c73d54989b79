"""A new city is a data change: declared in its data folder, it reaches every page.

tests/fixtures/synthetic_city holds a made-up city (three districts with shapes, 104
allegations received 2016-2020, some placed in no district): a declaration, raw files,
label maps and a row of jurisdictions.csv. No Python of the project names it. The warehouse
is built from a copy of the project's data with the city added; every page is rendered
with AppTest on it. Expected figures are counted here, with the csv module, from the
fixture's complaints.csv.
"""

from __future__ import annotations

import re
from collections import Counter

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT, PROJECT_DIR, TEST_KEY, copy_data
from tests.synthetic_city import CODE, SLUG, add_synthetic_city, allegation_rows

NAME_EN = "Synthetic City (test)"
NAME_FR = "Ville synthétique (test)"
DISTRICTS = {"1": "North", "2": "Centre", "3": "South"}
INVESTIGATED = {"Sustained", "Not Sustained", "Unfounded", "Exonerated"}


@pytest.fixture(scope="module")
def city_warehouse(tmp_path_factory):
    from etl.build import build

    data_dir = add_synthetic_city(copy_data(tmp_path_factory.mktemp("city")))
    mp = pytest.MonkeyPatch()
    mp.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    try:
        summaries = build(data_dir, show_progress=False)
    finally:
        mp.undo()
    city = next(summary for summary in summaries if summary.slug == SLUG)
    assert city.rows_rejected == 0
    return data_dir / "warehouse.duckdb"


@pytest.fixture
def city_app(city_warehouse, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(city_warehouse))
    st.cache_resource.clear()
    st.cache_data.clear()
    return AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=APP_TIMEOUT)


def run(app: AppTest, **params) -> AppTest:
    for name, value in params.items():
        if value is None:
            app.query_params.pop(name, None)
        else:
            app.query_params[name] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    return app


def words(app: AppTest) -> str:
    parts = [
        *app.title, *app.header, *app.subheader, *app.markdown, *app.caption, *app.info,
        *app.warning, *app.metric,
    ]  # fmt: skip
    return "\n".join(str(getattr(part, "label", "")) + " " + str(part.value) for part in parts)


def test_the_city_loads_from_its_declaration_alone(city_warehouse):
    rows = allegation_rows()
    with duckdb.connect(str(city_warehouse), read_only=True) as con:
        loaded = con.execute(
            "SELECT count(*), count(DISTINCT case_id), min(year(received_date)), "
            "max(year(received_date)) FROM allegations WHERE source_id = ?",
            [SLUG],
        ).fetchone()
        shapes = con.execute(
            "SELECT count(*) FROM boundaries WHERE source_id = ?", [SLUG]
        ).fetchone()[0]
        named = con.execute(
            "SELECT name_en, name_fr FROM jurisdictions WHERE code = ?", [CODE]
        ).fetchone()
    assert loaded == (len(rows), len({r["complaint_no"] for r in rows}), 2016, 2020)
    assert shapes == len(DISTRICTS)
    with duckdb.connect(str(city_warehouse), read_only=True) as con:
        findings = dict(
            con.execute(
                "SELECT finding_original, count(finding) FROM allegations "
                "WHERE source_id = ? GROUP BY 1",
                [SLUG],
            ).fetchall()
        )
    # every published finding mapped (`published.finding` in the declaration: the file's
    # column, not the map's column of the same name)
    assert findings == Counter(r["finding"] for r in rows)
    assert named == (NAME_EN, NAME_FR)


def test_overview_default_card_figures_equal_the_fixture(city_app):
    """No declaration in queries/overview.toml: the card is derived from the warehouse."""
    rows = allegation_rows()
    investigated = [r for r in rows if r["finding"] in INVESTIGATED]
    sustained = sum(r["finding"] == "Sustained" for r in investigated)
    with_penalty = [r for r in rows if r["penalty"]]
    heavier = sum(r["penalty"] != "No Action" for r in with_penalty)  # the fixture's map
    app = run(city_app)
    metrics = [(m.label, m.value) for m in app.metric]
    at = metrics.index(("Allegations", f"{len(rows):,}"))
    assert metrics[at + 1] == ("Sustained share", f"{100 * sustained / len(investigated):.1f}%")
    assert metrics[at + 2] == (
        "Share ending in a reprimand or heavier",
        f"{100 * heavier / len(with_penalty):.1f}%",
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_overview_has_a_card_for_the_city(city_app, lang):
    app = run(city_app, lang=lang)
    text = words(app)
    assert (NAME_EN if lang == "en" else NAME_FR) in text
    rows = allegation_rows()
    count = f"{len(rows):,}".replace(",", "\u202f") if lang == "fr" else f"{len(rows):,}"
    assert count in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_compare_maps_and_ranks_the_districts(city_app, lang):
    app = run(city_app, page="compare", jurisdiction=CODE, lang=lang)
    charts = app.get("vega_lite_chart")
    assert len(charts) == 2  # the map and the ranking
    ranking = app.dataframe[-1].value
    names = {str(value) for value in ranking.to_numpy().ravel()}
    assert all(any(name in value for value in names) for name in DISTRICTS.values())


def test_compare_counts_equal_the_fixture(city_app):
    rows = allegation_rows()
    app = run(city_app, page="compare", jurisdiction=CODE, measure="allegations")
    ranking = app.dataframe[-1].value
    counted = Counter(r["district"] for r in rows if r["district"])
    for code, name in DISTRICTS.items():
        mentions = [any(name in str(value) for value in row) for row in ranking.to_numpy()]
        line = ranking[mentions]
        assert len(line) == 1, name
        numbers = [float(v) for v in line.iloc[0] if isinstance(v, int | float)]
        assert counted[code] in numbers, (name, counted[code], numbers)


def test_compare_sustained_share_uses_investigated_findings(city_app):
    rows = allegation_rows()
    investigated = [r for r in rows if r["finding"] in INVESTIGATED]
    sustained = sum(r["finding"] == "Sustained" for r in investigated)
    share = 100 * sustained / len(investigated)
    app = run(city_app, page="compare", jurisdiction=CODE, measure="sustained_share")
    assert f"{share:.1f}" in words(app)  # the all-districts figure, placed or not


def test_region_page_of_a_district_counts_its_allegations(city_app):
    """The region page knows no jurisdiction either: a district's page gives its count."""
    rows = allegation_rows()
    counted = Counter(r["district"] for r in rows if r["district"])
    app = run(city_app, page="region", region=f"{CODE}-D1")
    assert app.header[0].value == DISTRICTS["1"]
    assert any(m.value == f"{counted['1']:,}" for m in app.metric)


def test_explore_filters_the_city_by_its_received_year(city_app):
    rows = allegation_rows()
    received_2018 = sum(r["date_received"].endswith("/2018") for r in rows)
    app = run(city_app, page="explore", jurisdiction=CODE, year_from="2018", year_to="2018")
    found = next(
        re.match(r"\*\*([\d,]+)\*\* rows match", block.value)
        for block in app.markdown
        if re.match(r"\*\*([\d,]+)\*\* rows match", block.value)
    )
    assert int(found.group(1).replace(",", "")) == received_2018
    app = run(app, year_from=None, year_to=None)
    jurisdiction = next(box for box in app.selectbox if box.label == "Jurisdiction")
    assert f"{NAME_EN} ({len(rows):,})" in jurisdiction.options


def test_sources_lists_the_city(city_app):
    app = run(city_app, page="sources")
    tables = "\n".join(frame.value.to_csv() for frame in app.dataframe)
    assert SLUG in tables
    assert "Synthetic City: complaints by district (test data)" in tables


def test_directives_page_renders_with_the_city(city_app):
    run(city_app, page="directives")


def test_a_slug_declared_in_the_code_tree_and_the_data_folder_is_refused(tmp_path):
    import shutil

    from etl.registry import SOURCES_DIR, source_modules, with_data_dir_sources

    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCES_DIR / "us_wa_cjtc_certification_cases.toml", tmp_path / "sources")
    with pytest.raises(RuntimeError, match="us_wa_cjtc_certification_cases"):
        with_data_dir_sources(source_modules(), tmp_path)
