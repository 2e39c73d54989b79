"""The region's figure for each of its jurisdiction's measures, beside all regions' and with
its rank (the Compare page's figures), a small chart by year, and the coverage table: which
years have a figure for the region, so that absence is never read as good performance."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from ui import chart_cache, charts, data
from ui.page import PageContext, chart_footer
from views import region_measures as rm
from views.compare.wording import measure_word, number, say, value_text
from views.region import figures
from views.region.share import chart_downloads


def render_measures(page: PageContext, ct, place, jurisdiction, level, years) -> None:
    """One box per measure. `ct` is the Compare page's translator (its shared wording)."""
    t, lang = page.t, page.lang
    st.header(t("measures_heading"))
    st.caption(t("measures_intro", level=ct.maybe(f"level_{level.key}", level.key)))
    for title, text in jurisdiction.notes:  # what the jurisdiction's figures are, and are not
        st.info(
            f"**{say(ct, lang, title)}**  \n{say(ct, lang, text)}" if title else say(ct, lang, text)
        )
    for measure in jurisdiction.measures:
        name = measure_word(measure, "name", lang)
        with st.container(border=True):
            st.subheader(name)
            st.caption(measure_word(measure, "definition", lang))
            chosen = figures.measure_years(measure, *years)
            if chosen is None:
                low, high = measure.years
                st.info(t("measure_outside_years", first=low, last=high))
                continue
            frame, unplaced = figures.computed(jurisdiction, level, measure, chosen)
            row = frame.set_index("region_id").loc[place["region_id"]]
            _caveats(ct, lang, level, measure, frame, unplaced)
            left, right = st.columns([2, 3])
            with left:
                _figures(page, ct, place, measure, frame, unplaced, row, chosen)
            if measure.years is not None:
                with right:
                    _chart(page, ct, place, jurisdiction, level, measure, chosen)


def _caveats(ct, lang, level, measure, frame, unplaced) -> None:
    """The measure's declared caveat and the share of its figures placed in no region, as
    the Compare page gives them beside the same figures."""
    if measure.caveat:
        denominators = frame.set_index("region_id")["denominator"]
        values = {
            name: number(denominators.get(region_id), 0, lang)
            for name, region_id in measure.caveat_values
        }
        st.warning(say(ct, lang, measure.caveat, **values))
    if unplaced.get("numerator"):
        share = unplaced["numerator"] / unplaced["total"] * 100
        value = unplaced.get("unplaced_value")
        st.caption(
            ct(
                "card_unplaced",
                share=ct("percent", value=number(share, 1, lang)),
                level=ct.maybe(f"level_{level.key}", level.key),
                value=""
                if value is None
                else ct("card_unplaced_value", value=value_text(ct, lang, measure, value)),
            )
        )


def _figures(page, ct, place, measure, frame, unplaced, row, years) -> None:
    t, lang = page.t, page.lang
    period = (
        say(ct, lang, measure.period_label)
        if years[0] is None and measure.period_label
        else (t("years_span", low=years[0], high=years[1]) if years[0] is not None else "")
    )
    st.metric(
        t("region_in_years", name=place["name"], years=period),
        value_text(ct, lang, measure, row["value"]),
    )
    lines = [f"*{measure_word(measure, 'unit', lang)}*"]
    if pd.notna(row["lower"]):
        lines.append(
            ct(
                "interval_line",
                low=number(row["lower"], measure.decimals, lang),
                high=number(row["upper"], measure.decimals, lang),
            )
        )
    decimals = measure.decimals if measure.kind == rm.RATIO else 0
    lines.append(
        ct(
            "label_value",
            label=measure_word(measure, "numerator_label", lang),
            value=number(row["numerator"], decimals, lang),
        )
    )
    if measure.kind != rm.COUNT:
        lines.append(
            ct(
                "label_value",
                label=measure_word(measure, "denominator_label", lang),
                value=number(row["denominator"], 0, lang),
            )
        )
    overall = figures.all_regions(measure, frame, unplaced)
    if overall is not None:
        lines.append(t("all_regions_line", value=value_text(ct, lang, measure, overall[0])))
    known = int(frame["rank"].notna().sum())
    if pd.notna(row["rank"]):
        lines.append(ct("rank_line", rank=int(row["rank"]), count=known))
    elif row["status"] == rm.EXCLUDED:
        lines.append(ct("no_rank_excluded"))
    else:
        lines.append(ct("no_rank"))
    st.markdown("  \n".join(lines))
    if row["status"] == rm.SMALL:
        st.warning(ct("status_small"))
    if row["status"] == rm.NO_VALUE:
        reason = row["missing_reason"]
        st.caption(say(ct, lang, reason) if isinstance(reason, str | dict) else t("no_figure"))
    elif isinstance(row["missing_reason"], str | dict):
        st.caption(say(ct, lang, row["missing_reason"]))


def _chart(page, ct, place, jurisdiction, level, measure, years) -> None:
    chart, reading, small_years, table = _chart_parts(
        page.t, ct, place["name"], place["region_id"], jurisdiction, level, measure, tuple(years)
    )
    chart_cache.draw_built(chart, reading)
    if small_years:
        st.caption(page.t("chart_small_years"))
    key = f"region_{measure.key}"
    chart_footer(page, list(measure.source_ids), reading, table, key)
    chart_downloads(page, chart, key)


@data.per_version  # shared: callers must not modify the table
def _chart_parts(t, ct, mine: str, region_id: str, jurisdiction, level, measure, years):
    """A measure's chart by year (its recipe), reading, whether some years are too small
    to compare, and the table behind it; once per warehouse version and view."""
    lang = t.lang
    yearly = figures.by_year(jurisdiction, level, measure, region_id, *years)
    everyone = t("all_regions")
    columns = ["year", "series", "value", "lower", "upper"]
    columns = [*columns, "small"]
    parts = [yearly.assign(series=mine, small=yearly["status"] == rm.SMALL)[columns]]
    if measure.kind != rm.COUNT:  # a total of all regions would dwarf the region's count
        everyone_yearly = yearly.assign(
            series=everyone,
            value=yearly["all_value"],
            lower=yearly["all_lower"],
            upper=yearly["all_upper"],
            small=False,
        )
        parts.append(everyone_yearly[columns])
    long = pd.concat(parts, ignore_index=True)
    long["value_label"] = [value_text(ct, lang, measure, v) for v in long["value"]]
    name = measure_word(measure, "name", lang)
    chart = functools.partial(
        charts.yearly_lines,
        long,
        value_title=measure_word(measure, "unit", lang),
        year_title=t("year"),
        series_title=t("series"),
        tooltip_titles={"series": t("series"), "year": t("year"), "value_label": name},
        lang=lang,
    )
    published = int((yearly["coverage"] == figures.PUBLISHED).sum())
    reading = t(
        "chart_reading" if measure.kind != rm.COUNT else "chart_reading_count",
        measure=name,
        place=mine,
        first=years[0],
        last=years[1],
        count=published,
        total=len(yearly),
    )
    table = pd.DataFrame(
        {
            t("year"): yearly["year"],
            mine: yearly["value"].round(measure.decimals),
            everyone: yearly["all_value"].round(measure.decimals),
            t("coverage"): [t(f"coverage_{c}") for c in yearly["coverage"]],
        }
    )
    return chart, reading, bool((yearly["status"] == rm.SMALL).any()), table


def _gaps(t, symbols: dict, by_year: dict) -> str:
    """The years without a figure in one line: "not published: 2017, 2018"."""
    parts = [
        t("coverage_gap", state=symbols[state], years=", ".join(str(y) for y in years))
        for state in (figures.NOT_PUBLISHED, figures.NO_DATA_HERE)
        if (years := [year for year, cell in by_year.items() if cell == state])
    ]
    return "; ".join(parts) or t("coverage_no_gap")


def render_coverage(page: PageContext, jurisdiction, level, region_id: str, years) -> None:
    t, lang = page.t, page.lang
    st.header(t("coverage_heading"))
    st.caption(t("coverage_intro"))
    cells = figures.coverage(jurisdiction, level, region_id, *years)
    symbols = {
        figures.PUBLISHED: t("coverage_published"),
        figures.NOT_PUBLISHED: t("coverage_not_published"),
        figures.NO_DATA_HERE: t("coverage_no_data_here"),
    }
    table = pd.DataFrame(
        [
            {
                t("measure"): measure_word(jurisdiction.measure(key), "name", lang),
                t("coverage_gaps"): _gaps(t, symbols, by_year),
                **{str(year): symbols[state] for year, state in by_year.items()},
            }
            for key, by_year in cells.items()
        ]
    )
    # The gaps in words first (read on any screen), then the grid, measure × year
    gaps = table[table[t("coverage_gaps")] != t("coverage_no_gap")]
    lines = [t("coverage_line", measure=m, gaps=g) for m, g in gaps.iloc[:, :2].to_numpy()]
    st.markdown("\n".join(lines) if lines else t("coverage_all_published"))
    st.dataframe(table, hide_index=True, key="region_coverage")
    if any(m.years is None for m in jurisdiction.measures):
        st.caption(t("coverage_period_note"))
