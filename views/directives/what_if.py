"""4. What-ifs: a rule applied where the directive does not bind, kept apart and marked as
such in every word."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui import chart_cache, charts, data
from ui.i18n import Translator, in_language, translated_mark
from ui.page import PageContext, chart_footer, replayed
from views.directives.declared import directive_sources
from views.directives.rule import RULE_PARAMS, methods_table, render_rule
from views.directives.wording import (
    STATUS_COLOURS,
    STATUSES,
    iso_date,
    number,
    status_label,
    status_parts,
)


def what_if_page(page: PageContext) -> PageContext:
    """The same page whose status words all say "what-if", so that no chart, table or
    sentence of the what-if section reads as a finding ("649 violations (what-if)")."""
    keys = [f"{kind}{s}" for s in STATUSES for kind in ("status_", "count_one_", "count_many_")]
    t = page.t
    marked = {key: {page.lang: t(key) + t("what_if_suffix")} for key in keys}
    return PageContext(
        lang=page.lang,
        t=Translator(page.lang, page.t.table, marked, identity=(*t.identity, "what_if")),
        state=page.state,
    )


def render_what_if(page: PageContext, rules: pd.DataFrame, selected) -> None:
    what_ifs = rules[~rules["in_jurisdiction"]]
    if what_ifs.empty:
        return
    page = what_if_page(page)
    t, state = page.t, page.state
    st.header(t("what_if_title"))
    for rule in what_ifs.set_index("rule_id").itertuples():
        rule_id = rule.Index
        with st.container(border=True):
            st.info(t.maybe(f"what_if_caveat_{rule_id}", t("what_if_caveat_generic")))
            text, kind = in_language(page.lang, rule.cannot_show, rule.cannot_show_fr)
            if text:
                label = "what_if_substitutes" if kind == "english" else "what_if_substitutes_plain"
                st.markdown(t(label, text=text) + translated_mark(t, kind))
            render_what_if_since(page, rule_id)
            if selected is not None and selected.name == rule_id:
                render_rule(page, selected, what_if=True)
            else:
                summary = rules.set_index("rule_id").loc[rule_id].rename(rule_id)
                replayed(render_what_if_summary, page, summary)
                if st.button(t("open_what_if"), key=f"open_{rule_id}"):
                    state.set(rule=rule_id, **dict.fromkeys(RULE_PARAMS))
                    st.rerun()
            if f"time_to_reassignment_{rule_id}" in t.table:
                st.caption(t(f"time_to_reassignment_{rule_id}"))


def render_what_if_since(page: PageContext, rule_id: str) -> None:
    """The what-if restricted to decisions the directive could have governed."""
    t, lang = page.t, page.lang
    since = data.query("directives_page_what_if_since", rule_id=rule_id)
    if since.empty:
        return
    date = iso_date(since["in_force_from"].iloc[0]) or t("no_date")
    total = int(since["observations_since"].sum())
    st.markdown(
        t(
            "what_if_dates",
            first=iso_date(since["first_date"].min()) or t("no_date"),
            last=iso_date(since["last_date"].max()) or t("no_date"),
            date=date,
        )
    )
    if total == 0:
        count = number(since["observations"].sum(), lang)
        st.markdown(t("what_if_since_none", date=date, count=count))
        return
    counts = dict(zip(since["status"], since["observations_since"].astype(int), strict=True))
    st.markdown(
        t(
            "what_if_since",
            date=date,
            count=number(total, lang),
            parts=status_parts(t, counts, lang),
        )
    )


def render_what_if_summary(page: PageContext, rule: pd.Series) -> None:
    """The distribution of statuses and the methods behind them, without the rows."""
    t, lang = page.t, page.lang
    rule_id = rule.name
    st.subheader(
        t("what_if_statuses_title", rule=f"{rule_id} · {t.maybe(f'rule_{rule_id}', rule_id)}")
    )
    methods = data.query("directives_page_methods", rule_id=rule_id)
    counts = methods.groupby("status")["observations"].sum()
    present = [s for s in STATUSES if s in counts.index]
    frame = pd.DataFrame(
        {
            "status_label": [status_label(t, s) for s in present],
            "observations": [int(counts[s]) for s in present],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "status_label:N",
                sort=list(frame["status_label"]),
                title=t("axis_status"),
                axis=alt.Axis(labelLimit=300),
            ),
            x=alt.X("observations:Q", title=t("axis_observations")),
            color=alt.Color(
                "status_label:N",
                scale=alt.Scale(
                    domain=list(frame["status_label"]), range=[STATUS_COLOURS[s] for s in present]
                ),
                legend=None,  # the axis names each bar
            ),
            tooltip=[
                alt.Tooltip("status_label:N", title=t("col_status")),
                alt.Tooltip("observations:Q", title=t("col_observations"), format=","),
            ],
        )
        .properties(height=alt.Step(28), width="container")
        .configure(locale=alt.Locale(number=charts.NUMBER_LOCALES[lang]))
    )
    reading = t(
        "reading_what_if",
        count=number(counts.sum(), lang),
        parts=status_parts(t, {s: int(counts[s]) for s in present}, lang),
    )
    chart_cache.draw(chart, reading)
    chart_footer(
        page,
        [*rule["source_ids"], *directive_sources()],
        reading,
        methods_table(t, methods),
        f"what_if_summary_{rule_id}",
    )
