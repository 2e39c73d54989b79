"""What one server process takes on: a cap on sessions, and word of its download queue.

Sessions. A spike of visitors beyond ACCOUNTABILITY_MAX_SESSIONS (default 50 per
process; a replica behind the balancer counts its own) is not served pages: each new one
gets a translated "busy" message and a button to try again, costs one small rerun, and
never a crash. Visitors already admitted keep their place while their tab is open; a
closed tab frees its place (the runtime's list of connected sessions).

Downloads. exports.gate limits concurrent exports per process; when every slot is taken
(a new download waits) or the queue is full too (a new download is refused) the pages
with downloads say so at the top, translated, so that nobody is left wondering.
"""

from __future__ import annotations

import os
import threading
import time

import streamlit as st

from exports.gate import server_gate
from ui.i18n import Translator

DEFAULT_MAX_SESSIONS = 50  # a 2-core machine: see docs/performance.md, "Load through HAProxy"
# After a refused download, the notice stays this long on pages with downloads.
REFUSAL_NOTICE_SECONDS = 120
# The pages whose downloads go through exports.gate (chart tables are small, not gated).
PAGES_WITH_DOWNLOADS = {"explore", "directives", "sources"}

TEXT: dict[str, dict[str, str]] = {
    "busy_title": {
        "en": "The dashboard is very busy right now",
        "fr": "Le tableau de bord est très sollicité en ce moment",
    },
    "busy_body": {
        "en": "Too many people are reading it at once for this server to serve you well. "
        "Nothing is wrong with your link: please try again in a minute.",
        "fr": "Trop de personnes le consultent en même temps pour que ce serveur vous "
        "réponde correctement. Votre lien est bon : réessayez dans une minute.",
    },
    "busy_retry": {"en": "Try again", "fr": "Réessayer"},
    "downloads_wait": {
        "en": "Downloads are being prepared for other readers ({running} at a time on this "
        "server, {waiting} waiting): a new one waits its turn, and its button spins "
        "meanwhile.",
        "fr": "Des téléchargements sont en préparation pour d'autres lecteurs ({running} à la "
        "fois sur ce serveur, {waiting} en attente) : un nouveau attend son tour, et son "
        "bouton tourne en attendant.",
    },
    "downloads_full": {
        "en": "Too many downloads are waiting on this server: a new one cannot start now "
        "(its button shows an error). Please try again in a few minutes.",
        "fr": "Trop de téléchargements attendent sur ce serveur : un nouveau ne peut pas "
        "commencer maintenant (son bouton affiche une erreur). Réessayez dans quelques "
        "minutes.",
    },
}


def max_sessions() -> int:
    value = os.environ.get("ACCOUNTABILITY_MAX_SESSIONS", "").strip()
    return int(value) if value.isdigit() else DEFAULT_MAX_SESSIONS


class Admissions:
    """The sessions this process serves pages to, at most `limit` at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._admitted: set[str] = set()

    def admit(self, session_id: str, connected: set[str] | None, limit: int) -> bool:
        with self._lock:
            if connected is not None:  # closed tabs free their place
                self._admitted &= connected | {session_id}
            if session_id in self._admitted:
                return True
            if len(self._admitted) >= limit:
                return False
            self._admitted.add(session_id)
            return True

    def count(self) -> int:
        with self._lock:
            return len(self._admitted)


@st.cache_resource
def admissions() -> Admissions:
    return Admissions()


def connected_sessions() -> set[str] | None:
    """Ids of the sessions with an open websocket; None outside a server (AppTest)."""
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return None
        manager = Runtime.instance()._session_mgr  # no public listing in Streamlit 1.67
        return {info.session.id for info in manager.list_active_sessions()}
    except Exception:  # a Streamlit upgrade changed it: count admitted sessions only
        return None


def admit_or_stop(lang: str) -> None:
    """Serve this session, or show the translated "busy" message and stop the run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    session_id = ctx.session_id if ctx else "no-session"
    connected = connected_sessions()
    if connected is None and "ACCOUNTABILITY_MAX_SESSIONS" not in os.environ:
        return  # no server (AppTest): nothing would ever free a place
    if admissions().admit(session_id, connected, max_sessions()):
        return
    t = Translator(lang, TEXT)
    st.title(t("app_title"))
    st.info(f"**{t('busy_title')}**  \n{t('busy_body')}", icon=":material/hourglass_top:")
    st.button(t("busy_retry"))  # a click reruns, and asks for a place again
    st.stop()


def download_notice(lang: str, page_name: str, container) -> None:
    """At the top of a page with downloads: say when a new download would wait or fail."""
    if page_name not in PAGES_WITH_DOWNLOADS:
        return
    state = server_gate().state()
    recently_refused = (
        state.last_refused is not None
        and time.monotonic() - state.last_refused < REFUSAL_NOTICE_SECONDS
    )
    t = Translator(lang, TEXT)
    if state.full or (recently_refused and state.busy):
        container.warning(t("downloads_full"), icon=":material/download:")
    elif state.busy:
        container.info(
            t("downloads_wait", running=state.running, waiting=state.waiting),
            icon=":material/download:",
        )
