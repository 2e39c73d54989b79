"""How to point to, cite and download what a page shows, the same on every page.

- `render_share(page, ...)`, called once at the end of each page: the permalink (the page's
  address with its current query parameters: every view state is one, ui/state.py) and a
  citation naming the page, its filters, the publishers of the sources its charts and
  figures showed (`PageContext.cite`), the warehouse's build date, the day and the link.
- `chart_download(...)`: the CSV of a chart's table (exports/table_csv.py neutralises
  formula cells) with provenance columns, under a name that says what it holds
  (exports/filenames.py).
- `page_link(...)`: the address of another page's view, for notes that point elsewhere.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st

from exports.filenames import download_name
from exports.table_csv import frame_csv
from ui import data

if TYPE_CHECKING:
    from ui.page import PageContext

FIRST = ("page", "lang")  # first in every link, in this order
NOT_FILTERS = {"page", "lang", "sort", "table"}  # parameters that choose no rows
PROVENANCE = ("source_ids", "source_publishers", "source_retrieved_at", "warehouse_built_at")


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def current_params() -> dict[str, str]:
    """The view's query parameters, page and language first."""
    values = st.query_params.to_dict()
    ordered = {name: values[name] for name in FIRST if name in values}
    ordered.update({k: v for k, v in values.items() if k not in FIRST and v not in (None, "")})
    return ordered


def page_link(params: Mapping[str, object], anchor: str | None = None) -> str:
    """The address of a view: the server's address when it is known (a browser), else the
    query string alone, which is relative to the dashboard's address."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    fragment = f"#{quote(anchor)}" if anchor else ""
    return f"{st.context.url or ''}?{query}{fragment}"


def permalink(params: Mapping[str, object] | None = None) -> str:
    """This view's address: page and language, then `params` (default: every other query
    parameter of the page, in their order)."""
    current = current_params()
    values = {name: current[name] for name in FIRST if name in current}
    if params is None:
        params = {k: v for k, v in current.items() if k not in FIRST}
    values.update({k: v for k, v in params.items() if v is not None})
    return page_link(values)


def build_date() -> str | None:
    """When the warehouse was built (table build_info), as a date."""
    rows = data.query("build_info")
    built = dict(zip(rows["key"], rows["value"], strict=True)).get("built_at")
    return str(built)[:10] if built else None


def describe_params(page: PageContext, params: Mapping[str, object]) -> str:
    """The filters of a view in words: 'jurisdiction: New York City; from: 2010'; a
    jurisdiction or region is named as the warehouse names it."""
    t = page.t
    names = data.query("jurisdiction_names")
    column = "name_fr" if page.lang == "fr" else "name_en"
    regions = data.query("explore_regions")
    places = dict(zip(regions["region_id"], regions["name"], strict=True))
    places.update({row.code: getattr(row, column) or row.name_en for row in names.itertuples()})
    parts = [
        t(
            "share_filter_value",
            name=t.maybe(f"share_param_{name}", name.replace("_", " ")),
            value=places.get(str(value), value),
        )
        for name, value in params.items()
        if name not in NOT_FILTERS and value not in (None, "")
    ]
    return t("share_separator").join(parts) or t("share_no_filter")


def citation(
    page: PageContext,
    title: str,
    filters: str,
    sources: pd.DataFrame,
    link: str,
    count: str | None = None,
) -> str:
    """A ready-to-paste citation in the page's language: project, view and filters, (rows),
    sources with their publishers, build date of the warehouse, day accessed, link."""
    t = page.t
    cited = t("share_separator").join(
        t(
            "share_cite_source",
            publisher=row.publisher,
            title=row.title,
            retrieved=row.retrieved_at,
            licence=row.licence,
        )
        for row in sources.itertuples()
    )
    return t(
        "share_cite_text",
        project=t("app_title"),
        view=title,
        filters=filters,
        count=t("share_cite_count", count=count) if count is not None else "",
        sources=cited or t("share_cite_no_source"),
        built=build_date() or t("share_unknown_date"),
        accessed=today().isoformat(),
        link=link,
    )


def render_share(
    page: PageContext,
    title: str | None = None,
    *,
    params: Mapping[str, object] | None = None,
    filters: str | None = None,
    count: str | None = None,
    source_ids: list[str] | None = None,
) -> str:
    """The permalink and the citation of this view, side by side; returns the permalink.

    `title`: the page's (default: its name in the menu); `params`: the view's parameters
    (default: the page's query parameters); `filters`: those in words (default: derived);
    `count`: the rows shown, formatted; `source_ids`: sources cited beyond those the page's
    charts and figures cited (`page.cite`)."""
    t = page.t
    current = current_params()
    title = title or t(f"page_{current.get('page', 'overview')}")
    link = permalink(params)
    shown = {k: v for k, v in current.items() if k not in FIRST} if params is None else params
    ids = sorted({*page.cited, *(source_ids or [])} - {None})
    sources = data.query("sources_by_id", source_ids=ids)
    text = citation(page, title, filters or describe_params(page, shown), sources, link, count)
    st.divider()
    left, right = st.columns(2)
    with left:
        st.header(t("share_link_heading"))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("share_link_absolute" if link.startswith("http") else "share_link_relative"))
    with right:
        st.header(t("share_cite_heading"))
        st.code(text, language=None, wrap_lines=True)
    return link


def file_name(table: str, extension: str = "csv") -> str:
    """A download's name from the table and the view's query parameters: `jurisdiction`,
    `year_from` and `year_to` in their places, the other filters' values after them in the
    link's order (a section's own jurisdiction or years, e.g. `penalty_jurisdiction`, are
    named as filters: they may not be the table's)."""
    params = {k: v for k, v in current_params().items() if k not in NOT_FILTERS}
    placed = ("jurisdiction", "year_from", "year_to")
    return download_name(
        table.removesuffix("_table"),
        today(),
        jurisdiction=params.get("jurisdiction"),
        years=(params.get("year_from"), params.get("year_to")),
        filters=[v for k, v in params.items() if k not in placed],
        extension=extension,
    )


def with_provenance(table: pd.DataFrame, source_ids: list[str]) -> pd.DataFrame:
    """The table with its sources, their publishers and retrieval dates and the warehouse's
    build date in every row (columns a table already has are left as they are; no source
    columns without `source_ids`: a table of the sources themselves)."""
    values = {"warehouse_built_at": build_date() or ""}
    if source_ids:
        sources = data.query("sources_by_id", source_ids=sorted(set(source_ids)))
        values["source_ids"] = "; ".join(sources["source_id"])
        values["source_publishers"] = "; ".join(dict.fromkeys(sources["publisher"]))
        values["source_retrieved_at"] = "; ".join(str(d) for d in sources["retrieved_at"])
    frame = table.copy()
    for column in PROVENANCE:
        if column in values and column not in frame.columns:
            frame[column] = values[column]
    return frame


def _table_file(table: pd.DataFrame, source_ids: list[str]) -> bytes:
    return frame_csv(with_provenance(table, source_ids))


def chart_download(
    label: str, table: pd.DataFrame, source_ids: list[str], key: str, name: str | None = None
) -> None:
    """The download of a chart's table, with provenance, named after what it holds (`name`:
    a table that no filter of the page changes)."""
    st.download_button(
        label,
        # A callable: provenance added and encoded only when someone clicks, not on every
        # rerun of the page.
        functools.partial(_table_file, table, list(source_ids)),
        file_name=name or file_name(key),
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",  # no rerun: the other buttons' files stay valid
    )
