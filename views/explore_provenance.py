"""Where the rows on the Explore page come from and how to point to them: the contributing
sources with their licences, a permalink and a citation."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from exports import datapackage
from ui.page import PageContext, source_link
from views.explore_tables import Table


def render_sources(page: PageContext, sources: pd.DataFrame) -> None:
    t = page.t
    st.header(t("sources_heading"))
    if sources.empty:
        st.caption(t("no_sources"))
        return
    for row in sources.itertuples():
        if datapackage.licence_is_unclear(row.licence):
            st.warning(t("licence_warning", source=row.source_id, licence=row.licence))
    lines = [
        t(
            "source_line",
            source=row.source_id,
            publisher_link=source_link(row.publisher, row.url),
            title=row.title,
            licence=row.licence,
            retrieved=row.retrieved_at,
        )
        for row in sources.itertuples()
    ]
    st.markdown("  \n".join(lines))
    if any(datapackage.licence_is_unclear(text) for text in sources["licence"]):
        st.caption(t("licence_rule"))


def permalink(page: PageContext, table: Table, filters: dict) -> str:
    """The page's address with this view's table, language and filters (`filters`: the URL
    values, None for a filter not set)."""
    values = {"page": "explore", "lang": page.lang, "table": table.name}
    values.update({k: v for k, v in filters.items() if v is not None})
    base = st.context.url or ""
    return f"{base}?{urlencode(values)}"


def render_link_and_citation(
    page: PageContext,
    table: Table,
    filters: str,
    count: str,
    sources: pd.DataFrame,
    link: str,
) -> None:
    """The permalink, and a citation naming the view, its filters (`filters`, described in
    words), the number of rows (`count`, formatted) and every contributing source."""
    t = page.t
    left, right = st.columns(2)
    with left:
        st.header(t("permalink_heading"))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("permalink_absolute" if link.startswith("http") else "permalink_relative"))
    with right:
        st.header(t("cite_heading"))
        cited = t("list_separator").join(
            t(
                "cite_source",
                publisher=row.publisher,
                title=row.title,
                retrieved=row.retrieved_at,
                licence=row.licence,
            )
            for row in sources.itertuples()
        )
        text = t(
            "cite_text",
            project=t("app_title"),
            view=t(f"table_{table.name}"),
            filters=filters,
            count=count,
            sources=cited or t("cite_no_source"),
            accessed=dt.datetime.now(dt.UTC).date().isoformat(),
            link=link,
        )
        st.code(text, language=None, wrap_lines=True)
