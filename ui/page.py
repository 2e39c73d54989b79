"""What every page receives, and the footer every chart carries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from ui import data
from ui.i18n import Translator, in_language, translated_mark
from ui.share import chart_download
from ui.state import ViewState


@dataclass
class PageContext:
    lang: str
    t: Translator
    state: ViewState
    cited: list[str] = field(default_factory=list)  # sources shown, for the page's citation

    def cite(self, source_ids) -> None:
        """Note the sources of a figure shown: the page's citation names them."""
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)


def source_link(label: str, url: str) -> str:
    """A link for a web address; a project file (curated tables) is named, not linked."""
    if url.startswith(("https://", "http://")):
        return f"[{label}]({url})"
    return f"{label} (`{url}`)"


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*`]{1,3}(?=\S)|(?<=\S)[*`]{1,3}")


def chart_alt(reading: str) -> str:
    """A chart's text alternative: its one-sentence reading (the markdown under the chart)
    as plain text, since Streamlit writes `alt` as the chart's aria-label, where `**` would
    be read out."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", reading)).strip()


def chart_footer(
    page: PageContext,
    source_ids: list[str],
    reading: str,
    table: pd.DataFrame,
    table_key: str,
) -> None:
    """Under every chart: source, licence, as-of date, a one-sentence reading, and the
    table behind it (for screen readers and copy-paste), with its CSV download."""
    t = page.t
    page.cite(source_ids)
    sources = data.query("sources_by_id", source_ids=source_ids)
    parts = []
    for row in sources.itertuples():
        parts.append(
            f"**{t('footer_source')}** {source_link(row.publisher, row.url)} ({row.title}) · "
            f"**{t('footer_licence')}** {licence_text(page, row)} · "
            f"**{t('footer_as_of')}** {row.retrieved_at}"
        )
    st.markdown(reading)
    st.caption("  \n".join(parts))
    with st.expander(t("table_behind_chart")):
        st.dataframe(table, hide_index=True, key=table_key)
        # with its sources and build date in every row, named after what it holds
        chart_download(t("download_csv"), table, source_ids, table_key)


def licence_text(page: PageContext, row) -> str:
    """A source's licence line in the page's language (French translated by the project)."""
    text, kind = in_language(page.lang, row.licence, row.licence_fr)
    return text + translated_mark(page.t, kind)
