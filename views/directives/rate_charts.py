"""A rule's rate by region and by year: ranked charts with intervals, small counts muted,
the counts behind them."""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd
import streamlit as st

from ui import chart_cache, charts, data
from ui.page import PageContext, chart_footer
from ui.palette import MUTED, OKABE_ITO
from ui.rates import proportion_with_interval
from views.directives.wording import (
    NO_VALUE,
    OK,
    SMALL,
    STATUSES,
    json_records,
    number,
    pooled_text,
    rate_frame,
    region_label,
    rounded,
    status_label,
    with_interval,
)

# A compliance rate counts only what the data settle: compliant vs violation. A press
# allegation is never counted as a violation, so it stays out of the rate.
SMALL_CHECKED = 10  # fewer checked observations than this: the rate is too uncertain
CHART_COLUMNS = [
    "label",
    "value",
    "lower",
    "upper",
    "status",
    "value_label",
    "interval_label",
    "status_label",
]


def comparison_labels(t, frame: pd.DataFrame, small_label: str) -> list[str]:
    names = {OK: t("comparable"), SMALL: small_label, NO_VALUE: t("no_data")}
    return [names[status] for status in frame["status"]]


def ranked_rate_chart(t, lang: str, frame, value_title, level_name, small_label, pooled):
    """Regions ranked by rate, with 95% whiskers, too-small ones in grey (ui.charts)."""
    return charts.ranked_bars(
        frame[CHART_COLUMNS],
        value_title=value_title,
        label_title=level_name.capitalize(),
        status_title=t("legend_not_compared"),
        tooltip_titles={
            "label": level_name.capitalize(),
            "value_label": t("tooltip_rate"),
            "interval_label": t("tooltip_interval"),
            "status_label": t("tooltip_status"),
        },
        status_labels={SMALL: small_label, NO_VALUE: t("no_data")},
        no_data_text=t("no_data"),
        reference=pooled[0] if pooled else None,
        reference_label=t("all_together"),
        lang=lang,
    )


def render_rate_by_region(
    page: PageContext, rule_id: str, source_ids, prefix: str, measure: str
) -> None:
    t, lang = page.t, page.lang
    regions = data.query("directives_page_rule_by_region", rule_id=rule_id)
    regions["checked"] = regions["rate_total"]
    levels = regions["region_level"].dropna()
    # Chicago observations sit in districts or, with no district, in the city: rank districts.
    level = "district" if (levels == "district").any() else levels.mode().iloc[0]
    level_name = t.maybe(f"level_{level}", t("level_region_generic"))
    st.markdown(f"**{t('rate_by_region_title', measure=measure, level=level_name)}**")
    regions["label"] = [region_label(t, row) for row in regions.itertuples()]
    frame = rate_frame(t, lang, regions, "rate_hits", "checked", SMALL_CHECKED)
    small_label = t("too_few", threshold=SMALL_CHECKED)
    frame["status_label"] = comparison_labels(t, frame, small_label)
    in_chart = frame["region_level"] == level
    frame.loc[~in_chart, "status_label"] = t("not_in_chart")
    placed, unplaced = frame[in_chart], frame[~in_chart]
    all_compliant, all_checked = int(frame["rate_hits"].sum()), int(frame["checked"].sum())
    pooled = proportion_with_interval(all_compliant, all_checked, scale=100)
    chart = functools.partial(
        ranked_rate_chart,
        t,
        lang,
        placed,
        t("axis_rate", measure=measure),
        level_name,
        small_label,
        pooled,
    )
    comparable = placed[placed["status"] == OK].sort_values("value", ascending=False)
    pooled_label = pooled_text(t, lang, all_compliant, all_checked)
    if comparable.empty:
        reading = t(
            "reading_region_none", level=level_name, threshold=SMALL_CHECKED, pooled=pooled_label
        )
    else:
        top, bottom = comparable.iloc[0], comparable.iloc[-1]
        reading = t(
            "reading_region_rate",
            measure=measure,
            count=len(comparable),
            level=level_name,
            top=top["label"],
            top_value=with_interval(t, lang, top["value"], top["lower"], top["upper"]),
            bottom=bottom["label"],
            bottom_value=with_interval(t, lang, bottom["value"], bottom["lower"], bottom["upper"]),
            pooled=pooled_label,
        )
    chart_cache.draw_built(chart, reading)
    if pooled:
        st.caption(t("reference_line", value=pooled_label))
    if not unplaced.empty:
        st.caption(
            t(
                "unplaced_observations",
                count=number(unplaced["observations"].sum(), lang),
                checked=number(unplaced["checked"].sum(), lang),
                place=", ".join(unplaced["label"]),
                level=level_name,
            )
        )
    table = counts_table(t, frame, "col_region", "label")
    chart_footer(page, source_ids, reading, table, f"{prefix}_rate_region_table")


def render_rate_by_year(
    page: PageContext, by_year: pd.DataFrame, source_ids, prefix: str, measure: str, citywide: bool
) -> None:
    t, lang = page.t, page.lang
    title = "rate_by_year_title" if citywide else "rate_by_year_title_generic"
    st.markdown(f"**{t(title, measure=measure)}**")
    dated = by_year[by_year["year"].notna()].copy()
    dated["year"] = dated["year"].astype(int)
    dated["checked"] = dated["rate_total"]
    frame = rate_frame(t, lang, dated, "rate_hits", "checked", SMALL_CHECKED)
    small_label = t("too_few", threshold=SMALL_CHECKED)
    frame["status_label"] = comparison_labels(t, frame, small_label)
    shown = frame[frame["status"] != NO_VALUE]
    chart = functools.partial(
        year_bars, t, lang, shown, t("axis_rate", measure=measure), small_label, full_scale=True
    )
    total_checked = int(by_year["rate_total"].sum())
    pooled = pooled_text(t, lang, int(by_year["rate_hits"].sum()), total_checked)
    reading = year_reading(
        t, lang, frame, pooled, "reading_year_rate", "reading_year_few", SMALL_CHECKED
    )
    chart_cache.draw_built(chart, reading)
    empty_years = frame.loc[frame["status"] == NO_VALUE, "year"]
    if not empty_years.empty:
        st.caption(t("years_without_rate", years=year_ranges(list(empty_years))))
    chart_footer(
        page,
        source_ids,
        reading,
        counts_table(t, frame, "col_year", "year"),
        f"{prefix}_rate_year_table",
    )


def year_bars(
    t, lang: str, frame: pd.DataFrame, value_title: str, small_label: str, full_scale: bool
) -> alt.LayerChart:
    """Rates by year in time order: bars with 95% whiskers, too-small years in grey."""
    records = json_records(frame)
    ok = [r for r in records if r["status"] == OK]
    small = [r for r in records if r["status"] == SMALL]
    x = alt.X("year:O", title=t("axis_year"), axis=alt.Axis(labelAngle=-45))
    # Compliance rates use the whole 0-100 scale; smaller shares get room to show their changes.
    scale = alt.Scale(domain=[0, 100]) if full_scale else alt.Scale(zero=True)
    y = alt.Y("value:Q", title=value_title, scale=scale)
    tooltip = [
        alt.Tooltip("year:O", title=t("axis_year")),
        alt.Tooltip("value_label:N", title=t("tooltip_rate")),
        alt.Tooltip("interval_label:N", title=t("tooltip_interval")),
        alt.Tooltip("status_label:N", title=t("tooltip_status")),
    ]
    layers = [
        alt.Chart(alt.Data(values=ok))
        .mark_bar(color=OKABE_ITO[0])
        .encode(x=x, y=y, tooltip=tooltip),
        alt.Chart(alt.Data(values=small))
        .mark_bar()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status_label:N",
                scale=alt.Scale(domain=[small_label], range=[MUTED]),
                legend=alt.Legend(title=t("legend_not_compared"), orient="bottom", labelLimit=400)
                if small
                else None,
            ),
            tooltip=tooltip,
        ),
        alt.Chart(alt.Data(values=records))
        .mark_rule(color="black", strokeWidth=1.5)
        .encode(x=x, y="lower:Q", y2="upper:Q", tooltip=tooltip),
    ]
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent")
        .properties(height=320, width="container")
        .configure(locale=alt.Locale(number=charts.NUMBER_LOCALES[lang]))
    )


def year_reading(
    t, lang, frame, pooled: str, key: str, few_key: str, threshold: int, **extra
) -> str:
    comparable = frame[frame["status"] == OK].sort_values(
        ["value", "year"], ascending=[False, True]
    )
    if comparable.empty:
        return t(few_key, pooled=pooled, threshold=threshold, **extra)
    top, bottom = comparable.iloc[0], comparable.iloc[-1]
    return t(
        key,
        pooled=pooled,
        top_year=int(top["year"]),
        top_value=with_interval(t, lang, top["value"], top["lower"], top["upper"]),
        bottom_year=int(bottom["year"]),
        bottom_value=with_interval(t, lang, bottom["value"], bottom["lower"], bottom["upper"]),
        threshold=threshold,
        **extra,
    )


def year_ranges(years: list[int]) -> str:
    """[2002, 2003, 2004, 2010] -> '2002-2004, 2010'."""
    spans: list[list[int]] = []
    for year in sorted(int(y) for y in years):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def counts_table(t, frame: pd.DataFrame, key_title: str, key_column: str) -> pd.DataFrame:
    """The figures behind a rate chart: counts by status, rate and interval, as numbers."""
    columns = {t(key_title): list(frame[key_column])}
    for status in STATUSES:
        columns[status_label(t, status)] = [int(v) for v in frame[status]]
    columns[t("col_checked_obs")] = [int(v) for v in frame["checked"]]
    columns[t("col_rate")] = rounded(frame["value"])
    columns[t("col_lower")] = rounded(frame["lower"])
    columns[t("col_upper")] = rounded(frame["upper"])
    columns[t("col_comparison")] = list(frame["status_label"])
    return pd.DataFrame(columns)
