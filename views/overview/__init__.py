"""Overview: what the project is, what each jurisdiction's data holds, the path from
allegation to sanction, yearly trends, and the reported case that started the project.

Built from the warehouse: one card per jurisdiction with data, the funnel and trends of
every jurisdiction whose data allow them. What a jurisdiction's card shows and the words
about one jurisdiction are declared in queries/overview.toml; no module here names a
jurisdiction or a source.

- declared.py: the data file and the jurisdictions table
- cards.py, figures.py: what the data holds (the cards, the kinds of headline figure)
- funnel.py: from allegation to sanction
- trends.py: year by year
- story.py: the case behind the project
- format.py: numbers, dates, links, axes, source captions
The page's words are in the message catalogs (locales/, msgctxt "overview").
"""

from __future__ import annotations

import streamlit as st

from ui.page import PageContext, replayed
from ui.share import render_share
from views.overview.cards import render_holdings, with_cards
from views.overview.declared import joined
from views.overview.funnel import render_funnel
from views.overview.story import render_story
from views.overview.trends import render_trends

__all__ = ["render"]


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("overview_title"))
    names = list(with_cards()["name_fr" if page.lang == "fr" else "name_en"])
    st.markdown(t("overview_intro", places=joined(t, names)))
    replayed(render_holdings, page)
    render_funnel(page)
    render_trends(page)
    replayed(render_story, page)
    render_share(page)
