"""Sources and methodology: where every figure comes from and how labels were mapped."""

from __future__ import annotations

import functools

import streamlit as st

from exports.filenames import download_name
from exports.table_csv import query_csv
from ui import data
from ui.i18n import column_in_language, in_language, translated_mark
from ui.page import PageContext
from ui.share import chart_download, render_share, today

# Rows of the change list shown on screen; the CSV holds them all (same query, no limit).
CHANGES_SHOWN = 1000


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("sources_title"))
    st.write(t("sources_intro"))

    sources = data.query("sources_detail")
    st.header(t("all_sources"))
    summary_columns = [
        "source_id",
        "jurisdiction",
        "rows_read",
        "rows_loaded",
        "rows_rejected",
        "retrieved_at",
        "title",
        "publisher",
        "licence",
        "url",
        "sha256",
    ]
    licences, licence_header = column_in_language(
        t, sources["licence"], sources["licence_fr"], "col_licence", "col_licence"
    )
    sources = sources.assign(licence=licences)
    st.dataframe(
        sources[summary_columns],
        hide_index=True,
        height=36 * (len(sources) + 1) + 2,  # every source visible without scrolling
        column_order=summary_columns,
        column_config={
            "source_id": t("col_source"),
            "jurisdiction": t("col_jurisdiction"),
            "rows_read": st.column_config.NumberColumn(t("col_read"), format="localized"),
            "rows_loaded": st.column_config.NumberColumn(t("col_loaded"), format="localized"),
            "rows_rejected": st.column_config.NumberColumn(t("col_rejected"), format="localized"),
            "retrieved_at": t("col_retrieved"),
            "title": t("col_title"),
            "publisher": t("col_publisher"),
            "licence": licence_header,
            "url": st.column_config.LinkColumn(t("col_url")),
            "sha256": t("col_sha256"),
        },
    )
    every = download_name("sources", today())  # every source, whatever the link chose
    chart_download(t("download_sources"), sources[summary_columns], [], "sources", every)

    render_one_source(page, sources)
    render_changes(page)
    render_mappings(page)
    st.header(t("method_title"))
    st.markdown(t("method_text"))
    render_share(page, source_ids=[page.state.raw("source")])


def render_one_source(page: PageContext, sources) -> None:
    t = page.t
    st.header(t("one_source"))
    slugs = list(sources["source_id"])
    page.state.seed_widget("sources_source", page.state.choice("source", slugs, slugs[0]))
    chosen = st.selectbox(t("choose_source"), slugs, key="sources_source")
    page.state.set(source=chosen)
    row = sources.set_index("source_id").loc[chosen]
    licence, kind = in_language(page.lang, row["licence"], row["licence_fr"])
    licence += translated_mark(t, kind)
    st.subheader(row["title"])
    st.markdown(
        f"**{t('col_publisher')}:** [{row['publisher']}]({row['url']})  \n"
        f"**{t('col_licence')}:** {licence}  \n"
        f"**{t('col_retrieved')}:** {row['retrieved_at']} · **SHA-256:** `{row['sha256']}`  \n"
        f"**{t('col_read')}:** {row['rows_read']:,} · **{t('col_loaded')}:** "
        f"{row['rows_loaded']:,} · **{t('col_rejected')}:** {row['rows_rejected']:,}"
    )
    for key, column in (
        ("covers", "coverage"),
        ("does_not_cover", "not_covered"),
        ("caveats", "caveats"),
    ):
        text, kind = in_language(page.lang, row[column], row[f"{column}_fr"])
        if text:
            st.markdown(f"**{t(key)}.** {text}{translated_mark(t, kind)}")
    st.markdown(f"**{t('files')}**")
    st.dataframe(data.query("source_files_of_source", source_id=chosen), hide_index=True)
    st.markdown(f"**{t('reject_reasons')}**")
    reasons = data.query("reject_reasons_of_source", source_id=chosen)
    if reasons.empty:
        st.caption(t("no_rejects"))
    else:
        st.dataframe(reasons, hide_index=True)


def render_changes(page: PageContext) -> None:
    t = page.t
    st.header(t("changes_title"))
    st.write(t("changes_intro"))
    releases = data.query("changes_by_source")
    if releases.empty or (releases["release_number"] == 1).all():
        st.info(t("changes_first_release"))
        linked = page.state.raw("changes")
        if linked is not None:  # no release to compare: the link's choice cannot apply
            page.state.notices.append(("changes", linked))
            page.state.set(changes=None)
        return
    compared = releases[releases["release_number"] > 1]
    columns = [
        "source_id", "release_number", "retrieved_at", "previous_retrieved_at", "records",
        "added", "removed", "changed",
    ]  # fmt: skip
    st.dataframe(
        compared[columns],
        hide_index=True,
        column_order=columns,
        column_config={
            "source_id": t("col_source"),
            "release_number": t("col_release"),
            "retrieved_at": t("col_retrieved"),
            "previous_retrieved_at": t("col_previous_retrieved"),
            "records": st.column_config.NumberColumn(t("col_records"), format="localized"),
            "added": st.column_config.NumberColumn(t("col_added"), format="localized"),
            "removed": st.column_config.NumberColumn(t("col_removed"), format="localized"),
            "changed": st.column_config.NumberColumn(t("col_changed"), format="localized"),
        },
    )
    options = ["all", *compared["source_id"]]
    page.state.seed_widget("sources_changes", page.state.choice("changes", options, "all"))
    chosen = st.selectbox(
        t("changes_source"),
        options,
        key="sources_changes",
        format_func=lambda slug: t("changes_all_sources") if slug == "all" else slug,
    )
    page.state.set(changes=None if chosen == "all" else chosen)
    source_id = None if chosen == "all" else chosen
    picked = compared if source_id is None else compared[compared["source_id"] == source_id]
    total = int(picked[["added", "removed", "changed"]].sum().sum())
    if total == 0:
        st.caption(t("changes_none"))
        return
    rows = data.query("changes_since_last_release", source_id=source_id, row_limit=CHANGES_SHOWN)
    if total > len(rows):
        st.caption(t("changes_shown", shown=f"{len(rows):,}", total=f"{total:,}"))
    st.dataframe(rows, hide_index=True)
    st.download_button(
        t("download_changes"),
        # Built only when clicked: every changed record, from the same query as the table.
        functools.partial(
            query_csv,
            data.connection(),
            "changes_since_last_release",
            {"source_id": source_id, "row_limit": None},
        ),
        file_name=download_name("changes", today(), filters=[source_id or "all-sources"]),
        mime="text/csv",
        key="sources_changes_csv",
        on_click="ignore",  # no rerun: the other buttons' files stay valid
    )


def render_mappings(page: PageContext) -> None:
    t = page.t
    st.header(t("mapping_title"))
    st.write(t("mapping_intro"))
    page.state.seed_widget("sources_search", page.state.raw("q") or "")
    search = st.text_input(t("search_labels"), max_chars=200, key="sources_search")
    page.state.set(q=search or None)
    jurisdictions = list(data.query("outcome_map_jurisdictions")["jurisdiction"])
    options = ["all", *jurisdictions]
    page.state.seed_widget(
        "sources_map_jurisdiction", page.state.choice("map_jurisdiction", options, "all")
    )
    chosen = st.selectbox(
        t("jurisdiction"),
        options,
        key="sources_map_jurisdiction",
        format_func=lambda j: t("all_jurisdictions") if j == "all" else t.maybe(f"jur_{j}", j),
    )
    page.state.set(map_jurisdiction=None if chosen == "all" else chosen)
    outcome_tab, category_tab = st.tabs([t("outcome_labels"), t("category_labels")])
    with outcome_tab:
        labels = data.query(
            "outcome_map_search",
            search=search or None,
            jurisdiction=None if chosen == "all" else chosen,
        )
        st.caption(t("labels_found", count=f"{len(labels):,}"))
        st.dataframe(labels, hide_index=True)
    with category_tab:
        categories = data.query("category_map_search", search=search or None)
        st.caption(t("labels_found", count=f"{len(categories):,}"))
        st.dataframe(categories, hide_index=True)
