"""Each observation of a rule, filtered by status and year (all in the link), with its
evidence and source, and the same rows as CSV."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from exports.filenames import download_name
from exports.table_csv import query_csv
from ui import data
from ui.i18n import column_in_language, in_language, translated_mark
from ui.page import PageContext, licence_text
from ui.share import today
from views.directives.wording import STATUSES, iso_date, number, status_label

UNDATED = "undated"


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
        file_name=download_name(
            "observations", today(), filters=[v for v in (rule_id, status, year) if v != "all"]
        ),
        mime="text/csv",
        key=f"{prefix}_observations_csv",
        on_click="ignore",  # no rerun: the other buttons' files stay valid
    )
    evidence, evidence_header = column_in_language(
        t, rows["evidence"], rows["evidence_fr"], "col_evidence", "col_evidence_plain"
    )
    shown = pd.DataFrame(
        {
            "date": [iso_date(d) for d in rows["observed_date"]],
            "status": [status_label(t, s) for s in rows["status"]],
            "confidence": [t(f"confidence_flag_{c}") for c in rows["confidence"]],
            "scope": rows["scope_id"],
            "region": rows["region_name"],
            "evidence": evidence,
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
            "evidence": st.column_config.TextColumn(evidence_header, width="large"),
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
        for field in ("evidence", "method"):
            text, kind = in_language(page.lang, row[field], row[f"{field}_fr"])
            label = f"selected_{field}" if kind == "english" else f"selected_{field}_plain"
            st.markdown(f"**{t(label)}** {text}{translated_mark(t, kind)}")
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
                        licence=licence_text(page, source),
                        retrieved=source.retrieved_at,
                    )
                )
        if isinstance(row["evidence_url"], str):
            st.markdown(t("selected_evidence_link", url=row["evidence_url"]))
        else:
            st.caption(t("selected_no_link"))
