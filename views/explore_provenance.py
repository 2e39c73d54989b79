"""Where the rows on the Explore page come from: the contributing sources with their
licences (the permalink and the citation are ui/share.py's, as on every page)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exports import datapackage
from ui.page import PageContext, source_link


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
