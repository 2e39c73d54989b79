"""The choices of the Compare page, each a query parameter (jurisdiction, level, measure,
year_from, year_to, region_a, region_b), validated: an unknown value becomes a notice.

Each widget has a key whose session state is set from the (validated) link before the
widget is drawn, and an on_change callback that writes the user's choice to the link at
once. Widgets without a key would get a new identity each time their default changes, and
the first change after that would be lost.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.page import PageContext
from ui.state import plain_integer
from ui.years import linked_year_range
from views.compare import registry
from views.compare.figures import default_years
from views.compare.registry import Jurisdiction, Level, Measure
from views.compare.wording import level_name, measure_word, say

# Another jurisdiction's filters mean nothing
DEPENDENT_PARAMS = ("measure", "level", "year_from", "year_to", "region_a", "region_b")


def _linked_widget(name: str, value) -> str:
    """The key of the widget showing link parameter `name`, its state set to `value` (set
    even when unchanged: a widget whose options or bounds change is a new widget, which
    would otherwise open on its first option or its whole range)."""
    key = f"compare_{name}"
    st.session_state[key] = value
    return key


def _to_link(name: str, cleared: tuple[str, ...] = ()) -> None:
    """on_change: the widget's new value goes to the link; `cleared` parameters, which
    meant something only under the previous value, are dropped."""
    st.query_params[name] = str(st.session_state[f"compare_{name}"])
    for other in cleared:
        if other in st.query_params:
            del st.query_params[other]


def choose_jurisdiction(page: PageContext):
    t, state = page.t, page.state
    offered = registry.jurisdictions()
    keys = list(offered)
    linked = state.choice("jurisdiction", keys, registry.default_jurisdiction())
    chosen = st.selectbox(
        t("jurisdiction"),
        keys,
        format_func=lambda k: say(t, page.lang, offered[k].name),
        key=_linked_widget("jurisdiction", linked),
        on_change=_to_link,
        args=("jurisdiction", DEPENDENT_PARAMS),  # another jurisdiction's filters mean nothing
    )
    state.set(jurisdiction=chosen)
    return offered[chosen]


def choose_level(page: PageContext, jurisdiction: Jurisdiction) -> Level:
    t, state = page.t, page.state
    keys = [level.key for level in jurisdiction.levels]
    if len(keys) == 1:
        state.set(level=None)
        return jurisdiction.levels[0]
    linked = state.choice("level", keys, keys[0])
    chosen = st.radio(
        t("map_level"),
        keys,
        format_func=lambda k: level_name(t, jurisdiction.level(k)).capitalize(),
        horizontal=True,
        key=_linked_widget("level", linked),
        on_change=_to_link,
        args=("level", ("region_a", "region_b")),  # those regions do not exist at this level
    )
    state.set(level=chosen)
    return jurisdiction.level(chosen)


def choose_measure(page: PageContext, jurisdiction: Jurisdiction) -> Measure:
    t, state = page.t, page.state
    keys = [measure.key for measure in jurisdiction.measures]
    linked = state.choice("measure", keys, keys[0])
    chosen = st.selectbox(
        t("measure"),
        keys,
        format_func=lambda k: measure_word(jurisdiction.measure(k), "name", page.lang),
        key=_linked_widget("measure", linked),
        on_change=_measure_changed,
        args=(jurisdiction.key,),
    )
    state.set(measure=chosen)
    return jurisdiction.measure(chosen)


def _measure_changed(jurisdiction_key: str) -> None:
    """on_change of the measure: keep the years only if the new measure has them."""
    jurisdiction = registry.jurisdictions()[jurisdiction_key]
    measure = jurisdiction.measure(st.session_state["compare_measure"])
    raw = [st.query_params.get("year_from"), st.query_params.get("year_to")]
    fits = measure.years is not None and all(
        value is None or _year_within(plain_integer(value), measure.years) for value in raw
    )
    _to_link("measure", () if fits else ("year_from", "year_to"))


def _year_within(year: int | None, years: tuple[int, int]) -> bool:
    return year is not None and years[0] <= year <= years[1]


def choose_years(
    page: PageContext, jurisdiction: Jurisdiction, level: Level, measure: Measure
) -> tuple[int | None, int | None]:
    t, state = page.t, page.state
    if measure.years is None:
        for name in ("year_from", "year_to"):
            if state.raw(name) is not None:
                state.notices.append((name, state.raw(name)))
        state.set(year_from=None, year_to=None)
        low, high = measure.fixed_period
        st.markdown(f"**{t('years')}:** {low}-{high}")
        st.caption(t("no_year_split"))
        return None, None
    low, high = measure.years
    first, last = default_years(jurisdiction, level, measure)
    # Two number inputs, typed or stepped from the keyboard (ui/years.py); a pair per
    # jurisdiction and measure range, so that another measure starts from its own years.
    year_from, year_to = linked_year_range(
        page,
        t("years"),
        (low, high),
        (first, last),
        key=f"compare_years_{jurisdiction.key}_{low}_{high}",
        columns=tuple(st.columns(2)),
    )
    if first > low and year_from == first:
        note = jurisdiction.default_years_note or "default_years_note"
        st.caption(say(t, page.lang, note, first=first, level=level_name(t, level)))
    return year_from, year_to


def choose_region(page: PageContext, name: str, frame: pd.DataFrame, default: str) -> str:
    t, state = page.t, page.state
    ids = list(frame["region_id"])
    labels = dict(zip(frame["region_id"], frame["label"], strict=True))
    linked = state.choice(name, ids, default)
    chosen = st.selectbox(
        t(name),
        ids,
        format_func=labels.get,
        key=_linked_widget(name, linked),
        on_change=_to_link,
        args=(name,),
    )
    state.set(**{name: chosen})
    return chosen
