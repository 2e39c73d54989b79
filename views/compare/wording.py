"""Numbers, values and region names as the Compare page writes them, and declared words
({"en": ..., "fr": ...}) in the page's language."""

from __future__ import annotations

import pandas as pd

from views.compare.figures import EXCLUDED, NO_VALUE, OK, SMALL
from views.compare.registry import SHARE, Level, Measure


def say(t, lang: str, note, **values) -> str:
    """A note: a TEXT key, or declared words {en, fr}; formatted with `values`."""
    if isinstance(note, str):
        return t(note, **values)
    text = note.get(lang) or note["en"]
    return text.format(**values) if values else text


def measure_word(measure: Measure, field: str, lang: str) -> str:
    """name, definition, unit, numerator_label or denominator_label of a measure."""
    words = measure.words[field]
    return words.get(lang) or words["en"]


def level_plural(t, level: Level) -> str:
    return t.maybe(f"plural_{level.key}", t.maybe(f"level_{level.key}", level.key))


def level_name(t, level: Level) -> str:
    return t.maybe(f"level_{level.key}", level.key.replace("_", " "))


def region_label(t, lang: str, level: Level, row) -> str:
    """A region's name: the level's declared label ({code}, {name}), a retired region's
    own label, or a label for codes that start alike (NYC transit districts: {rest})."""
    if row.retired:
        if level.label_retired:
            return say(t, lang, level.label_retired, code=row.code, name=row.name)
        return t("region_retired", name=row.name)
    for start, label in level.label_when:
        if row.code.startswith(start):
            return say(t, lang, label, code=row.code, name=row.name, rest=row.code[len(start) :])
    if level.label:
        return say(t, lang, level.label, code=row.code, name=row.name)
    return row.name


def value_text(t, lang: str, measure: Measure, value) -> str:
    if value is None or pd.isna(value):
        return t("no_data")
    text = number(value, measure.decimals, lang)
    return t("percent", value=text) if measure.kind == SHARE else text


def number(value, decimals: int, lang: str) -> str:
    """12,345.6 in English, 12 345,6 in French (narrow no-break space)."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def status_labels(t) -> dict[str, str]:
    return {
        OK: t("status_ok"),
        SMALL: t("status_small"),
        EXCLUDED: t("status_excluded"),
        NO_VALUE: t("no_data"),
    }
