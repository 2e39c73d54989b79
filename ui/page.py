"""What every page receives, and the footer every chart carries."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from ui import data
from ui.fingerprint import fingerprint
from ui.i18n import Translator, in_language, translated_mark
from ui.share import chart_download
from ui.state import ViewState


@dataclass
class PageContext:
    lang: str
    t: Translator
    state: ViewState
    cited: list[str] = field(default_factory=list)  # sources shown, for the page's citation
    # In a replayed section: the chart tables to show after it (ui.page.replayed).
    pending_tables: list[tuple] | None = None

    def cite(self, source_ids) -> None:
        """Note the sources of a figure shown: the page's citation names them."""
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)


def replayed(render: Callable[..., None], page: PageContext, *args) -> None:
    """render(page, *args) for a section whose only widgets are its charts' table downloads,
    run once per language, warehouse version, link and arguments, then replayed: Streamlit
    records the section's elements and sends them again. Every filter is a query parameter,
    so the link and the arguments fix what the section shows.

    The sources it cites are kept with it; the tables behind its charts (an expander with a
    download button, a widget, which Streamlit will not replay) are kept too and shown
    after the section, so a replayed section must end with its one chart footer. A section
    whose arguments cannot be fingerprinted is simply run."""
    params = tuple(sorted((k, tuple(st.query_params.get_all(k))) for k in st.query_params))
    key = fingerprint((render.__module__, render.__qualname__, page.t, args))
    if key is None:
        render(page, *args)
        return
    cited, tables = _replayed_section(
        key, page.lang, data.warehouse_version(), params, _render=render, _page=page, _args=args
    )
    page.cite(cited)
    for source_ids, table, table_key in tables:
        chart_table(page, source_ids, table, table_key)


@st.cache_data(max_size="64MB", show_spinner=False)
def _replayed_section(
    key: str, lang: str, version: float | None, params: tuple, *, _render, _page, _args
) -> tuple[list[str], list[tuple]]:
    # The arguments with a leading underscore are not hashed: `key` names them.
    recording = replace(_page, cited=[], pending_tables=[])
    _render(recording, *_args)
    return recording.cited, recording.pending_tables


def source_link(label: str, url: str) -> str:
    """A link for a web address; a project file (curated tables) is named, not linked."""
    if url.startswith(("https://", "http://")):
        return f"[{label}]({url})"
    return f"{label} (`{url}`)"


def links(urls: str | None, titles: str | None) -> str:
    """Markdown links from the curated tables' ' | '-separated URLs and titles (a title
    list that does not match the URLs gives way to the URLs' hosts)."""
    url_list = list(dict.fromkeys(u.strip() for u in (urls or "").split(" | ") if u.strip()))
    title_list = [s.strip() for s in (titles or "").split(" | ") if s.strip()]
    if len(title_list) != len(url_list):
        title_list = [url.split("/")[2] if "//" in url else url for url in url_list]
    return " · ".join(
        f"[{_escape_link_text(title)}]({url.replace(')', '%29')})"
        for title, url in zip(title_list, url_list, strict=True)
    )


def _escape_link_text(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def requirement_quote(page: PageContext, row, label_keys: tuple[str, str], cited_key: str):
    """A directive's requirement as a quote, in the page's language where translated
    (`label_keys`: the label when shown in English, and when in the page's language), and
    the text it comes from."""
    t = page.t
    requirement, kind = in_language(page.lang, row["requirement"], row["requirement_fr"])
    label = label_keys[0] if kind == "english" else label_keys[1]
    st.markdown(f"**{t(label)}**{translated_mark(t, kind)}")
    st.markdown(f"> {requirement}")
    source_title, _ = in_language(page.lang, row["source_title"], row["source_title_fr"])
    st.caption(f"{t(cited_key)} {links(row['source_url'], source_title)}")


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
    if page.pending_tables is None:
        chart_table(page, source_ids, table, table_key)
    else:
        page.pending_tables.append((list(source_ids), table, table_key))


def chart_table(page: PageContext, source_ids: list[str], table: pd.DataFrame, key: str) -> None:
    """The table behind a chart, folded, with its CSV download."""
    with st.expander(page.t("table_behind_chart")):
        st.dataframe(table, hide_index=True, key=key)
        # with its sources and build date in every row, named after what it holds
        chart_download(page.t("download_csv"), table, source_ids, key)


def licence_text(page: PageContext, row) -> str:
    """A source's licence line in the page's language (French translated by the project)."""
    text, kind = in_language(page.lang, row.licence, row.licence_fr)
    return text + translated_mark(page.t, kind)
