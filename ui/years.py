"""A year range set from the keyboard: two number inputs, from and to.

A range slider over a century moves about 2 px per year, and each arrow key press reruns
the page; two number inputs can be typed or stepped with the arrow keys, and keep the
keyboard focus across reruns: they are keyed widgets, never given a new default (a widget
whose arguments change is a new widget, and the focus drops to the page). They are set
from the link whenever the link's years change other than through them (a first visit,
another link opened in the same session). The caller keeps the link's parameters
(`year_from`, `year_to`, ...).
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import Translator


def year_range(
    t: Translator,
    label: str,
    first: int,
    last: int,
    value: tuple[int, int],
    *,
    key: str,
    help: str | None = None,
    columns: tuple | None = None,
) -> tuple[int, int]:
    """The years chosen, from <= to, within first..last. `value`: the link's years, which
    the inputs take whenever they differ from the link's years at the last run. `key`
    names the pair (`<key>_from`, `<key>_to`): a key per set of bounds, so that a page
    whose bounds change (another table, another jurisdiction) starts a new pair. `columns`:
    two containers to draw them in (default: the first two of four columns here)."""
    keys = (f"{key}_from", f"{key}_to")
    link = tuple(min(max(int(year), first), last) for year in value)
    link_key = f"{key}_link"  # the link's years at the last run
    if st.session_state.get(link_key) != link or any(k not in st.session_state for k in keys):
        for widget_key, year in zip(keys, link, strict=True):
            st.session_state[widget_key] = year
        st.session_state[link_key] = link
    places = columns if columns is not None else st.columns(4)[:2]  # narrow, side by side
    chosen = []
    for place, widget_key, words in zip(
        places, keys, ("year_from_label", "year_to_label"), strict=True
    ):
        with place:
            chosen.append(
                st.number_input(
                    t(words, years=label),
                    min_value=first,
                    max_value=last,
                    step=1,
                    format="%d",
                    key=widget_key,
                    help=help if widget_key == keys[0] else None,  # one help, one tab stop
                )
            )
    low, high = (int(year) for year in chosen)
    return (low, high) if low <= high else (high, low)  # a reversed range still names years


def linked_year_range(
    page,
    label: str,
    bounds: tuple[int, int],
    default: tuple[int, int],
    *,
    names: tuple[str, str] = ("year_from", "year_to"),
    key: str,
    columns: tuple | None = None,
) -> tuple[int, int]:
    """year_range() kept in the link: the years are read from the link's parameters
    `names` (the default range when absent), a reversed pair is noted on the page and
    replaced by the default, and the link keeps only years that differ from the default."""
    state = page.state
    low, high = bounds
    year_from = state.integer(names[0], low, high, default[0])
    year_to = state.integer(names[1], low, high, default[1])
    if year_from > year_to:
        state.notices.extend([(names[0], str(year_from)), (names[1], str(year_to))])
        year_from, year_to = default
    year_from, year_to = year_range(
        page.t, label, low, high, (year_from, year_to), key=key, columns=columns
    )
    state.set(
        **{
            names[0]: year_from if year_from != default[0] else None,
            names[1]: year_to if year_to != default[1] else None,
        }
    )
    return year_from, year_to
