"""What the browser's document says of the page: its title, its language, and the few
styles Streamlit offers no setting for.

Streamlit writes one `<title>` for the app and `<html lang="en">` whatever the page's words.
The tab title names the page (each page its own, so history and tabs are told apart), and
`lang` follows the language chosen, so that a screen reader reads French as French.

Streamlit draws captions (and quotes) at 60% opacity: its #2f2d2b text becomes #828180 on
white (3.9:1) and links #7c95d2 (3.0:1), under the 4.5:1 that WCAG AA asks of small text.
They are drawn opaque in CAPTION_GREY (7:1), still quieter than the body text. On a phone the
sidebar (language, search, pages) hides behind a bare "»" that Streamlit names "Expand
sidebar" in English: it is shown and named as the menu, in the page's language.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.i18n import LANGUAGES, Translator

CAPTION_GREY = "#595959"  # 7.0:1 on white, 6.6:1 on Streamlit's #f7f7f6 code background
MENU_BUTTON = '[data-testid="stExpandSidebarButton"]'


def set_title(t: Translator, page_name: str) -> None:
    st.set_page_config(page_title=f"{t(f'page_{page_name}')} · {t('app_title')}")


def set_style(t: Translator) -> None:
    """Readable captions, and the phone's menu button labelled in words (the label is the
    page's own text, written as a CSS string)."""
    menu = json.dumps(t("menu_button"), ensure_ascii=False)
    st.html(
        "<style>"
        f'[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] blockquote'
        f" {{ opacity: 1; color: {CAPTION_GREY}; }}"
        f"{MENU_BUTTON} {{ width: auto; gap: 0.25rem; }}"
        f"{MENU_BUTTON}::after {{ content: {menu}; font-size: 0.875rem; }}"
        "</style>"
    )


def set_language(lang: str, t: Translator) -> None:
    """Set `<html lang>`, and name the phone's menu button as it reads, from a script in a
    zero-height frame (Streamlit offers no setting; the frame is same-origin, so it may
    reach the app's document). The button comes and goes with the sidebar: an observer
    names it again whenever Streamlit draws it anew."""
    if lang not in LANGUAGES:  # the value is written into a script: only a known code
        return
    menu = json.dumps(t("menu_button"))  # JSON is a JavaScript string literal
    script = f"""<script>
const doc = window.parent.document;
doc.documentElement.lang = {json.dumps(lang)};
const name = () => {{
  const button = doc.querySelector({json.dumps(MENU_BUTTON)});
  if (button && button.getAttribute("aria-label") !== {menu}) {{
    button.setAttribute("aria-label", {menu});
  }}
}};
name();
new MutationObserver(name).observe(doc.body, {{childList: true, subtree: true}});
</script>"""
    st.iframe(script, height=1)  # no `alt`: Streamlit ignores an empty one, with a warning
