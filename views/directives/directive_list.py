"""1. Every directive tracked: issuer, date, binding force, requirement, link to its text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.i18n import in_language
from ui.page import PageContext
from views.directives.wording import directive_title, first_url, iso_date, jurisdiction_name, number

LIST_ROW_HEIGHT = 84  # tall rows wrap long titles and requirements onto several lines


def render_directive_list(page: PageContext, directives: pd.DataFrame) -> None:
    t, lang = page.t, page.lang
    st.header(t("list_title"))
    st.write(t("list_intro", count=len(directives)))
    checked = [
        checked_text(t, lang, rules, own, what_if)
        for rules, own, what_if in zip(
            directives["rules"],
            directives["observations"],
            directives["what_if_observations"],
            strict=True,
        )
    ]
    requirements = [
        in_language(lang, en, fr)
        for en, fr in zip(directives["requirement"], directives["requirement_fr"], strict=True)
    ]
    translated = lang != "en" and all(kind == "translated" for _, kind in requirements)
    requirement_header = (
        f"{t('col_requirement_plain')} ({t('translated_by_project')})"
        if translated
        else t("col_requirement")
    )
    table = pd.DataFrame(
        {
            "directive": directives["directive_id"],
            "title": [directive_title(page, row) for _, row in directives.iterrows()],
            "checked": checked,
            "requirement": [text for text, _ in requirements],
            "jurisdiction": [jurisdiction_name(t, j) for j in directives["jurisdiction"]],
            "binding": [t.maybe(f"binding_{b}", str(b)) for b in directives["binding"]],
            "confidence": [t(f"confidence_{c}") for c in directives["confidence"]],
            "issued": [iso_date(d) for d in directives["issued_date"]],
            "effective": [iso_date(d) for d in directives["effective_date"]],
            "text": [first_url(u) for u in directives["source_url"]],
            "issuer": [
                in_language(lang, en, fr)[0]
                for en, fr in zip(directives["issuer"], directives["issuer_fr"], strict=True)
            ],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        row_height=LIST_ROW_HEIGHT,
        height=LIST_ROW_HEIGHT * len(table) + 40,  # every directive visible without scrolling
        column_config={
            "directive": st.column_config.TextColumn(t("col_directive"), width=100, pinned=True),
            "title": st.column_config.TextColumn(t("col_title"), width=240),
            "checked": st.column_config.TextColumn(t("col_checked"), width=150),
            "requirement": st.column_config.TextColumn(requirement_header, width=560),
            "jurisdiction": t("jurisdiction"),
            "binding": t("col_binding"),
            "confidence": t("col_confidence"),
            "issued": t("col_issued"),
            "effective": t("col_effective"),
            "text": st.column_config.LinkColumn(t("col_text"), display_text=t("open_text")),
            "issuer": st.column_config.TextColumn(t("col_issuer"), width=300),
        },
        key="directives_list",
    )
    if translated:
        st.caption(t("requirement_translated"))
    elif lang != "en":
        st.caption(t("requirement_in_english"))


def checked_text(t, lang: str, rules: int, own: int, what_if: int) -> str:
    if not rules:
        return t("not_yet_checked")
    text = t("checked_one") if own == 1 else t("checked_count", count=number(own, lang))
    return t("checked_what_if", text=text, count=number(what_if, lang)) if what_if else text
