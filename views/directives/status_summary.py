"""2. The status of every observation, per directive, and a sentence reading it."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui import chart_cache, charts, data
from ui.page import PageContext, chart_footer
from views.directives.declared import directive_sources
from views.directives.wording import (
    STATUSES,
    directive_title,
    number,
    percent,
    status_colours,
    status_label,
)


def render_status_summary(page: PageContext, directives: pd.DataFrame) -> None:
    t, lang = page.t, page.lang
    st.header(t("summary_title"))
    st.write(t("summary_intro"))
    summary = data.query("directives_page_status_summary")
    own = summary[summary["in_jurisdiction"].fillna(True).astype(bool)]
    counted = own[own["status"].notna()].copy()
    order = list(directives["directive_id"])
    counted["label"] = counted["directive_id"]
    counted["status_label"] = [status_label(t, s) for s in counted["status"]]
    counted["rank"] = [STATUSES.index(s) for s in counted["status"]]
    totals = counted.groupby("directive_id")["observations"].transform("sum")
    counted["share"] = (counted["observations"] / totals * 100).round(1)
    counted["share_label"] = [percent(t, v, lang) for v in counted["share"]]
    unchecked = [d for d in order if d not in set(counted["directive_id"])]
    present = [s for s in STATUSES if s in set(counted["status"])]

    titles = {
        d: directive_title(page, row) for d, row in directives.set_index("directive_id").iterrows()
    }
    counted["title"] = [titles[d] for d in counted["directive_id"]]
    y = alt.Y("label:N", sort=order, title=t("col_directive"), axis=alt.Axis(labelLimit=200))
    bars = (
        alt.Chart(counted)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=y,
            x=alt.X(
                "observations:Q",
                stack="normalize",
                title=t("axis_share_observations"),
                axis=alt.Axis(format="%"),
            ),
            color=status_colours(t, present),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("label:N", title=t("col_directive")),
                alt.Tooltip("title:N", title=t("col_title")),
                alt.Tooltip("status_label:N", title=t("col_status")),
                alt.Tooltip("observations:Q", title=t("col_observations"), format=","),
                alt.Tooltip("share_label:N", title=t("col_share")),
            ],
        )
    )
    notes = pd.DataFrame(
        {
            "label": unchecked,
            "zero": 0.0,
            "note": t("not_yet_checked"),
            "title": [titles[d] for d in unchecked],
        }
    )
    note_layer = (
        alt.Chart(notes)
        .mark_text(align="left", dx=4, color="#555555", fontStyle="italic")
        .encode(
            y=y,
            x=alt.X("zero:Q"),
            text="note:N",
            tooltip=[
                alt.Tooltip("label:N", title=t("col_directive")),
                alt.Tooltip("title:N", title=t("col_title")),
            ],
        )
    )
    chart = (
        alt.layer(bars, note_layer)
        .properties(height=alt.Step(24), width="container")
        .configure(locale=alt.Locale(number=charts.NUMBER_LOCALES[lang]))
    )
    reading = summary_reading(page, counted, len(order), unchecked)
    chart_cache.draw(chart, reading)
    what_if = summary[summary["in_jurisdiction"].eq(False)]
    for directive_id, rows in what_if.groupby("directive_id"):
        st.caption(
            t(
                "what_if_not_counted",
                count=number(rows["observations"].sum(), lang),
                directive=directive_id,
            )
        )
    table = pd.DataFrame(
        {
            t("col_directive"): [*counted["directive_id"], *unchecked],
            t("col_status"): [*counted["status_label"], *[t("not_yet_checked")] * len(unchecked)],
            t("col_observations"): [*counted["observations"].astype(int), *[0] * len(unchecked)],
            t("col_share"): [*counted["share"], *[None] * len(unchecked)],
        }
    )
    chart_footer(page, directive_sources(), reading, table, "directives_status_table")


def summary_reading(page: PageContext, counted: pd.DataFrame, total: int, unchecked) -> str:
    t, lang = page.t, page.lang
    alleged = counted[counted["status"] == "alleged_violation"]
    if alleged.empty:
        alleged_text = t("reading_no_alleged")
    else:
        alleged_text = t(
            "reading_alleged",
            count=number(alleged["observations"].sum(), lang),
            directives=", ".join(alleged["directive_id"]),
        )
    violations = counted[counted["status"] == "violation"]
    if violations.empty:
        violation_text = t("reading_summary_no_violation", alleged=alleged_text)
    else:
        per_directive = counted.groupby("directive_id")["observations"].sum()
        violation_text = t(
            "reading_summary_violations",
            directive=", ".join(violations["directive_id"]),
            violations=number(violations["observations"].sum(), lang),
            observations=number(per_directive[violations["directive_id"]].sum(), lang),
            alleged=alleged_text,
        )
    return t(
        "reading_summary",
        checked=total - len(unchecked),
        total=total,
        observations=number(counted["observations"].sum(), lang),
        unchecked=len(unchecked),
        violations=violation_text,
    )
