"""The case behind the project: the featured case and directive of queries/overview.toml
([story]), read from the cases register and the directives table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from ui.i18n import in_language, translated_mark
from ui.page import PageContext, links, requirement_quote
from views.overview.declared import say, story
from views.overview.format import event_date, source_caption


def render_story(page: PageContext) -> None:
    t, lang = page.t, page.lang
    featured = story()
    st.header(t("story_title"))
    st.write(say(featured["intro"], lang))
    events = data.query("overview_case_events", case_prefix=featured["case"])
    if events.empty:
        st.info(t("no_data"))
    else:
        render_events(page, events, featured)
    render_directive(page, featured)


def render_events(page: PageContext, events: pd.DataFrame, featured: dict) -> None:
    t = page.t
    confidence_rank = ["low", "medium", "high"]
    weakest = min(events["confidence"], key=confidence_rank.index)
    first = events.iloc[0]  # the judgment event that would trigger the directive
    derived = first["derived_status"]
    # st.info, not st.warning: warnings are the page's notices about ignored link values.
    st.info(
        say(
            featured["caution"],
            page.lang,
            confidence=t(f"confidence_{weakest}"),
            judgment=judgment_text(t, first),
            status=t.maybe(f"status_{derived}", derived) if isinstance(derived, str) else "—",
        )
    )
    st.subheader(t("story_events"))
    for number_, row in enumerate(events.itertuples(), start=1):
        with st.container(border=True):
            event_type = t.maybe(f"event_type_{row.event_type}", row.event_type)
            place, place_kind = in_language(page.lang, row.place, row.place_fr)
            description, kind = in_language(page.lang, row.description, row.description_fr)
            st.markdown(
                f"**{t('event_label', number=number_)} · {event_date(row.event_date, t)} · "
                f"{event_type}**"
            )
            st.markdown(
                f"- **{t('event_judgment')}** {judgment_text(t, row._asdict())}\n"
                f"- **{t('event_vs_directive', directive=row.directive_id)}** "
                f"{t.maybe(f'status_{row.derived_status}', str(row.derived_status))}\n"
                f"- **{t('event_confidence')}** {t(f'confidence_word_{row.confidence}')}\n"
                f"- **{t('event_place')}** {place}{translated_mark(t, place_kind)}"
            )
            label = "event_description_en" if kind == "english" else "event_description"
            st.markdown(f"*{t(label)}* {description}{translated_mark(t, kind)}")
            st.caption(f"{t('event_source')} {links(row.source_url, row.source_title)}")
    source_caption(page, list(events["source_id"].dropna().unique()))


def judgment_text(t, event) -> str:
    """ "conviction on appeal, 2024-07-03, finality not reported": the facts the rule reads."""
    parts = [t.maybe(f"judgment_{event['judgment']}", event["judgment"])]
    if isinstance(event["court"], str):
        parts[0] += " " + t.maybe(f"court_{event['court']}", event["court"])
    if isinstance(event["finality"], str):
        parts.append(t.maybe(f"finality_{event['finality']}", event["finality"]))
    return ", ".join(parts)


def render_directive(page: PageContext, featured: dict) -> None:
    t = page.t
    directive = data.query("overview_directive", directive_id=featured["directive"])
    if directive.empty:
        return
    row = directive.iloc[0]
    st.subheader(t("directive_title", directive=row["directive_id"]))
    title = row["title_fr"] if page.lang == "fr" and row["title_fr"] else row["title"]
    st.markdown(f"**{title}**")
    issued = row["issued_date"]
    st.caption(
        say(
            featured["issued"],
            page.lang,
            date=event_date(issued.strftime("%Y-%m-%d"), t)
            if pd.notna(issued)
            else t("date_not_reported"),
            binding=t.maybe(f"binding_{row['binding']}", row["binding"]),
            confidence=t(f"confidence_{row['confidence']}"),
        )
    )
    labels = ("directive_requirement_en", "directive_requirement")
    requirement_quote(page, row, labels, "directive_sources")
    source_caption(page, list(data.query("sources_of_table", table_name="directives")["source_id"]))
