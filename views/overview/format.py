"""Numbers, dates, chart axes and source captions in the page's language."""

from __future__ import annotations

import altair as alt
import streamlit as st

from ui import data
from ui.page import PageContext


def number(value: float, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "fr":  # 21 427,5: narrow no-break space for thousands, comma for decimals
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(share: float, lang: str, decimals: int = 1) -> str:
    text = number(100 * share, lang, decimals)
    return f"{text}\u00a0%" if lang == "fr" else f"{text}%"


def event_date(value, t) -> str:
    """'2024-07-03' -> '3 July 2024', '2021-02' -> 'February 2021'; the register keeps
    the precision the sources give."""
    if not isinstance(value, str) or not value:
        return t("date_not_reported")
    parts = value.split("-")
    months = t("months").split(",")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def count_axis(title: str, lang: str) -> alt.Axis:
    # Vega formats numbers the English way; French readers expect 200 000.
    if lang == "fr":
        return alt.Axis(
            title=title, labelExpr="replace(format(datum.value, ',.0f'), regexp(',', 'g'), ' ')"
        )
    return alt.Axis(title=title, format=",.0f")


def share_axis(title: str, lang: str) -> alt.Axis:
    if lang == "fr":
        return alt.Axis(title=title, labelExpr="replace(format(datum.value, '.0%'), '%', ' %')")
    return alt.Axis(title=title, format=".0%")


def level_label(level: str, t) -> str:
    return t(f"outcome_{level}")


def source_caption(page: PageContext, source_ids: list[str]) -> None:
    """The sources of the rows a section read, as the warehouse describes them."""
    t = page.t
    page.cite(source_ids)
    rows = data.query("sources_by_id", source_ids=sorted(set(source_ids)))
    # Curated sources point to a file of this project (data/reference/...), not a web page.
    names = [
        f"[{row.publisher}]({row.url}) ({row.retrieved_at})"
        if str(row.url).startswith("http")
        else f"{row.publisher}, `{row.url}` ({row.retrieved_at})"
        for row in rows.itertuples()
    ]
    st.caption(f"{t('sources_label')} " + " · ".join(names))
