"""Every string of the dashboard exists in French and English, in the message catalogs
(locales/<lang>/LC_MESSAGES/messages.po) or, for the pages not yet moved there, in their
module's TEXT dict."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import views
from ui import capacity, catalogs, i18n

# Pages whose strings are still a TEXT dict in their module; the list only shrinks.
NOT_YET_IN_CATALOGS: set[str] = set()


def page_modules() -> list[str]:
    found = pkgutil.walk_packages(views.__path__, prefix="views.")
    return sorted(info.name for info in found)


TABLES = {
    name: getattr(importlib.import_module(name), "TEXT", {})
    for name in page_modules()
    if name in NOT_YET_IN_CATALOGS
} | {"ui.capacity": capacity.TEXT}  # the busy and download-queue notices (issue 16)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", text))


def entries(lang: str) -> dict[tuple[str | None, str], object]:
    return {(m.context, m.id): m for m in catalogs.read(lang) if m.id}


def test_a_catalog_for_every_language():
    assert catalogs.languages() == list(i18n.LANGUAGES)


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != "en"])
def test_every_catalog_entry_has_both_languages(lang):
    english, other = entries("en"), entries(lang)
    assert set(other) == set(english), "run `make translations`"
    for entry, message in other.items():
        assert catalogs.translated(english[entry]), f"{entry} is empty in en"
        assert catalogs.translated(message), f"{entry} is empty or fuzzy in {lang}"
        assert placeholders(message.string) == placeholders(english[entry].string), entry


def test_translations_show_their_english_text():
    """What a translator reads beside each entry is the current English."""
    english = entries("en")
    for entry, message in entries("fr").items():
        comment = [*english[entry].auto_comments, catalogs.ENGLISH + english[entry].string]
        assert " ".join(message.auto_comments).split() == " ".join(comment).split(), entry


def test_no_moved_page_keeps_a_text_dict():
    for name in page_modules():
        if name not in NOT_YET_IN_CATALOGS:
            assert not hasattr(importlib.import_module(name), "TEXT"), name
    assert not hasattr(i18n, "TEXT")


@pytest.mark.parametrize("module", sorted(TABLES))
def test_every_key_has_both_languages(module):
    for key, entry in TABLES[module].items():
        assert set(entry) == set(i18n.LANGUAGES), f"{module}: {key}"
        for lang in i18n.LANGUAGES:
            assert entry[lang].strip(), f"{module}: {key} is empty in {lang}"
        by_lang = {lang: placeholders(entry[lang]) for lang in entry}
        assert by_lang["en"] == by_lang["fr"], f"{module}: {key} placeholders differ"


def test_page_keys_do_not_shadow_shared_keys_with_other_text():
    shared = catalogs.texts()[None]
    pages = [(f"msgctxt {c}", table) for c, table in catalogs.texts().items() if c is not None]
    for where, table in pages + list(TABLES.items()):
        for key in set(table) & set(shared):
            assert table[key] == shared[key], f"{where} redefines shared key {key}"


def test_translator_formats_and_refuses_unknown_keys():
    t = i18n.Translator("fr")
    assert t("ignored_parameter", name="année", value="abc").startswith("La valeur 'abc'")
    with pytest.raises(KeyError):
        t("no_such_key")
    assert t.maybe("outcome_dismissal", "x") == "Révocation"
    assert t.maybe("outcome_unlisted", "fallback") == "fallback"


def test_translator_reads_the_page_context_then_its_text_dict():
    assert i18n.Translator("fr", context="directives")("status_policy_gap") == (
        "Angle mort de la règle"
    )
    assert i18n.Translator("fr", context="explore")("status_policy_gap") == "Lacune de la règle"
    assert "status_policy_gap" not in i18n.Translator("fr").table
    page_text = {"status_policy_gap": {"en": "Gap", "fr": "Lacune"}}
    assert i18n.Translator("fr", page_text, context="explore")("status_policy_gap") == "Lacune"


def test_update_keeps_translations_and_flags_changed_english(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogs, "LOCALES_DIR", tmp_path)
    english, french = catalogs.read("en"), catalogs.read("fr")
    english.add("kept", "Kept", context="page")
    english.add("changed", "New English {n}", context="page")
    english.add("new", "New")
    french.add("kept", "Gardé", context="page", auto_comments=[catalogs.ENGLISH + "Kept"])
    french.add("changed", "Ancien {n}", context="page", auto_comments=[catalogs.ENGLISH + "Old"])
    french.add("gone", "Disparu")
    catalogs.write("en", english)
    catalogs.write("fr", french)

    catalogs.update()

    updated = entries("fr")
    assert set(updated) == {("page", "kept"), ("page", "changed"), (None, "new")}
    assert catalogs.translated(updated["page", "kept"])
    assert updated["page", "changed"].fuzzy
    assert updated["page", "changed"].auto_comments == [catalogs.ENGLISH + "New English {n}"]
    assert not catalogs.translated(updated[None, "new"])
