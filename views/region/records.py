"""The directive observations and the reported cases recorded for the region, each linked to
its place on the Directives page. What is not recorded is said as such, never as compliance."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from ui.i18n import Translator, column_in_language
from ui.page import PageContext
from views.region.share import link


def directive_link(lang: str, directive_id, rule_id, scope_id) -> str | None:
    if not isinstance(directive_id, str):
        return None
    return link(
        {
            "page": "directives",
            "lang": lang,
            "directive": directive_id,
            "rule": rule_id if isinstance(rule_id, str) else None,
            "obs": scope_id,
        }
    )


def render_observations(page: PageContext, region_id: str) -> list[str]:
    """The observations' table; returns their sources (for the citation)."""
    t, lang = page.t, page.lang
    words = Translator(lang, context="directives")  # the statuses as that page names them
    rows = data.query("region_observations", region_id=region_id)
    st.header(t("observations_heading"))
    if rows.empty:
        st.info(t("no_observations"))
        return []
    st.caption(t("observations_intro", count=len(rows)))
    if not rows["in_jurisdiction"].all():
        st.caption(t("what_if_note"))
    status = [
        words.maybe(f"status_{s}", s) + ("" if inside else f" ({t('what_if')})")
        for s, inside in zip(rows["status"], rows["in_jurisdiction"], strict=True)
    ]
    evidence, evidence_header = column_in_language(
        t, rows["evidence"], rows["evidence_fr"], "col_evidence", "col_evidence_plain"
    )
    table = pd.DataFrame(
        {
            t("col_directive"): rows["directive_id"],
            t("col_rule"): rows["rule_id"],
            t("col_scope"): rows["scope_id"],
            t("col_open"): [
                directive_link(lang, *values)
                for values in zip(
                    rows["directive_id"], rows["rule_id"], rows["scope_id"], strict=True
                )
            ],
            t("col_date"): pd.to_datetime(rows["observed_date"]).dt.strftime("%Y-%m-%d"),
            t("col_status"): status,
            t("col_confidence"): rows["confidence"],
            evidence_header: evidence,
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        key="region_observations",
        column_config={
            t("col_open"): st.column_config.LinkColumn(display_text=t("open_directives"))
        },
    )
    return sorted(rows["source_id"].dropna().unique())


def render_cases(page: PageContext, region_id: str) -> list[str]:
    """The case events' table; returns their sources (for the citation)."""
    t, lang = page.t, page.lang
    rows = data.query("region_cases", region_id=region_id)
    st.header(t("cases_heading"))
    if rows.empty:
        st.info(t("no_cases"))
        return []
    st.caption(t("cases_intro", count=len(rows)))
    places, place_header = column_in_language(
        t, rows["place"], rows["place_fr"], "col_place", "col_place_plain"
    )
    descriptions, description_header = column_in_language(
        t, rows["description"], rows["description_fr"], "col_description", "col_description_plain"
    )
    table = pd.DataFrame(
        {
            t("col_case"): rows["case_id"],
            t("col_open"): [
                directive_link(lang, *values)
                for values in zip(
                    rows["directive_id"], rows["rule_id"], rows["case_id"], strict=True
                )
            ],
            t("col_date"): rows["event_date"],
            t("col_event"): rows["event_type"],
            place_header: places,
            t("col_legal_status"): rows["legal_status"],
            t("col_confidence"): rows["confidence"],
            description_header: descriptions,
            t("col_source"): rows["source_url"],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        key="region_cases",
        column_config={
            t("col_open"): st.column_config.LinkColumn(display_text=t("open_directives")),
            t("col_source"): st.column_config.LinkColumn(),
        },
    )
    return sorted(rows["source_id"].dropna().unique())
