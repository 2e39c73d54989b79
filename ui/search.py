"""One search box on every page: a place, a jurisdiction, a directive, a case or a source.

The words are matched in the warehouse (queries/search.sql) in either language, ignoring
accents, case and punctuation: "val de marne" finds Val-de-Marne. Each result is a button
that opens the view it belongs to (a place: its region page; a jurisdiction: Compare on it; a
case: its directive's observations, with the case selected), as a link does.
"""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.i18n import Translator

MIN_CHARACTERS = 2  # one letter matches half the warehouse
RESULTS = 8
SEARCH_KEY = "search_words"
# The link parameters a result may set, per result column.
LINK_PARAMETERS = {
    "jurisdiction": "jurisdiction",
    "region": "region",
    "directive": "directive",
    "rule": "rule",
    "obs": "obs",
    "source": "source",
}


def render_search(t: Translator, lang: str) -> None:
    """The search box and its results (in the sidebar, above the page list)."""
    words = st.text_input(
        t("search_label"), key=SEARCH_KEY, placeholder=t("search_placeholder"), max_chars=80
    )
    words = " ".join(words.split())
    if len(words) < MIN_CHARACTERS or data.warehouse_version() is None:
        return
    results = data.query("search", term=words, limit=RESULTS)
    if results.empty:
        st.caption(t("search_none", words=words))
        return
    for number, row in enumerate(results.itertuples(index=False)):
        st.button(
            result_label(t, lang, row),
            key=f"search_result_{number}",
            on_click=open_result,
            args=(lang, result_link(row)),
            use_container_width=True,
        )


def result_label(t: Translator, lang: str, row) -> str:
    name = row.label_fr if lang == "fr" else row.label_en
    kind = t(f"search_kind_{row.kind}")
    if row.kind == "place":
        return f"{name} · {t(f'level_{row.level}')} · {kind}"
    return f"{name} · {kind}"


def result_link(row) -> dict[str, str]:
    """The page and link parameters of a result (a place: its region page, which finds its
    jurisdiction and level itself)."""
    link = {"page": row.page}
    for column, parameter in LINK_PARAMETERS.items():
        value = getattr(row, column)
        if isinstance(value, str) and value:
            link[parameter] = value
    if row.page != "compare":
        link.pop("jurisdiction", None)
    return link


def open_result(lang: str, link: dict[str, str]) -> None:
    """Go to the result's view as its link would: the previous page's widgets and filters
    are dropped (they were seeded from the previous link), the search words kept."""
    for key in list(st.session_state.keys()):
        if key != SEARCH_KEY:
            del st.session_state[key]
    st.query_params.clear()
    st.query_params.update({"lang": lang, **link})
