"""queries/overview.toml, the Overview's declarations, and the warehouse's jurisdictions.

The data file says what each declared jurisdiction's card shows and the words that go with
it; this module reads it and names jurisdictions from the `jurisdictions` table, so that no
page code names a jurisdiction.
"""

from __future__ import annotations

import functools
import tomllib

import pandas as pd

from queries import QUERIES_DIR
from ui import data, names

DATA_FILE = QUERIES_DIR / "overview.toml"

Words = dict[str, str]  # {"en": ..., "fr": ...}, the shape of TEXT entries too


@functools.cache
def declarations() -> dict:
    with DATA_FILE.open("rb") as file:
        return tomllib.load(file)


def card_figures() -> dict[str, list[dict]]:
    """Per declared jurisdiction, its figures in order."""
    return {card["jurisdiction"]: card.get("figure", []) for card in declarations()["card"]}


def funnel_words(code: str) -> dict:
    return declarations().get("funnel", {}).get(code, {})


def trend_declaration(code: str) -> dict:
    return declarations().get("trend", {}).get(code, {})


def story() -> dict:
    return declarations()["story"]


def say(words: Words, lang: str, **values) -> str:
    """A declared sentence in `lang` (English if it has none), its {placeholders} filled."""
    text = words.get(lang) or words["en"]
    return text.format(**values) if values else text


def jurisdictions() -> pd.DataFrame:
    """Every jurisdiction of the warehouse in code order, with what it has loaded."""
    return data.query("overview_jurisdictions")


def name(code: str, lang: str) -> str:
    return names.jurisdiction_name(code, lang)


def joined(t, items: list[str]) -> str:
    """'a, b and c' in the page's language."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("and") + items[-1]
