"""Placeholder: being written."""

import streamlit as st

from ui.page import PageContext

TEXT: dict = {}


def render(page: PageContext) -> None:
    st.title(page.t("page_explore"))
