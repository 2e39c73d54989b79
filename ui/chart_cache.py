"""Draw an Altair chart once per content, then replay the finished element.

Turning a chart into the element Streamlit sends (Altair's deep copy and schema
validation, then Streamlit's JSON encoding and re-parsing to stabilise names) was most of
a warm page rerun: ~0.2 s on Compare, whose map carries its shapes inline. The chart's
content is cheap to fingerprint (ui.fingerprint), so the finished element is kept per
fingerprint, theme and text alternative, shared by every session: a chart is converted
once per warehouse version and view, and replayed after that (st.cache_data records the
element and re-sends it on a hit).

The fingerprint is the whole chart (data, encodings, titles, locale): two charts with the
same fingerprint are the same chart. A chart that cannot be pickled is drawn uncached.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import altair as alt
import streamlit as st

from ui.fingerprint import fingerprint

# Finished elements kept, by their pickled size: a Compare map is ~0.6 MB, most charts a
# few kB; beyond it the least recently drawn go first.
CACHE_SIZE = "128MB"


def draw(chart: alt.TopLevelMixin, alt_text: str) -> None:
    """st.altair_chart(chart, width="stretch", alt=alt_text), converted once per content."""
    key = fingerprint(chart)
    if key is None:
        st.altair_chart(chart, width="stretch", alt=alt_text)
        return
    _draw(key, alt.theme.active, alt_text, lambda: chart)


def draw_built(recipe: functools.partial, alt_text: str) -> None:
    """draw(recipe(), alt_text), the chart built only when its recipe (a module-level
    builder and its arguments) was never drawn before: building a chart with inline data
    deep-copies that data at every step, which costs as much as drawing it."""
    build = recipe.func
    key = fingerprint((build.__module__, build.__qualname__, recipe.args, recipe.keywords))
    if key is None:
        draw(recipe(), alt_text)
        return
    _draw(key, alt.theme.active, alt_text, recipe)


@st.cache_data(max_size=CACHE_SIZE, show_spinner=False)
def _draw(fingerprint: str, theme: str, alt_text: str, _chart: Callable) -> None:
    # `_chart` (leading underscore) is not hashed: the fingerprint stands for it.
    st.altair_chart(_chart(), width="stretch", alt=alt_text)
