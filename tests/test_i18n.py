"""Every string of the dashboard exists in French and English."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import views
from ui import capacity, i18n

TABLES = {"ui.i18n": i18n.TEXT, "ui.capacity": capacity.TEXT} | {
    f"views.{info.name}": getattr(importlib.import_module(f"views.{info.name}"), "TEXT", {})
    for info in pkgutil.iter_modules(views.__path__)
}


@pytest.mark.parametrize("module", sorted(TABLES))
def test_every_key_has_both_languages(module):
    for key, entry in TABLES[module].items():
        assert set(entry) == set(i18n.LANGUAGES), f"{module}: {key}"
        for lang in i18n.LANGUAGES:
            assert entry[lang].strip(), f"{module}: {key} is empty in {lang}"
        placeholders = {lang: set(re.findall(r"\{(\w+)", entry[lang])) for lang in entry}
        assert placeholders["en"] == placeholders["fr"], f"{module}: {key} placeholders differ"


def test_page_keys_do_not_shadow_shared_keys_with_other_text():
    for module, table in TABLES.items():
        if module == "ui.i18n":
            continue
        for key in set(table) & set(i18n.TEXT):
            assert table[key] == i18n.TEXT[key], f"{module} redefines shared key {key}"


def test_translator_formats_and_refuses_unknown_keys():
    t = i18n.Translator("fr")
    assert t("ignored_parameter", name="année", value="abc").startswith("La valeur 'abc'")
    with pytest.raises(KeyError):
        t("no_such_key")
    assert t.maybe("outcome_dismissal", "x") == "Révocation"
    assert t.maybe("outcome_unlisted", "fallback") == "fallback"
