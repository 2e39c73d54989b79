"""The map and the ranking of the Compare page, each with its one-sentence reading, its
sources and the table behind it. `view` is the page's view (views/compare/page.py)."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from ui import chart_cache, charts, data
from ui.page import chart_footer
from views.compare.figures import OK, SMALL, small_threshold
from views.compare.figures import pooled as pooled_figure
from views.compare.registry import COUNT, RATE, RATIO, SHARE
from views.compare.wording import level_name, number, say, status_labels, value_text


def draw_map(view) -> None:
    t, frame, level = view.t, view.frame, view.level
    st.header(t("map_title", measure=view.name))
    shapes = _shapes(level.key, level.prefix, level.vintage, data.warehouse_version())
    properties = frame[["region_id", "label", "value", "status", *_LABEL_COLUMNS]]
    chart = functools.partial(
        charts.region_map,
        shapes,
        properties,
        lang=view.page.lang,
        highlighted=tuple(view.chosen),
        **_chart_titles(view),
    )
    reading = _map_reading(view)
    chart_cache.draw_built(chart, reading)
    chosen = frame.set_index("region_id").loc[view.chosen, "label"]
    if len(chosen):
        st.caption(t("chosen_outlined", names=" · ".join(chosen)))
    off_map = frame[~frame["has_shape"]]
    if not off_map.empty:
        items = "; ".join(
            t("label_value", label=row.label, value=row.value_label) for row in off_map.itertuples()
        )
        reason = say(t, view.page.lang, level.no_shape_reason or "no_shape_reason_generic")
        st.caption(t("not_on_map", reason=reason, items=items))
    table = _table(view)
    table[t("col_on_map")] = [t("yes") if has else t("no") for has in frame["has_shape"]]
    chart_footer(
        view.page,
        [*view.measure.source_ids, level.shape_source],
        reading,
        table,
        "compare_map_table",
    )


@st.cache_resource(max_entries=8, show_spinner=False)
def _shapes(level: str, prefix: str, vintage: str, version: float) -> pd.DataFrame:
    """Parsed map shapes, kept per warehouse version (read-only: never modified)."""
    shapes = data.query("compare_boundaries", level=level, prefix=prefix, vintage=vintage)
    return charts.parse_shapes(shapes)


def draw_ranking(view) -> None:
    t, frame, measure, lang = view.t, view.frame, view.measure, view.page.lang
    st.header(t("ranking_title", measure=view.name))
    small = frame[frame["status"] == SMALL]
    if not small.empty and measure.kind in (SHARE, RATE):
        key = "small_warning_share" if measure.kind == SHARE else "small_warning_rate"
        threshold = small_threshold(measure)
        st.warning(
            t(
                key,
                count=len(small),
                plural=view.plural,
                threshold=threshold,
                names="; ".join(small["label"]),  # names may hold commas
            )
        )
    # Shares and rates: the whole jurisdiction's figure (the same "all" figure as Overview);
    # counts and ratios: the regions shown added up.
    if measure.kind in (SHARE, RATE):
        pooled = view.unplaced["overall"]
    else:
        pooled = pooled_figure(measure, frame)
    reference = None
    if pooled is not None and measure.kind != COUNT:
        reference = pooled[0]
    chart = functools.partial(
        charts.ranked_bars,
        frame[["label", "value", "lower", "upper", "status", *_LABEL_COLUMNS]],
        lang=lang,
        no_data_text=t("no_data"),
        reference=reference,
        reference_label=t("all_together", plural=view.plural),
        label_title=level_name(t, view.level).capitalize(),
        highlighted=tuple(frame.set_index("region_id").loc[view.chosen, "label"]),
        **_chart_titles(view),
    )
    reading = _bars_reading(view, pooled)
    chart_cache.draw_built(chart, reading)
    if reference is not None:
        st.caption(
            t("reference_line", plural=view.plural, value=value_text(t, lang, measure, reference))
        )
    chart_footer(view.page, list(measure.source_ids), reading, _table(view), "compare_bars_table")


_LABEL_COLUMNS = ["value_label", "interval_label", "status_label"]


def _chart_titles(view) -> dict:
    t = view.t
    label = level_name(t, view.level).capitalize()
    return {
        "value_title": view.unit,
        "status_title": t("legend_grey"),
        "tooltip_titles": {
            "label": label,
            "value_label": view.unit,
            "interval_label": t("tooltip_interval"),
            "status_label": t("tooltip_status"),
        },
        "status_labels": status_labels(t),
    }


# -- readings: one sentence per chart, from the figures ----------------------------------


def _map_reading(view) -> str:
    t = view.t
    comparable = view.frame[view.frame["status"] == OK].sort_values("value", ascending=False)
    if comparable.empty:
        return t("reading_none", level=level_name(t, view.level))
    top, bottom = comparable.iloc[0], comparable.iloc[-1]
    return t(
        "reading_map",
        top=top["label"],
        top_value=view.with_interval(top),
        bottom=bottom["label"],
        bottom_value=view.with_interval(bottom),
        count=len(comparable),
        plural=view.plural,
        years=view.years_text(),
    )


def _bars_reading(view, pooled) -> str:
    t, measure, lang = view.t, view.measure, view.page.lang
    comparable = view.frame[view.frame["status"] == OK].sort_values("value", ascending=False)
    if comparable.empty or pooled is None:
        return t("reading_none", level=level_name(t, view.level))
    top, bottom = comparable.iloc[0], comparable.iloc[-1]
    if measure.kind == COUNT:
        total = pooled[0]
        return t(
            "reading_bars_count",
            what=view.word("numerator_label").lower(),
            count=int(view.frame["value"].notna().sum()),
            plural=view.plural,
            total=number(total, 0, lang),
            top=top["label"],
            top_value=top["value_label"],
            top_share=t("percent", value=number(top["value"] / total * 100, 1, lang)),
            years=view.years_text(),
        )
    pooled_row = {
        "value_label": value_text(t, lang, measure, pooled[0]),
        "lower": pooled[1],
        "upper": pooled[2],
    }
    if measure.kind == RATIO:
        return t(
            "reading_bars_ratio",
            plural=view.plural,
            pooled=pooled_row["value_label"],
            top=top["label"],
            top_value=top["value_label"],
            bottom=bottom["label"],
            bottom_value=bottom["value_label"],
            years=view.years_text(),
        )
    level = pooled[0]
    return t(
        "reading_bars_interval",
        plural=view.plural,
        pooled=view.with_interval(pooled_row),
        count=len(comparable),
        above=int((comparable["lower"] > level).sum()),
        below=int((comparable["upper"] < level).sum()),
    )


# -- the table behind both charts ---------------------------------------------------------


def _table(view) -> pd.DataFrame:
    """The figures of the chart as numbers (for copy-paste), with translated headers."""
    t, measure, frame = view.t, view.measure, view.frame
    decimals = measure.decimals + 1  # one more digit than shown, for re-use
    columns = {
        t("col_region"): frame["label"],
        t("col_region_id"): frame["region_id"],
        view.unit: frame["value"].round(decimals),
    }
    if measure.kind in (SHARE, RATE):
        columns[t("col_lower")] = frame["lower"].round(decimals)
        columns[t("col_upper")] = frame["upper"].round(decimals)
    columns[view.word("numerator_label")] = frame["numerator"].round(2)
    if measure.kind != COUNT:
        columns[view.word("denominator_label")] = frame["denominator"]
    # Plain ints and None: a pandas NA would not survive the CSV export of the footer.
    columns[t("col_rank")] = pd.Series(
        [None if pd.isna(rank) else int(rank) for rank in frame["rank"]], dtype=object
    )
    columns[t("col_status")] = frame["status_label"]
    columns[t("col_note")] = frame["note"]
    return pd.DataFrame(columns).reset_index(drop=True)
