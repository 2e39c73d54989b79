"""What Compare cannot derive from the warehouse: queries/measures/comparisons.toml, read and
checked (its header says what each key means).

The build checks it and loads it into the warehouse's `comparisons` table (`rows`), one JSON
row for the settings and one per jurisdiction; the dashboard reads it back from there
(`from_rows`), so the pages and the exports read one warehouse. Words are
{"en": ..., "fr": ...} dicts, shown as they are; everything else is data the registry
(views/compare/registry.py) combines with what the warehouse holds.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from queries import QueryError
from queries.measures import definitions

DECLARATION_FILE = Path(__file__).resolve().parent / "comparisons.toml"
LOADERS = ("allegations", "allegations_per_population", "statistics_ratio")
LANGS = ("en", "fr")
WORD_FIELDS = ("name", "definition", "unit", "numerator_label", "denominator_label")
PAGE_NAME = re.compile(r"[a-z][a-z_]*")  # a link's `page` (the dashboard's page names)

Words = dict[str, str]


@dataclass(frozen=True, eq=False)
class DeclaredLevel:
    key: str
    vintage: str | None = None
    label: Words | None = None
    label_retired: Words | None = None
    label_when: tuple[tuple[str, Words], ...] = ()  # (code start, label with {rest})
    no_shape_reason: Words | None = None


@dataclass(frozen=True, eq=False)
class DeclaredMeasure:
    key: str
    catalogue_id: str
    loader: str
    words: dict[str, Words]  # WORD_FIELDS -> words
    decimals: int | None = None
    category: str | None = None
    statistic: tuple[str, str] | None = None
    numerator: tuple[str, str] | None = None
    denominator: tuple[str, str] | None = None
    denominator_years: bool = True
    yearly_average: bool = False
    period: tuple[int, int] | None = None
    period_label: Words | None = None
    missing_note: Words | None = None
    caveat: Words | None = None
    caveat_values: dict[str, str] = field(default_factory=dict)  # placeholder -> region id
    excluded: tuple[tuple[str, Words], ...] = ()  # (region id, reason)


@dataclass(frozen=True, eq=False)
class DeclaredLink:
    """A link to another page's view: its `page`, its other query parameters, an anchor."""

    label: Words
    page: str
    params: tuple[tuple[str, str], ...] = ()
    anchor: Words | None = None  # a heading's anchor, in each language


@dataclass(frozen=True, eq=False)
class DeclaredWholeOnly:
    """A measure published for the whole jurisdiction only (no region to split it by):
    Compare says so and links to where the whole-jurisdiction figure is."""

    name: Words
    text: Words
    links: tuple[DeclaredLink, ...]


@dataclass(frozen=True, eq=False)
class DeclaredJurisdiction:
    code: str
    years: tuple[int, int] | None = None
    default_from_placed: bool = False
    default_years_note: Words | None = None
    not_investigated_reason: Words | None = None
    unplaced_note: Words | None = None
    allegation_note: Words | None = None  # how its allegations are placed and dated
    keys: dict[str, str] = field(default_factory=dict)  # catalogue id -> URL key
    order: tuple[str, ...] = ()
    notes: tuple[tuple[Words | None, Words], ...] = ()  # (title, text)
    levels: dict[str, DeclaredLevel] = field(default_factory=dict)
    measures: tuple[DeclaredMeasure, ...] = ()
    whole_only: tuple[DeclaredWholeOnly, ...] = ()


@dataclass(frozen=True, eq=False)
class Declaration:
    default: str | None
    order: tuple[str, ...]
    jurisdictions: dict[str, DeclaredJurisdiction]


def _words(entry: dict, key: str, where: str, required: bool = False) -> Words | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, dict) or any(not value.get(lang, "").strip() for lang in LANGS):
        raise QueryError(f"{where}: {key} needs non-empty {LANGS}")
    return {lang: value[lang] for lang in LANGS}


def _pair(value, where: str) -> tuple[str, str] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2):
        raise QueryError(f"{where}: expected [source, statistic], got {value!r}")
    return (str(value[0]), str(value[1]))


def _span(value, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and value[0] <= value[1]):
        raise QueryError(f"{where}: expected [first, last], got {value!r}")
    return (int(value[0]), int(value[1]))


def _measure(entry: dict, where: str) -> DeclaredMeasure:
    where = f"{where}, measure {entry.get('key', 'no key')}"
    catalogue = definitions()
    if entry.get("catalogue_id") not in catalogue.measures:
        raise QueryError(f"{where}: catalogue_id {entry.get('catalogue_id')!r} not in catalogue")
    if entry.get("loader") not in LOADERS:
        raise QueryError(f"{where}: loader {entry.get('loader')!r} is not one of {LOADERS}")
    loader = entry["loader"]
    if loader == "allegations_per_population" and "statistic" not in entry:
        raise QueryError(f"{where}: allegations_per_population needs a statistic")
    if loader == "statistics_ratio" and "numerator" not in entry:
        raise QueryError(f"{where}: statistics_ratio needs a numerator")
    caveat = entry.get("caveat", {})
    period = _span(entry.get("period"), where)
    return DeclaredMeasure(
        key=entry["key"],
        catalogue_id=entry["catalogue_id"],
        loader=loader,
        words={name: _words(entry, name, where, required=True) for name in WORD_FIELDS},
        decimals=entry.get("decimals"),
        category=entry.get("category"),
        statistic=_pair(entry.get("statistic"), where),
        numerator=_pair(entry.get("numerator"), where),
        denominator=_pair(entry.get("denominator"), where),
        denominator_years=entry.get("denominator_years", True),
        yearly_average=entry.get("yearly_average", False),
        period=period,
        period_label=_words(entry, "period_label", where, required=period is not None),
        missing_note=_words(entry, "missing_note", where),
        caveat=_words(caveat, "text", where) if caveat else None,
        caveat_values=dict(caveat.get("values", {})),
        excluded=tuple(
            (item["region"], _words(item, "reason", where, required=True))
            for item in entry.get("excluded", [])
        ),
    )


def _level(key: str, entry: dict, where: str) -> DeclaredLevel:
    where = f"{where}, level {key}"
    return DeclaredLevel(
        key=key,
        vintage=entry.get("vintage"),
        label=_words(entry, "label", where),
        label_retired=_words(entry, "label_retired", where),
        label_when=tuple(
            (item["code_starts"], _words(item, "label", where, required=True))
            for item in entry.get("label_when", [])
        ),
        no_shape_reason=_words(entry, "no_shape_reason", where),
    )


def _link(entry: dict, where: str) -> DeclaredLink:
    page, params = entry.get("page"), entry.get("params", {})
    if not isinstance(page, str) or not PAGE_NAME.fullmatch(page):
        raise QueryError(f"{where}: a link needs a page name, got {page!r}")
    if not isinstance(params, dict) or not all(
        isinstance(value, str | int) and not isinstance(value, bool) for value in params.values()
    ):
        raise QueryError(f"{where}: a link's params are names = text or number")
    if {"page", "lang"} & set(params):
        raise QueryError(f"{where}: a link's params cannot set page or lang")
    return DeclaredLink(
        label=_words(entry, "label", where, required=True),
        page=page,
        params=tuple((str(k), str(v)) for k, v in params.items()),
        anchor=_words(entry, "anchor", where),
    )


def _whole_only(entry: dict, where: str) -> DeclaredWholeOnly:
    where = f"{where}, whole_only {entry.get('name', {}).get('en', 'no name')!r}"
    links = entry.get("link", [])
    if not links:
        raise QueryError(f"{where}: needs at least one link to the whole-jurisdiction figure")
    return DeclaredWholeOnly(
        name=_words(entry, "name", where, required=True),
        text=_words(entry, "text", where, required=True),
        links=tuple(_link(link, where) for link in links),
    )


def _jurisdiction(entry: dict, name: str) -> DeclaredJurisdiction:
    where = f"{name}, jurisdiction {entry.get('code', 'no code')}"
    measures = tuple(_measure(item, where) for item in entry.get("measure", []))
    keys = [m.key for m in measures] + list(entry.get("keys", {}).values())
    if len(set(keys)) != len(keys):
        raise QueryError(f"{where}: a measure key is declared twice")
    unknown = sorted(set(entry.get("keys", {})) - set(definitions().measures))
    if unknown:
        raise QueryError(f"{where}: keys names measures not in the catalogue: {unknown}")
    return DeclaredJurisdiction(
        code=entry["code"],
        years=_span(entry.get("years"), where),
        default_from_placed=entry.get("default_from_placed", False),
        default_years_note=_words(entry, "default_years_note", where),
        not_investigated_reason=_words(entry, "not_investigated_reason", where),
        unplaced_note=_words(entry, "unplaced_note", where),
        allegation_note=_words(entry, "allegation_note", where),
        keys=dict(entry.get("keys", {})),
        order=tuple(entry.get("order", ())),
        notes=tuple(
            (_words(note, "title", where), _words(note, "text", where, required=True))
            for note in entry.get("note", [])
        ),
        levels={k: _level(k, v, where) for k, v in entry.get("level", {}).items()},
        measures=measures,
        whole_only=tuple(_whole_only(item, where) for item in entry.get("whole_only", [])),
    )


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise QueryError(f"{path}: {error}") from None


def parse(raw: dict, name: str) -> Declaration:
    """The declaration of `raw` (the TOML's settings and jurisdictions), checked."""
    settings = raw.get("settings", {})
    declared = [_jurisdiction(entry, name) for entry in raw.get("jurisdiction", [])]
    codes = [j.code for j in declared]
    if len(set(codes)) != len(codes):
        raise QueryError(f"{name}: a jurisdiction is declared twice")
    return Declaration(
        default=settings.get("default"),
        order=tuple(settings.get("order", ())),
        jurisdictions={j.code: j for j in declared},
    )


def load(path: Path = DECLARATION_FILE) -> Declaration:
    return parse(_read(path), path.name)


def rows(path: Path = DECLARATION_FILE) -> list[tuple[int, str | None, str]]:
    """(position, jurisdiction, JSON) rows of the `comparisons` table, checked first: the
    settings (jurisdiction NULL), then each jurisdiction as declared."""
    raw = _read(path)
    parse(raw, path.name)
    blocks = [(None, raw.get("settings", {}))]
    blocks += [(entry["code"], entry) for entry in raw.get("jurisdiction", [])]
    return [
        (position, code, json.dumps(block, ensure_ascii=False))
        for position, (code, block) in enumerate(blocks)
    ]


def from_rows(table) -> Declaration:
    """The declaration read back from the `comparisons` table's (jurisdiction, declaration)
    rows, in their order."""
    settings, blocks = {}, []
    for code, text in table:
        if isinstance(code, str):
            blocks.append(json.loads(text))
        else:
            settings = json.loads(text)
    return parse({"settings": settings, "jurisdiction": blocks}, "table comparisons")
