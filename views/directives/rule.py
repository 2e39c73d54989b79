"""3. One directive, one rule: choosing them, the directive's card and the rule in detail
(what it checks, its rate, the charts by region and year, the timeline, the observations)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from ui.i18n import column_in_language, in_language, translated_mark
from ui.page import PageContext, replayed, requirement_quote
from views.directives.declared import default_directive, directive_sources
from views.directives.observations import render_observations
from views.directives.rate_charts import render_rate_by_region, render_rate_by_year
from views.directives.timeline import render_timeline
from views.directives.wording import (
    STATUSES,
    directive_title,
    iso_date,
    jurisdiction_name,
    number,
    pooled_text,
    status_label,
    status_parts,
)

RULE_PARAMS = ("status", "year", "obs")


def choose_directive(page: PageContext, directives: pd.DataFrame) -> str:
    t, state = page.t, page.state
    ids = list(directives["directive_id"])
    titles = {row["directive_id"]: directive_title(page, row) for _, row in directives.iterrows()}
    linked = state.choice("directive", ids, default_directive(ids))
    chosen = st.selectbox(
        t("choose_directive"),
        ids,
        index=ids.index(linked),
        format_func=lambda d: f"{d} · {titles[d]}",
    )
    if chosen != linked:  # another directive: the previous rule and filters mean nothing here
        state.set(rule=None, **dict.fromkeys(RULE_PARAMS))
    state.set(directive=chosen)
    return chosen


def choose_rule(page: PageContext, rules: pd.DataFrame):
    t, state = page.t, page.state
    if rules.empty:
        for name in ("rule", *RULE_PARAMS):
            if state.raw(name) is not None:
                state.notices.append((name, state.raw(name)))
        state.set(rule=None, **dict.fromkeys(RULE_PARAMS))
        return None
    ids = list(rules["rule_id"])
    what_if = set(rules.loc[~rules["in_jurisdiction"], "rule_id"])

    def label(rule_id: str) -> str:
        text = f"{rule_id} · {t.maybe(f'rule_{rule_id}', rule_id)}"
        return f"{text} ({t('what_if_tag')})" if rule_id in what_if else text

    linked = state.choice("rule", ids, ids[0])
    chosen = st.selectbox(t("choose_rule"), ids, index=ids.index(linked), format_func=label)
    if chosen != linked:
        state.set(**dict.fromkeys(RULE_PARAMS))
    state.set(rule=chosen)
    return rules.set_index("rule_id").loc[chosen].rename(chosen)


def render_directive_card(page: PageContext, row: pd.Series) -> None:
    t = page.t
    with st.container(border=True):
        st.subheader(f"{row.name} · {directive_title(page, row)}")
        st.caption(
            t(
                "card_meta",
                jurisdiction=jurisdiction_name(t, row["jurisdiction"]),
                issuer=in_language(page.lang, row["issuer"], row["issuer_fr"])[0],
            )
        )
        ended = iso_date(row["end_date"])
        st.markdown(
            t(
                "card_dates",
                issued=iso_date(row["issued_date"]) or t("date_unknown"),
                effective=iso_date(row["effective_date"]) or t("date_unknown"),
                ended=t("card_ended", date=ended) if ended else "",
            )
            + "  \n"
            + t(
                "card_force",
                instrument=t.maybe(f"instrument_{row['instrument']}", str(row["instrument"])),
                binding=t.maybe(f"binding_{row['binding']}", str(row["binding"])),
                confidence=t(f"confidence_{row['confidence']}"),
            )
        )
        if row["confidence"] != "high":
            st.caption(t("card_confidence_caveat", confidence=t(f"confidence_{row['confidence']}")))
        if isinstance(row["reference"], str):
            reference, kind = in_language(page.lang, row["reference"], row["reference_fr"])
            key = "card_reference" if kind == "english" else "card_reference_plain"
            st.markdown(t(key, reference=reference) + translated_mark(t, kind))
        requirement_quote(page, row, ("card_requirement_en", "card_requirement"), "card_text")
        # Atom feed of this directive's changes (etl/feeds.py), served from ./static
        st.caption(t("card_feed", url=f"app/static/feeds/directive/{row.name}.xml"))


def render_rule(page: PageContext, rule: pd.Series, what_if: bool = False) -> None:
    """Everything about one rule: counts, rate chart, timeline, methods, observations."""
    t, lang = page.t, page.lang
    rule_id = rule.name
    prefix = "what_if" if what_if else "rule"
    by_year = data.query("directives_page_rule_by_year", rule_id=rule_id)
    counts = {s: int(by_year[s].sum()) for s in STATUSES}
    st.subheader(f"{rule_id} · {t.maybe(f'rule_{rule_id}', rule_id)}")
    st.markdown(
        t(
            "rule_counts",
            observations=number(rule["observations"], lang),
            parts=status_parts(t, counts, lang),
        )
    )
    measure = measure_name(page, rule)
    hits, checked = int(by_year["rate_hits"].sum()), int(by_year["rate_total"].sum())
    if measure and checked and rule["rate"] == "compliance":
        st.markdown(
            t(
                "rule_rate",
                rate=pooled_text(t, lang, hits, checked),
                compliant=number(hits, lang),
                checked=number(checked, lang),
            )
        )
    elif measure and checked:
        st.markdown(
            t(
                "rule_share",
                measure=measure,
                rate=pooled_text(t, lang, hits, checked),
                hits=number(hits, lang),
                total=number(checked, lang),
            )
        )
    for key in ("rule_checks", "rule_cannot_show", "rule_legal_text"):
        field = key.removeprefix("rule_")
        text, kind = in_language(lang, rule[field], rule[f"{field}_fr"])
        if text:
            label = key if kind == "english" else f"{key}_plain"
            st.caption(t(label, text=text) + translated_mark(t, kind))
    if counts["alleged_violation"]:
        alleged = counts["alleged_violation"]
        caveat = t("alleged_caveat_one") if alleged == 1 else t("alleged_caveat", count=alleged)
        st.info(caveat, icon="⚠️")
    methods = data.query("directives_page_methods", rule_id=rule_id)
    low = int(methods.loc[methods["confidence"] == "low", "observations"].sum())
    if low:
        st.info(t("low_confidence_caveat", count=low), icon="⚠️")
    source_ids = [*rule["source_ids"], *directive_sources()]

    if not measure:
        st.info(t("no_rate_declared", parts=status_parts(t, counts, lang)))
    elif not checked:
        st.info(t("no_rate", parts=status_parts(t, counts, lang)))
    elif rule["regions"] >= 2:
        replayed(render_rate_by_region, page, rule_id, source_ids, prefix, measure)
    else:
        citywide = bool(rule["regions"] == 1)
        replayed(render_rate_by_year, page, by_year, source_ids, prefix, measure, citywide)
    if rule["observations"] > 1:  # one observation is its own timeline: see the table
        replayed(render_timeline, page, by_year, source_ids, prefix)
    with st.expander(t("methods_title")):
        methods_french = page.lang == "en" or methods["method_fr"].notna().all()
        st.caption(t("methods_caption" if methods_french else "methods_in_english"))
        st.dataframe(methods_table(t, methods), hide_index=True, key=f"{prefix}_methods")
    render_observations(page, rule_id, by_year, what_if)


def measure_name(page: PageContext, rule: pd.Series) -> str | None:
    """The rule's declared rate in words (queries/directives/rules.toml), None if it has none."""
    if rule["rate"] == "compliance":
        return page.t("compliance_rate")
    if rule["rate"] == "share":
        name = rule["rate_name_fr"] if page.lang == "fr" else rule["rate_name_en"]
        return page.t("share_of", name=name or rule.name)
    return None


def methods_table(t, methods: pd.DataFrame) -> pd.DataFrame:
    texts, header = column_in_language(
        t, methods["method"], methods["method_fr"], "col_method", "col_method_plain"
    )
    return pd.DataFrame(
        {
            t("col_status"): [status_label(t, s) for s in methods["status"]],
            t("col_confidence"): [t(f"confidence_flag_{c}") for c in methods["confidence"]],
            t("col_observations"): methods["observations"].astype(int),
            header: texts,
        }
    )
