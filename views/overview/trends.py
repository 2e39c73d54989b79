"""Year by year: one series per jurisdiction, on its year basis, coloured by order.

A jurisdiction's series is declared in queries/overview.toml (`[trend.<code>]`) or derived:
a jurisdiction whose allegations are dated by the incident (its year basis) gets the
catalogue's sustained share by incident year. A `published_share` series reads two
published statistics (records, sustained records) from the jurisdiction's sources.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from ui import chart_cache, data
from ui import measures as catalogue
from ui.page import PageContext, chart_alt, chart_footer
from ui.palette import OKABE_ITO
from ui.years import year_range
from views.overview.declared import joined, jurisdictions, name, say, trend_declaration
from views.overview.figures import headlines
from views.overview.format import count_axis, number, percent, share_axis

DEFAULT_YEAR_FROM = 2000  # the richer Chicago releases start in 2000; NYC starts in 2006
MIN_DECIDED_FOR_READING = 100  # years with fewer decided allegations are left out of readings
COLUMNS = ["jurisdiction", "year", "allegations", "with_finding", "sustained", "deff", "measure"]


@dataclass(frozen=True)
class Series:
    jurisdiction: str
    frame: pd.DataFrame  # COLUMNS, every year
    source_ids: tuple[str, ...]
    first_year: int
    last_year: int
    declared: dict


def allegation_series(code: str, declared: dict) -> Series | None:
    """The catalogue's sustained share by incident year; the years run from the first
    complaint received (earlier incident dates are typos) to the last incident."""
    row = headlines().loc[code]
    rows = catalogue.allegation_counts("sustained_share", code, None, by_year=True)
    rows = rows[rows["year"].notna()]
    if rows.empty:
        return None
    first = row["first_received_year"]
    first = int(first) if pd.notna(first) else int(rows["year"].min())
    frame = pd.DataFrame(
        {
            "jurisdiction": code,
            "year": rows["year"],
            "allegations": rows["allegations"],
            "with_finding": rows["denominator"],
            "sustained": rows["numerator"],
            "deff": rows["deff"],
            "measure": "sustained_share",
        }
    )
    last = int(rows["year"].max())
    return Series(code, frame, tuple(row["source_ids"]), first, last, declared)


def published_series(code: str, declared: dict) -> Series | None:
    """A published count of records and of sustained records, by year."""
    measures = [declared["records"], declared["sustained"]]
    found = data.query("overview_statistic_sources", jurisdiction=code, measures=measures)
    if set(found["measure"]) != set(measures):
        return None
    source = found["source_id"].iloc[0]
    records, substantiated = (
        catalogue.published(source, measure, None, by_year=True) for measure in measures
    )
    both = records.merge(substantiated, on="year", suffixes=("", "_sustained"))
    frame = pd.DataFrame(
        {
            "jurisdiction": code,
            "year": both["year"],
            "allegations": both["total"],
            "with_finding": both["total"],
            "sustained": both["total_sustained"],
            "deff": 1.0,
            "measure": "published_share",
        }
    )
    return Series(
        code,
        frame,
        tuple(sorted(set(found["source_id"]))),
        int(found["first_year"].min()),
        int(found["last_year"].max()),
        declared,
    )


def all_series() -> list[Series]:
    """Every jurisdiction's series, in code order."""
    found = []
    with_allegations = set(headlines().index)
    for row in jurisdictions().itertuples():
        declared = trend_declaration(row.code)
        kind = declared.get("kind")
        if kind is None and row.code in with_allegations and row.year_basis == "incident":
            kind = "allegations"
        series = None
        if kind == "allegations" and row.code in with_allegations:
            series = allegation_series(row.code, declared)
        elif kind == "published_share":
            series = published_series(row.code, declared)
        if series is not None:
            found.append(series)
    return found


def render_trends(page: PageContext) -> None:
    t, lang = page.t, page.lang
    series = all_series()
    st.header(t("trends_title"))
    if not series:
        st.info(t("no_data"))
        return
    counted = [
        say(s.declared["counted"], lang)
        if "counted" in s.declared
        else t("trend_default_counted", place=name(s.jurisdiction, lang))
        for s in series
    ]
    st.markdown(t("trends_intro", counted=" ".join(counted)))
    for s in series:
        if "caveat" in s.declared:
            st.caption(say(s.declared["caveat"], lang))
    render_not_drawn(page, series)
    first = min(s.first_year for s in series)
    last = max(s.last_year for s in series)
    year_from = page.state.integer("year_from", first, last, max(first, DEFAULT_YEAR_FROM))
    year_to = page.state.integer("year_to", first, last, last)
    if year_from > year_to:  # a reversed link still names a clear range
        year_from, year_to = year_to, year_from
    year_from, year_to = year_range(
        t, t("year_range"), first, last, (year_from, year_to), key="overview_years"
    )
    page.state.set(year_from=year_from, year_to=year_to)
    definitions = [
        say(s.declared["share_definition"], lang)
        if "share_definition" in s.declared
        else t("trend_default_share", place=name(s.jurisdiction, lang))
        for s in series
    ]
    st.caption(t("trend_share_definition", definitions=" ".join(definitions)))
    trends = trends_by_year(series, year_from, year_to)
    if trends.empty:
        coverage = [
            t(
                "trend_coverage",
                place=name(s.jurisdiction, lang),
                first=s.first_year,
                last=s.last_year,
            )
            for s in series
        ]
        st.info(t("trend_no_data", coverage="; ".join(coverage)))
        return
    codes = [s.jurisdiction for s in series]
    places = [name(code, lang) for code in codes]
    trends = trends.assign(city=[name(code, lang) for code in trends["jurisdiction"]])
    table = trend_table(trends, t)
    source_ids = sorted({source for s in series for source in s.source_ids})
    reading = trend_count_reading(trends, codes, year_from, year_to, t, lang)
    chart = functools.partial(trend_count_chart, trends, tuple(places), t, lang)
    chart_cache.draw_built(chart, chart_alt(reading))
    chart_footer(page, source_ids, reading, table, "overview_trend_counts_table")
    reading = trend_share_reading(trends, codes, year_from, year_to, t, lang)
    chart = functools.partial(trend_share_chart, trends, tuple(places), t, lang)
    chart_cache.draw_built(chart, chart_alt(reading))
    chart_footer(page, source_ids, reading, table, "overview_trend_shares_table")


def trend_encodings(places: tuple[str, ...], t) -> tuple[alt.Color, alt.X]:
    """The colour of each place and the year axis, shared by both trend charts."""
    colour = alt.Color(
        "city:N",
        title=t("trend_city_legend"),
        scale=alt.Scale(
            domain=list(places),
            range=[OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(places))],
        ),
        legend=alt.Legend(orient="top"),
    )
    year_axis = alt.X("year:O", title=t("trend_year_axis"), axis=alt.Axis(labelAngle=-45))
    return colour, year_axis


def trend_count_chart(trends: pd.DataFrame, places: tuple[str, ...], t, lang: str) -> alt.Chart:
    colour, year_axis = trend_encodings(places, t)
    return (
        alt.Chart(trends)
        .mark_line(point=True)
        .encode(
            x=year_axis,
            y=alt.Y("allegations:Q", axis=count_axis(t("trend_count_axis"), lang)),
            color=colour,
            tooltip=trend_tooltip(t),
        )
        .properties(height=280)
    )


def trend_share_chart(trends: pd.DataFrame, places: tuple[str, ...], t, lang: str):
    colour, year_axis = trend_encodings(places, t)
    band = (
        alt.Chart(trends)
        .mark_area(opacity=0.25)
        .encode(x=year_axis, y="ci_low:Q", y2="ci_high:Q", color=colour.legend(None))
    )
    line = (
        alt.Chart(trends)
        .mark_line(point=True)
        .encode(
            x=year_axis,
            y=alt.Y("sustained_share:Q", axis=share_axis(t("trend_share_axis"), lang)),
            color=colour,
            tooltip=trend_tooltip(t),
        )
    )
    return (band + line).properties(height=280)


def render_not_drawn(page: PageContext, series: list[Series]) -> None:
    """Jurisdictions with allegations but no series: dated by receipt or closing, they
    would not be comparable on an axis of incident years."""
    t, lang = page.t, page.lang
    drawn = {s.jurisdiction for s in series}
    rows = headlines()
    items = [
        t(
            "trend_not_drawn_item",
            place=name(code, lang),
            basis=t.maybe(f"basis_{row['year_basis']}", str(row["year_basis"])),
        )
        for code, row in rows.sort_index().iterrows()
        if code not in drawn
    ]
    if items:
        st.caption(t("trend_not_drawn", items="; ".join(items)))


def trends_by_year(series: list[Series], year_from: int, year_to: int) -> pd.DataFrame:
    """Per jurisdiction and year: allegations, the share's denominator (`with_finding`),
    sustained, sustained_share, ci_low, ci_high, all from the measure catalogue."""
    trends = pd.concat([s.frame for s in series], ignore_index=True)
    trends = trends[
        trends["year"].notna()
        & (trends["year"] >= year_from)
        & (trends["year"] <= year_to)
        & (trends["with_finding"] > 0)
    ].copy()
    if trends.empty:
        return trends
    figures = [
        catalogue.figures(row.measure, row.sustained, row.with_finding, row.deff)
        for row in trends.itertuples()
    ]
    trends["sustained_share"] = [f[0] for f in figures]
    trends["ci_low"] = [f[1] for f in figures]
    trends["ci_high"] = [f[2] for f in figures]
    for column in ("year", "allegations", "with_finding", "sustained"):
        trends[column] = trends[column].astype("int64")
    return trends.drop(columns=["deff", "measure"]).reset_index(drop=True)


def trend_tooltip(t) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("city:N", title=t("col_city")),
        alt.Tooltip("year:O", title=t("col_year")),
        alt.Tooltip("allegations:Q", title=t("col_allegations"), format=","),
        alt.Tooltip("sustained:Q", title=t("col_sustained"), format=","),
        alt.Tooltip("sustained_share:Q", title=t("col_share"), format=".1%"),
    ]


def trend_table(trends: pd.DataFrame, t) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_city"): trends["city"],
            t("col_year"): trends["year"],
            t("col_allegations"): trends["allegations"],
            t("col_decided"): trends["with_finding"],
            t("col_sustained"): trends["sustained"],
            t("col_share"): (100 * trends["sustained_share"]).round(1),
            t("col_ci_low"): (100 * trends["ci_low"]).round(1),
            t("col_ci_high"): (100 * trends["ci_high"]).round(1),
        }
    )


def trend_count_reading(trends, codes: list[str], start: int, end: int, t, lang: str) -> str:
    parts, absent = [], []
    for code in codes:
        rows = trends[trends["jurisdiction"] == code]
        place = name(code, lang)
        if rows.empty:
            absent.append(place)
            continue
        peak = rows.sort_values(["allegations", "year"], ascending=[False, True]).iloc[0]
        parts.append(
            t("trend_peak", place=place, year=peak["year"], count=number(peak["allegations"], lang))
        )
    if not parts:
        return t("trend_count_reading_none", start=start, end=end, places=joined(t, absent))
    return t(
        "trend_count_reading",
        start=start,
        end=end,
        parts=t("and").join(parts),
        absent=t("trend_absent", places=t("and").join(absent)) if absent else "",
    )


def trend_share_reading(trends, codes: list[str], start: int, end: int, t, lang: str) -> str:
    """The range of yearly shares, leaving out years too small for their share to mean
    much (a year with 4 allegations can show 100%)."""
    parts, absent = [], []
    for code in codes:
        rows = trends[
            (trends["jurisdiction"] == code) & (trends["with_finding"] >= MIN_DECIDED_FOR_READING)
        ]
        place = name(code, lang)
        if rows.empty:
            absent.append(place)
            continue
        low = rows.sort_values(["sustained_share", "year"]).iloc[0]
        high = rows.sort_values(["sustained_share", "year"], ascending=[False, True]).iloc[0]
        parts.append(
            t(
                "trend_share_range",
                place=place,
                low=percent(low["sustained_share"], lang),
                low_year=low["year"],
                high=percent(high["sustained_share"], lang),
                high_year=high["year"],
            )
        )
    minimum = number(MIN_DECIDED_FOR_READING, lang)
    if not parts:
        return t("trend_share_reading_none", start=start, end=end, minimum=minimum)
    return t(
        "trend_share_reading",
        start=start,
        end=end,
        minimum=minimum,
        parts=t("and").join(parts),
        absent=t("trend_absent", places=t("and").join(absent)) if absent else "",
    )
