"""From allegation to sanction: the path of one jurisdiction's allegations.

The jurisdictions offered are those whose allegations carry final levels. Whether a file
lists every finding is read from the data: a file whose allegations are all sustained (the
publisher released only those) has no "all allegations" stages to draw.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from ui import chart_cache, data
from ui.i18n import OUTCOME_LEVELS
from ui.page import PageContext, chart_alt, chart_footer
from ui.palette import OKABE_ITO, OUTCOME_COLOURS
from ui.recommendation_fields import caption as recommendation_fields_caption
from views.overview.declared import funnel_words, joined, name, say
from views.overview.figures import headlines, sustained_share
from views.overview.format import count_axis, level_label, number, percent, share_axis

FUNNEL_BAR_COLOUR = OKABE_ITO[2]  # not on the outcome scale, so counts never read as a level
# A penalty imposed but not served (Chicago codes 800 and 900) has no level (DESIGN §3) but
# is not "no sanction" either: it is a group of its own, between the scale and "unknown".
LEVELS_AND_UNKNOWN = [*OUTCOME_LEVELS, "imposed_not_served", "unknown"]


@dataclass(frozen=True)
class FunnelSource:
    jurisdiction: str
    source_ids: tuple[str, ...]
    lists_every_finding: bool  # some allegations have a finding other than sustained


def funnel_sources() -> dict[str, FunnelSource]:
    """The jurisdictions whose allegations carry final levels, in code order."""
    rows = headlines()
    rows = rows[rows["final_known"] > 0].sort_index()
    return {
        code: FunnelSource(code, tuple(row["source_ids"]), bool(row["not_sustained"]))
        for code, row in rows.iterrows()
    }


def render_funnel(page: PageContext) -> None:
    t, lang = page.t, page.lang
    sources = funnel_sources()
    st.header(t("funnel_title"))
    st.write(t("funnel_intro", places=joined(t, [name(code, lang) for code in sources])))
    if not sources:
        st.info(t("no_data"))
        return
    options = list(sources)
    chosen = page.state.choice("funnel", options, options[0])
    chosen = st.radio(
        t("funnel_choose"),
        options,
        index=options.index(chosen),
        format_func=lambda code: name(code, lang),
        horizontal=True,
        key="overview_funnel",
    )
    page.state.set(funnel=chosen)
    source = sources[chosen]
    funnel = data.query("overview_funnel", jurisdiction=chosen)
    if source.lists_every_finding:
        # The catalogue's sustained-share denominator, between "with a finding" and
        # "sustained": never-investigated closures leave the path there.
        share = sustained_share(chosen)
        investigated = pd.DataFrame(
            {
                "stage_order": [2.5],
                "stage": ["investigated"],
                "level": ["count"],
                "allegations": [int(share["denominator"])],
            }
        )
        funnel = pd.concat([funnel, investigated]).sort_values("stage_order", kind="stable")
    else:
        funnel = funnel[~funnel["stage"].isin(["all", "with_finding"])]
    table = funnel_table(funnel.reset_index(drop=True), t)
    sustained = int(table.loc[table["stage"] == "sustained", "allegations"].sum())
    if not sustained:
        st.info(t("no_data"))
        return
    place = name(chosen, lang)
    words = funnel_words(chosen)
    if source.lists_every_finding:
        render_funnel_counts(page, table, place, source)
    elif "note" not in words:
        st.caption(t("funnel_only_sustained_note"))
    if "note" in words:
        st.caption(say(words["note"], lang))
    render_funnel_levels(page, table, sustained, place, source)


def funnel_table(funnel: pd.DataFrame, t) -> pd.DataFrame:
    """The query's rows with translated labels, a fixed level order and display text."""
    table = funnel.copy()
    table["stage_label"] = [t(f"stage_{stage}") for stage in table["stage"]]
    table["level_label"] = [
        t("level_total") if level == "count" else level_label(level, t) for level in table["level"]
    ]
    table["level_order"] = [
        LEVELS_AND_UNKNOWN.index(level) if level in LEVELS_AND_UNKNOWN else -1
        for level in table["level"]
    ]
    table["count_text"] = [number(n, t.lang) for n in table["allegations"]]
    return table


def render_funnel_counts(
    page: PageContext, table: pd.DataFrame, place: str, source: FunnelSource
) -> None:
    t, lang = page.t, page.lang
    counts = table[table["level"] == "count"]
    stage = counts.set_index("stage")["allegations"]
    reading = t(
        "funnel_counts_reading",
        place=place,
        all=number(stage["all"], lang),
        with_finding=number(stage["with_finding"], lang),
        investigated=number(stage["investigated"], lang),
        sustained=number(stage["sustained"], lang),
        share=percent(stage["sustained"] / stage["investigated"], lang)
        if stage["investigated"]
        else "—",
    )
    chart_cache.draw_built(
        functools.partial(funnel_count_chart, counts, t, lang), chart_alt(reading)
    )
    chart_footer(
        page,
        list(source.source_ids),
        reading,
        pd.DataFrame(
            {t("col_stage"): counts["stage_label"], t("col_allegations"): counts["allegations"]}
        ),
        "overview_funnel_counts_table",
    )


def render_funnel_levels(
    page: PageContext, table: pd.DataFrame, sustained: int, place: str, source: FunnelSource
) -> None:
    t, lang = page.t, page.lang
    levels = table[table["level"] != "count"].assign(
        share_of_sustained=lambda d: (100 * d["allegations"] / sustained).round(1)
    )
    present = [lvl for lvl in LEVELS_AND_UNKNOWN if lvl in set(levels["level"])]
    reading = funnel_levels_reading(levels, sustained, place, source, t, lang)
    chart = functools.partial(funnel_level_chart, levels, tuple(present), t, lang)
    chart_cache.draw_built(chart, chart_alt(reading))
    fields = data.query("overview_recommendation_fields")
    fields = fields[fields["jurisdiction"] == source.jurisdiction]
    text = recommendation_fields_caption(fields, "both_known", t, lambda n: number(n, lang))
    if text:
        st.caption(text)
    chart_footer(
        page,
        list(source.source_ids),
        reading,
        pd.DataFrame(
            {
                t("col_stage"): levels["stage_label"],
                t("col_level"): levels["level_label"],
                t("col_allegations"): levels["allegations"],
                t("col_share_of_sustained"): levels["share_of_sustained"],
            }
        ),
        "overview_funnel_levels_table",
    )


def funnel_levels_reading(
    levels: pd.DataFrame, sustained: int, place: str, source: FunnelSource, t, lang: str
) -> str:
    def most_common(stage: str) -> pd.Series | None:
        known = levels[(levels["stage"] == stage) & levels["level"].isin(OUTCOME_LEVELS)]
        return known.sort_values("allegations", ascending=False).iloc[0] if len(known) else None

    final, recommended = most_common("final"), most_common("recommended")
    if final is None:
        return t("funnel_levels_reading_none", place=place)
    values = {
        "place": place,
        "sustained": number(sustained, lang),
        "level": level_label(final["level"], t).lower(),
        "count": number(final["allegations"], lang),
        "level_share": percent(final["allegations"] / sustained, lang),
    }
    if recommended is None:
        return t("funnel_levels_reading_final_only", **values)
    values |= {
        "recommended": level_label(recommended["level"], t).lower(),
        "recommended_count": number(recommended["allegations"], lang),
    }
    words = funnel_words(source.jurisdiction)
    if "levels_reading" in words:
        return say(words["levels_reading"], lang, **values)
    return t("funnel_levels_reading", **values)


def funnel_count_chart(counts: pd.DataFrame, t, lang: str):
    """Allegations at each stage of the path, as bars with their counts."""
    base = alt.Chart(counts).encode(
        y=alt.Y(
            "stage_label:N",
            sort=list(counts["stage_label"]),
            title=None,
            axis=alt.Axis(labelLimit=260),
        ),
        x=alt.X("allegations:Q", axis=count_axis(t("funnel_counts_axis"), lang)),
        tooltip=[
            alt.Tooltip("stage_label:N", title=t("col_stage")),
            alt.Tooltip("count_text:N", title=t("col_allegations")),
        ],
    )
    return (
        base.mark_bar(color=FUNNEL_BAR_COLOUR)
        + base.mark_text(align="left", dx=4).encode(text="count_text:N")
    ).properties(height=45 * len(counts) + 20)


def funnel_level_chart(levels: pd.DataFrame, present: tuple[str, ...], t, lang: str) -> alt.Chart:
    """The levels of outcome at each stage, as shares of the stage."""
    return (
        alt.Chart(levels)
        .mark_bar(stroke="#666666", strokeWidth=0.5)
        .encode(
            y=alt.Y(
                "stage_label:N",
                sort=list(dict.fromkeys(levels["stage_label"])),
                title=None,
                axis=alt.Axis(labelLimit=260),
            ),
            x=alt.X(
                "allegations:Q", stack="normalize", axis=share_axis(t("funnel_share_axis"), lang)
            ),
            color=alt.Color(
                "level_label:N",
                title=t("funnel_level_legend"),
                scale=alt.Scale(
                    domain=[level_label(lvl, t) for lvl in present],
                    range=[OUTCOME_COLOURS[lvl] for lvl in present],
                ),
                legend=alt.Legend(orient="right", labelLimit=260),
            ),
            order=alt.Order("level_order:Q"),
            tooltip=[
                alt.Tooltip("stage_label:N", title=t("col_stage")),
                alt.Tooltip("level_label:N", title=t("col_level")),
                alt.Tooltip("count_text:N", title=t("col_allegations")),
                alt.Tooltip("share_of_sustained:Q", title=t("col_share_of_sustained")),
            ],
        )
        .properties(height=230)  # Streamlit fits the legend and axes inside this height
    )
