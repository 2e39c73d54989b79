"""The Explore page on the real warehouse: filters from the link, facet counts, notices.

Expected figures were counted outside the page's SQL, with Python's csv module over the raw
files in data/raw (or the curated CSV in data/reference); each literal says how.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

import queries
from exports.datapackage import FIELD_DESCRIPTIONS
from tests.conftest import PROJECT_DIR
from ui.i18n import Translator
from views import explore

APP = str(PROJECT_DIR / "dashboard.py")
WORDS = Translator("en", context="explore").table

# complaints-accused.csv.gz: 244,436 records, all loaded (rows_rejected = 0).
CHICAGO_ALLEGATIONS = 244_436
# ccrb-complaints-database-penalties.csv: 14,918 records, all loaded.
NYC_ALLEGATIONS = 14_918
# Washington CJTC certification cases (csv.DictReader): 2,055 records, all loaded.
WA_ALLEGATIONS = 2_055
# Virginia DCJS decertification list (openpyxl, four sheets): 308 + 90 + 81 + 45 records,
# less 3 with mistyped dates (rejected) = 521.
VA_ALLEGATIONS = 521
# Counted by source above; a test never hard-codes the total of every source, which would
# break whenever one is added: `all_allegations` reads it from the warehouse, and
# test_every_source_total_is_its_raw_count ties that total to the counts above.
HAND_COUNTED = {
    "us_chicago_cpdp_complaints": CHICAGO_ALLEGATIONS,
    "us_nyc_ccrb_penalties": NYC_ALLEGATIONS,
    "us_wa_cjtc_certification_cases": WA_ALLEGATIONS,
    "us_va_dcjs_decertifications": VA_ALLEGATIONS,
}


@pytest.fixture
def all_allegations(db) -> int:
    return db.execute("SELECT count(*) FROM allegations").fetchone()[0]


def test_every_source_total_is_its_raw_count(db):
    loaded = dict(db.execute("SELECT source_id, count(*) FROM allegations GROUP BY 1").fetchall())
    for source_id, count in HAND_COUNTED.items():
        assert loaded.pop(source_id) == count, source_id
    assert not loaded, f"sources without a hand count in this file: {sorted(loaded)}"


# complaints-accused.csv.gz: final_finding == "SU".
CHICAGO_SUSTAINED = 21_427
# complaints-accused.csv.gz: final_finding == "NS".
CHICAGO_NOT_SUSTAINED = 113_388
# final_finding == "SU" and the case's beat (complaints-complaints.csv.gz) // 100 == 4.
CHICAGO_DISTRICT_4_SUSTAINED = 388


def open_explore(app: AppTest, **params) -> AppTest:
    app.query_params["page"] = "explore"
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def select(app: AppTest, label: str):
    boxes = [box for box in app.selectbox if box.label == label]
    assert boxes, f"no select {label!r} in {[box.label for box in app.selectbox]}"
    return boxes[0]


def matching_rows(app: AppTest) -> int:
    """The count in the sentence 'N rows match these filters' (either language)."""
    for block in app.markdown:
        found = re.match(r"\*\*([\d,\u202f]+)\*\* (rows match|lignes correspondent)", block.value)
        if found:
            return int(re.sub(r"[,\u202f]", "", found.group(1)))
    raise AssertionError("no row count on the page")


def notices(app: AppTest) -> str:
    return "\n".join(w.value for w in app.warning)


@pytest.mark.parametrize(
    ("lang", "title", "finding_label"),
    [("en", "Explore and download", "Finding"), ("fr", "Explorer et télécharger", "Conclusion")],
)
def test_renders_in_both_languages(app, lang, title, finding_label, all_allegations):
    open_explore(app, lang=lang)
    assert app.title[0].value == title
    assert select(app, finding_label).value is None
    assert matching_rows(app) == all_allegations
    assert app.dataframe[0].value.shape[0] == explore.PAGE_ROWS


def test_french_option_labels_and_numbers(app):
    open_explore(app, lang="fr", jurisdiction="US-IL-CHI")
    assert "Fondée (21\u202f427)" in select(app, "Conclusion").options


def test_facet_counts_equal_counts_from_the_raw_file(app, db):
    open_explore(app, jurisdiction="US-IL-CHI")
    findings = select(app, "Finding").options
    assert f"Sustained ({CHICAGO_SUSTAINED:,})" in findings
    assert f"Not sustained ({CHICAGO_NOT_SUSTAINED:,})" in findings
    # the jurisdiction facet ignores its own filter: every jurisdiction with its total
    # (named from the warehouse's `jurisdictions` table, not from page code)
    options = select(app, "Jurisdiction").options
    for hand_counted in (
        f"Chicago ({CHICAGO_ALLEGATIONS:,})",
        f"New York City ({NYC_ALLEGATIONS:,})",
        f"Washington State ({WA_ALLEGATIONS:,})",
        f"Virginia ({VA_ALLEGATIONS:,})",
    ):
        assert hand_counted in options
    in_warehouse = db.execute(
        "SELECT j.name_en, count(*) FROM allegations a JOIN sources s USING (source_id) "
        "JOIN jurisdictions j ON j.code = s.jurisdiction GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    assert sorted(options) == sorted(["All", *(f"{name} ({n:,})" for name, n in in_warehouse)])


def test_jurisdiction_names_come_from_the_warehouse_in_french(app):
    open_explore(app, lang="fr")
    options = select(app, "Juridiction").options
    assert any(o.startswith("État de Washington (") for o in options)
    assert any(o.startswith("Virginie (") for o in options)


def test_a_link_with_filters_seeds_the_widgets_and_the_count(app):
    open_explore(
        app,
        jurisdiction="US-IL-CHI",
        region="US-IL-CHI-D4",
        finding="sustained",
        sort="-incident_date",
    )
    assert select(app, "Jurisdiction").value == "US-IL-CHI"
    assert select(app, "Region (and all inside it)").value == "US-IL-CHI-D4"
    assert select(app, "Finding").value == "sustained"
    assert select(app, "Sort by").value == "incident_date"
    assert app.toggle[0].value is True
    assert matching_rows(app) == CHICAGO_DISTRICT_4_SUSTAINED
    rows = app.dataframe[0].value
    assert len(rows) == CHICAGO_DISTRICT_4_SUSTAINED
    assert set(rows["finding"]) == {"sustained"}
    assert list(rows["incident_date"]) == sorted(rows["incident_date"], reverse=True)
    link = app.code[0].value
    assert link.startswith("?page=explore&lang=en&table=allegations&")
    assert "jurisdiction=US-IL-CHI&region=US-IL-CHI-D4&finding=sustained" in link
    assert link.endswith("&sort=-incident_date")


def test_sort_descending_puts_the_latest_incident_first(app):
    open_explore(app, jurisdiction="US-IL-CHI", sort="-incident_date")
    # the latest incident_date of complaints-complaints.csv.gz with an accused officer
    assert str(app.dataframe[0].value["incident_date"].iloc[0].date()) == "2018-02-19"


def test_changing_a_filter_changes_the_count_and_the_link(app):
    open_explore(app, jurisdiction="US-IL-CHI")
    assert matching_rows(app) == CHICAGO_ALLEGATIONS
    select(app, "Finding").set_value("sustained").run()
    assert not app.exception
    assert matching_rows(app) == CHICAGO_SUSTAINED
    assert app.query_params["finding"] == "sustained"
    # options of the other filters are recounted under the new filter
    assert f"Chicago ({CHICAGO_SUSTAINED:,})" in select(app, "Jurisdiction").options


def test_changing_the_jurisdiction_drops_its_region(app):
    open_explore(app, jurisdiction="US-IL-CHI", region="US-IL-CHI-D4")
    select(app, "Jurisdiction").set_value("US-NY-NYC").run()
    assert not app.exception
    assert "region" not in app.query_params
    assert matching_rows(app) == NYC_ALLEGATIONS
    assert not notices(app).count("was ignored")


def test_unknown_values_in_the_link_are_ignored_with_a_notice(app, all_allegations):
    open_explore(
        app,
        jurisdiction="Atlantis",
        finding="proved",
        sort="officer_key",
        year_from="3000",
        table="allegations",
    )
    text = notices(app)
    for value in ("'Atlantis'", "'proved'", "'officer_key'", "'3000'"):
        assert value in text
    assert matching_rows(app) == all_allegations
    assert "finding" not in app.query_params and "sort" not in app.query_params


def test_a_region_of_another_jurisdiction_is_refused(app):
    open_explore(app, jurisdiction="US-NY-NYC", region="US-IL-CHI-D4")
    assert "'US-IL-CHI-D4'" in notices(app)
    assert matching_rows(app) == NYC_ALLEGATIONS


def test_year_range_uses_each_sources_year_basis(app):
    # The NYC penalties file has no incident date: its year basis is the date discipline
    # ended (sources.year_basis = closed). Of its 14,918 rows, 13,463 have an APU Closing
    # Date or a Non-APU NYPD Penalty Report Date (csv module over the raw file); the rest,
    # no date, drop out as soon as a year bound is set.
    open_explore(app, jurisdiction="US-NY-NYC", year_from="2000")
    assert matching_rows(app) == 13_463
    open_explore(app, jurisdiction="US-NY-NYC", year_from="2000", year_to="2000")
    assert matching_rows(app) == 0
    assert app.info, "an empty view says how to loosen the filters"


def test_licence_warning_for_sources_without_a_licence(app):
    open_explore(app, jurisdiction="US-IL-CHI")
    assert "us_chicago_cpdp_complaints" in notices(app)
    assert "No licence file" in notices(app)
    app.query_params["jurisdiction"] = "US-NY-NYC"
    app.run()
    # NYC Open Data terms of use: an open licence, no warning
    assert "Check before republishing" not in notices(app)


def test_compliance_view_from_the_link(app):
    open_explore(app, table="compliance", rule="FR-1/cases-register")
    # cases_register.csv: 10 events, 9 with directive_id FR-1, 4 of them policy_gap
    assert matching_rows(app) == 9
    assert "Gap in the rule (4)" in select(app, "Status").options
    assert set(app.dataframe[0].value["scope_id"]) == {
        "FR-001.1",
        "FR-001.2",
        "FR-002.1",
        "FR-002.2",
        "FR-003.1",
        "FR-004.1",
        "FR-004.2",
        "FR-004.3",
        "FR-005.1",
    }


def test_statistics_view_and_switching_tables_clears_filters(app, all_allegations):
    open_explore(app, table="statistics", jurisdiction="FR", measure="blame")
    # fr_national_sanctions.csv: two rows with measure "blame" (2017 and 2019)
    assert matching_rows(app) == 2
    data_radio = next(radio for radio in app.radio if radio.label == "Data")
    data_radio.set_value("allegations").run()
    assert not app.exception
    assert "measure" not in app.query_params and "jurisdiction" not in app.query_params
    assert matching_rows(app) == all_allegations


def test_citation_names_the_filters_sources_and_link(app):
    open_explore(app, jurisdiction="US-IL-CHI", finding="sustained")
    citation = app.code[1].value
    assert "“Allegations” (Jurisdiction: Chicago; Finding: Sustained): 21,427 rows" in citation
    assert "Invisible Institute" in citation and "retrieved 2018-08-13" in citation
    assert citation.endswith(
        "?page=explore&lang=en&table=allegations&jurisdiction=US-IL-CHI&finding=sustained"
    )


# -- the page and its SQL agree -----------------------------------------------------------


@pytest.mark.parametrize("table", sorted(explore.TABLES))
def test_sort_whitelist_matches_the_sql(table):
    spec = explore.TABLES[table]
    sql = queries.get(spec.rows_query).sql
    in_sql = set(re.findall(r"\$sort = '(\w+)'", sql))
    for choice in re.findall(r"CASE \$sort(.*?)\bEND\b", sql, flags=re.DOTALL):
        in_sql |= set(re.findall(r"WHEN '(\w+)'", choice))
    assert set(spec.sortable) - {spec.default_sort} <= in_sql
    assert in_sql <= set(spec.sortable)


@pytest.mark.parametrize("table", sorted(explore.TABLES))
def test_every_column_has_a_header_and_a_description(db, table):
    spec = explore.TABLES[table]
    params = dict.fromkeys(queries.get(spec.rows_query).params)
    params.update(sort=spec.default_sort, descending=False, limit=0)
    cursor = queries.run(db, spec.rows_query, params)
    columns = [d[0] for d in cursor.description]
    assert "source_id" in columns  # the data package finds the sources through it
    for column in columns:
        assert f"col_{column}" in WORDS, column
        assert column in FIELD_DESCRIPTIONS, column
    for facet in spec.facets:
        assert f"filter_{facet}" in WORDS, facet


def test_year_inputs_write_the_link_and_a_reversed_range_is_put_in_order(app):
    open_explore(app, jurisdiction="US-NY-NYC")
    years_from = app.number_input(key="explore_allegations_years_from")
    years_to = app.number_input(key="explore_allegations_years_to")
    assert (years_from.label, years_to.label) == ("Year: from", "Year: to")
    years_from.set_value(2015)
    years_to.set_value(2012).run()
    assert not app.exception
    assert (app.query_params["year_from"], app.query_params["year_to"]) == ("2012", "2015")
    # the inputs follow the link they wrote
    assert app.number_input(key="explore_allegations_years_from").value == 2012
    assert app.number_input(key="explore_allegations_years_to").value == 2015
    in_order = matching_rows(app)
    open_explore(app, jurisdiction="US-NY-NYC", year_from="2012", year_to="2015")
    assert matching_rows(app) == in_order > 0
