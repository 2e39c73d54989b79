"""Explore and download: exactly the rows behind any view, with provenance and a permalink.

Three tables (allegations, published figures, directive observations), each with filters
whose options carry Datasette-like facet counts (one grouped query per filter, computed
under all the other filters). Every filter and the sort live in the address, validated; the
CSV and the zip data package are built from the same named query and parameters as the
table on screen, without its row limit, so the files are exactly the filtered rows.

The tables and their filters are declared in views/explore_tables.py; the sources under the
rows are views/explore_provenance.py; the permalink and citation, the same on every page,
ui/share.py.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from exports import datapackage, gate
from exports.filenames import download_name
from ui import data
from ui.page import PageContext
from ui.share import permalink, render_share, today
from ui.years import year_range
from views.explore_provenance import render_sources
from views.explore_tables import (
    DATE_COLUMNS,
    TABLES,
    UNKNOWN,
    UNKNOWN_KEYS,
    VALUE_KEYS,
    Table,
)

PAGE_ROWS = 1_000  # rows shown on screen; the downloads hold all of them


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("page_explore"))
    st.markdown(t("explore_intro"))
    table = choose_table(page)
    view = read_view(page, table)
    chosen = filter_widgets(page, table, view)
    if chosen != view:
        if chosen["jurisdiction"] != view["jurisdiction"]:
            chosen["region"] = None  # regions belong to a jurisdiction: start again below it
        page.state.set(**url_values(table, chosen))
        st.rerun()  # so that every option's count reflects the new filters
    page.state.set(**url_values(table, view))

    count = int(data.query(table.count_query, **filter_params(table, view))["row_count"].iloc[0])
    render_rows(page, table, view, count)
    sources = contributing_sources(table, view)
    params = {"table": table.name, **url_values(table, view)}
    link = permalink(params)
    render_downloads(page, table, view, count, link)
    render_sources(page, sources)
    render_share(
        page,
        t(f"table_{table.name}"),
        params=params,
        filters=describe_view(page, table, view),
        count=number(count, page.lang),
        source_ids=list(sources["source_id"]),
    )


# -- state ------------------------------------------------------------------------------


def choose_table(page: PageContext) -> Table:
    t, state = page.t, page.state
    linked = state.choice("table", list(TABLES), "allegations")
    chosen = st.radio(
        t("table_choice"),
        list(TABLES),
        index=list(TABLES).index(linked),
        format_func=lambda name: t(f"table_{name}"),
        horizontal=True,
    )
    if chosen != linked:
        # Another table has other filters: start it from its defaults.
        state.clear_except({"lang", "page"})
        state.set(table=chosen)
        st.rerun()
    state.set(table=chosen)
    st.markdown(t(f"definition_{chosen}"))
    return TABLES[chosen]


def empty_view(table: Table) -> dict:
    return {
        **dict.fromkeys(table.facets),
        "year_from": None,
        "year_to": None,
        "sort": table.default_sort,
        "descending": False,
    }


def read_view(page: PageContext, table: Table) -> dict:
    """The filters and sort from the address; unknown values are dropped with a notice."""
    state = page.state
    view = empty_view(table)
    for facet in table.facets:  # jurisdiction first: the regions known depend on it
        known = known_values(table, facet, view)
        view[facet] = state.choice(facet, known, None)
    first, last = year_bounds(table)
    year_from = state.integer("year_from", first, last, first)
    year_to = state.integer("year_to", first, last, last)
    if year_from > year_to:
        state.notices.extend([("year_from", str(year_from)), ("year_to", str(year_to))])
        year_from, year_to = first, last
    # A bound at the end of the range is no bound: rows without a year stay in.
    view["year_from"] = year_from if year_from > first else None
    view["year_to"] = year_to if year_to < last else None
    sort = state.raw("sort")
    if sort is not None:
        column = sort.removeprefix("-")
        if column in table.sortable:
            view["sort"], view["descending"] = column, sort.startswith("-")
        else:
            state.notices.append(("sort", sort))
    return view


def known_values(table: Table, facet: str, view: dict) -> list[str]:
    """Every value a filter can take: over the whole table, or for a region, within the
    chosen jurisdiction (so a region of another jurisdiction is refused)."""
    params = dict.fromkeys(table.facets)
    if facet == "region":
        params["jurisdiction"] = view["jurisdiction"]
    frame = data.query(table.facet_query, facet=facet, year_from=None, year_to=None, **params)
    return list(frame["value"])


def year_bounds(table: Table) -> tuple[int, int]:
    bounds = data.query("explore_year_bounds").set_index("table_name").loc[table.name]
    return int(bounds["first_year"]), int(bounds["last_year"])


def url_values(table: Table, view: dict) -> dict:
    sort = None
    if view["sort"] != table.default_sort or view["descending"]:
        sort = ("-" if view["descending"] else "") + view["sort"]
    return {
        **{facet: view[facet] for facet in table.facets},
        "year_from": view["year_from"],
        "year_to": view["year_to"],
        "sort": sort,
    }


def filter_params(table: Table, view: dict) -> dict:
    return {
        **{facet: view[facet] for facet in table.facets},
        "year_from": view["year_from"],
        "year_to": view["year_to"],
    }


def rows_params(table: Table, view: dict, limit: int | None) -> dict:
    """The parameters of the rows query: the table on screen (limit) and the downloads
    (limit None) differ in nothing else."""
    return {
        **filter_params(table, view),
        "sort": view["sort"],
        "descending": view["descending"],
        "limit": limit,
    }


# -- filters ----------------------------------------------------------------------------


def facet_counts(table: Table, view: dict, facet: str) -> pd.DataFrame:
    return data.query(table.facet_query, facet=facet, **filter_params(table, view))


def filter_widgets(page: PageContext, table: Table, view: dict) -> dict:
    """One select per filter, options labelled with their count under the other filters;
    returns the view as the widgets now say.

    Four to a row, each row its own columns, so that the Tab key goes through them in the
    order they read (columns filled one below the other would be visited column by column).
    """
    t = page.t
    chosen = dict(view)
    st.header(t("filters"))
    slots = grid_slots(len(table.facets))
    regions = data.query("explore_regions").set_index("region_id")
    names = jurisdiction_names(page.lang)
    for slot, facet in zip(slots, table.facets, strict=True):
        counts = facet_counts(table, view, facet)
        counted = dict(zip(counts["value"], counts["row_count"], strict=True))
        options = [None, *counted]
        # Every jurisdiction stays on offer, even at (0): it is where people start. Other
        # values the filters leave empty are hidden, except the current choice.
        extra = known_values(table, facet, view) if facet == "jurisdiction" else [view[facet]]
        options += [value for value in extra if value is not None and value not in counted]

        def label(value, facet=facet, counted=counted) -> str:
            if value is None:
                return t("all_values")
            name = value_label(t, facet, value, regions, names)
            return f"{name} ({number(counted.get(value, 0), page.lang)})"

        with slot:
            chosen[facet] = st.selectbox(
                t(f"filter_{facet}"),
                options,
                index=options.index(view[facet]),
                format_func=label,
                help=t("region_help") if facet == "region" else None,
            )
    years_from, years_to, sort = grid_slots(3)  # a row of their own: from and to together
    first, last = year_bounds(table)
    year_from, year_to = year_range(
        t,
        t("filter_years"),  # short, to fit a column; which year it is, in the help
        first,
        last,
        (view["year_from"] or first, view["year_to"] or last),
        key=f"explore_{table.name}_years",
        help=f"{t(table.years_key)}. {t('years_help')}",
        columns=(years_from, years_to),
    )
    chosen["year_from"] = year_from if year_from > first else None
    chosen["year_to"] = year_to if year_to < last else None
    with sort:
        chosen["sort"] = st.selectbox(
            t("sort_by"),
            table.sortable,
            index=table.sortable.index(view["sort"]),
            format_func=lambda column: t(f"col_{column}"),
        )
        chosen["descending"] = st.toggle(t("sort_descending"), value=view["descending"])
    return chosen


def grid_slots(count: int, per_row: int = 4) -> list:
    """`count` containers, `per_row` to a row, in reading order."""
    slots = []
    while len(slots) < count:
        slots.extend(st.columns(per_row))
    return slots[:count]


def jurisdiction_names(lang: str) -> dict[str, str]:
    """Jurisdiction code -> its name in the page's language, from the warehouse: a new
    jurisdiction is named on this page without page code."""
    names = data.query("jurisdiction_names")
    column = "name_fr" if lang == "fr" else "name_en"
    return {row.code: getattr(row, column) for row in names.itertuples() if getattr(row, column)}


def value_label(
    t, facet: str, value: str, regions: pd.DataFrame, names: dict[str, str] | None = None
) -> str:
    if facet == "jurisdiction" and names and value in names:
        return names[value]
    if value == UNKNOWN and facet in UNKNOWN_KEYS:
        return t(UNKNOWN_KEYS[facet])
    if facet == "region":
        if value not in regions.index:
            return value
        region = regions.loc[value]
        return f"{region['name']} · {t.maybe('level_' + region['level'], region['level'])}"
    prefix = VALUE_KEYS.get(facet)
    return t.maybe(prefix + value, value) if prefix else value


def describe_view(page: PageContext, table: Table, view: dict) -> str:
    """The filters in words, in the page's language: 'Jurisdiction: Chicago; Finding: ...'."""
    t = page.t
    regions = data.query("explore_regions").set_index("region_id")
    names = jurisdiction_names(page.lang)
    parts = [
        t(
            "filter_value",
            name=t(f"filter_{facet}"),
            value=value_label(t, facet, view[facet], regions, names),
        )
        for facet in table.facets
        if view[facet] is not None
    ]
    if view["year_from"] is not None or view["year_to"] is not None:
        first, last = year_bounds(table)
        years = f"{view['year_from'] or first}–{view['year_to'] or last}"
        parts.append(t("filter_value", name=t(table.years_key), value=years))
    return t("list_separator").join(parts) or t("no_filter")


# -- rows and downloads -----------------------------------------------------------------


def render_rows(page: PageContext, table: Table, view: dict, count: int) -> None:
    t, lang = page.t, page.lang
    st.markdown(
        t("rows_match", count=number(count, lang), filters=describe_view(page, table, view))
    )
    if count == 0:
        st.info(t("no_rows"))
        return
    sort = t(f"col_{view['sort']}") + (f" ({t('descending_note')})" if view["descending"] else "")
    if count > PAGE_ROWS:
        st.caption(
            t("rows_shown", shown=number(PAGE_ROWS, lang), sort=sort, count=number(count, lang))
        )
    else:
        st.caption(t("rows_all_shown", sort=sort))
    rows = data.query(table.rows_query, **rows_params(table, view, PAGE_ROWS))
    st.dataframe(
        rows,
        hide_index=True,
        column_config={column: column_config(t, column) for column in rows.columns},
        key=f"explore_{table.name}_rows",
    )


def column_config(t, column: str):
    label = t(f"col_{column}")
    if column in DATE_COLUMNS:
        return st.column_config.DateColumn(label, format="YYYY-MM-DD")
    if column in ("source_url", "evidence_url"):
        return st.column_config.LinkColumn(label)
    if column == "value":
        return st.column_config.NumberColumn(label, format="localized")
    return label


def render_downloads(page: PageContext, table: Table, view: dict, count: int, link: str) -> None:
    t, lang = page.t, page.lang
    st.header(t("downloads"))
    con = data.connection()
    params = rows_params(table, view, None)  # the same query as the table, every row
    name = partial(
        download_name,
        jurisdiction=view["jurisdiction"],
        years=(view["year_from"], view["year_to"]),
        filters=[view[facet] for facet in table.facets if facet != "jurisdiction"],
    )
    too_many = count > gate.max_download_rows()
    if too_many:
        st.info(
            t(
                "download_too_many",
                count=number(count, lang),
                limit=number(gate.max_download_rows(), lang),
            )
        )
    left, right = st.columns(2)
    with left:
        st.download_button(
            t("download_csv_all", count=number(count, lang)),
            # A callable: the file is built only when someone clicks, not on every rerun.
            data=partial(datapackage.csv_file, con, table.rows_query, params),
            file_name=name(table.name, today()),
            mime="text/csv",
            on_click="ignore",
            disabled=count == 0 or too_many,
            icon=":material/download:",
        )
    with right:
        st.download_button(
            t("download_zip"),
            data=partial(package_now, con, table.rows_query, params, link),
            file_name=name(f"{table.name}-datapackage", today(), extension="zip"),
            mime="application/zip",
            on_click="ignore",
            disabled=count == 0 or too_many,
            icon=":material/folder_zip:",
        )
    st.caption(t("download_help"))
    st.caption(t("whole_warehouse"))


def package_now(con, name: str, params: dict, link: str):
    return datapackage.package_file(con, name, params, link, dt.datetime.now(dt.UTC))


def contributing_sources(table: Table, view: dict) -> pd.DataFrame:
    """The sources of the matching rows: the source facet under the other filters, narrowed
    to the chosen source if there is one."""
    counts = facet_counts(table, view, "source")
    ids = [s for s in counts["value"] if view["source"] in (None, s)]
    return data.query("sources_by_id", source_ids=ids)


def number(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", "\u202f") if lang == "fr" else text  # 21 427 in French
