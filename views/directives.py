"""Are directives followed? Every directive tracked, the status of every observation of
the rules that check them, one rule in detail (rates, timeline, each observation with its
evidence and source), what-ifs kept apart, and recommended vs final penalties.

Filters live in the URL (directive, rule, status, year, obs, penalty_jurisdiction,
penalty_from, penalty_to), validated: an unknown value becomes a notice, never an error.
Figures come from queries/directives_page_*.sql (and the two directives_* queries on
penalties); the observations' CSV is exports.table_csv.query_csv of the same query and
parameters as the table on screen.
"""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd
import streamlit as st

from exports.table_csv import query_csv
from ui import charts, data
from ui.i18n import Translator
from ui.page import PageContext, chart_footer
from ui.palette import MUTED, OKABE_ITO
from ui.rates import proportion_with_interval
from ui.recommendation_fields import caption as recommendation_fields_caption

# The compliance vocabulary, in the order of every legend and table.
STATUSES = (
    "compliant",
    "violation",
    "alleged_violation",
    "pending",
    "policy_gap",
    "insufficient_data",
    "not_applicable",
)
# Okabe-Ito hues for the statuses that say something about the rule; greys for those that
# say the rule could not be, or need not be, checked.
STATUS_COLOURS = {
    "compliant": "#009E73",
    "violation": "#D55E00",
    "alleged_violation": "#E69F00",
    "pending": "#56B4E9",
    "policy_gap": "#CC79A7",
    "insufficient_data": "#999999",
    "not_applicable": "#DDDDDD",
}
# A compliance rate counts only what the data settle: compliant vs violation. A press
# allegation is never counted as a violation, so it stays out of the rate.
SMALL_CHECKED = 10  # fewer checked observations than this: the rate is too uncertain
SMALL_PENALTIES = 30  # fewer sustained allegations with both penalties: too uncertain
TOP_GAPS = 10
PENALTY_JURISDICTIONS = ("US-IL-CHI", "US-NY-NYC")
OK, SMALL, NO_VALUE = charts.OK, charts.SMALL, charts.NO_VALUE
RULE_PARAMS = ("status", "year", "obs")
UNDATED = "undated"
DEFAULT_DIRECTIVE = "FR-1"
LIST_ROW_HEIGHT = 84  # tall rows wrap long titles and requirements onto several lines


# -- entry point ---------------------------------------------------------------------------


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("page_directives"))
    st.write(t("directives_intro"))
    with st.expander(t("statuses_explained")):
        st.markdown(
            "\n".join(
                f"- **{t(f'status_{status}')}**: {t(f'status_def_{status}')}" for status in STATUSES
            )
        )
        st.markdown(t("rate_definition"))

    directives = data.query("directives_page_directives")
    rules = data.query("directives_page_rules")
    render_directive_list(page, directives)
    render_status_summary(page, directives)

    st.header(t("detail_title"))
    directive_id = choose_directive(page, directives)
    directive = directives.set_index("directive_id").loc[directive_id]
    own_rules = rules[rules["directive_id"] == directive_id].reset_index(drop=True)
    rule = choose_rule(page, own_rules)
    render_directive_card(page, directive)
    if rule is None:
        st.info(t("not_yet_checked"))
        if isinstance(directive["checkable_with"], str):
            st.markdown(f"**{t('card_checkable_with')}** {directive['checkable_with']}")
    elif rule["in_jurisdiction"]:
        render_rule(page, rule)
    else:
        st.caption(t("rule_is_what_if"))
    render_what_if(page, own_rules, rule)
    render_penalties(page)


# -- wording helpers ----------------------------------------------------------------------


def number(value, lang: str, decimals: int = 0) -> str:
    """12,345.6 in English, 12 345,6 in French (narrow no-break space)."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def percent(t, value, lang: str) -> str:
    return t("percent", value=number(value, lang, 1))


def with_interval(t, lang: str, value, low, high) -> str:
    return t(
        "with_ci",
        value=percent(t, value, lang),
        low=number(low, lang, 1),
        high=number(high, lang, 1),
    )


def status_label(t, status) -> str:
    return t.maybe(f"status_{status}", str(status))


def status_parts(t, counts: dict, lang: str) -> str:
    """'267 compliant, 1,890 violation, ...' in the statuses' order, zeros left out."""
    parts = [
        t(f"count_{'one' if counts[s] == 1 else 'many'}_{s}", count=number(counts[s], lang))
        for s in STATUSES
        if counts.get(s, 0)
    ]
    return ", ".join(parts)


def iso_date(value) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def first_url(urls) -> str | None:
    if not isinstance(urls, str):
        return None
    found = [u.strip() for u in urls.split(" | ") if u.strip()]
    return found[0] if found else None


def links(urls, titles) -> str:
    """Markdown links from ' | '-separated URLs and titles (the register's convention)."""
    url_list = [u.strip() for u in (urls or "").split(" | ") if u.strip()]
    title_list = [s.strip() for s in (titles or "").split(" | ") if s.strip()]
    if len(title_list) != len(url_list):
        title_list = [url.split("/")[2] if "//" in url else url for url in url_list]
    return " · ".join(
        f"[{title.replace('[', '(').replace(']', ')')}]({url.replace(')', '%29')})"
        for title, url in zip(title_list, url_list, strict=True)
    )


def directive_title(page: PageContext, row) -> str:
    french = row["title_fr"] if page.lang == "fr" else None
    return french if isinstance(french, str) and french else row["title"]


def jurisdiction_name(t, code: str) -> str:
    return t.maybe(f"jur_{code}", code)


def region_label(t, row) -> str:
    if row.region_id is None or pd.isna(row.region_id):
        return t("no_region")
    if row.region_level == "district":
        if isinstance(row.region_note, str) and row.region_note:
            return t("district_retired", code=row.region_code)
        return t("district_named", code=row.region_code, name=row.region_name)
    if row.region_level == "departement":
        return t("departement_named", name=row.region_name, code=row.region_code)
    return row.region_name


def rate_frame(t, lang: str, frame: pd.DataFrame, events: str, trials: str, small: int):
    """Add value (%), lower, upper (95% Wilson), status (ok, small, no_data) and their labels
    to a frame with counts; no denominator gives no figure, never a zero."""
    figures = [
        proportion_with_interval(float(hits), float(total), scale=100)
        for hits, total in zip(frame[events], frame[trials], strict=True)
    ]
    frame = frame.copy()
    frame["value"] = [None if f is None else f[0] for f in figures]
    frame["lower"] = [None if f is None else f[1] for f in figures]
    frame["upper"] = [None if f is None else f[2] for f in figures]
    frame["status"] = [
        NO_VALUE if f is None else (OK if total >= small else SMALL)
        for f, total in zip(figures, frame[trials], strict=True)
    ]
    frame["value_label"] = [t("no_data") if f is None else percent(t, f[0], lang) for f in figures]
    frame["interval_label"] = [
        "—"
        if f is None
        else t("interval_range", low=number(f[1], lang, 1), high=number(f[2], lang, 1))
        for f in figures
    ]
    return frame


def rounded(values) -> list:
    """Figures for a table behind a chart: 2 decimals, None where there is no figure."""
    return [None if v is None or pd.isna(v) else round(float(v), 2) for v in values]


def json_records(frame: pd.DataFrame) -> list[dict]:
    """Rows for alt.Data: NaN and pandas NA become None, numpy numbers plain Python ones."""
    return [
        {
            key: None
            if not isinstance(value, str) and pd.isna(value)
            else (value.item() if hasattr(value, "item") else value)
            for key, value in row.items()
        }
        for row in frame.to_dict(orient="records")
    ]


def pooled_text(t, lang: str, hits: float, total: float) -> str:
    figure = proportion_with_interval(hits, total, scale=100)
    if figure is None:
        return t("no_data")
    return with_interval(t, lang, *figure)


# -- 1. the directives ----------------------------------------------------------------


def render_directive_list(page: PageContext, directives: pd.DataFrame) -> None:
    t, lang = page.t, page.lang
    st.header(t("list_title"))
    st.write(t("list_intro", count=len(directives)))
    checked = [
        checked_text(t, lang, rules, own, what_if)
        for rules, own, what_if in zip(
            directives["rules"],
            directives["observations"],
            directives["what_if_observations"],
            strict=True,
        )
    ]
    table = pd.DataFrame(
        {
            "directive": directives["directive_id"],
            "title": [directive_title(page, row) for _, row in directives.iterrows()],
            "checked": checked,
            "requirement": directives["requirement"],
            "jurisdiction": [jurisdiction_name(t, j) for j in directives["jurisdiction"]],
            "binding": [t.maybe(f"binding_{b}", str(b)) for b in directives["binding"]],
            "confidence": [t(f"confidence_{c}") for c in directives["confidence"]],
            "issued": [iso_date(d) for d in directives["issued_date"]],
            "effective": [iso_date(d) for d in directives["effective_date"]],
            "text": [first_url(u) for u in directives["source_url"]],
            "issuer": directives["issuer"],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        row_height=LIST_ROW_HEIGHT,
        height=LIST_ROW_HEIGHT * len(table) + 40,  # every directive visible without scrolling
        column_config={
            "directive": st.column_config.TextColumn(t("col_directive"), width=100, pinned=True),
            "title": st.column_config.TextColumn(t("col_title"), width=240),
            "checked": st.column_config.TextColumn(t("col_checked"), width=150),
            "requirement": st.column_config.TextColumn(t("col_requirement"), width=560),
            "jurisdiction": t("jurisdiction"),
            "binding": t("col_binding"),
            "confidence": t("col_confidence"),
            "issued": t("col_issued"),
            "effective": t("col_effective"),
            "text": st.column_config.LinkColumn(t("col_text"), display_text=t("open_text")),
            "issuer": st.column_config.TextColumn(t("col_issuer"), width=300),
        },
        key="directives_list",
    )
    if lang == "fr":
        st.caption(t("requirement_in_english"))


def checked_text(t, lang: str, rules: int, own: int, what_if: int) -> str:
    if not rules:
        return t("not_yet_checked")
    text = t("checked_one") if own == 1 else t("checked_count", count=number(own, lang))
    return t("checked_what_if", text=text, count=number(what_if, lang)) if what_if else text


# -- 2. status summary -----------------------------------------------------------------


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
            color=alt.Color(
                "status_label:N",
                scale=alt.Scale(
                    domain=[status_label(t, s) for s in present],
                    range=[STATUS_COLOURS[s] for s in present],
                ),
                legend=alt.Legend(
                    title=t("axis_status"), orient="bottom", columns=4, labelLimit=300
                ),
            ),
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
    st.altair_chart(chart, width="stretch", alt=reading)
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
    chart_footer(page, ["curated_directives"], reading, table, "directives_status_table")


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


# -- 3. one directive, one rule --------------------------------------------------------


def choose_directive(page: PageContext, directives: pd.DataFrame) -> str:
    t, state = page.t, page.state
    ids = list(directives["directive_id"])
    titles = {row["directive_id"]: directive_title(page, row) for _, row in directives.iterrows()}
    linked = state.choice("directive", ids, DEFAULT_DIRECTIVE)
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
                issuer=row["issuer"],
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
            st.markdown(t("card_reference", reference=row["reference"]))
        key = "card_requirement" if page.lang == "en" else "card_requirement_en"
        st.markdown(f"**{t(key)}**")
        st.markdown(f"> {row['requirement']}")
        st.caption(f"{t('card_text')} {links(row['source_url'], row['source_title'])}")


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
        text = rule[key.removeprefix("rule_")]
        if isinstance(text, str):
            st.caption(t(key, text=text))
    if counts["alleged_violation"]:
        alleged = counts["alleged_violation"]
        caveat = t("alleged_caveat_one") if alleged == 1 else t("alleged_caveat", count=alleged)
        st.info(caveat, icon="⚠️")
    methods = data.query("directives_page_methods", rule_id=rule_id)
    low = int(methods.loc[methods["confidence"] == "low", "observations"].sum())
    if low:
        st.info(t("low_confidence_caveat", count=low), icon="⚠️")
    source_ids = [*rule["source_ids"], "curated_directives"]

    if not measure:
        st.info(t("no_rate_declared", parts=status_parts(t, counts, lang)))
    elif not checked:
        st.info(t("no_rate", parts=status_parts(t, counts, lang)))
    elif rule["regions"] >= 2:
        render_rate_by_region(page, rule_id, source_ids, prefix, measure)
    else:
        render_rate_by_year(
            page, by_year, source_ids, prefix, measure, citywide=rule["regions"] == 1
        )
    if rule["observations"] > 1:  # one observation is its own timeline: see the table
        render_timeline(page, by_year, source_ids, prefix)
    with st.expander(t("methods_title")):
        st.caption(t("methods_in_english"))
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
    return pd.DataFrame(
        {
            t("col_status"): [status_label(t, s) for s in methods["status"]],
            t("col_confidence"): [t(f"confidence_flag_{c}") for c in methods["confidence"]],
            t("col_observations"): methods["observations"].astype(int),
            t("col_method"): methods["method"],
        }
    )


# -- rate charts --------------------------------------------------------------------------


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


def ranked_rate_chart(page: PageContext, frame, value_title, level_name, small_label, pooled):
    """Regions ranked by rate, with 95% whiskers, too-small ones in grey (ui.charts)."""
    t = page.t
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
        lang=page.lang,
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
    chart = ranked_rate_chart(
        page, placed, t("axis_rate", measure=measure), level_name, small_label, pooled
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
    st.altair_chart(chart, width="stretch", alt=reading)
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
    chart = year_bars(t, lang, shown, t("axis_rate", measure=measure), small_label, full_scale=True)
    total_checked = int(by_year["rate_total"].sum())
    pooled = pooled_text(t, lang, int(by_year["rate_hits"].sum()), total_checked)
    reading = year_reading(
        t, lang, frame, pooled, "reading_year_rate", "reading_year_few", SMALL_CHECKED
    )
    st.altair_chart(chart, width="stretch", alt=reading)
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


# -- timeline ----------------------------------------------------------------------------


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
            color=alt.Color(
                "status_label:N",
                scale=alt.Scale(
                    domain=[status_label(t, s) for s in present],
                    range=[STATUS_COLOURS[s] for s in present],
                ),
                legend=alt.Legend(
                    title=t("axis_status"), orient="bottom", columns=4, labelLimit=300
                ),
            ),
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
    st.altair_chart(chart, width="stretch", alt=reading)
    if undated:
        st.caption(t("undated_note", count=number(undated, lang)))
    table = pd.DataFrame({t("col_year"): dated["year"]})
    for status in STATUSES:
        table[status_label(t, status)] = dated[status].astype(int)
    table[t("col_observations")] = dated["observations"].astype(int)
    chart_footer(
        page, source_ids, reading, table.reset_index(drop=True), f"{prefix}_timeline_table"
    )


# -- observations ------------------------------------------------------------------------


def observation_filter(rule_id: str, status: str | None, year: int | str | None) -> dict:
    """The parameters of directives_page_observations: the table and its CSV share them."""
    return {
        "rule_id": rule_id,
        "status": status,
        "year": year if isinstance(year, int) else None,
        "undated": year == UNDATED,
    }


def render_observations(
    page: PageContext, rule_id: str, by_year: pd.DataFrame, what_if: bool
) -> None:
    t, lang, state = page.t, page.lang, page.state
    prefix = "what_if" if what_if else "rule"
    st.markdown(f"**{t('observations_title')}**")
    statuses = [s for s in STATUSES if by_year[s].sum() > 0]
    years = [str(int(y)) for y in by_year["year"].dropna()]
    year_options = ["all", *years] + ([UNDATED] if by_year["year"].isna().any() else [])
    filters = st.columns(2)
    with filters[0]:
        options = ["all", *statuses]
        linked = state.choice("status", statuses, None) or "all"
        status = st.selectbox(
            t("filter_status"),
            options,
            index=options.index(linked),
            format_func=lambda s: t("all_statuses") if s == "all" else status_label(t, s),
        )
    with filters[1]:
        linked_year = state.choice("year", year_options[1:], None) or "all"
        year = st.selectbox(
            t("filter_year"),
            year_options,
            index=year_options.index(linked_year),
            format_func=lambda y: {"all": t("all_years"), UNDATED: t("undated")}.get(y, y),
        )
    if status != linked or year != linked_year:
        state.set(obs=None)
    state.set(status=None if status == "all" else status, year=None if year == "all" else year)
    params = observation_filter(
        rule_id,
        None if status == "all" else status,
        int(year) if year.isdigit() else (UNDATED if year == UNDATED else None),
    )
    rows = data.query("directives_page_observations", **params)
    one = len(rows) == 1
    count = number(len(rows), lang)
    st.caption(t("observation_found_one") if one else t("observations_found", count=count))
    st.download_button(
        t("download_observation_one") if one else t("download_observations", count=count),
        # Built only when clicked (on its own thread, with its own cursor): exactly the
        # filtered rows, all of them, from the same query and parameters as the table.
        functools.partial(query_csv, data.connection(), "directives_page_observations", params),
        file_name=f"{rule_id.replace('/', '_')}_observations.csv",
        mime="text/csv",
        key=f"{prefix}_observations_csv",
    )
    shown = pd.DataFrame(
        {
            "date": [iso_date(d) for d in rows["observed_date"]],
            "status": [status_label(t, s) for s in rows["status"]],
            "confidence": [t(f"confidence_flag_{c}") for c in rows["confidence"]],
            "scope": rows["scope_id"],
            "region": rows["region_name"],
            "evidence": rows["evidence"],
            "evidence_url": rows["evidence_url"],
            "source": rows["source_id"],
        }
    )
    linked_obs = state.raw("obs")
    scopes = list(rows["scope_id"])
    default = None
    if linked_obs is not None:
        if linked_obs in scopes:
            default = {"selection": {"rows": [scopes.index(linked_obs)]}}
        else:
            state.notices.append(("obs", linked_obs))
    event = st.dataframe(
        shown,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        selection_default=default,
        placeholder="—",
        key=f"{prefix}_obs_{rule_id}_{status}_{year}",
        column_config={
            "date": t("col_date"),
            "status": t("col_status"),
            "confidence": t("col_confidence"),
            "scope": t("col_scope"),
            "region": t("col_region"),
            "evidence": st.column_config.TextColumn(t("col_evidence"), width="large"),
            "evidence_url": st.column_config.LinkColumn(t("col_evidence_url")),
            "source": t("col_source"),
        },
    )
    selected = list(event.selection.rows) if event is not None else []
    if selected and selected[0] < len(rows):
        row = rows.iloc[selected[0]]
        state.set(obs=row["scope_id"])
        render_selected(page, row)
    else:
        state.set(obs=None)
        st.caption(t("select_hint"))


def render_selected(page: PageContext, row: pd.Series) -> None:
    t = page.t
    with st.container(border=True):
        st.markdown(f"**{t('selected_title', scope=row['scope_id'])}**")
        region = row["region_name"] if isinstance(row["region_name"], str) else t("no_region")
        st.markdown(
            t(
                "selected_meta",
                status=status_label(t, row["status"]),
                date=iso_date(row["observed_date"]) or t("no_date"),
                region=region,
            )
        )
        if row["confidence"] == "low":
            st.info(t("selected_low"), icon="⚠️")
        if row["status"] == "alleged_violation":
            st.info(t("selected_alleged"), icon="⚠️")
        if not row["in_jurisdiction"]:
            st.info(t("selected_what_if"))
        st.markdown(f"**{t('selected_evidence')}** {row['evidence']}")
        st.markdown(f"**{t('selected_method')}** {row['method']}")
        confidence = t(f"confidence_word_{row['confidence']}")
        st.markdown(f"**{t('selected_confidence')}** {confidence}")
        if isinstance(row["source_id"], str):
            sources = data.query("sources_by_id", source_ids=[row["source_id"]])
            for source in sources.itertuples():
                key = (
                    "selected_source"
                    if str(source.url).startswith("http")
                    else "selected_source_file"
                )
                st.markdown(
                    t(
                        key,
                        publisher=source.publisher,
                        url=source.url,
                        title=source.title,
                        licence=source.licence,
                        retrieved=source.retrieved_at,
                    )
                )
        if isinstance(row["evidence_url"], str):
            st.markdown(t("selected_evidence_link", url=row["evidence_url"]))
        else:
            st.caption(t("selected_no_link"))


# -- 4. what if ---------------------------------------------------------------------------


def what_if_page(page: PageContext) -> PageContext:
    """The same page whose status words all say "what-if", so that no chart, table or
    sentence of the what-if section reads as a finding ("649 violations (what-if)")."""
    keys = [f"{kind}{s}" for s in STATUSES for kind in ("status_", "count_one_", "count_many_")]
    t = page.t
    marked = {key: {page.lang: t(key) + t("what_if_suffix")} for key in keys}
    return PageContext(
        lang=page.lang, t=Translator(page.lang, page.t.table, marked), state=page.state
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
            if isinstance(rule.cannot_show, str):
                st.markdown(t("what_if_substitutes", text=rule.cannot_show))
            render_what_if_since(page, rule_id)
            if selected is not None and selected.name == rule_id:
                render_rule(page, selected, what_if=True)
            else:
                render_what_if_summary(
                    page, rules.set_index("rule_id").loc[rule_id].rename(rule_id)
                )
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
    st.altair_chart(chart, width="stretch", alt=reading)
    chart_footer(
        page,
        [*rule["source_ids"], "curated_directives"],
        reading,
        methods_table(t, methods),
        f"what_if_summary_{rule_id}",
    )


# -- 5. recommended vs final ---------------------------------------------------------------


def render_penalties(page: PageContext) -> None:
    t, state = page.t, page.state
    st.header(t("penalty_title"))
    st.write(t("penalty_intro"))
    keys = list(PENALTY_JURISDICTIONS)
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
    year_from = state.integer("penalty_from", low, high, low)
    year_to = state.integer("penalty_to", low, high, high)
    if year_from > year_to:
        state.notices.extend([("penalty_from", str(year_from)), ("penalty_to", str(year_to))])
        year_from, year_to = low, high
    year_from, year_to = st.slider(t("penalty_years"), low, high, (year_from, year_to))
    state.set(
        penalty_from=year_from if year_from != low else None,
        penalty_to=year_to if year_to != high else None,
    )
    rows = rows[rows["year"].between(year_from, year_to)]
    years_text = f"{year_from}-{year_to}" if year_from != year_to else str(year_from)
    source_ids = penalty_sources(jurisdiction)
    if jurisdiction == "US-NY-NYC":
        st.caption(t("penalty_nyc_citywide"))
    render_downgrades_by_year(page, rows, source_ids, years_text)
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
    if jurisdiction == "US-IL-CHI":
        render_downgrades_by_district(page, rows, source_ids, years_text)
    render_biggest_gaps(page, jurisdiction, source_ids)


def penalty_sources(jurisdiction: str) -> list[str]:
    return {
        "US-IL-CHI": ["us_chicago_cpdp_complaints", "curated_outcome_taxonomy"],
        "US-NY-NYC": ["us_nyc_ccrb_penalties", "curated_outcome_taxonomy"],
    }[jurisdiction]


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
    chart = year_bars(t, lang, shown, t("axis_downgraded"), small_label, full_scale=False)
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
    st.altair_chart(chart, width="stretch", alt=reading)
    table = penalty_table(t, frame, "col_year", "year")
    chart_footer(page, source_ids, reading, table, "directives_downgrade_year_table")


def render_downgrades_by_district(
    page: PageContext, rows: pd.DataFrame, source_ids, years_text: str
) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("downgrade_by_district_title", years=years_text))
    districts = rows.groupby("region_id", as_index=False)[["both_levels", "downgraded"]].sum()
    regions = data.query("directives_page_regions", region_ids=sorted(districts["region_id"]))
    districts = districts.merge(regions, on="region_id", how="left")
    placed = districts[districts["region_level"] == "district"].copy()
    unplaced = districts[districts["region_level"] != "district"]
    placed["label"] = [region_label(t, row) for row in placed.itertuples()]
    frame = rate_frame(t, lang, placed, "downgraded", "both_levels", SMALL_PENALTIES)
    small_label = t("too_few_penalties", threshold=SMALL_PENALTIES)
    frame["status_label"] = comparison_labels(t, frame, small_label)
    level_name = t("level_district")
    pooled = proportion_with_interval(
        float(districts["downgraded"].sum()), float(districts["both_levels"].sum()), scale=100
    )
    chart = ranked_rate_chart(page, frame, t("axis_downgraded"), level_name, small_label, pooled)
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
    st.altair_chart(chart, width="stretch", alt=reading)
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
        [*source_ids, "us_chicago_districts"],
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
    st.altair_chart(chart, width="stretch", alt=reading)
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
