"""The Overview page on the real warehouse: figures, languages, filters in the URL.

Expected figures were computed outside the page's SQL, from the raw files in data/raw with
Python's csv module (or, where the raw file needs the ETL's label maps, with pandas over
the warehouse's rows); each literal says how.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_DIR

APP = str(PROJECT_DIR / "dashboard.py")


def open_overview(app: AppTest, **params) -> AppTest:
    app.query_params["page"] = "overview"
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]  # the page's own errors are caught
    return app


def metric(app: AppTest, label: str) -> str:
    values = [m.value for m in app.metric if m.label == label]
    assert values, f"no metric {label!r} in {[m.label for m in app.metric]}"
    return values[0]


def table_with_columns(app: AppTest, *columns: str) -> pd.DataFrame:
    """The first table behind a chart that has exactly these columns."""
    for frame in app.dataframe:
        if list(frame.value.columns) == list(columns):
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def page_text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [i.value for i in app.info] + [h.value for h in [*app.header, *app.subheader]]
    return "\n".join(parts)


TREND_COLUMNS = (
    "City",
    "Year",
    "Allegations",
    "Share denominator",
    "Sustained",
    "Share sustained (%)",
    "95% interval, low (%)",
    "95% interval, high (%)",
)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_overview_renders_every_section(app, lang):
    open_overview(app, lang=lang)
    # holdings, funnel, trends, story, then the link and the citation (ui/share.py)
    assert len(app.header) == 6
    # funnel counts + levels, trend counts + shares: four charts, four tables behind them
    assert len(app.get("vega_lite_chart")) == 4
    assert len(app.dataframe) == 4
    assert not app.warning


def test_french_labels(app):
    open_overview(app, lang="fr")
    assert app.title[0].value.startswith("Données sur la responsabilité de la police")
    headers = [h.value for h in app.header]
    assert headers == [
        "Ce que contiennent les données",
        "De l'allégation à la sanction",
        "Année par année",
        "L'affaire à l'origine du projet",
        "Lien vers cette vue",
        "Citer cette vue",
    ]
    assert app.radio(key="overview_funnel").label == "Afficher le parcours pour"
    assert app.number_input(key="overview_years_from").label == "Années : de"
    assert app.number_input(key="overview_years_to").label == "Années : à"
    # French number formatting: narrow no-break space for thousands, comma and spaced %
    assert metric(app, "Allégations visant des policiers") == "244\u202f436"
    assert metric(app, "Part des allégations fondées") == "10,5\u00a0%"
    table = table_with_columns(app, "Étape", "Allégations")
    assert list(table["Étape"]) == [
        "Toutes les allégations",
        "Avec une conclusion publiée",
        "Avec une conclusion après enquête",
        "Fondées",
    ]
    text = page_text(app)
    assert "fiabilité faible" in text
    assert "condamnation en appel, caractère définitif non précisé" in text
    assert "violation alléguée (non établie)" not in text
    assert "Écartement du contact avec le public" in text  # the directive's French title


def test_chicago_headlines_match_the_raw_file(app):
    open_overview(app, lang="en")
    # csv.DictReader(gzip.open("data/raw/us_chicago_cpdp_complaints/complaints-accused.csv.gz"))
    # -> 244436 rows; final_finding == "SU" -> 21427; final_finding == "" -> 7378, "NAF" (no
    # affidavit: closed without investigation) -> 32741, so 237058 with a finding, 204317 after
    # an investigation, and 21427 / 204317 = 10.49% (the catalogue's sustained share; before
    # it, 21427 / 237058 = 9.04% with the never-investigated closures in the denominator).
    assert metric(app, "Allegations against officers") == "244,436"
    assert metric(app, "Share sustained") == "10.5%"
    text = page_text(app)
    assert (
        "21,427 allegations sustained out of 204,317 with a finding reached after an investigation"
        in text
    )
    assert "32,741 allegations closed without any investigation" in text
    assert "7,378 allegations with no published finding" in text
    counts = table_with_columns(app, "Stage", "Allegations")
    assert list(counts["Allegations"]) == [244436, 237058, 204317, 21427]


def test_other_headlines_match_independent_counts(app, db):
    open_overview(app, lang="en")
    # data/raw/gb_bbc_iopc_misconduct/iopc_forfunnel.csv, the 39 rows with a force name and
    # a count: sum(indicator number) = 301, sum(sample size) = 218122; 301 / 218.122 = 1.380
    assert metric(app, "Misconduct case to answer, per 1,000 staff") == "1.38"
    # Garwood interval of 301 events: 267.98 to 337.05, over 218.122 thousand staff
    assert "interval 1.23 to 1.54 per 1,000" in page_text(app)
    # data/reference/curated/fr_national_sanctions.csv: removed_from_public_contact_dv
    # 92 (police_nationale) + 66 (gendarmerie)
    assert metric(app, "Removed from contact with the public (rule FR-1)") == "158"
    # the same file, sanctions_total of the latest year published (2021), per force: one
    # year, never the sum of the years (9,994 for the police summed over 2016-2021)
    assert metric(app, "Police nationale, 2021") == "2,162"
    assert metric(app, "Gendarmerie, 2021") == "2,807"
    assert page_text(app).count("Disciplinary sanctions pronounced") == 1
    # data/raw/us_nyc_ccrb_penalties/ccrb-complaints-database-penalties.csv has 14918 rows
    assert metric(app, "Substantiated officer-complaints") == "14,918"

    # The share below the recommendation, recomputed with pandas from the warehouse rows
    # (the levels need the ETL's label map): 5766 / 12053 = 47.84% (5735, 47.58%, before
    # issue 12 put a Command Discipline with forfeited days inside it at warning; the same
    # counts from the raw CSV and the map CSV with the csv module).
    rows = db.execute(
        "SELECT recommended_level, final_level FROM allegations "
        "WHERE source_id = 'us_nyc_ccrb_penalties'"
    ).df()
    scale = ["none", "advice", "warning", "suspension", "demotion", "dismissal"]
    known = rows.dropna()
    below = known["final_level"].map(scale.index) < known["recommended_level"].map(scale.index)
    assert (int(below.sum()), len(known)) == (5766, 12053)
    assert metric(app, "Penalty below the Board's recommendation") == "47.8%"


def test_funnel_jurisdiction_changes_the_table(app):
    open_overview(app, lang="en")
    levels_columns = ("Stage", "Discipline", "Allegations", "Share of sustained allegations (%)")
    chicago = table_with_columns(app, *levels_columns)
    # Chicago: 21427 sustained allegations (SU), of which final level suspension 10869
    assert chicago.groupby("Stage")["Allegations"].sum().to_dict() == {
        "Discipline recommended": 21427,
        "Discipline imposed": 21427,
    }

    app.radio(key="overview_funnel").set_value("US-NY-NYC").run()
    assert not app.exception
    assert app.query_params["funnel"] == "US-NY-NYC"
    new_york = table_with_columns(app, *levels_columns)
    # every one of the 14918 rows of the NYC penalties file is a substantiated officer-complaint
    assert new_york.groupby("Stage")["Allegations"].sum().to_dict() == {
        "Discipline recommended": 14918,
        "Discipline imposed": 14918,
    }
    # NYC lists only substantiated complaints: no "all allegations" bar is drawn
    assert len(app.get("vega_lite_chart")) == 3
    assert "lists only substantiated officer-complaints" in page_text(app)


def test_funnel_from_a_link(app):
    open_overview(app, lang="fr", funnel="US-NY-NYC")
    assert app.radio(key="overview_funnel").value == "US-NY-NYC"
    assert "À New York, sur 14\u202f918 plaintes fondées" in page_text(app)


def test_year_range_changes_the_trend_table(app):
    open_overview(app, lang="en")
    default = table_with_columns(app, *TREND_COLUMNS)
    assert (default["Year"].min(), default["Year"].max()) == (2000, 2019)
    assert app.query_params["year_from"] == "2000"

    app.number_input(key="overview_years_from").set_value(2010)
    app.number_input(key="overview_years_to").set_value(2012).run()
    assert not app.exception
    assert (app.query_params["year_from"], app.query_params["year_to"]) == ("2010", "2012")
    table = table_with_columns(app, *TREND_COLUMNS).set_index(["City", "Year"])
    assert len(table) == 6
    # Chicago, from the raw files: complaints-accused joined to complaints-complaints on cr_id,
    # counted by incident_date[:4] == "2011": 6168 rows, 5872 with a final_finding, of which
    # 3,129 not "NAF" (the sustained-share denominator; before the catalogue: 5872), 363 "SU"
    row = table.loc[("Chicago", 2011)]
    assert tuple(row[["Allegations", "Share denominator", "Sustained"]]) == (6168, 3129, 363)
    assert row["Share sustained (%)"] == round(100 * 363 / 3129, 1)
    # NYC, data/raw/us_nyc_psl_ccrb_precincts/data-flat-by-precinct-year.csv, Year 2011.0:
    # sum(Complaints) = 3791, sum(Substantiated) = 258 -> 6.8%
    assert tuple(table.loc[("New York City", 2011), ["Allegations", "Sustained"]]) == (3791, 258)
    assert table.loc[("New York City", 2011), "Share sustained (%)"] == 6.8


def test_year_range_from_a_link(app):
    open_overview(app, lang="en", year_from="1980", year_to="1990")
    table = table_with_columns(app, *TREND_COLUMNS)
    assert set(table["City"]) == {"Chicago"}  # the NYC file starts in 2006
    assert "no comparable data for New York City" in page_text(app)


def test_reversed_year_range_is_read_in_order(app):
    open_overview(app, lang="en", year_from="2012", year_to="2010")
    years = (app.number_input(key=f"overview_years_{end}").value for end in ("from", "to"))
    assert tuple(years) == (2010, 2012)
    assert not app.warning


def test_bad_year_from_shows_a_notice(app):
    open_overview(app, lang="en", year_from="abc")
    assert any("abc" in w.value and "year_from" in w.value for w in app.warning)
    table = table_with_columns(app, *TREND_COLUMNS)
    assert table["Year"].min() == 2000  # the default range is used instead
    assert app.query_params["year_from"] == "2000"


def test_out_of_range_year_and_unknown_funnel_show_notices(app):
    open_overview(app, lang="en", year_to="3000", funnel="paris")
    notices = " ".join(w.value for w in app.warning)
    assert "3000" in notices and "paris" in notices
    assert app.radio(key="overview_funnel").value == "US-IL-CHI"


def test_story_is_labelled_with_confidence_and_legal_status(app):
    open_overview(app, lang="en")
    text = page_text(app)
    # data/reference/curated/cases_register.csv, FR-001.1 and FR-001.2: confidence low,
    # a conviction on appeal whose finality is not reported, so the FR-1 rule derives
    # insufficient_data for both events: nothing is called a violation, alleged or proven.
    assert "Confidence in these reports: **low confidence**" in text
    assert "What is reported: **conviction on appeal, finality not reported**" in text
    assert "the rule's status is **cannot be checked with the data available**" in text
    assert "alleged violation (not proven)" not in text
    assert "3 July 2024" in text
    assert "https://time.news/when-police-convicted-of-domestic-violence" in text
    # directives.csv, FR-1: title and requirement as published
    assert "Removal from public contact of police officers and gendarmes" in text
    assert "must be immediately assigned by the hierarchy to duties with no" in text


def test_funnel_shows_imposed_not_served_apart(app, db):
    # Issue 12: Chicago penalties imposed but not served (codes 900 and 800) have no level but
    # are not "no sanction" or "unknown": python3 csv over complaints-accused.csv.gz, sustained
    # (final_finding SU) rows with final_outcome '**PENALTY NOT SERVED' 641, 'Penalty Not
    # Served' 273, 'RESIGNED -NOT SERVED' 897, 'Resigned' 640 -> 2,451; the unknown group
    # keeps 226 (2,677 before).
    open_overview(app, lang="en")
    columns = ("Stage", "Discipline", "Allegations", "Share of sustained allegations (%)")
    chicago = table_with_columns(app, *columns)
    imposed = chicago[chicago["Stage"] == "Discipline imposed"].set_index("Discipline")
    assert imposed.loc["Penalty imposed, not served", "Allegations"] == 641 + 273 + 897 + 640
    assert imposed.loc["Unknown or not a sanction", "Allegations"] == 226
    assert imposed.loc["No sanction", "Allegations"] == 1205
    # the caption names the recommendation column: Chicago's 7,082 rows with both levels
    assert "7,082 from the publisher's column “recc_outcome”" in page_text(app)


def test_funnel_caption_names_the_nyc_recommendation_columns(app, db):
    # NYC rows with both levels known: recommended from the Board Discipline Recommendation
    # 5,535, from the disposition label 6,518 (5,535 + 6,518 = 12,053, the denominator of
    # "Penalty below the Board's recommendation").
    open_overview(app, lang="en", funnel="US-NY-NYC")
    text = page_text(app)
    assert "5,535 from the publisher's column “Board Discipline Recommendation”" in text
    assert "6,518 from the publisher's column “CCRB Substantiated Officer Disposition”" in text


def test_every_jurisdiction_with_allegations_gets_a_card(app, db):
    """Issue 14: a new source filling `allegations` shows on the Overview with no page code.
    Expected: every jurisdiction whose sources loaded allegation rows, named as in the
    warehouse's jurisdictions table; the ones with nothing loaded are named under the cards."""
    open_overview(app, lang="en")
    with_allegations = [
        name
        for (name,) in db.execute(
            "SELECT j.name_en FROM jurisdictions AS j WHERE j.code IN ("
            "SELECT s.jurisdiction FROM allegations AS a JOIN sources AS s USING (source_id)) "
            "ORDER BY j.code"
        ).fetchall()
    ]
    assert {"Chicago", "New York City", "Virginia", "Washington State"} <= set(with_allegations)
    cards = [h.value for h in app.subheader]
    assert set(with_allegations) <= set(cards)
    # the declared cards without allegations keep theirs, in the table's (code) order
    assert cards[:6] == [
        "France",
        "England and Wales",
        "Chicago",
        "New York City",
        "Virginia",
        "Washington State",
    ]
    nothing = [
        name
        for (name,) in db.execute(
            "SELECT name_en FROM jurisdictions WHERE code NOT IN ("
            "SELECT s.jurisdiction FROM allegations AS a JOIN sources AS s USING (source_id) "
            "UNION SELECT s.jurisdiction FROM statistics AS st JOIN sources AS s USING (source_id))"
        ).fetchall()
    ]
    assert nothing  # US-FED and US-NJ: directives only, no snapshot bundled
    text = page_text(app)
    assert all(name in text and name not in cards for name in nothing)


def test_washington_card_counts_cases_and_revocations(app, db):
    """Washington State's certification cases are not complaints: its declared card gives
    the count of officer x case rows and the share ending in revocation (the default card,
    derived from the warehouse for an undeclared jurisdiction, is checked on a made-up city
    in tests/test_synthetic_city.py)."""
    open_overview(app, lang="en")
    # data/raw/us_wa_cjtc_certification_cases: recomputed from the warehouse's rows with
    # pandas (the levels need the ETL's map)
    rows = db.execute(
        "SELECT final_level, year(received_date) AS year, incident_date "
        "FROM allegations WHERE source_id = 'us_wa_cjtc_certification_cases'"
    ).df()
    assert len(rows) == 2055
    assert metric(app, "Officer certification cases") == "2,055"
    known = rows[rows["final_level"].notna()]
    revoked = int((known["final_level"] == "dismissal").sum())
    assert (revoked, len(known)) == (426, 762)
    assert metric(app, "Cases ending in revocation") == "55.9%"  # 426 / 762
    assert "Sustained share" not in [m.label for m in app.metric]
    assert metric(app, "Officers on the decertification lists") == "521"  # Virginia
    first, last = int(rows["year"].min()), int(rows["year"].max())
    assert f"cases received {first} to {last}" in page_text(app)
    # its rows have no incident date: left off the trends by incident year, and said so
    assert rows["incident_date"].isna().all()
    assert "Washington State (by the date the case was received)" in page_text(app)
    assert "Washington State" not in set(table_with_columns(app, *TREND_COLUMNS)["City"])


def test_funnel_offers_every_jurisdiction_with_final_levels(app, db):
    open_overview(app, lang="en")
    codes = [
        code
        for (code,) in db.execute(
            "SELECT DISTINCT s.jurisdiction FROM allegations AS a JOIN sources AS s "
            "USING (source_id) WHERE a.final_level IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    assert app.radio(key="overview_funnel").options == [
        name
        for (name,) in db.execute(
            "SELECT name_en FROM jurisdictions WHERE list_contains($codes, code) ORDER BY code",
            {"codes": codes},
        ).fetchall()
    ]


def test_french_story_texts_are_french(app):
    """The Maisons-Alfort case and FR-1's requirement in French, marked as translated by the
    project, with no "(en anglais)" on them (issue 15)."""
    open_overview(app, lang="fr")
    markdown = [m.value for m in app.markdown]
    # the events' place lines and descriptions (the intro, written in French, names it too)
    described = [m for m in markdown if "Maisons-Alfort" in m and ("Lieu" in m or "registre" in m)]
    assert len(described) == 3  # two place lines and the first event's description
    assert any(
        "Un brigadier de police affecté au commissariat de Maisons-Alfort" in m for m in described
    )
    assert any("Commissariat de Maisons-Alfort, Val-de-Marne (94)" in m for m in described)
    assert all("en anglais" not in m for m in described)
    assert all("traduit par le projet" in m for m in described)
    assert not any("police station" in m or "reportedly convicted" in m for m in markdown)
    requirement = next(i for i, m in enumerate(markdown) if "Ce qu'elle exige" in m)
    assert "traduit par le projet" in markdown[requirement]
    assert "en anglais" not in markdown[requirement]
    assert markdown[requirement + 1].startswith("> Dans l'attente de la décision de l'instance")


def test_english_story_texts_stay_english(app):
    open_overview(app)
    text = page_text(app)
    assert "Maisons-Alfort police station, Val-de-Marne (94)" in text
    assert "Pending the decision of the disciplinary body" in text
    assert "translated by the project" not in text
