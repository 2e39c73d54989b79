"""Every page can be linked, cited and downloaded (ui/share.py), and Compare says which
measures a jurisdiction publishes for the whole jurisdiction only, with links (issue 15)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl

import pytest

from tests.conftest import PROJECT_DIR

APP = str(PROJECT_DIR / "dashboard.py")
PAGES = {
    "overview": "Overview",
    "compare": "Compare regions",
    "directives": "Are directives followed?",
    "explore": "Allegations",
    "sources": "Sources",
}


def open_page(app, **params):
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def built_date(db) -> str:
    return db.execute("SELECT value FROM build_info WHERE key = 'built_at'").fetchone()[0][:10]


def share_blocks(app) -> tuple[str, str]:
    """The permalink and the citation: the last two code blocks of the page."""
    codes = [code.value for code in app.code]
    assert len(codes) >= 2, codes
    return codes[-2], codes[-1]


def page_title(app, page: str) -> str:
    from ui.i18n import Translator

    return Translator("en")(f"page_{page}") if page != "explore" else PAGES[page]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_has_a_permalink_a_citation_and_a_download(app, db, page):
    open_page(app, page=page)
    link, citation = share_blocks(app)
    # the page's address with its current query parameters, page and language first
    assert link.startswith(f"?page={page}&lang=en")
    assert dict(parse_qsl(link[1:])) == {k: app.query_params[k] for k in app.query_params}
    assert citation.startswith("Police accountability data, “")
    assert f"“{page_title(app, page)}”" in citation
    assert f"Data as built on {built_date(db)}." in citation
    assert f"Accessed {dt.datetime.now(dt.UTC).date().isoformat()}." in citation
    assert citation.endswith(link)
    assert "Sources: none" not in citation  # every page shows data from sources
    downloads = app.get("download_button")
    assert downloads, "no download on the page"


def test_the_citation_names_the_publishers_shown_and_the_filters(app, db):
    open_page(app, page="compare", jurisdiction="US-NY-NYC")
    _, citation = share_blocks(app)
    shown = db.execute(
        "SELECT DISTINCT publisher FROM sources WHERE source_id = 'us_nyc_psl_ccrb_precincts'"
    ).fetchone()[0]
    assert shown in citation
    assert "jurisdiction: New York City" in citation  # a code is named as the warehouse does
    assert "measure: nyc_complaint_records" in citation


def test_the_citation_is_in_the_pages_language(app, db):
    open_page(app, page="directives", lang="fr")
    link, citation = share_blocks(app)
    assert link.startswith("?page=directives&lang=fr")
    assert citation.startswith(
        "Données sur la responsabilité de la police, « Les directives sont-elles appliquées ? »"
    )
    assert f"Données dans leur état du {built_date(db)}." in citation
    assert "Consulté le" in citation and "récupéré le" in citation


def test_a_chart_table_is_named_and_carries_its_provenance(app):
    open_page(app, page="compare", jurisdiction="US-NY-NYC")
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["Download this table (CSV)"] * 2  # the map's table, the ranking's


def test_provenance_columns(built_data_dir, monkeypatch):
    import pandas as pd

    from exports.table_csv import frame_csv
    from ui import share

    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    table = pd.DataFrame({"year": [2019, 2020], "value": ["=1+1", "2"]})
    ids = ["us_nyc_ccrb_penalties", "curated_outcome_taxonomy", "us_nyc_ccrb_penalties"]
    frame = share.with_provenance(table, ids)
    assert list(frame.columns) == ["year", "value", *share.PROVENANCE]
    assert frame["source_ids"].iloc[0] == "curated_outcome_taxonomy; us_nyc_ccrb_penalties"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", frame["warehouse_built_at"].iloc[0])
    text = frame_csv(frame).decode()
    assert "'=1+1" in text  # the project's writer still neutralises formulas
    assert list(table.columns) == ["year", "value"]  # the table on screen is unchanged


# -- measures published for the whole jurisdiction only -------------------------------------


def test_compare_says_what_nyc_publishes_city_wide_only_and_links_to_it(app):
    open_page(app, page="compare", jurisdiction="US-NY-NYC")
    notes = [info.value for info in app.info if "not by region" in info.value]
    assert len(notes) == 1
    note = notes[0]
    assert "Final penalty below the CCRB's recommendation" in note
    assert "the penalty records give no precinct" in note
    links = re.findall(r"\]\((\?[^)]+)\)", note)
    assert links == [
        "?page=directives&lang=en&penalty_jurisdiction=US-NY-NYC#recommended-vs-final-penalty",
        "?page=overview&lang=en#new-york-city",
    ]


def test_the_note_is_in_french(app):
    open_page(app, page="compare", jurisdiction="US-NY-NYC", lang="fr")
    note = next(info.value for info in app.info if "pas par territoire" in info.value)
    assert "?page=directives&lang=fr&penalty_jurisdiction=US-NY-NYC" in note


@pytest.mark.parametrize("code", ["US-IL-CHI", "GB-EAW"])
def test_no_note_where_nothing_is_declared(app, code):
    from queries.measures.comparisons import load

    assert not load().jurisdictions[code].whole_only
    open_page(app, page="compare", jurisdiction=code)
    assert not [info.value for info in app.info if "not by region" in info.value]


def test_the_linked_view_exists(app):
    """The Directives link opens NYC's recommended-vs-final section, not a notice."""
    open_page(app, page="directives", penalty_jurisdiction="US-NY-NYC")
    assert not app.warning or all("ignored" not in w.value for w in app.warning)
    assert "Recommended vs final penalty" in [header.value for header in app.header]


def test_a_bad_whole_only_declaration_is_refused(tmp_path):
    from queries import QueryError
    from queries.measures import comparisons as decl

    text = decl.DECLARATION_FILE.read_text(encoding="utf-8")
    start = text.index("[[jurisdiction.whole_only.link]]\nlabel")
    end = text.index("[jurisdiction.level.precinct]")
    for old, new, message in [
        ('page = "directives"', 'page = "../x"', "needs a page name"),
        (
            'params = { penalty_jurisdiction = "US-NY-NYC" }',
            'params = { lang = "fr" }',
            "cannot set page or lang",
        ),
        (text[start:end], "", "at least one link"),
        ('text.fr = "On ne peut', 'text.de = "On ne peut', "needs non-empty"),
    ]:
        broken = tmp_path / "comparisons.toml"
        broken.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(QueryError, match=message):
            decl.load(broken)


def test_a_chart_tables_name_comes_from_the_views_link(monkeypatch):
    from ui import share

    link = {
        "page": "directives",
        "lang": "fr",
        "directive": "FR-1",
        "rule": "FR-1/cases-register",
        "penalty_jurisdiction": "US-NY-NYC",
        "penalty_from": "2010",
    }
    monkeypatch.setattr(share, "current_params", lambda: link)
    monkeypatch.setattr(share, "today", lambda: dt.date(2026, 12, 4))
    # a section's own jurisdiction is a filter, never the table's jurisdiction
    assert share.file_name("directives_gaps_table") == (
        "directives-gaps_FR-1_FR-1-cases-register_US-NY-NYC_2010_2026-12-04.csv"
    )
    link = {"page": "compare", "lang": "en", "jurisdiction": "US-IL-CHI", "year_from": "2010"}
    monkeypatch.setattr(share, "current_params", lambda: {**link, "measure": "chi_sustained"})
    assert share.file_name("compare_map_table") == (
        "compare-map_US-IL-CHI_2010-_chi-sustained_2026-12-04.csv"
    )
