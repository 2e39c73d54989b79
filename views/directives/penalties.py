"""5. Recommended vs final penalties: how often the final penalty is lower, by year and
district, and the biggest gaps."""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd
import streamlit as st

from ui import chart_cache, charts, data
from ui.page import PageContext, chart_footer, replayed
from ui.palette import OKABE_ITO
from ui.rates import proportion_with_interval
from ui.recommendation_fields import caption as recommendation_fields_caption
from ui.years import linked_year_range
from views.directives.declared import penalty_jurisdictions, penalty_note
from views.directives.rate_charts import (
    comparison_labels,
    ranked_rate_chart,
    year_bars,
    year_reading,
)
from views.directives.wording import (
    NO_VALUE,
    OK,
    jurisdiction_name,
    number,
    percent,
    pooled_text,
    rate_frame,
    region_label,
    rounded,
    with_interval,
)

SMALL_PENALTIES = 30  # fewer sustained allegations with both penalties: too uncertain
TOP_GAPS = 10


def render_penalties(page: PageContext) -> None:
    t, state = page.t, page.state
    st.header(t("penalty_title"))
    st.write(t("penalty_intro"))
    found = penalty_jurisdictions()
    if found.empty:
        st.info(t("reading_downgrade_none"))
        return
    keys = list(found.index)
    linked = state.choice("penalty_jurisdiction", keys, keys[0])
    jurisdiction = st.radio(
        t("penalty_jurisdiction"),
        keys,
        index=keys.index(linked),
        format_func=lambda j: jurisdiction_name(t, j),
        horizontal=True,
    )
    if jurisdiction != linked:
        state.set(penalty_from=None, penalty_to=None)
    state.set(penalty_jurisdiction=jurisdiction)
    # All years once (a few hundred rows, already aggregated in DuckDB); the range is cut here.
    rows = data.query(
        "directives_downgrades_by_region", jurisdiction=jurisdiction, year_from=1900, year_to=2100
    )
    if rows.empty:
        st.info(t("reading_downgrade_none"))
        return
    low, high = int(rows["year"].min()), int(rows["year"].max())
    year_from, year_to = linked_year_range(
        page,
        t("penalty_years"),
        (low, high),
        (low, high),
        names=("penalty_from", "penalty_to"),
        key=f"penalty_years_{jurisdiction}",  # each jurisdiction its own years
    )
    rows = rows[rows["year"].between(year_from, year_to)]
    years_text = f"{year_from}-{year_to}" if year_from != year_to else str(year_from)
    chosen = found.loc[jurisdiction]
    source_ids = list(chosen["source_ids"])
    note = penalty_note(jurisdiction, page.lang)
    if note:
        st.caption(note)
    replayed(render_downgrades_by_year, page, rows, source_ids, years_text)
    # Which publisher column each recommendation of these figures comes from (same rows).
    fields = data.query(
        "directives_recommendation_fields",
        jurisdiction=jurisdiction,
        year_from=year_from,
        year_to=year_to,
    )
    text = recommendation_fields_caption(fields, "both_levels", t, lambda n: number(n, page.lang))
    if text:
        st.caption(text)
    level = chosen["region_level"]
    if isinstance(level, str):  # rows placed in regions below the jurisdiction
        region_sources = [*source_ids, *chosen["region_source_ids"]]
        replayed(render_downgrades_by_region, page, rows, level, region_sources, years_text)
    replayed(render_biggest_gaps, page, jurisdiction, source_ids)


def render_downgrades_by_year(
    page: PageContext, rows: pd.DataFrame, source_ids, years_text: str
) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("downgrade_by_year_title"))
    yearly = rows.groupby("year", as_index=False)[["both_levels", "downgraded"]].sum()
    frame = rate_frame(t, lang, yearly, "downgraded", "both_levels", SMALL_PENALTIES)
    small_label = t("too_few_penalties", threshold=SMALL_PENALTIES)
    frame["status_label"] = comparison_labels(t, frame, small_label)
    both, lowered = int(yearly["both_levels"].sum()), int(yearly["downgraded"].sum())
    if both == 0:
        st.info(t("reading_downgrade_none"))
        return
    shown = frame[frame["status"] != NO_VALUE]
    chart = functools.partial(
        year_bars, t, lang, shown, t("axis_downgraded"), small_label, full_scale=False
    )
    reading = (
        year_reading(
            t,
            lang,
            frame,
            pooled_text(t, lang, lowered, both),
            "reading_downgrade_year",
            "reading_downgrade_year",
            SMALL_PENALTIES,
            years=years_text,
            both=number(both, lang),
        )
        if (frame["status"] == OK).any()
        else t("reading_downgrade_none")
    )
    chart_cache.draw_built(chart, reading)
    table = penalty_table(t, frame, "col_year", "year")
    chart_footer(page, source_ids, reading, table, "directives_downgrade_year_table")


def render_downgrades_by_region(
    page: PageContext, rows: pd.DataFrame, level: str, source_ids, years_text: str
) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("downgrade_by_district_title", years=years_text))
    districts = rows.groupby("region_id", as_index=False)[["both_levels", "downgraded"]].sum()
    regions = data.query("directives_page_regions", region_ids=sorted(districts["region_id"]))
    districts = districts.merge(regions, on="region_id", how="left")
    placed = districts[districts["region_level"] == level].copy()
    unplaced = districts[districts["region_level"] != level]
    placed["label"] = [region_label(t, row) for row in placed.itertuples()]
    frame = rate_frame(t, lang, placed, "downgraded", "both_levels", SMALL_PENALTIES)
    small_label = t("too_few_penalties", threshold=SMALL_PENALTIES)
    frame["status_label"] = comparison_labels(t, frame, small_label)
    level_name = t.maybe(f"level_{level}", level)
    pooled = proportion_with_interval(
        float(districts["downgraded"].sum()), float(districts["both_levels"].sum()), scale=100
    )
    chart = functools.partial(
        ranked_rate_chart, t, lang, frame, t("axis_downgraded"), level_name, small_label, pooled
    )
    comparable = frame[frame["status"] == OK].sort_values("value", ascending=False)
    if comparable.empty:
        reading = t("reading_downgrade_none")
    else:
        top, bottom = comparable.iloc[0], comparable.iloc[-1]
        reading = t(
            "reading_downgrade_district",
            count=len(comparable),
            top=top["label"],
            top_value=with_interval(t, lang, top["value"], top["lower"], top["upper"]),
            bottom=bottom["label"],
            bottom_value=with_interval(t, lang, bottom["value"], bottom["lower"], bottom["upper"]),
            years=years_text,
        )
    chart_cache.draw_built(chart, reading)
    if pooled:
        st.caption(t("reference_line_penalties", value=with_interval(t, lang, *pooled)))
    if not unplaced.empty and districts["both_levels"].sum():
        share = unplaced["both_levels"].sum() / districts["both_levels"].sum() * 100
        st.caption(
            t(
                "unplaced_penalties",
                count=number(unplaced["both_levels"].sum(), lang),
                share=percent(t, share, lang),
            )
        )
    chart_footer(
        page,
        source_ids,
        reading,
        penalty_table(t, frame, "col_region", "label"),
        "directives_downgrade_district_table",
    )


def penalty_table(t, frame: pd.DataFrame, key_title: str, key_column: str) -> pd.DataFrame:
    """The figures behind a downgrade chart, as numbers."""
    return pd.DataFrame(
        {
            t(key_title): list(frame[key_column]),
            t("col_both_levels"): [int(v) for v in frame["both_levels"]],
            t("col_downgraded"): [int(v) for v in frame["downgraded"]],
            t("col_downgraded_pct"): rounded(frame["value"]),
            t("col_lower"): rounded(frame["lower"]),
            t("col_upper"): rounded(frame["upper"]),
            t("col_comparison"): list(frame["status_label"]),
        }
    )


def render_biggest_gaps(page: PageContext, jurisdiction: str, source_ids) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("gaps_title"))
    gaps = data.query("directives_biggest_gaps", jurisdiction=jurisdiction)
    if gaps.empty:
        st.info(t("reading_gaps_none"))
        return
    st.caption(t("gaps_labels_note"))
    top = gaps.head(TOP_GAPS).copy()
    top["pair"] = [
        f"{r} → {f}" for r, f in zip(top["recommended_outcome"], top["final_outcome"], strict=True)
    ]
    top["levels"] = top["levels_down"].astype(int).astype(str)
    levels = sorted(top["levels"].unique(), key=int)
    chart = (
        alt.Chart(top)
        .mark_bar()
        .encode(
            y=alt.Y(
                "pair:N", sort=list(top["pair"]), title=t("axis_gap"), axis=alt.Axis(labelLimit=420)
            ),
            x=alt.X("downgrades:Q", title=t("axis_downgrades")),
            color=alt.Color(
                "levels:N",
                scale=alt.Scale(
                    domain=levels, range=[OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(levels))]
                ),
                legend=alt.Legend(title=t("legend_levels_down"), orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("recommended_outcome:N", title=t("col_recommended")),
                alt.Tooltip("final_outcome:N", title=t("col_final")),
                alt.Tooltip("levels:N", title=t("col_levels_down")),
                alt.Tooltip("downgrades:Q", title=t("col_downgrades"), format=","),
            ],
        )
        .properties(height=alt.Step(24), width="container")
        .configure(locale=alt.Locale(number=charts.NUMBER_LOCALES[lang]))
    )
    first = gaps.iloc[0]
    total = int(gaps["downgrades"].sum())
    reading = t(
        "reading_gaps",
        recommended=first["recommended_outcome"],
        final=first["final_outcome"],
        count=number(first["downgrades"], lang),
        share=percent(t, first["downgrades"] / total * 100, lang),
        total=number(total, lang),
        levels=t("one_level_down")
        if int(first["levels_down"]) == 1
        else t("levels_down", count=int(first["levels_down"])),
    )
    chart_cache.draw(chart, reading)
    table = pd.DataFrame(
        {
            t("col_recommended"): gaps["recommended_outcome"],
            t("col_final"): gaps["final_outcome"],
            t("col_recommended_level"): [
                t.maybe(f"outcome_{v}", v) for v in gaps["recommended_level"]
            ],
            t("col_final_level"): [t.maybe(f"outcome_{v}", v) for v in gaps["final_level"]],
            t("col_levels_down"): gaps["levels_down"].astype(int),
            t("col_downgrades"): gaps["downgrades"].astype(int),
        }
    )
    chart_footer(page, source_ids, reading, table, "directives_gaps_table")
