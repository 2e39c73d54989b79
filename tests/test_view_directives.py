"""The Directives page ("Are directives followed?") on the real warehouse, with AppTest.

Expected figures were computed outside the page's SQL: from the raw curated register with
Python's csv module, or with separate SQL over the warehouse's base tables (allegations,
departure_letters) that re-derives what the rule files decide; each literal says how.
"""

from __future__ import annotations

import csv

import pytest
from streamlit.testing.v1 import AppTest

from exports.table_csv import query_csv
from tests.conftest import PROJECT_DIR, REFERENCE_DIR
from views.directives.observations import observation_filter

APP = str(PROJECT_DIR / "dashboard.py")
WHAT_IF_CAVEAT_EN = (
    "A Chicago sustained domestic-violence finding is not a criminal conviction: this is an "
    "illustration, not a finding of wrongdoing under Chicago rules."
)


def open_directives(app: AppTest, **params) -> AppTest:
    app.query_params["page"] = "directives"
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]  # the page's own errors are caught
    return app


def page_text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [i.value for i in app.info] + [h.value for h in [*app.header, *app.subheader]]
    return "\n".join(parts)


def observations_table(app: AppTest):
    """The selectable table of observations (its columns are named by the page's keys)."""
    tables = [d.value for d in app.dataframe if "evidence_url" in d.value.columns]
    assert len(tables) == 1, [list(d.value.columns) for d in app.dataframe]
    return tables[0]


def selectbox(app: AppTest, label: str):
    found = [s for s in app.selectbox if s.label == label]
    assert found, [s.label for s in app.selectbox]
    return found[0]


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Are directives followed?"), ("fr", "Les directives sont-elles appliquées ?")],
)
def test_renders_in_both_languages(app, lang, title):
    open_directives(app, lang=lang)
    assert app.title[0].value == title
    # list, summary, one rule, what-if, recommended vs final, link and citation (ui/share.py)
    assert len(app.header) == 7
    directives = app.dataframe[0].value
    # data/reference/curated/directives.csv has 14 rows (README §1)
    assert len(directives) == 14
    assert set(directives["directive"]) >= {"FR-1", "GB-2", "US-NY-NYC-1", "US-FED-1"}


def test_permalink_seeds_directive_and_rule(app):
    open_directives(app, directive="FR-1", rule="FR-1/cases-register")
    assert selectbox(app, "Directive").value == "FR-1"
    assert selectbox(app, "Rule that checks it").value == "FR-1/cases-register"
    assert app.query_params["rule"] == "FR-1/cases-register"
    # cases_register.csv has 10 events, 9 of them about FR-1 (FR-002.3 is about FR-4)
    with open(REFERENCE_DIR / "curated" / "cases_register.csv", encoding="utf-8") as file:
        expected = sorted(r["case_id"] for r in csv.DictReader(file) if r["directive_id"] == "FR-1")
    assert sorted(observations_table(app)["scope"]) == expected
    text = page_text(app)
    # FR-001.1 and FR-001.2 rest on one Time.news relay of Mediapart: confidence low
    assert "2 of these observations rest on a single uncorroborated source" in text
    # Derived from the register's facts: the conviction's finality is not reported, so
    # FR-1's application cannot be decided and nothing is called a violation, even alleged.
    assert "alleged violation: reported by the press only" not in text.lower()
    assert "**What the evidence cannot show.** Not a census" in text
    assert (
        "**Legal text.** Ministerial instruction of the Interior Minister of 2 August 2021" in text
    )


def test_what_if_is_a_separate_labelled_section(app, db):
    open_directives(app, directive="FR-1", rule="FR-1/cases-register")
    headers = [h.value for h in app.header]
    assert "What if the rule applied elsewhere? An illustration, not a finding" in headers
    # the what-if comes after the in-jurisdiction rule's section, in its own header
    assert headers.index("One directive, one rule, every observation") < headers.index(
        "What if the rule applied elsewhere? An illustration, not a finding"
    )
    assert any(WHAT_IF_CAVEAT_EN in i.value for i in app.info)
    # The status summary counts FR-1's 9 register events + 1 national figure, never the
    # what-if rows; they are named apart in a caption.
    summary = app.dataframe[1].value
    assert summary.loc[summary["Directive"] == "FR-1", "Observations"].sum() == 10
    # one what-if observation per officer x case with a sustained DV finding in Chicago
    (triggers,) = db.execute(
        """
        SELECT count(*) FROM (
            SELECT DISTINCT officer_key, case_id FROM allegations
            WHERE source_id = 'us_chicago_cpdp_complaints' AND category = 'domestic_violence'
              AND finding = 'sustained' AND officer_key IS NOT NULL)
        """
    ).fetchone()
    assert triggers == 944  # 972 before issue 12 (05F to use_of_force, S116 to DV)
    assert f"Not counted here: {triggers} what-if observations of FR-1" in page_text(app)


def test_what_if_rule_is_shown_in_the_what_if_section(app, db):
    open_directives(app, directive="FR-1", rule="FR-1/what-if-chicago", status="compliant")
    text = page_text(app)
    assert "its results are in the separate section “What if” below" in text
    assert any(WHAT_IF_CAVEAT_EN in i.value for i in app.info)
    # every status word of the section says what-if: never a bare "violation"
    assert "639 violations (what-if)" in text  # 649 before issue 12's maps
    (compliant,) = db.execute(
        "SELECT count(*) FROM compliance WHERE rule_id = 'FR-1/what-if-chicago' "
        "AND status = 'compliant' AND NOT in_jurisdiction"
    ).fetchone()
    table = observations_table(app)
    # officer in a back-office unit on the decision date: 18 before issue 12 classed evidence
    # technicians, 911 dispatch, internal affairs and public counters public_facing
    assert len(table) == compliant == 11
    assert set(table["status"]) == {"Compliant (what-if)"}


def test_nyc_compliant_observations(app, db):
    open_directives(app, directive="US-NY-NYC-1", status="compliant")
    assert selectbox(app, "Rule that checks it").value == "US-NY-NYC-1/departure-letter"
    # Re-derived from the base tables: sustained NYC penalties whose final level is below the
    # CCRB's reference (the Board's recommendation; for APU cases the plea agreed or the Trial
    # Commissioner's recommended penalty where known) or unknown, closed on/after 2019-11-05
    # (the Charter ballot), with a published departure letter for that case and officer. The
    # 4 APU plea rows with a letter whose NYPD penalty is the agreed plea are not departures.
    (independent,) = db.execute(
        """
        WITH levels(level, rank) AS (VALUES ('none', 0), ('advice', 1), ('warning', 2),
            ('suspension', 3), ('demotion', 4), ('dismissal', 5)),
        p AS (
            SELECT a.case_id, a.officer_key, a.closed_date, r.rank AS rr, f.rank AS fr,
                   coalesce(x.rank, r.rank) AS reference
            FROM allegations AS a
            JOIN levels AS r ON r.level = a.recommended_level
            LEFT JOIN levels AS f ON f.level = a.final_level
            LEFT JOIN levels AS x ON x.level = a.apu_reference_level
            WHERE a.source_id = 'us_nyc_ccrb_penalties' AND a.finding = 'sustained')
        SELECT count(*) FROM p
        WHERE (fr IS NULL OR fr < reference) AND closed_date >= DATE '2019-11-05'
          AND EXISTS (SELECT 1 FROM departure_letters AS d WHERE d.case_id = p.case_id
                      AND (d.officer_key = p.officer_key OR d.officer_key IS NULL))
        """
    ).fetchone()
    assert independent == 267
    table = observations_table(app)
    assert len(table) == 267
    assert set(table["status"]) == {"Compliant"}
    assert table["date"].min() >= "2019-11-05"
    assert "267 observations match" in page_text(app)


def test_french_labels(app):
    open_directives(app, lang="fr", directive="FR-1", rule="FR-1/cases-register")
    headers = [h.value for h in app.header]
    assert headers[0] == "Les directives suivies"
    assert "Et si la règle s'appliquait ailleurs ? Une illustration, pas un constat" in headers
    assert selectbox(app, "Règle de vérification").value == "FR-1/cases-register"
    statuses = set(observations_table(app)["status"])
    assert statuses == {
        "En cours",
        "Angle mort de la règle",
        "Données insuffisantes",
        "Non applicable",
    }
    text = page_text(app)
    assert "Écartement du contact avec le public" in text  # title_fr of FR-1
    assert "Ce qu'elle exige :" in text  # the register's French requirement, not the English
    assert "n'est pas une condamnation pénale" in text


def test_unknown_values_in_the_link_give_notices(app):
    open_directives(app, directive="XX-9", status="nonsense")
    warnings = " ".join(w.value for w in app.warning)
    assert "'XX-9'" in warnings and "'nonsense'" in warnings
    assert selectbox(app, "Directive").value == "FR-1"  # the default directive


def test_directive_with_no_rule_says_so(app):
    open_directives(app, directive="FR-2")
    assert any("Not yet checked: no published data joins this rule" in i.value for i in app.info)
    assert "rule" not in app.query_params
    assert not [d for d in app.dataframe if "evidence_url" in d.value.columns]


def test_observation_in_the_link_shows_its_evidence_and_source(app):
    open_directives(app, directive="FR-1", rule="FR-1/cases-register", obs="FR-001.2")
    text = page_text(app)
    assert "**Observation FR-001.2**" in text
    assert "Mediapart, as relayed by Time.news, alleges" in text  # the register's description
    assert "Alleged violation: reported by the press only" not in text
    assert "finality: unknown; public contact reported: yes" in text
    assert "FR-1 applies only to a final conviction" in text
    assert "Low confidence: this observation rests on a single uncorroborated source" in text
    assert "licence: Curated by this project" in text
    assert "https://time.news/when-police-convicted-of-domestic-violence" in text


def test_observations_csv_is_the_filtered_rows(app, warehouse):
    params = observation_filter("FR-1/cases-register", "pending", None)
    # cases_register.csv row FR-004.3 (the only pending FR-1 event), with the rule's
    # "Legal status: ..." suffix, the département of code 57 and the rule's method text.
    expected = (
        b"directive_id,rule_id,in_jurisdiction,scope_level,scope_id,region_id,region_name,"
        b"observed_date,status,status_label,status_reason,confidence,evidence,evidence_url,"
        b"method,source_id,evidence_fr,method_fr\r\n"
        b"FR-1,FR-1/cases-register,true,case,FR-004.3,FR-DEP-57,Moselle,2026-01-14,pending,"
        b"pending,retrial_pending,"
        b'medium,"The Cour de cassation annulled the 18 April 2024 Metz acquittal, holding '
        b"that no parental 'right of correction' exists, and sent the case for retrial on guilt "
        b"(the source says 'Wednesday 14 January'; the year 2026 is inferred from the weekday "
        b"and the chronology). Judgment: annulled, court: cassation; public contact reported: "
        b'no (decision, press source).",'
        b"https://www.leclubdesjuristes.com/en-bref/violences-parentales-la-cour-de-cassation-"
        b"rappelle-quil-nexiste-pas-un-droit-de-correction-physique-dun-parent-sur-ses-enfants-"
        b"13680,The judgment was annulled and the case awaits retrial: whether FR-1 will apply "
        b"depends on the outcome.,curated_cases_register,"
        # the same evidence and method in French (translated by the project)
        + '"La Cour de cassation a annulé la relaxe prononcée à Metz le 18 avril 2024, '
        "jugeant qu'il n'existe pas de « droit de correction » parental, et a renvoyé l'affaire "
        "pour qu'elle soit rejugée sur la culpabilité (la source indique « mercredi 14 "
        "janvier » ; l'année 2026 est déduite du jour de la semaine et de la chronologie). "
        "Jugement : annulé, juridiction : cassation ; contact avec le public rapporté : non "
        '(décision, source : presse).",'
        "Le jugement a été annulé et l'affaire attend d'être rejugée : l'application de FR-1 "
        "dépendra de l'issue.\r\n".encode()
    )
    assert query_csv(warehouse, "directives_page_observations", params) == expected
    # the page's table for the same filter holds the same single row
    open_directives(app, directive="FR-1", rule="FR-1/cases-register", status="pending")
    assert list(observations_table(app)["scope"]) == ["FR-004.3"]


def test_recommended_vs_final_in_chicago(app, db):
    open_directives(app, penalty_jurisdiction="US-IL-CHI")
    gaps = app.dataframe[-1].value
    top = gaps.iloc[0]
    # Re-derived with pandas from the sustained Chicago allegations with both levels known
    frame = db.execute(
        """
        SELECT recommended_outcome, final_outcome, recommended_level, final_level
        FROM allegations
        WHERE source_id = 'us_chicago_cpdp_complaints' AND finding = 'sustained'
          AND recommended_level IS NOT NULL AND final_level IS NOT NULL
        """
    ).df()
    scale = ["none", "advice", "warning", "suspension", "demotion", "dismissal"]
    lowered = frame[
        frame["final_level"].map(scale.index) < frame["recommended_level"].map(scale.index)
    ]
    counts = lowered.groupby(["recommended_outcome", "final_outcome"]).size()
    assert counts.idxmax() == ("1 Day Suspension", "Reprimand")
    assert (top["Recommended (as published)"], top["Final (as published)"]) == counts.idxmax()
    assert top["Downgrades"] == counts.max() == 377
    assert "“1 Day Suspension” → “Reprimand”: 377 times" in page_text(app)


def test_what_if_rows_say_so_in_every_download(warehouse):
    # A what-if row can never be quoted as a finding: in_jurisdiction is false and the
    # status label says "what-if only, not a finding" in both downloads that carry it.
    params = observation_filter("FR-1/what-if-chicago", "violation", None)
    body = query_csv(warehouse, "directives_page_observations", params).decode()
    header, first = body.split("\r\n")[:2]
    columns = header.split(",")
    assert columns[2:3] == ["in_jurisdiction"] and "status_label" in columns
    assert first.split(",")[2] == "false"
    assert (
        ',violation,"what-if only, not a finding: violation if FR-1 applied to this '
        'jurisdiction",public_contact_after_decision,' in first
    )
    explore = query_csv(
        warehouse,
        "explore_compliance",
        {
            "jurisdiction": "US-IL-CHI",
            "region": None,
            "year_from": None,
            "year_to": None,
            "rule": "FR-1/what-if-chicago",
            "status": None,
            "source": None,
            "sort": "rule_id",
            "descending": False,
            "limit": None,
        },
    ).decode()
    rows = explore.split("\r\n")[1:-1]
    assert len(rows) == 944  # one per officer x case with a sustained DV finding
    assert all(",false," in row and "what-if only, not a finding" in row for row in rows)


def test_what_if_states_its_substitutions_and_the_figure_since_the_directive(app, db):
    open_directives(app, directive="FR-1", rule="FR-1/cases-register")
    text = page_text(app)
    assert (
        "an administrative sustained finding stands in for a final criminal conviction" in (text)
        or "An administrative sustained finding stands in for a final criminal conviction" in text
    )
    assert "a 2021 French rule is applied to decisions taken decades before it" in text
    first, last = db.execute(
        "SELECT min(observed_date), max(observed_date) FROM compliance "
        "WHERE rule_id = 'FR-1/what-if-chicago'"
    ).fetchone()
    assert (
        f"The decisions it looks at are dated {first} to {last}; the directive dates from "
        "2021-08-02." in text
    )
    # The Chicago unit history and complaints end before 2 Aug 2021: no observation is left.
    assert (
        "Restricted to decisions on or after the directive's date (2021-08-02): no "
        "observation." in text
    )


def test_nyc_rule_shows_a_publication_share_never_a_compliance_rate(app, db):
    open_directives(app, directive="US-NY-NYC-1")
    text = page_text(app)
    hits, total = db.execute(
        "SELECT count(*) FILTER (WHERE status_reason = 'letter_published'), count(*) FILTER "
        "(WHERE status_reason IN ('letter_published', 'letter_not_in_published_list')) "
        "FROM compliance WHERE rule_id = 'US-NY-NYC-1/departure-letter'"
    ).fetchone()
    assert (hits, total) == (267, 2182)
    assert "Share of departures with a published letter: **12.2%" in text
    assert "Compliance rate: **" not in text
    assert "not that none was written" in text


def test_recommended_vs_final_caption_names_the_recommendation_columns(app):
    # Issue 12: the same rows as the downgrade figures (sustained, both levels known, a
    # closing year): NYC 5,535 from the Board Discipline Recommendation and 6,518 from the
    # CCRB Substantiated Officer Disposition label; Chicago 7,051 from recc_outcome.
    open_directives(app, penalty_jurisdiction="US-NY-NYC")
    text = page_text(app)
    assert "5,535 from the publisher's column “Board Discipline Recommendation”" in text
    assert "6,518 from the publisher's column “CCRB Substantiated Officer Disposition”" in text
    open_directives(app, penalty_jurisdiction="US-IL-CHI")
    assert "7,051 from the publisher's column “recc_outcome”" in page_text(app)


def test_directive_card_links_to_its_atom_feed(app):
    # etl/feeds.py writes static/feeds/directive/<id>.xml; the dashboard serves ./static
    open_directives(app, directive="US-NY-NYC-1")
    assert "[Atom feed](app/static/feeds/directive/US-NY-NYC-1.xml)" in page_text(app)


def test_directive_card_links_to_its_atom_feed_in_french(app):
    open_directives(app, lang="fr", directive="FR-1")
    assert "[flux Atom](app/static/feeds/directive/FR-1.xml)" in page_text(app)


def test_penalty_jurisdictions_are_those_with_both_levels(app, db):
    """Issue 14: the recommended-vs-final section offers every jurisdiction whose sustained
    allegations carry both a recommended and a final level (computed here from the base
    table), by region only where its rows are placed below the jurisdiction."""
    open_directives(app, lang="en")
    codes = [
        code
        for (code,) in db.execute(
            "SELECT DISTINCT s.jurisdiction FROM allegations AS a JOIN sources AS s "
            "USING (source_id) WHERE a.finding = 'sustained' "
            "AND a.recommended_level IS NOT NULL AND a.final_level IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    assert codes == ["US-IL-CHI", "US-NY-NYC"]
    radio = [r for r in app.radio if r.label == "Where"][0]
    assert radio.options == ["Chicago", "New York City"]
    # Chicago's rows are placed in districts: the by-district chart, its districts' source
    text = page_text(app)
    assert "by police district" in text.lower()
    assert "NYC penalty records give no precinct" not in text
    open_directives(app, lang="en", penalty_jurisdiction="US-NY-NYC")
    text = page_text(app)
    assert "NYC penalty records give no precinct" in text  # queries/directives.toml
    assert "by police district" not in text.lower()


def test_french_directive_texts_are_french(app):
    """FR-1's requirement, reference and issuer are shown in French, marked as translated by
    the project, with no "(en anglais)" on them (issue 15)."""
    open_directives(app, lang="fr", directive="FR-1", rule="FR-1/cases-register")
    markdown = [m.value for m in app.markdown]
    requirement = next(i for i, m in enumerate(markdown) if "Ce qu'elle exige" in m)
    assert "traduit par le projet" in markdown[requirement]
    assert "en anglais" not in markdown[requirement]
    assert markdown[requirement + 1].startswith("> Dans l'attente de la décision de l'instance")
    reference = next(m for m in markdown if m.startswith("**Référence"))
    assert "Instruction ministérielle du 2 août 2021" in reference
    assert "en anglais" not in reference
    captions = " ".join(c.value for c in app.caption)
    assert "s'applique à la Police nationale et à la Gendarmerie nationale" in captions
    assert "Les exigences sont les résumés du registre, traduits" in captions


def test_english_directive_texts_stay_english(app):
    open_directives(app, directive="FR-1", rule="FR-1/cases-register")
    text = page_text(app)
    assert "Pending the decision of the disciplinary body" in text
    assert "translated by the project" not in text


def test_the_maisons_alfort_case_is_in_french(app):
    """The FR-1 observation of the Maisons-Alfort case, selected: its evidence and method in
    French, marked as translated by the project, with no "(en anglais)" on them (issue 15)."""
    open_directives(app, lang="fr", directive="FR-1", rule="FR-1/cases-register", obs="FR-001.1")
    markdown = [m.value for m in app.markdown]
    evidence = next(m for m in markdown if m.startswith("**Preuve"))
    assert "Un brigadier de police affecté au commissariat de Maisons-Alfort" in evidence
    assert "traduit par le projet" in evidence and "en anglais" not in evidence
    method = next(m for m in markdown if m.startswith("**Méthode"))
    assert "Les sources ne disent pas si la condamnation est définitive" in method
    assert "traduit par le projet" in method and "en anglais" not in method
    assert not any("Maisons-Alfort station" in m for m in markdown)
