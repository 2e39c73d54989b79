"""Words and numbers every section of the Directives page shares: the status vocabulary and
colours, number and percent formats in both languages, rates with their intervals, links."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui import charts, names
from ui.page import PageContext
from ui.rates import proportion_with_interval

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


OK, SMALL, NO_VALUE = charts.OK, charts.SMALL, charts.NO_VALUE


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


def status_colours(t, present: list[str]) -> alt.Color:
    """The statuses present, in their fixed colours and order, with the legend below."""
    return alt.Color(
        "status_label:N",
        scale=alt.Scale(
            domain=[status_label(t, s) for s in present],
            range=[STATUS_COLOURS[s] for s in present],
        ),
        legend=alt.Legend(title=t("axis_status"), orient="bottom", columns=4, labelLimit=300),
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


def directive_title(page: PageContext, row) -> str:
    french = row["title_fr"] if page.lang == "fr" else None
    return french if isinstance(french, str) and french else row["title"]


def jurisdiction_name(t, code: str) -> str:
    """The name of the warehouse's jurisdictions table, in the page's language."""
    return names.jurisdiction_name(code, t.lang)


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
