"""Measures a jurisdiction publishes for the whole jurisdiction only (its records carry no
region: NYC's penalty records give no precinct), declared in
queries/measures/comparisons.toml: Compare says they cannot be split by region and links to
the whole-jurisdiction figure."""

from __future__ import annotations

import streamlit as st

from ui.share import page_link
from views.compare.registry import Jurisdiction
from views.compare.wording import say


def render_whole_only(page, jurisdiction: Jurisdiction) -> None:
    """One note per declared measure, with its links (in the page's language)."""
    t, lang = page.t, page.lang
    for entry in jurisdiction.whole_only:
        links = [
            "[{label}]({url})".format(
                label=say(t, lang, link.label),
                url=page_link(
                    {"page": link.page, "lang": lang, **dict(link.params)},
                    say(t, lang, link.anchor) if link.anchor else None,
                ),
            )
            for link in entry.links
        ]
        st.info(
            t(
                "whole_only_note",
                name=say(t, lang, entry.name),
                text=say(t, lang, entry.text),
                links=t("whole_only_separator").join(links),
            ),
            icon=":material/location_city:",
        )
