"""A page per region (`?page=region&region=<region_id>`): everything the warehouse holds for
one place. Its name, level, parent and jurisdiction; the catalogue's measures for it beside
all regions (the Compare page's figures) with a chart by year; which years have no figure
for it; its directive observations and reported cases; its feed, a permalink, a citation.

The region and the years are link parameters (`region`, `year_from`, `year_to`), validated:
an unknown value becomes a notice and the chooser opens on a default place.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from ui.i18n import Translator
from ui.page import PageContext
from ui.share import render_share
from ui.years import year_range
from views import region_measures as rm
from views.region import figures
from views.region.measures import render_coverage, render_measures
from views.region.records import render_cases, render_observations
from views.region.share import link, render_feed

YEAR_PARAMS = ("year_from", "year_to")


def render(page: PageContext) -> None:
    t, lang = page.t, page.lang
    ct = Translator(lang, context="compare")  # levels, values and ranks as Compare words them
    directory = data.query("region_directory")
    st.title(t("page_region"))
    st.write(t("region_intro"))
    place = _choose_place(page, ct, directory)
    jurisdiction_name = place["jurisdiction_fr" if lang == "fr" else "jurisdiction_en"]
    offered = rm.jurisdictions()
    jurisdiction = offered.get(place["jurisdiction"])
    level = figures.level_of(jurisdiction, place) if jurisdiction else None
    years = _choose_years(page, jurisdiction, level) if level else None

    st.header(place["name"])
    _describe(page, ct, place, jurisdiction_name)
    if level is not None:
        compare = link(
            {
                "page": "compare",
                "lang": lang,
                "jurisdiction": jurisdiction.key,
                "level": level.key,
                "region_a": place["region_id"],
            }
        )
        st.markdown(t("compare_link", url=compare))
    render_feed(page, place["region_id"])

    source_ids: list[str] = []
    if years is None:  # years mean nothing for this place: not in its link either
        page.state.set(year_from=None, year_to=None)
    if level is None or years is None:
        st.info(t("no_measures", level=ct.maybe(f"level_{place['level']}", place["level"])))
    else:
        render_measures(page, ct, place, jurisdiction, level, years)
        render_coverage(page, jurisdiction, level, place["region_id"], years)
        source_ids = [s for m in jurisdiction.measures for s in m.source_ids]
    source_ids += render_observations(page, place["region_id"])
    source_ids += render_cases(page, place["region_id"])

    details = ", ".join(
        part
        for part in (
            ct.maybe(f"level_{place['level']}", place["level"]),
            jurisdiction_name,
            t("years_span", low=years[0], high=years[1]) if years else "",
        )
        if part
    )
    render_share(
        page,
        title=f"{t('page_region')}: {place['name']}",
        params={
            "region": place["region_id"],
            **{name: st.query_params.get(name) for name in YEAR_PARAMS},
        },
        filters=details,
        source_ids=source_ids,
    )


def _describe(page, ct, place: pd.Series, jurisdiction_name: str) -> None:
    t = page.t
    lines = [
        t("fact_level", level=ct.maybe(f"level_{place['level']}", place["level"])),
        t("fact_code", code=place["code"], region_id=place["region_id"]),
        t("fact_jurisdiction", name=jurisdiction_name),
    ]
    if isinstance(place["parent_id"], str):
        parent = link({"page": "region", "lang": page.lang, "region": place["parent_id"]})
        lines.append(t("fact_parent", name=place["parent_name"], url=parent))
    st.markdown("  \n".join(lines))
    if isinstance(place["valid_note"], str):
        st.caption(t("fact_note", note=place["valid_note"]))


# -- the chooser: jurisdiction, then region; the link holds only the region ---------------


def _default_region(directory: pd.DataFrame, code: str) -> str:
    """A jurisdiction's first region at its finest compared level, else its first place."""
    mine = directory[directory["jurisdiction"] == code]
    jurisdiction = rm.jurisdictions().get(code)
    if jurisdiction is not None:
        level = jurisdiction.levels[0]
        at_level = mine[
            (mine["level"] == level.key) & mine["region_id"].str.startswith(level.prefix)
        ]
        if not at_level.empty:
            return at_level["region_id"].iloc[0]
    return mine["region_id"].iloc[0]


def _jurisdiction_changed(default_regions: dict[str, str]) -> None:
    st.query_params["region"] = default_regions[st.session_state["region_jurisdiction"]]
    for name in YEAR_PARAMS:  # another jurisdiction's years mean nothing
        if name in st.query_params:
            del st.query_params[name]


def _region_changed() -> None:
    st.query_params["region"] = st.session_state["region_region"]


def _choose_place(page: PageContext, ct, directory: pd.DataFrame) -> pd.Series:
    t, state, lang = page.t, page.state, page.lang
    codes = list(dict.fromkeys(directory["jurisdiction"]))
    offered = [code for code in rm.jurisdictions() if code in codes]
    codes = offered + [code for code in codes if code not in offered]
    defaults = {code: _default_region(directory, code) for code in codes}
    by_id = directory.set_index("region_id", drop=False)
    region_id = state.choice("region", list(by_id.index), defaults[codes[0]])
    names = dict(
        zip(
            directory["jurisdiction"],
            directory["jurisdiction_fr" if lang == "fr" else "jurisdiction_en"],
            strict=True,
        )
    )
    with st.container(border=True):
        st.caption(t("chooser_intro"))
        left, right = st.columns([2, 3])
        with left:
            st.session_state["region_jurisdiction"] = by_id.loc[region_id, "jurisdiction"]
            code = st.selectbox(
                t("choose_jurisdiction"),
                codes,
                format_func=names.get,
                key="region_jurisdiction",
                on_change=_jurisdiction_changed,
                args=(defaults,),
            )
        mine = directory[directory["jurisdiction"] == code]
        labels = {
            row.region_id: t(
                "region_option",
                name=row.name,
                level=ct.maybe(f"level_{row.level}", row.level),
                code=row.code,
            )
            for row in mine.itertuples()
        }
        with right:
            st.session_state["region_region"] = region_id
            region_id = st.selectbox(
                t("choose_region"),
                list(labels),
                format_func=labels.get,
                key="region_region",
                on_change=_region_changed,
            )
    state.set(region=region_id)
    return by_id.loc[region_id]


def _choose_years(page: PageContext, jurisdiction, level):
    t, state = page.t, page.state
    bounds = figures.page_years(jurisdiction, level)
    if bounds is None:
        return None
    low, high, first, last = bounds
    year_from = state.integer("year_from", low, high, first)
    year_to = state.integer("year_to", low, high, last)
    if year_from > year_to:
        state.notices.extend([("year_from", str(year_from)), ("year_to", str(year_to))])
        year_from, year_to = first, last
    if low == high:
        return low, high
    # Two number inputs, typed or stepped from the keyboard (ui/years.py); a pair per
    # place's range, so that another jurisdiction starts from its own years.
    year_from, year_to = year_range(
        t,
        t("years"),
        low,
        high,
        (year_from, year_to),
        key=f"region_years_{low}_{high}",
    )
    state.set(
        year_from=year_from if year_from != first else None,
        year_to=year_to if year_to != last else None,
    )
    return year_from, year_to
