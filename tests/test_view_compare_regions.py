"""The Compare regions page, run with AppTest on the session-built warehouse."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import PROJECT_DIR
from ui.i18n import Translator
from views import region_measures as rm

APP = str(PROJECT_DIR / "dashboard.py")
JURISDICTIONS = [
    {"jurisdiction": "US-IL-CHI"},
    {"jurisdiction": "US-NY-NYC"},
    {"jurisdiction": "GB-EAW"},
    {"jurisdiction": "FR", "level": "departement"},
    {"jurisdiction": "FR", "level": "region"},
]


@pytest.fixture
def registry(built_data_dir, monkeypatch):
    """The registry built from the session warehouse."""
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    return rm.jurisdictions()


def years(app) -> tuple[int, int]:
    """The two year inputs (from, to) of the page."""
    first, last = (box.value for box in app.number_input[:2])
    return first, last


def set_years(app, year_from: int, year_to: int):
    app.number_input[0].set_value(year_from)
    app.number_input[1].set_value(year_to)
    return app.run()


def open_compare(app, **params):
    app.query_params["page"] = "compare"
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def selectbox(app, key: str, lang: str = "en"):
    label = Translator(lang, context="compare")(key)
    return next(box for box in app.selectbox if box.label == label)


def bars_table(app):
    table = app.dataframe[-1].value  # the map's table, then the ranking's
    return table.set_index(table.columns[1])  # region ids, whatever the language


def texts(app) -> str:
    parts = [*app.markdown, *app.caption, *app.info, *app.warning, *app.header, *app.subheader]
    return "\n".join(part.value for part in parts)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("params", JURISDICTIONS, ids=lambda p: "-".join(p.values()))
def test_every_jurisdiction_renders_a_map_and_a_ranking(app, params, lang):
    open_compare(app, lang=lang, **params)
    charts = app.get("vega_lite_chart")
    assert len(charts) == 2
    assert all(chart.proto.alt for chart in charts)  # each chart has its reading as alt text
    assert len(app.dataframe) == 2  # the table behind each chart
    assert len(app.metric) == 2  # the two regions side by side


def test_permalink_seeds_measure_years_and_regions(app):
    open_compare(
        app,
        jurisdiction="US-IL-CHI",
        measure="chi_allegations",
        year_from="1967",
        region_a="US-IL-CHI-D11",
        region_b="US-IL-CHI-D4",
    )
    assert selectbox(app, "measure").value == "chi_allegations"
    assert selectbox(app, "region_a").value == "US-IL-CHI-D11"
    first, second = app.metric
    # District 11, all years: 9,720 allegations (counted from the raw complaints file by the
    # Chicago complaints helper; SELECT count(*) ... WHERE region_id = 'US-IL-CHI-D11' agrees).
    assert (first.label, first.value) == ("District 11 (Harrison)", "9,720")
    assert second.label == "District 4 (South Chicago)"
    assert bars_table(app).loc["US-IL-CHI-D11", "Allegations"] == 9720
    assert not app.warning  # nothing in the link was ignored


def test_chicago_districts_open_on_the_years_districts_exist(app, db):
    """Before 2000 most allegations have no beat (the 1967-1999 release): the district view
    opens on the first year in which most allegations are placed, and says how many are not."""
    open_compare(app, jurisdiction="US-IL-CHI", measure="chi_allegations")
    yearly = db.execute(
        "SELECT year(incident_date) AS y, count(*) FILTER (WHERE region_id <> 'US-IL-CHI') * 2 "
        "> count(*) AS placed FROM allegations WHERE source_id = 'us_chicago_cpdp_complaints' "
        "GROUP BY ALL ORDER BY y"
    ).fetchall()
    first = min(year for year, placed in yearly if placed)
    assert first == 2000
    assert years(app) == (first, 2018)
    eleven = db.execute(
        "SELECT count(*) FROM allegations WHERE region_id = 'US-IL-CHI-D11' "
        "AND year(incident_date) BETWEEN 2000 AND 2018"
    ).fetchone()[0]
    assert bars_table(app).loc["US-IL-CHI-D11", "Allegations"] == eleven
    unplaced, total = db.execute(
        "SELECT count(*) FILTER (WHERE region_id = 'US-IL-CHI'), count(*) FROM allegations "
        "WHERE source_id = 'us_chicago_cpdp_complaints' "
        "AND year(incident_date) BETWEEN 2000 AND 2018"
    ).fetchone()
    share = f"{unplaced / total * 100:.1f}%"
    cards = [c.value for c in app.caption if "placed in no police district" in c.value]
    assert len(cards) == 2 and all(share in card for card in cards)  # beside both figures


def test_changing_the_measure_changes_the_table(app, db):
    open_compare(app, jurisdiction="US-IL-CHI", year_from="1967")
    before = bars_table(app)
    selectbox(app, "measure").select("chi_sustained").run()
    assert not app.exception
    after = bars_table(app)
    assert app.query_params["measure"] == "chi_sustained"
    assert "Allegations" in before.columns and "% of allegations sustained" in after.columns
    # District 11, all years: 453 sustained of 6,347 allegations with a finding after an
    # investigation (before the catalogue: of 9,218 with any finding, the 2,871 "no affidavit"
    # closures included).
    sustained, investigated = db.execute(
        "SELECT count(*) FILTER (WHERE finding = 'sustained'), count(*) FILTER (WHERE finding "
        "IN ('sustained', 'not_sustained', 'unfounded', 'exonerated', 'closed_other') "
        "AND finding_original <> 'NAF') FROM allegations WHERE region_id = 'US-IL-CHI-D11'"
    ).fetchone()
    assert (sustained, investigated) == (453, 6347)
    row = after.loc["US-IL-CHI-D11"]
    assert (
        row["Sustained allegations"],
        row["Allegations with a finding after investigation"],
    ) == (sustained, investigated)
    assert row["% of allegations sustained"] == pytest.approx(453 / 6347 * 100, abs=0.01)
    assert row["95% low"] < row["% of allegations sustained"] < row["95% high"]
    assert "closed without any investigation" in texts(app)


def test_changing_the_year_range_changes_the_table_and_the_link(app):
    open_compare(app, jurisdiction="US-IL-CHI", measure="chi_allegations")
    set_years(app, 2000, 2009)
    assert not app.exception
    # District 11, incidents 2000-2009: 6,943 allegations (SELECT count(*) FROM allegations
    # WHERE region_id = 'US-IL-CHI-D11' AND year(incident_date) BETWEEN 2000 AND 2009).
    assert bars_table(app).loc["US-IL-CHI-D11", "Allegations"] == 6943
    # 2000 is the default start (the years districts exist), so only the end is in the link
    assert "year_from" not in app.query_params and app.query_params["year_to"] == "2009"


def test_unknown_region_and_bad_years_give_notices_not_errors(app):
    open_compare(
        app, jurisdiction="US-IL-CHI", region_a="US-IL-CHI-D99", year_from="1900", year_to="abc"
    )
    notices = [warning.value for warning in app.warning]
    assert any("US-IL-CHI-D99" in notice for notice in notices)
    assert any("1900" in notice for notice in notices)
    assert any("abc" in notice for notice in notices)
    assert years(app) == (2000, 2018)  # the measure's default range instead


def test_unknown_jurisdiction_and_measure_fall_back_with_a_notice(app):
    open_compare(app, jurisdiction="Gotham", measure="nonsense", lang="fr")
    notices = "\n".join(warning.value for warning in app.warning)
    assert "Gotham" in notices and "nonsense" in notices
    assert selectbox(app, "jurisdiction", "fr").value == rm.default_jurisdiction()


def test_reversed_year_range_is_refused(app):
    open_compare(app, jurisdiction="FR", year_from="2022", year_to="2017")
    assert years(app) == (2016, 2023)
    assert len(app.warning) == 2


def test_val_de_marne_intrafamily_victims_2023(app):
    open_compare(
        app, jurisdiction="FR", year_from="2023", year_to="2023", region_a="FR-DEP-94", lang="fr"
    )
    # SSMSI 2023, département 94: 4,865 victims, population base 1,415,367 (the 2021 INSEE
    # population, repeated by SSMSI for 2023); its published rate is 3.437271 per 1,000.
    row = bars_table(app).loc["FR-DEP-94"]
    assert row["Victimes enregistrées"] == 4865
    assert row["Habitants × années"] == 1415367
    assert row["Victimes pour 1 000 habitants par an"] == pytest.approx(3.437, abs=0.001)
    first = app.metric[0]
    assert (first.label, first.value) == ("Val-de-Marne (94)", "3,44")
    text = texts(app)
    assert "délinquance enregistrée, pas manquements policiers" in text
    assert "Mayotte (976)" in text  # overseas départements listed under the map


def test_french_regions_sum_their_departements(app, db):
    open_compare(app, jurisdiction="FR", level="region")
    table = bars_table(app)
    assert len(table) == 18
    victims, population = db.execute(
        "SELECT sum(value) FILTER (WHERE measure = 'intrafamily_assault_victims'), "
        "sum(value) FILTER (WHERE measure = 'population') FROM statistics s "
        "JOIN regions r USING (region_id) WHERE s.source_id = 'fr_ssmsi_delinquance' "
        "AND r.parent_id = 'FR-REG-11'"
    ).fetchone()
    row = table.loc["FR-REG-11"]
    assert (row["Victims recorded"], row["Inhabitants × years"]) == (victims, population)


def test_chicago_retired_districts_have_no_population(app):
    open_compare(
        app, jurisdiction="US-IL-CHI", measure="chi_allegations_per_1000", region_b="US-IL-CHI-D13"
    )
    row = bars_table(app).loc["US-IL-CHI-D13"]
    assert row["Status"] == "No data"
    assert "no population" in row["Note"]
    assert app.metric[1].value == "No data"
    # District 11, 2000-2018: allegations / (70,474 inhabitants (2010 census) x 19 years)
    # x 1,000, per year (before: all years added up over one census, 9,720 / 70,474 = 137.92)
    eleven = bars_table(app).loc["US-IL-CHI-D11"]
    expected = eleven["Allegations"] / (70474 * 19) * 1000
    assert eleven["Allegations per 1,000 inhabitants per year (2010 census)"] == pytest.approx(
        expected, abs=0.001
    )
    assert eleven["Inhabitants (2010 census) × years"] == 70474 * 19
    assert "not ranked against current districts" in row["Note"] or row["Status"] == "No data"


def test_small_counts_are_greyed_with_a_warning(app):
    open_compare(app, jurisdiction="GB-EAW")
    table = bars_table(app)
    small = table[table["Status"] == "Too few cases to compare"]
    assert len(small) > 0
    measure = rm.jurisdictions()["GB-EAW"].measure("gb_misconduct_per_1000_staff")
    assert (small["Staff with a case to answer"] < rm.small_threshold(measure)).all()
    assert small["Rank"].isna().all()  # shown, never ranked
    assert any("fewer than 10 events" in warning.value for warning in app.warning)


def test_england_wales_misconduct_has_no_year_split(app):
    open_compare(app, jurisdiction="GB-EAW", year_from="2019")
    assert not app.number_input  # one period: no year to choose
    assert "2018-2022" in texts(app)
    assert any("2019" in warning.value for warning in app.warning)
    text = texts(app)
    assert "City of London Police (3,744)" in text  # the BBC headcount caveat
    table = bars_table(app)
    # Not in the BBC table: no data, never zero.
    assert table.loc["GB-PFA-W15000004", "Status"] == "No data"


def test_officers_per_inhabitant_sets_the_city_of_london_aside(app):
    open_compare(app, jurisdiction="GB-EAW", measure="gb_officers_per_1000")
    table = bars_table(app)
    # Metropolitan Police: officers FTE at 31 March 2015-2019 (Home Office) average 31,269.086
    # (mean of 31,877.24, 32,125.18, 31,517.29, 30,390.23, 30,435.49); 2011 census 8,166,566.
    met = table.loc["GB-PFA-E23000001"]
    assert met["Officers (FTE, yearly average)"] == pytest.approx(31269.09, abs=0.01)
    assert met["Officers (FTE) per 1,000 inhabitants"] == pytest.approx(3.829, abs=0.001)
    assert met["Rank"] == 1
    # City of London: 7,375 residents, so ~97 officers per 1,000: shown, grey, not ranked.
    city = table.loc["GB-PFA-E23000034"]
    assert city["Status"] == "Not comparable (see the note)"
    assert pd.isna(city["Rank"])
    assert "7,375" in texts(app)


def test_new_york_explains_records_and_missing_shapes(app):
    open_compare(app, jurisdiction="US-NY-NYC", measure="nyc_substantiated")
    text = texts(app)
    assert "No population denominator" in text
    assert "Transit District 1:" in text  # listed under the map
    table = bars_table(app)
    assert len(table) == 89  # 77 precincts and 12 transit districts; not the 2024 116th
    assert "US-NY-NYC-TD1" in table.index
    assert "2014-2019 only" in table.loc["US-NY-NYC-P121", "Note"]


def test_switching_jurisdiction_drops_the_previous_filters(app):
    open_compare(app, jurisdiction="US-IL-CHI", measure="chi_sustained", region_a="US-IL-CHI-D11")
    selectbox(app, "jurisdiction").select("US-NY-NYC").run()
    assert not app.exception and not app.warning
    assert app.query_params["jurisdiction"] == "US-NY-NYC"
    assert app.query_params["measure"] == "nyc_complaint_records"
    assert selectbox(app, "region_a").value.startswith("US-NY-NYC-")


def test_every_change_of_a_widget_takes_effect(app):
    """Keyed widgets follow the link: a second change right after a first is not lost."""
    open_compare(app, jurisdiction="US-IL-CHI")
    for measure in ("chi_downgrade", "chi_sustained", "chi_dv_allegations"):
        selectbox(app, "measure").select(measure).run()
        assert not app.exception
        assert app.query_params["measure"] == measure
        assert selectbox(app, "measure").value == measure
    # The downgrade measure has 2000-2016 only: its years were dropped, not kept as a notice.
    assert "year_from" not in app.query_params and not app.warning


def test_switching_level_drops_the_regions_of_the_other_level(app):
    open_compare(app, jurisdiction="FR", region_a="FR-DEP-94")
    level = next(
        radio
        for radio in app.radio
        if radio.label == Translator("en", context="compare")("map_level")
    )
    level.set_value("region").run()
    assert not app.exception and not app.warning
    assert app.query_params["level"] == "region"
    assert selectbox(app, "region_a").value.startswith("FR-REG-")
    assert len(bars_table(app)) == 18


def test_registry_matches_the_warehouse(db, registry):
    """Year ranges and boundary vintages in the registry are those of the data."""
    for jurisdiction in registry.values():
        for level in jurisdiction.levels:
            shapes = db.execute(
                "SELECT count(*) FROM boundaries WHERE vintage = ? AND starts_with(region_id, ?)",
                [level.vintage, level.prefix],
            ).fetchone()[0]
            assert shapes > 0, (jurisdiction.key, level.key)
    spans = {
        ("US-NY-NYC", "nyc_complaint_records"): ("us_nyc_psl_ccrb_precincts", "complaint_records"),
        ("GB-EAW", "gb_officers_per_1000"): ("gb_homeoffice_police_workforce", "officers_fte"),
        ("FR", "fr_intrafamily_per_1000"): ("fr_ssmsi_delinquance", "intrafamily_assault_victims"),
    }
    for (code, key), (source_id, measure) in spans.items():
        span = db.execute(
            "SELECT min(year), max(year) FROM statistics WHERE source_id = ? AND measure = ?",
            [source_id, measure],
        ).fetchone()
        assert span == registry[code].measure(key).years, key
    # Complaints received 1967 to March 2018; the dozen earlier incident dates (1919-1958)
    # are typing errors, none of them placed in a district.
    chicago = registry["US-IL-CHI"]
    first, last, early_in_district = db.execute(
        "SELECT min(year(incident_date)) FILTER (WHERE year(incident_date) >= 1967), "
        "max(year(incident_date)), "
        "count(*) FILTER (WHERE year(incident_date) < 1967 AND region_id <> 'US-IL-CHI') "
        "FROM allegations WHERE source_id = 'us_chicago_cpdp_complaints'"
    ).fetchone()
    assert (first, last) == chicago.measure("chi_allegations").years == (1967, 2018)
    assert early_in_district == 0
    recommended = db.execute(
        "SELECT min(year(incident_date)), max(year(incident_date)) FROM allegations "
        "WHERE recommended_level IS NOT NULL AND recommended_level <> 'none' "
        "AND final_level IS NOT NULL"
    ).fetchone()
    assert recommended == chicago.measure("chi_downgrade").years


def test_england_wales_all_forces_figure_is_the_overview_one(app, db):
    """Both pages give the catalogue's "all forces" figure: every force of the BBC table,
    British Transport Police included (before: Compare added only the 38 forces with an area,
    Overview all 39)."""
    open_compare(app, jurisdiction="GB-EAW")
    cases, staff = db.execute(
        "SELECT sum(value) FILTER (WHERE measure = 'staff_with_misconduct_case_to_answer'), "
        "sum(value) FILTER (WHERE measure = 'staff_headcount') FROM statistics "
        "WHERE source_id = 'gb_bbc_iopc_misconduct'"
    ).fetchone()
    assert (cases, staff) == (301, 218122)
    assert f"all forces together, {cases / staff * 1000:.2f}" in texts(app).lower()
