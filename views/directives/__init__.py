"""Are directives followed? Every directive tracked, the status of every observation of
the rules that check them, one rule in detail (rates, timeline, each observation with its
evidence and source), what-ifs kept apart, and recommended vs final penalties.

Filters live in the URL (directive, rule, status, year, obs, penalty_jurisdiction,
penalty_from, penalty_to), validated: an unknown value becomes a notice, never an error.
Figures come from queries/directives_page_*.sql (and the two directives_* queries on
penalties); the observations' CSV is exports.table_csv.query_csv of the same query and
parameters as the table on screen.

One module per section of the page, in its order: directive_list, status_summary, rule (with
rate_charts, timeline, observations), what_if, penalties; wording holds the words and
number formats they share.
"""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.i18n import in_language, translated_mark
from ui.page import PageContext, replayed
from ui.share import render_share
from views.directives.directive_list import render_directive_list
from views.directives.penalties import render_penalties
from views.directives.rule import choose_directive, choose_rule, render_directive_card, render_rule
from views.directives.status_summary import render_status_summary
from views.directives.what_if import render_what_if
from views.directives.wording import STATUSES


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
    replayed(render_directive_list, page, directives)
    replayed(render_status_summary, page, directives)

    st.header(t("detail_title"))
    directive_id = choose_directive(page, directives)
    directive = directives.set_index("directive_id").loc[directive_id]
    own_rules = rules[rules["directive_id"] == directive_id].reset_index(drop=True)
    rule = choose_rule(page, own_rules)
    render_directive_card(page, directive)
    if rule is None:
        st.info(t("not_yet_checked"))
        if isinstance(directive["checkable_with"], str):
            text, kind = in_language(
                page.lang, directive["checkable_with"], directive["checkable_with_fr"]
            )
            key = "card_checkable_with" if kind == "english" else "card_checkable_with_plain"
            st.markdown(f"**{t(key)}** {text}{translated_mark(t, kind)}")
    elif rule["in_jurisdiction"]:
        render_rule(page, rule)
    else:
        st.caption(t("rule_is_what_if"))
    render_what_if(page, own_rules, rule)
    render_penalties(page)
    render_share(page)
