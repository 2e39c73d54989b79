"""What every page receives, and the footer every chart carries."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

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


def replayed(render: Callable[[PageContext], None], page: PageContext) -> None:
    """render(page) for a section without widgets, run once per language, warehouse
    version and link (every filter is a query parameter, so the link fixes what it
    shows), then replayed: Streamlit records the section's elements and sends them again.
    The sources it cites are kept with it. A widget inside would be refused by Streamlit
    (a visible warning): sections with widgets are not replayed."""
    params = tuple(sorted((k, tuple(st.query_params.get_all(k))) for k in st.query_params))
    cited = _replayed_section(
        render.__module__,
        render.__qualname__,
        page.lang,
        data.warehouse_version(),
        params,
        _render=render,
        _page=page,
    )
    page.cite(cited)


@st.cache_data(max_size="64MB", show_spinner=False)
def _replayed_section(
    module: str, name: str, lang: str, version: float | None, params: tuple, *, _render, _page
) -> list[str]:
    # `_render` and `_page` (leading underscore) are not hashed: the other arguments name them.
    recording = replace(_page, cited=[])
    _render(recording)
    return recording.cited


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
