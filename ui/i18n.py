"""French and English strings, from the message catalogs (ui/catalogs.py, locales/).

Every key has both languages (tests/test_i18n.py checks). Pages not yet moved to the
catalogs still add their own `TEXT` dict ({key: {lang: text}}), read after the catalogs.
"""

from __future__ import annotations

from ui import catalogs

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

OUTCOME_LEVELS = ("none", "advice", "warning", "suspension", "demotion", "dismissal")


class Translator:
    """`t("key", name=value)` in the page's language; a missing key is a bug, so it raises.

    Its words: the catalogs' shared entries, then those of its `context` (the page name,
    the entries' msgctxt), then any `tables` of a page not yet moved to the catalogs."""

    def __init__(
        self,
        lang: str,
        *tables: dict[str, dict[str, str]],
        context: str | None = None,
        identity: tuple | None = None,
    ):
        self.lang = lang
        # What its words depend on (the catalogs are fixed for the process): a chart's
        # fingerprint (ui.chart_cache) names the translator by this, not by its words.
        # A translator built from another's words names itself (`identity`).
        self.identity = identity or (lang, context, tuple(id(table) for table in tables if table))
        every = catalogs.texts()
        self.table: dict[str, dict[str, str]] = dict(every.get(None, {}))
        if context is not None:
            self.table.update(every.get(context, {}))
        for table in tables:
            self.table.update(table)

    # Translators with the same identity have the same words: equal, so that figures
    # remembered per translator (ui.data.per_version) serve every session.
    def __eq__(self, other) -> bool:
        return isinstance(other, Translator) and other.identity == self.identity

    def __hash__(self) -> int:
        return hash(self.identity)

    def __call__(self, key: str, **values) -> str:
        text = self._text(self.table[key])
        return text.format(**values) if values else text

    def _text(self, entry: dict[str, str]) -> str:
        # An untranslated entry shows its English, as gettext would; tests keep none.
        return entry.get(self.lang) or entry[catalogs.REFERENCE_LANGUAGE]

    def maybe(self, key: str, fallback: str) -> str:
        """For data-driven keys (a level or category from the warehouse)."""
        entry = self.table.get(key)
        return self._text(entry) if entry else fallback


def in_language(lang: str, english, french) -> tuple[str, str]:
    """The text of a curated field to show, and what it is: `original` (English mode),
    `translated` (the French text the project translated) or `english` (French mode with
    no French text yet: pages then keep their "(in English)" label).

    `english` and `french` are warehouse values (None or NaN when empty)."""
    if lang != "en" and isinstance(french, str) and french.strip():
        return french, "translated"
    text = english if isinstance(english, str) else ""
    return text, "original" if lang == "en" else "english"


def translated_mark(t: Translator, kind: str) -> str:
    """ " *(translated by the project)*" after a translated text, else nothing."""
    return f" *({t('translated_by_project')})*" if kind == "translated" else ""


def column_in_language(
    t: Translator, english, french, marked: str, plain: str
) -> tuple[list[str], str]:
    """A column of curated texts in the page's language, and its header: `plain` (with
    "translated by the project" when every text is a French translation) or `marked`, the
    header that says "(in English)", when some French text is missing."""
    shown = [in_language(t.lang, en, fr) for en, fr in zip(english, french, strict=True)]
    kinds = {kind for _, kind in shown}
    if kinds <= {"original"}:
        header = t(plain)
    elif kinds == {"translated"}:
        header = f"{t(plain)} ({t('translated_by_project')})"
    else:
        header = t(marked)
    return [text for text, _ in shown], header
