"""The catalogue of measures (catalogue.toml): each measure defined once, with its
numerator, denominator, interval and small-count rule.

The SQL that computes a measure is `queries/measures/<query>.sql`; ui/measures.py evaluates
it with the interval declared here; `measures_markdown()` is the "Measures" section of
docs/methodology.md (tests/test_measures.py keeps the two equal).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from queries import QueryError, catalogue

CATALOGUE_FILE = Path(__file__).resolve().parent / "catalogue.toml"
KINDS = ("count", "share", "rate", "ratio")
INTERVALS = ("none", "wilson", "wilson_design_effect", "poisson")
SMALL_RULES = ("none", "denominator", "events")
_REQUIRED = ("id", "kind", "query", "interval", "small", "small_threshold", "per_year")
_REQUIRED += ("name_en", "name_fr", "numerator_en", "denominator_en", "definition_en")


@dataclass(frozen=True)
class MeasureDefinition:
    id: str
    kind: str
    query: str
    interval: str
    small: str
    small_threshold: int
    per_year: bool
    name_en: str
    name_fr: str
    numerator_en: str
    denominator_en: str
    definition_en: str
    # Page words (Compare): optional, required for the measures offered automatically
    definition_fr: str = ""
    unit_en: str = ""
    unit_fr: str = ""
    numerator_label_en: str = ""
    numerator_label_fr: str = ""
    denominator_label_en: str = ""
    denominator_label_fr: str = ""
    decimals: int | None = None

    @property
    def automatic(self) -> bool:
        """Offered on Compare to every jurisdiction whose allegations are placed in mapped
        regions, without a declaration (a per-year rate needs a population: declared)."""
        return self.query == "allegation_share" and not self.per_year

    def words(self, lang: str) -> dict[str, str]:
        """name, definition, unit, numerator and denominator in `lang` (en or fr)."""
        return {
            "name": getattr(self, f"name_{lang}"),
            "definition": getattr(self, f"definition_{lang}"),
            "unit": getattr(self, f"unit_{lang}"),
            "numerator": getattr(self, f"numerator_label_{lang}"),
            "denominator": getattr(self, f"denominator_label_{lang}"),
        }


PAGE_WORDS = ("definition_fr", "unit_en", "unit_fr", "numerator_label_en")
PAGE_WORDS += ("numerator_label_fr", "denominator_label_en", "denominator_label_fr")


@dataclass(frozen=True)
class Catalogue:
    confidence: float
    findings_counted: tuple[str, ...]
    not_investigated: dict[str, tuple[str, ...]]
    measures: dict[str, MeasureDefinition]

    def __getitem__(self, measure_id: str) -> MeasureDefinition:
        return self.measures[measure_id]

    def not_investigated_labels(self, jurisdiction: str) -> list[str]:
        return list(self.not_investigated.get(jurisdiction, ()))


def load(path: Path = CATALOGUE_FILE) -> Catalogue:
    """The declared measures, checked for the fields and vocabulary the pages rely on."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise QueryError(f"{path}: {error}") from None
    settings = raw.get("settings", {})
    measures: dict[str, MeasureDefinition] = {}
    for number, entry in enumerate(raw.get("measure", []), start=1):
        where = f"{path.name}, measure {number} ({entry.get('id', 'no id')})"
        missing = [key for key in _REQUIRED if key not in entry]
        unknown = sorted(set(entry) - set(MeasureDefinition.__dataclass_fields__))
        if missing or unknown:
            raise QueryError(f"{where}: missing {missing}, unknown keys {unknown}")
        for key, allowed in (("kind", KINDS), ("interval", INTERVALS), ("small", SMALL_RULES)):
            if entry[key] not in allowed:
                raise QueryError(f"{where}: {key} {entry[key]!r} is not one of {allowed}")
        if entry["query"] not in catalogue("measures"):
            raise QueryError(f"{where}: no queries/measures/{entry['query']}.sql")
        if entry["id"] in measures:
            raise QueryError(f"{where}: id declared twice")
        measure = MeasureDefinition(**entry)
        lacking = [key for key in PAGE_WORDS if not getattr(measure, key)]
        if measure.automatic and lacking:
            raise QueryError(f"{where}: offered on Compare without its page words {lacking}")
        measures[entry["id"]] = measure
    return Catalogue(
        confidence=float(settings["confidence"]),
        findings_counted=tuple(settings["findings_counted"]),
        not_investigated={k: tuple(v) for k, v in settings.get("not_investigated", {}).items()},
        measures=measures,
    )


@cache
def definitions() -> Catalogue:
    return load()


MEASURES_BEGIN = "<!-- measures: generated from queries/measures/catalogue.toml -->"
MEASURES_END = "<!-- end of measures -->"
INTERVAL_WORDS = {
    "none": "none",
    "wilson": "95% Wilson score interval on the counts as published",
    "wilson_design_effect": (
        "95% Wilson score interval on the effective sample size n / deff, where deff is the "
        "larger of two design effects, allegations clustered within complaints and within "
        "officers (deff = cluster-robust variance of the ratio / binomial variance, at least 1)"
    ),
    "poisson": (
        "95% exact Poisson interval (Garwood) on the event count, divided by the denominator"
    ),
}
SMALL_WORDS = {
    "none": "none (a count is shown as it is)",
    "denominator": "fewer than {threshold} cases in the denominator",
    "events": "fewer than {threshold} events",
}


def measures_markdown(cat: Catalogue | None = None) -> str:
    """The "Measures" section of docs/methodology.md, one subsection per measure."""
    cat = cat or definitions()
    not_investigated = "; ".join(
        f"{jurisdiction}: " + ", ".join(f"`{label}`" for label in labels)
        for jurisdiction, labels in cat.not_investigated.items()
    )
    parts = [
        MEASURES_BEGIN,
        "",
        f"Findings that count in an allegation denominator: "
        f"{', '.join(f'`{f}`' for f in cat.findings_counted)}. Closures never investigated "
        f"(left out of the sustained share, and counted on screen): {not_investigated}.",
        "A figure under its small-count rule is shown in grey, never ranked, and never called "
        "above or below another figure.",
    ]
    for m in cat.measures.values():
        parts += [
            "",
            f"### {m.name_en} (`{m.id}`)",
            "",
            f"- **Definition:** {m.definition_en}",
            f"- **Kind:** {m.kind}" + ("; per year" if m.per_year else ""),
            f"- **Numerator:** {m.numerator_en}",
            f"- **Denominator:** {m.denominator_en}",
            f"- **Interval:** {INTERVAL_WORDS[m.interval]}",
            "- **Small-count rule:** " + SMALL_WORDS[m.small].format(threshold=m.small_threshold),
            f"- **SQL:** `queries/measures/{m.query}.sql`",
        ]
    parts += ["", MEASURES_END]
    return "\n".join(parts)
