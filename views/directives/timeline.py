"""A rule's observations by year and status, with the directive's date marked."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui import chart_cache, charts
from ui.page import PageContext, chart_footer
from views.directives.wording import (
    STATUSES,
    number,
    status_colours,
    status_label,
    status_parts,
)


def render_timeline(page: PageContext, by_year: pd.DataFrame, source_ids, prefix: str) -> None:
    t, lang = page.t, page.lang
    st.markdown(f"**{t('timeline_title')}**")
    dated = by_year[by_year["year"].notna()].copy()
    undated = int(by_year.loc[by_year["year"].isna(), "observations"].sum())
    if dated.empty:
        st.info(t("reading_timeline_none"))
        return
    dated["year"] = dated["year"].astype(int)
    long = dated.melt(
        id_vars=["year"], value_vars=list(STATUSES), var_name="status", value_name="count"
    )
    long = long[long["count"] > 0].copy()
    long["status_label"] = [status_label(t, s) for s in long["status"]]
    long["rank"] = [STATUSES.index(s) for s in long["status"]]
    present = [s for s in STATUSES if s in set(long["status"])]
    # Every year of the span on the axis, so that a gap in time shows as a gap.
    years = list(range(int(dated["year"].min()), int(dated["year"].max()) + 1))
    chart = (
        alt.Chart(long)
        .mark_bar(stroke="white", strokeWidth=0.3)
        .encode(
            x=alt.X(
                "year:O",
                title=t("axis_year"),
                scale=alt.Scale(domain=years),
                axis=alt.Axis(labelAngle=-45),
            ),
            y=alt.Y(
                "count:Q",
                title=t("axis_observations"),
                stack="zero",
                axis=alt.Axis(tickMinStep=1, format="d"),  # whole observations only
            ),
            color=status_colours(t, present),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("year:O", title=t("axis_year")),
                alt.Tooltip("status_label:N", title=t("col_status")),
                alt.Tooltip("count:Q", title=t("col_observations"), format=","),
            ],
        )
        .properties(height=300, width="container")
        .configure(locale=alt.Locale(number=charts.NUMBER_LOCALES[lang]))
    )
    busiest = dated.sort_values(["observations", "year"], ascending=[False, True]).iloc[0]
    reading = t(
        "reading_timeline",
        dated=number(dated["observations"].sum(), lang),
        first=years[0],
        last=years[-1],
        year=int(busiest["year"]),
        count=number(busiest["observations"], lang),
        parts=status_parts(t, {s: int(busiest[s]) for s in STATUSES}, lang),
    )
    chart_cache.draw(chart, reading)
    if undated:
        st.caption(t("undated_note", count=number(undated, lang)))
    table = pd.DataFrame({t("col_year"): dated["year"]})
    for status in STATUSES:
        table[status_label(t, status)] = dated[status].astype(int)
    table[t("col_observations")] = dated["observations"].astype(int)
    chart_footer(
        page, source_ids, reading, table.reset_index(drop=True), f"{prefix}_timeline_table"
    )
