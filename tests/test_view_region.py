"""The region page (`?page=region&region=<id>`), run with AppTest on the session-built
warehouse: its figures are the Compare page's and the warehouse's, its records are the
region's, and what is not published for it is said."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT
from tests.test_view_compare_regions import APP, open_compare
from ui.i18n import Translator
from views import region_measures as rm
from views.region import figures
from views.region.share import chart_file


@pytest.fixture
def registry(built_data_dir, monkeypatch):
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    return rm.jurisdictions()


def open_region(app, **params):
    app.query_params["page"] = "region"
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def words(key: str, lang: str = "en") -> str:
    return Translator(lang, context="region")(key)


def table_with(app, column: str) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def metric(app, label_start: str, position: int = 0):
    found = [m for m in app.metric if m.label.startswith(label_start)]
    return found[position]


def test_val_de_marne_rate_is_the_compare_figure_and_the_warehouse_figure(app, db):
    open_region(app, region="FR-DEP-94")
    shown = metric(app, "Val-de-Marne, 2016-2023").value
    victims, population = db.execute(
        "SELECT sum(value) FILTER (WHERE measure = 'intrafamily_assault_victims'), "
        "sum(value) FILTER (WHERE measure = 'population') FROM statistics "
        "WHERE source_id = 'fr_ssmsi_delinquance' AND region_id = 'FR-DEP-94' "
        "AND year BETWEEN 2016 AND 2023"
    ).fetchone()
    assert shown == f"{victims / population * 1000:.2f}"
    compare = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)  # a new session
    open_compare(compare, jurisdiction="FR", level="departement", region_a="FR-DEP-94")
    assert compare.metric[0].label == "Val-de-Marne (94)"
    assert compare.metric[0].value == shown


def test_val_de_marne_lists_its_observations_and_the_maisons_alfort_case(app, db):
    open_region(app, region="FR-DEP-94")
    observed = {
        scope
        for (scope,) in db.execute(
            "SELECT scope_id FROM compliance "
            "WHERE region_id = 'FR-DEP-94' AND directive_id = 'FR-1'"
        ).fetchall()
    }
    assert observed
    observations = table_with(app, words("col_scope"))
    assert observed <= set(observations[words("col_scope")])
    links = list(observations[words("col_open")])
    assert all("page=directives" in url and "directive=FR-1" in url for url in links)
    case_ids = [
        case
        for (case,) in db.execute(
            "SELECT case_id FROM case_events WHERE region_id = 'FR-DEP-94' "
            "AND place LIKE '%Maisons-Alfort%'"
        ).fetchall()
    ]
    assert case_ids
    cases = table_with(app, words("col_case"))
    assert set(case_ids) <= set(cases[words("col_case")])
    opened = dict(zip(cases[words("col_case")], cases[words("col_open")], strict=True))
    assert f"obs={case_ids[0]}" in opened[case_ids[0]]


def test_chicago_district_allegations_for_a_year_range_match_the_allegations_table(app, db):
    open_region(app, region="US-IL-CHI-D4", year_from="2005", year_to="2010")
    count = db.execute(
        "SELECT count(*) FROM allegations WHERE region_id = 'US-IL-CHI-D4' "
        "AND year(incident_date) BETWEEN 2005 AND 2010"
    ).fetchone()[0]
    assert metric(app, "South Chicago, 2005-2010").value == f"{count:,}"
    assert app.query_params["year_from"] == "2005" and app.query_params["year_to"] == "2010"
    assert not [w for w in app.warning if w.value.startswith("The link's value")]


def test_coverage_marks_a_year_without_data_as_not_published(app, registry):
    """Chicago's downgrade rate has no recommendation to compare after 2016 (its years, from
    the data, end there): 2017 and 2018 are not published, never an empty "good" cell."""
    assert registry["US-IL-CHI"].measure("chi_downgrade").years[1] == 2016
    open_region(app, region="US-IL-CHI-D4")
    coverage = table_with(app, words("measure")).set_index(words("measure"))
    downgrade = coverage.loc["Downgrade rate"]
    assert downgrade["2018"] == words("coverage_not_published")
    assert downgrade["2005"] == words("coverage_published")
    assert downgrade[words("coverage_gaps")].startswith(
        words("coverage_gap").format(state=words("coverage_not_published"), years="2017, 2018")
    )
    # No dismissal anywhere in 2017, but final outcomes to count: a share of 0%, published
    assert coverage.loc["Share ending in dismissal", "2017"] == words("coverage_published")


def test_an_unknown_region_gives_a_notice_and_a_chooser(app):
    open_region(app, region="XX-NOWHERE-1")
    assert any("XX-NOWHERE-1" in w.value for w in app.warning)
    labels = {box.label for box in app.selectbox}
    assert {words("choose_jurisdiction"), words("choose_region")} <= labels
    assert app.query_params["region"] != "XX-NOWHERE-1"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_both_languages_render(app, lang):
    open_region(app, region="FR-DEP-94", lang=lang)
    assert app.title[0].value == Translator(lang)("page_region")
    value = metric(app, "Val-de-Marne").value
    assert ("," in value) == (lang == "fr")
    assert app.header[1].value == words("measures_heading", lang)


def test_a_chart_downloads_as_png_and_svg(app):
    open_region(app, region="US-NY-NYC-P75")
    labels = [button.label for button in app.get("download_button")]
    assert words("download_png") in labels and words("download_svg") in labels
    spec = {
        "data": {"values": [{"year": 2020, "value": 1.0}, {"year": 2021, "value": 2.0}]},
        "mark": "line",
        "encoding": {"x": {"field": "year", "type": "ordinal"}, "y": {"field": "value"}},
        "width": "container",
    }
    assert chart_file(json.dumps(spec), "png").startswith(b"\x89PNG")
    assert b"<svg" in chart_file(json.dumps(spec), "svg")


def test_a_place_with_no_compared_level_still_shows_its_records(app):
    open_region(app, region="US-IL-CHI")
    assert any(words("no_measures").split(";")[0] in i.value for i in app.info)
    assert words("observations_heading") in [h.value for h in app.header]


@pytest.mark.parametrize("key", ["chi_sustained", "chi_allegations_per_1000"])
def test_the_loaders_by_year_agree_with_one_computation_per_year(registry, key):
    """The charts by year read every year at once (loaders' `by_year`): each year's figures
    are those of the Compare page computed for that year alone."""
    jurisdiction = registry["US-IL-CHI"]
    level, measure = jurisdiction.levels[0], jurisdiction.measure(key)
    columns = ["region_id", "numerator", "denominator", "value", "lower", "upper", "rank"]
    for year, (frame, unplaced) in figures.yearly_computed(
        jurisdiction, level, measure, 2014, 2016
    ).items():
        alone, alone_unplaced = figures.computed(jurisdiction, level, measure, (year, year))
        pd.testing.assert_frame_equal(
            frame[columns].reset_index(drop=True),
            alone[columns].reset_index(drop=True),
            check_dtype=False,
        )
        assert unplaced["overall"] == pytest.approx(alone_unplaced["overall"], nan_ok=True)


def test_permalink_and_citation_name_the_place_and_every_source(app, db):
    open_region(app, region="FR-DEP-94", year_from="2018")
    permalink, citation = (block.value for block in app.code)
    assert "page=region" in permalink and "region=FR-DEP-94" in permalink
    assert "year_from=2018" in permalink
    assert "Val-de-Marne" in citation and "2018-2023" in citation and permalink in citation
    titles = db.execute(
        "SELECT title FROM sources WHERE source_id IN (SELECT source_id FROM case_events "
        "WHERE region_id = 'FR-DEP-94' UNION SELECT 'fr_ssmsi_delinquance')"
    ).fetchall()
    assert len(titles) == 2 and all(title in citation for (title,) in titles)


def test_french_cases_are_in_french(app, db):
    """The Val-de-Marne cases in French: place and description translated by the project,
    their headers say so, and no "(en anglais)" is left on them (issue 15)."""
    open_region(app, region="FR-DEP-94", lang="fr")
    marker = f"({Translator('fr')('translated_by_project')})"
    place = f"{words('col_place_plain', 'fr')} {marker}"
    description = f"{words('col_description_plain', 'fr')} {marker}"
    cases = table_with(app, place)
    expected = dict(
        db.execute(
            "SELECT case_id, description_fr FROM case_events WHERE region_id = 'FR-DEP-94'"
        ).fetchall()
    )
    shown = dict(zip(cases[words("col_case", "fr")], cases[description], strict=True))
    assert shown == expected
    assert all(text.startswith("Commissariat de Maisons-Alfort") for text in cases[place])
    evidence = table_with(app, f"{words('col_evidence_plain', 'fr')} {marker}")
    assert len(evidence)
