"""Compare regions: one measure across the districts, precincts, forces or départements of one
jurisdiction, on a map and in a ranking with 95% intervals, and two regions side by side.

Every filter is a query parameter (views/compare/choosers.py). What can be compared, and
how, comes from the warehouse and queries/measures/comparisons.toml (registry.py): this page
knows no jurisdiction.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from ui import data
from ui.page import PageContext
from ui.share import render_share
from views.compare import choosers
from views.compare.charts import draw_map, draw_ranking
from views.compare.figures import EXCLUDED, OK, SMALL, compute, small_threshold
from views.compare.registry import COUNT, RATE, RATIO, SHARE, Jurisdiction, Level, Measure
from views.compare.whole_only import render_whole_only
from views.compare.wording import (
    level_name,
    level_plural,
    measure_word,
    number,
    region_label,
    say,
    status_labels,
    value_text,
)


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("page_compare"))
    st.write(t("compare_intro"))

    where = st.columns([2, 3, 3])
    with where[0]:
        jurisdiction = choosers.choose_jurisdiction(page)
    with where[1]:
        level = choosers.choose_level(page, jurisdiction)
    what = st.columns([5, 3])
    with what[0]:
        measure = choosers.choose_measure(page, jurisdiction)
    with what[1]:
        year_from, year_to = choosers.choose_years(page, jurisdiction, level, measure)
    render_whole_only(page, jurisdiction)  # what it publishes for the whole only, linked

    frame, unplaced = figures(t, jurisdiction, level, measure, year_from, year_to)
    view = View(page, jurisdiction, level, measure, year_from, year_to, frame, unplaced)
    _explain(view)
    _side_by_side(view)
    draw_map(view)
    draw_ranking(view)
    render_share(page, source_ids=list(measure.source_ids))


def figures(t, jurisdiction, level, measure, year_from, year_to) -> tuple[pd.DataFrame, dict]:
    """The measure for every region of the level, with the words the charts show, and the
    whole jurisdiction's figures; computed once per warehouse version and view."""
    frame, unplaced = _figures(t, jurisdiction, level, measure, year_from, year_to)
    return frame.copy(deep=False), dict(unplaced)  # the remembered ones stay as they are


@data.per_version
def _figures(t, jurisdiction, level, measure, year_from, year_to) -> tuple[pd.DataFrame, dict]:
    regions = data.query(
        "compare_regions", level=level.key, prefix=level.prefix, vintage=level.vintage
    )
    regions["label"] = [region_label(t, t.lang, level, row) for row in regions.itertuples()]
    retired = regions.loc[regions["retired"], "region_id"]
    not_ranked = dict.fromkeys(retired, "note_retired_not_ranked")
    frame, unplaced = compute(
        measure,
        level,
        list(regions["region_id"]),
        year_from,
        year_to,
        jurisdiction=jurisdiction.key,
        not_ranked=not_ranked,
    )
    return _described(frame.merge(regions, on="region_id"), t, measure), unplaced


class View:
    """The choices and the computed frame, with the wording helpers that depend on them."""

    def __init__(self, page, jurisdiction, level, measure, year_from, year_to, frame, unplaced):
        self.page, self.t = page, page.t
        self.jurisdiction: Jurisdiction = jurisdiction
        self.level: Level = level
        self.measure: Measure = measure
        self.year_from, self.year_to, self.frame = year_from, year_to, frame
        self.unplaced: dict = unplaced
        self.chosen: list[str] = []  # the two regions side by side, outlined on the charts
        self.plural = level_plural(self.t, level)
        self.name = self.word("name")
        self.unit = self.word("unit")

    def word(self, field: str) -> str:
        return measure_word(self.measure, field, self.page.lang)

    def unplaced_line(self) -> str | None:
        """The share of the figures placed in no region, shown beside every region figure."""
        unplaced, lang = self.unplaced, self.page.lang
        if not unplaced.get("numerator"):
            return None
        share = unplaced["numerator"] / unplaced["total"] * 100
        value = unplaced.get("unplaced_value")
        return self.t(
            "card_unplaced",
            share=self.t("percent", value=number(share, 1, lang)),
            level=level_name(self.t, self.level),
            value=""
            if value is None
            else self.t("card_unplaced_value", value=value_text(self.t, lang, self.measure, value)),
        )

    def years_text(self) -> str:
        if self.year_from is None:
            return say(self.t, self.page.lang, self.measure.period_label)
        return self.t("years_span", low=self.year_from, high=self.year_to)

    def with_interval(self, row) -> str:
        if pd.isna(row["lower"]):
            return row["value_label"]
        return self.t(
            "with_ci",
            value=row["value_label"],
            low=number(row["lower"], self.measure.decimals, self.page.lang),
            high=number(row["upper"], self.measure.decimals, self.page.lang),
        )


def _described(frame: pd.DataFrame, t, measure: Measure) -> pd.DataFrame:
    """Add the text the charts and cards show: value, interval, status, note."""
    lang = t.lang
    frame = frame.copy()
    frame["value_label"] = [value_text(t, lang, measure, value) for value in frame["value"]]
    frame["interval_label"] = [
        "—"
        if pd.isna(low)
        else t(
            "interval_range",
            low=number(low, measure.decimals, lang),
            high=number(high, measure.decimals, lang),
        )
        for low, high in zip(frame["lower"], frame["upper"], strict=True)
    ]
    frame["status_label"] = [status_labels(t)[status] for status in frame["status"]]
    notes = []
    for row in frame.itertuples():
        parts = []
        if isinstance(row.missing_reason, str | dict):
            parts.append(say(t, lang, row.missing_reason))
        if row.partial_years:
            parts.append(t("note_partial_years", first=row.first_year, last=row.last_year))
        notes.append("; ".join(parts))
    frame["note"] = notes
    return frame


def _explain(view: View) -> None:
    """The jurisdiction's notes, then definition, denominator and caveats, next to the
    figures they qualify."""
    t, measure, lang = view.t, view.measure, view.page.lang
    for title, text in view.jurisdiction.notes:
        if title:
            st.header(say(t, lang, title))
        st.info(say(t, lang, text))
    st.markdown(t("definition_line", name=view.name, text=view.word("definition")))
    if measure.definition.query == "allegation_share":
        jurisdiction = view.jurisdiction
        basis = t.maybe(f"year_basis_{jurisdiction.year_basis}", "")
        placed = say(t, lang, jurisdiction.allegation_note) if jurisdiction.allegation_note else ""
        if basis or placed:
            st.caption(" ".join(part for part in (basis, placed) if part))
    if measure.kind != COUNT:
        st.caption(
            t(
                "denominator_line",
                text=view.word("denominator_label"),
                interval=t(f"interval_{measure.definition.interval}"),
            )
        )
    if measure.catalogue_id == "sustained_share" and view.unplaced.get("not_investigated"):
        reason = view.jurisdiction.not_investigated_reason
        st.caption(
            t(
                "not_investigated_note",
                count=number(view.unplaced["not_investigated"], 0, lang),
                reason=t("reason_in_brackets", reason=say(t, lang, reason)) if reason else "",
            )
        )
    if measure.kind == SHARE:
        st.caption(t("small_rule_share", threshold=small_threshold(measure)))
    elif measure.kind == RATE:
        st.caption(t("small_rule_rate", threshold=small_threshold(measure)))
    if measure.caveat:
        denominators = view.frame.set_index("region_id")["denominator"]
        values = {
            name: number(denominators.get(region_id), 0, lang)
            for name, region_id in measure.caveat_values
        }
        st.warning(say(t, lang, measure.caveat, **values))
    unplaced = view.unplaced
    if unplaced["numerator"] > 0:
        share = unplaced["numerator"] / unplaced["total"] * 100
        st.caption(
            say(
                t,
                lang,
                view.jurisdiction.unplaced_note or "unplaced_generic",
                count=number(unplaced["numerator"], 0, lang),
                total=number(unplaced["total"], 0, lang),
                share=t("percent", value=number(share, 1, lang)),
                what=view.word("numerator_label"),
                level=level_name(t, view.level),
            )
        )


def _side_by_side(view: View) -> None:
    t, frame = view.t, view.frame
    st.header(t("side_by_side"))
    ranked = frame[frame["status"] == OK].sort_values("value", ascending=False)
    if len(ranked) >= 2:
        default_a, default_b = ranked["region_id"].iloc[0], ranked["region_id"].iloc[-1]
    else:
        default_a, default_b = frame["region_id"].iloc[0], frame["region_id"].iloc[-1]
    cards = st.columns(2)
    chosen = []
    for column, name, default in zip(
        cards, ("region_a", "region_b"), (default_a, default_b), strict=True
    ):
        with column:
            region_id = choosers.choose_region(view.page, name, frame, default)
            row = frame.set_index("region_id").loc[region_id]
            _card(view, row)
            chosen.append(row)
    a, b = chosen
    view.chosen = list(dict.fromkeys([a.name, b.name]))
    if a.name != b.name and a["status"] == OK and b["status"] == OK and pd.notna(a["lower"]):
        apart = a["upper"] < b["lower"] or b["upper"] < a["lower"]
        key = "intervals_apart" if apart else "intervals_overlap"
        st.markdown(t(key, a=a["label"], b=b["label"]))


def _card(view: View, row: pd.Series) -> None:
    t, measure, lang = view.t, view.measure, view.page.lang
    known = int(view.frame["rank"].notna().sum())
    with st.container(border=True):
        st.metric(row["label"], row["value_label"])
        lines = [f"*{view.unit}*"]
        if pd.notna(row["lower"]):
            lines.append(
                t(
                    "interval_line",
                    low=number(row["lower"], measure.decimals, lang),
                    high=number(row["upper"], measure.decimals, lang),
                )
            )
        numerator_decimals = measure.decimals if measure.kind == RATIO else 0
        numerator = number(row["numerator"], numerator_decimals, lang)
        lines.append(t("label_value", label=view.word("numerator_label"), value=numerator))
        if measure.kind != COUNT:
            denominator = number(row["denominator"], 0, lang)
            lines.append(t("label_value", label=view.word("denominator_label"), value=denominator))
        if pd.notna(row["rank"]):
            lines.append(t("rank_line", rank=int(row["rank"]), count=known))
        elif row["status"] == EXCLUDED:
            lines.append(t("no_rank_excluded"))
        else:
            lines.append(t("no_rank"))
        st.markdown("  \n".join(lines))
        if row["status"] == SMALL:
            st.warning(t("status_small"))
        if row["note"]:
            st.caption(row["note"])
        unplaced = view.unplaced_line()
        if unplaced:
            st.caption(unplaced)
        page_link = urlencode({"page": "region", "lang": lang, "region": row.name})
        st.markdown(t("card_region_link", url=f"{st.context.url or ''}?{page_link}"))
