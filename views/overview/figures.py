"""The kinds of headline figure a card can show, each implemented once.

A card's figure is a dict from queries/overview.toml (or built by the default card): its
`kind`, its `label` and `definition` ({en, fr} templates) and the kind's parameters. Each
kind draws its figure and returns the source_ids of the rows it read, for the card's caption.

Placeholders each kind fills in the definition:
- allegation_count: first, last (years on the basis), basis (its words), count
- sustained_share: sustained, investigated, low, high, not_investigated, without
- catalogue_share: numerator, denominator, low, high
- penalty_vs_recommendation: below, both, same, above
- compare_measure: numerator, denominator, low, high
- statistic: one per subject, one per `also` name, confidence, year
- regional_statistic_note: total, year, regions
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from ui import measures as catalogue
from ui.page import PageContext, links
from views import region_measures as rm
from views.overview.declared import say
from views.overview.format import number, percent

NO_SOURCES: list[str] = []


def word(page: PageContext, words: dict, **values) -> str:
    """A figure's label or definition: declared words ({en, fr}) or a key of the page's
    words ({"key": ...}, the default card's)."""
    if "key" in words:
        return page.t(words["key"], **values)
    return say(words, page.lang, **values)


def headlines() -> pd.DataFrame:
    """Per jurisdiction with allegations: counts, year ranges per basis, sources."""
    return data.query("overview_allegation_headlines").set_index("jurisdiction")


def headline(code: str) -> pd.Series | None:
    rows = headlines()
    return rows.loc[code] if code in rows.index else None


def year_range(row: pd.Series, basis: str | None) -> tuple[int, int] | None:
    """First and last year of a jurisdiction's allegations on a year basis (received,
    incident, closed), None if the basis has no dates."""
    first, last = (row.get(f"{edge}_{basis}_year") for edge in ("first", "last"))
    if first is None or pd.isna(first) or pd.isna(last):
        return None
    return int(first), int(last)


def sustained_share(code: str) -> pd.Series:
    """The catalogue's sustained share of a whole jurisdiction, all years: numerator,
    denominator, not_investigated, deff."""
    return catalogue.allegation_counts("sustained_share", code, None).iloc[0]


def allegation_count(page: PageContext, code: str, spec: dict) -> list[str]:
    t, lang = page.t, page.lang
    row = headline(code)
    if row is None:
        st.metric(word(page, spec["label"]), t("no_data"))
        return NO_SOURCES
    basis = spec.get("year_basis") or row["year_basis"]
    value = row["sustained"] if spec.get("count") == "sustained" else row["allegations"]
    st.metric(word(page, spec["label"]), number(value, lang))
    years = year_range(row, basis)
    first, last = years if years else ("—", "—")
    st.caption(
        word(
            page,
            spec["definition"],
            first=first,
            last=last,
            basis=t.maybe(f"basis_{basis}", str(basis)),
            count=number(value, lang),
        )
    )
    return list(row["source_ids"])


def sustained_share_figure(page: PageContext, code: str, spec: dict) -> list[str]:
    """The catalogue's sustained share, with what it leaves out: closures never
    investigated ({not_investigated}) and allegations without a published finding
    ({without}), beside its counts ({sustained} of {investigated})."""
    return catalogue_share(page, code, {**spec, "measure": "sustained_share"})


def catalogue_share(page: PageContext, code: str, spec: dict) -> list[str]:
    """Any share of the catalogue over a jurisdiction's allegations, all years: {numerator}
    of {denominator}, 95% interval {low} to {high}."""
    t, lang = page.t, page.lang
    measure = spec["measure"]
    counts = catalogue.allegation_counts(measure, code, None).iloc[0]
    value, low, high = catalogue.figures(
        measure, counts["numerator"], counts["denominator"], counts["deff"]
    )
    row = headline(code)
    if row is None or pd.isna(value):
        st.metric(word(page, spec["label"]), t("no_data"))
        return NO_SOURCES
    st.metric(word(page, spec["label"]), percent(value, lang))
    numerator, denominator = number(counts["numerator"], lang), number(counts["denominator"], lang)
    words = dict(
        numerator=numerator,
        denominator=denominator,
        sustained=numerator,  # the sustained share's own names for them
        investigated=denominator,
        low=percent(low, lang),
        high=percent(high, lang),
        not_investigated=number(counts["not_investigated"], lang),
        without=number(row["allegations"] - row["with_finding"], lang),
    )
    st.caption(word(page, spec["definition"], **words))
    return list(row["source_ids"])


def penalty_vs_recommendation(page: PageContext, code: str, spec: dict) -> list[str]:
    t, lang = page.t, page.lang
    rows = data.query("overview_penalty_vs_recommendation").set_index("jurisdiction")
    if code not in rows.index or not rows.loc[code, "both_known"]:
        st.metric(word(page, spec["label"]), t("no_data"))
        return NO_SOURCES
    versus = rows.loc[code]
    st.metric(word(page, spec["label"]), percent(versus["below"] / versus["both_known"], lang))
    st.caption(
        word(
            page,
            spec["definition"],
            below=number(versus["below"], lang),
            both=number(versus["both_known"], lang),
            same=number(versus["same"], lang),
            above=number(versus["above"], lang),
        )
    )
    return list(versus["source_ids"])


def compare_measure(page: PageContext, code: str, spec: dict) -> list[str]:
    """The all-regions figure of a Compare measure: the one Compare shows."""
    t, lang = page.t, page.lang
    measure = rm.jurisdictions()[code].measure(spec["measure"])
    whole = measure.load(code, None, None, None)
    figure = rm.overall(measure, code, None, None)
    if figure is None or whole.empty:
        st.metric(word(page, spec["label"]), t("no_data"))
        return list(measure.source_ids)
    value, low, high = figure
    decimals = spec.get("decimals", measure.decimals)
    st.metric(word(page, spec["label"]), number(value, lang, decimals))
    st.caption(
        word(
            page,
            spec["definition"],
            numerator=number(whole["numerator"].sum(), lang),
            denominator=number(whole["denominator"].sum(), lang),
            low=number(low, lang, decimals),
            high=number(high, lang, decimals),
        )
    )
    return list(measure.source_ids)


def statistic(page: PageContext, code: str, spec: dict) -> list[str]:
    """A published statistic summed over `subjects`, or one figure per subject."""
    t, lang = page.t, page.lang
    also = spec.get("also", {})
    rows = data.query(
        "overview_statistics", jurisdiction=code, measures=[spec["measure"], *also.values()]
    )
    main = rows[rows["measure"] == spec["measure"]]
    if spec.get("latest_year") and len(main):
        # the latest year published (for every subject alike), never a sum over years
        main = main[main["year"] == main["year"].max()]
    subjects = spec.get("subjects") or sorted(set(main["subject"].dropna()))
    by_subject = main.groupby("subject")["value"].sum()
    if not subjects or not set(subjects) <= set(by_subject.index):
        st.metric(word(page, spec["label"]), t("no_data"))
        return NO_SOURCES
    read = main[main["subject"].isin(subjects)]
    year = read["year"].max()
    year = int(year) if pd.notna(year) else "—"
    if spec.get("each_subject"):
        st.markdown(f"**{word(page, spec['label'])}**")
        for column, subject in zip(st.columns(len(subjects)), subjects, strict=True):
            label = say(spec["subject_labels"][subject], lang, year=year)
            column.metric(label, number(by_subject[subject], lang))
    else:
        st.metric(word(page, spec["label"]), number(by_subject[subjects].sum(), lang))
    values = {subject: number(by_subject[subject], lang) for subject in subjects}
    for key, measure in also.items():
        other = rows[rows["measure"] == measure]
        values[key] = number(other["value"].iloc[0], lang) if len(other) else t("no_data")
    confidence = read["confidence"].dropna()
    st.caption(
        word(
            page,
            spec["definition"],
            **values,
            year=year,
            confidence=t(f"confidence_{confidence.iloc[0]}") if len(confidence) else "—",
        )
        + f" {t('reported_by')} "
        + links(" | ".join(read["source_url"].dropna()), None)
    )
    return sorted(
        set(read["source_id"]) | set(rows[rows["measure"].isin(also.values())]["source_id"])
    )


def regional_statistic_note(page: PageContext, code: str, spec: dict) -> list[str]:
    lang = page.lang
    rows = data.query(
        "overview_regional_statistic",
        jurisdiction=code,
        measure=spec["measure"],
        level=spec["level"],
    )
    if rows.empty:
        return NO_SOURCES
    row = rows.iloc[0]
    st.info(
        word(
            page,
            spec["definition"],
            total=number(row["total"], lang),
            year=int(row["year"]),
            regions=int(row["regions"]),
        )
    )
    return list(row["source_ids"])


KINDS = {
    "allegation_count": allegation_count,
    "sustained_share": sustained_share_figure,
    "catalogue_share": catalogue_share,
    "penalty_vs_recommendation": penalty_vs_recommendation,
    "compare_measure": compare_measure,
    "statistic": statistic,
    "regional_statistic_note": regional_statistic_note,
}


def draw(page: PageContext, code: str, spec: dict) -> list[str]:
    return KINDS[spec["kind"]](page, code, spec)
