"""Streamlit entry point: `streamlit run dashboard.py` (or `make run`).

One script, pages chosen by the `page` query parameter, so that every view, language and
filter included, is a link: `?page=compare&lang=fr&jurisdiction=US-IL-CHI`.
The warehouse is opened read-only; errors are logged, users get a friendly message.
"""

from __future__ import annotations

import logging

import streamlit as st

from ui import capacity, charts, data, document
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from ui.page import PageContext
from ui.search import render_search
from ui.state import ViewState, notice_value
from views import compare_regions, directives, explore, overview, region, sources

PAGES = {
    "overview": overview,
    "compare": compare_regions,
    "region": region,
    "directives": directives,
    "explore": explore,
    "sources": sources,
}
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
log = logging.getLogger("dashboard")


def page_translator(lang: str, page_name: str) -> Translator:
    """The shared words, the page's own (msgctxt = page name), and the TEXT dict of a page
    not yet moved to the catalogs."""
    return Translator(lang, getattr(PAGES[page_name], "TEXT", {}), context=page_name)


def main() -> None:
    state = ViewState()
    lang = state.choice("lang", list(LANGUAGES), DEFAULT_LANGUAGE)
    linked_page = page_name = state.choice("page", list(PAGES), "overview")
    t = page_translator(lang, page_name)
    st.set_page_config(page_title=t("app_title"), layout="wide")
    capacity.admit_or_stop(lang)  # beyond the server's sessions: a "busy" message

    with st.sidebar:
        # Keyed widgets, seeded once from the link: their label changes with the language,
        # and an unkeyed widget whose label changes would lose the user's next click.
        state.seed_widget("sidebar_lang", lang)
        lang = st.radio(
            t("language"),
            LANGUAGES,
            format_func=LANGUAGE_NAMES.get,
            horizontal=True,
            key="sidebar_lang",
        )
        t = page_translator(lang, page_name)
        render_search(t, lang)
        state.seed_widget("sidebar_page", page_name)
        page_name = st.radio(
            t("page"),
            list(PAGES),
            format_func=lambda name: t(f"page_{name}"),
            key="sidebar_page",
        )
    if page_name != linked_page:
        # A new page starts from its own defaults: drop the previous page's filters.
        state.clear_except({"lang"})
        state.notices.clear()
    view = PAGES[page_name]
    t = page_translator(lang, page_name)
    state.set(lang=lang, page=page_name)
    document.set_title(t, page_name)
    document.set_style(t)
    charts.use_readable_theme()
    with st.sidebar:
        document.set_language(lang, t)

    try:
        warehouse = data.connection()
    except Exception:  # e.g. a damaged warehouse file: a sentence here, the trace in the log
        log.exception("cannot open the warehouse %s", data.warehouse_path())
        st.error(t("friendly_error"))
        return
    if warehouse is None:
        st.title(t("app_title"))
        st.error(t("no_warehouse"))
        return
    notice_area = st.container()  # at the top, filled once the page has read its filters
    page = PageContext(lang=lang, t=t, state=state)
    try:
        view.render(page)
    except Exception:  # users get a sentence, the log gets the stack trace
        log.exception("page %s failed", page_name)
        st.error(t("friendly_error"))
    capacity.download_notice(lang, page_name, notice_area)  # downloads waiting or refused
    for name, value in state.notices:
        notice_area.warning(t("ignored_parameter", name=name, value=notice_value(value)))


main()
