"""What the browser's document says of the page: its title and its language.

Streamlit writes one `<title>` for the app and `<html lang="en">` whatever the page's words.
The tab title names the page (each page its own, so history and tabs are told apart), and
`lang` follows the language chosen, so that a screen reader reads French as French.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.i18n import LANGUAGES, Translator


def set_title(t: Translator, page_name: str) -> None:
    st.set_page_config(page_title=f"{t(f'page_{page_name}')} · {t('app_title')}")


def set_language(lang: str) -> None:
    """Set `<html lang>` from a script in a zero-height frame (Streamlit offers no setting;
    the frame is same-origin, so it may reach the app's document)."""
    if lang not in LANGUAGES:  # the value is written into a script: only a known code
        return
    script = f"<script>window.parent.document.documentElement.lang = {json.dumps(lang)};</script>"
    st.iframe(script, height=1, alt="")
