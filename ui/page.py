"""What every page receives, and the footer every chart carries."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from exports.table_csv import frame_csv
from ui import data
from ui.i18n import Translator
from ui.state import ViewState


@dataclass
class PageContext:
    lang: str
    t: Translator
    state: ViewState


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
    table behind it (for screen readers and copy-paste)."""
    t = page.t
    sources = data.query("sources_by_id", source_ids=source_ids)
    parts = []
    for row in sources.itertuples():
        parts.append(
            f"**{t('footer_source')}** {source_link(row.publisher, row.url)} ({row.title}) · "
            f"**{t('footer_licence')}** {row.licence} · "
            f"**{t('footer_as_of')}** {row.retrieved_at}"
        )
    st.markdown(reading)
    st.caption("  \n".join(parts))
    with st.expander(t("table_behind_chart")):
        st.dataframe(table, hide_index=True, key=table_key)
        st.download_button(
            t("download_csv"),
            # A callable: encoded only when someone clicks, not on every rerun of the page.
            functools.partial(frame_csv, table.copy()),
            file_name=f"{table_key}.csv",
            mime="text/csv",
            key=f"{table_key}_csv",
            on_click="ignore",  # no rerun: the other buttons' files stay valid
        )
