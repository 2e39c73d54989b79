"""The search box: places, cases, directives and sources found in either language and
without accents, each landing on its view (AppTest on the session warehouse)."""

from __future__ import annotations

import pytest

from tests.conftest import PROJECT_DIR  # noqa: F401  (the app fixture)


def search(app, words: str, lang: str = "en"):
    app.query_params["lang"] = lang
    app.run()
    label = (
        "Search a place, case, directive or source"
        if lang == "en"
        else ("Rechercher un lieu, une affaire, une directive ou une source")
    )
    box = next(box for box in app.text_input if box.label == label)
    box.input(words).run()
    assert not app.exception, [e.value for e in app.exception]
    return [button for button in app.button if button.key.startswith("search_result_")]


def test_val_de_marne_without_accents_or_hyphens_opens_its_region_page(app):
    results = search(app, "val de marne")
    assert results[0].label == "Val-de-Marne · département · place"
    results[0].click().run()
    assert not app.exception
    assert app.query_params["page"] == "region"
    assert app.query_params["region"] == "FR-DEP-94"
    assert "jurisdiction" not in app.query_params and "level" not in app.query_params
    assert app.header[0].value == "Val-de-Marne"


def test_a_jurisdiction_still_opens_compare(app):
    results = search(app, "chicago")
    results[0].click().run()
    assert not app.exception
    assert app.query_params["page"] == "compare"
    assert app.query_params["jurisdiction"] == "US-IL-CHI"


def test_a_case_opens_its_directive_with_the_case_selected(app, db):
    results = search(app, "maisons alfort")
    cases = db.execute(
        "SELECT case_id, directive_id FROM case_events WHERE place LIKE 'Maisons-Alfort%' "
        "ORDER BY case_id"
    ).fetchall()
    assert [button.label.split(" · ")[0] for button in results] == [c for c, _ in cases]
    results[0].click().run()
    assert not app.exception
    assert app.query_params["page"] == "directives"
    assert app.query_params["directive"] == cases[0][1]
    assert app.query_params["obs"] == cases[0][0]


@pytest.mark.parametrize(
    ("words", "first"),
    [
        ("75th precinct", "75th Precinct · precinct · place"),
        ("lancashire", "Lancashire · police force · place"),
        ("chicago", "Chicago · jurisdiction"),
    ],
)
def test_places_and_jurisdictions(app, words, first):
    assert search(app, words)[0].label == first


def test_french_titles_and_accents(app):
    results = search(app, "ecartement du contact", lang="fr")
    assert results[0].label.startswith("Écartement du contact avec le public")
    assert results[0].label.endswith("· directive")


def test_nothing_found_says_so(app):
    assert search(app, "zzqx") == []
    assert any("zzqx" in caption.value for caption in app.sidebar.caption)


def test_search_words_are_parameters_not_sql(app):
    assert search(app, "x' OR 1=1 --") == []
