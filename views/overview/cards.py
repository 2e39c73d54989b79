"""What the data holds: one card per jurisdiction of the warehouse that has data.

Order: the `jurisdictions` table's (by code). A jurisdiction declared in
queries/overview.toml shows its declared figures; one with allegations but no declaration
gets a default card derived from the warehouse; one with published statistics only says so;
one with nothing loaded gets no card and is named, with the reason, under the cards.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import measures as catalogue
from ui.page import PageContext
from views.overview import figures
from views.overview.declared import card_figures, joined, jurisdictions
from views.overview.format import number, source_caption

CARDS_PER_ROW = 2


def with_cards() -> pd.DataFrame:
    """The jurisdictions that get a card: declared, or with allegations or statistics."""
    rows = jurisdictions()
    declared = set(card_figures())
    keep = rows["code"].isin(declared) | (rows["allegations"] > 0) | (rows["statistics"] > 0)
    return rows[keep]


def render_holdings(page: PageContext) -> None:
    t, lang = page.t, page.lang
    st.header(t("holdings_title"))
    st.write(t("holdings_intro"))
    shown = with_cards()
    for start in range(0, len(shown), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for column, row in zip(
            columns, shown.iloc[start : start + CARDS_PER_ROW].itertuples(), strict=False
        ):
            with column.container(border=True):
                render_card(page, row)
    empty = jurisdictions()[~jurisdictions()["code"].isin(shown["code"])]
    if len(empty):
        names = list(empty["name_fr" if lang == "fr" else "name_en"])
        st.caption(t("holdings_without_data", places=joined(t, names)))


def render_card(page: PageContext, row) -> None:
    t, lang = page.t, page.lang
    st.subheader(row.name_fr if lang == "fr" else row.name_en)
    declared = card_figures().get(row.code)
    if declared is not None:
        specs = declared
    elif row.allegations:
        specs = default_figures(row.code)
        st.caption(t("default_note"))
    else:
        st.info(t("statistics_only", count=number(row.statistics, lang)))
        return
    source_ids: list[str] = []
    for spec in specs:
        source_ids += figures.draw(page, row.code, spec)
    if source_ids:
        source_caption(page, source_ids)


def default_figures(code: str) -> list[dict]:
    """The card of a jurisdiction nobody has described: its allegations on its year basis,
    the catalogue's sustained share if they carry findings, and the share ending in a
    reprimand or heavier if they carry final levels."""
    row = figures.headline(code)
    years = figures.year_range(row, row["year_basis"])
    specs = [
        {
            "kind": "allegation_count",
            "label": {"key": "default_allegations"},
            "definition": {
                "key": "default_allegations_years" if years else "default_allegations_no_years"
            },
        }
    ]
    if row["not_sustained"]:  # a file of sustained allegations only has no share
        specs.append(
            {
                "kind": "sustained_share",
                "label": catalogue_name("sustained_share"),
                "definition": {"key": "default_sustained_def"},
            }
        )
    if row["final_known"]:
        specs.append(
            {
                "kind": "catalogue_share",
                "measure": "final_warning_share",
                "label": catalogue_name("final_warning_share"),
                "definition": {"key": "default_final_def"},
            }
        )
    return specs


def catalogue_name(measure_id: str) -> dict[str, str]:
    definition = catalogue.definition(measure_id)
    return {"en": definition.name_en, "fr": definition.name_fr}
