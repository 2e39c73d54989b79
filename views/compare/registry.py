"""What the Compare page can compare: jurisdictions, their region levels and their measures,
built from the warehouse and the declaration (queries/measures/comparisons.toml).

Derived from the warehouse: every jurisdiction (table `jurisdictions`, names included) with
region levels whose regions have map shapes (`boundaries`: vintage, shape source), finest
level first; the catalogue's automatic allegation measures (queries/measures/catalogue.toml)
wherever its allegations are placed at such a level, over the years of its data on its year
basis, for each measure the years its denominator has cases. Declared: what cannot be
derived (measures on published statistics, year bounds, notes, stable URL keys), from
queries/measures/comparisons.toml as the build loaded it (table `comparisons`).

A measure is one of the catalogue (ui/measures.py evaluates it): `count` (no interval),
`share` (events / cases, 95% Wilson interval), `rate` (events per 1,000, 95% exact Poisson)
or `ratio` (a staffing level per 1,000 inhabitants: a headcount, no interval).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from queries.measures import definitions
from queries.measures.comparisons import (
    Declaration,
    DeclaredJurisdiction,
    DeclaredLevel,
    DeclaredMeasure,
    DeclaredWholeOnly,
    Words,
    from_rows,
)
from ui import data
from ui import measures as catalogue
from views.compare import loaders

COUNT, SHARE, RATE, RATIO = "count", "share", "rate", "ratio"
SCALES = {COUNT: 1, SHARE: 100, RATE: 1000, RATIO: 1000}


@dataclass(frozen=True, eq=False)
class Level:
    key: str  # regions.level, and the `level` URL value where a jurisdiction has several
    prefix: str  # region_id prefix of the level's regions (their common prefix)
    vintage: str  # boundaries.vintage drawn on the map
    shape_source: str  # source of the boundaries, cited under the map
    label: Words | None = None  # a region's name: {code}, {name}; None: its name
    label_retired: Words | None = None  # a retired region's (a valid_note, never drawn)
    label_when: tuple[tuple[str, Words], ...] = ()  # (code start, label with {rest})
    no_shape_reason: Words | None = None  # why some regions are not on the map


@dataclass(frozen=True, eq=False)
class Measure:
    key: str  # the `measure` URL value
    catalogue_id: str  # the measure of queries/measures/catalogue.toml it is
    scale: float  # 1 for counts, 100 for a percentage, 1,000 for "per 1,000"
    decimals: int
    years: tuple[int, int] | None  # the data's year range; None: one period, no year split
    source_ids: tuple[str, ...]
    load: loaders.Loader
    words: dict[str, Words]  # name, definition, unit, numerator_label, denominator_label
    absent_is_zero: bool = False  # a complete register: a region without rows has 0 events
    missing_note: Words | None = None  # why a region has no figure (None: not published)
    caveat: Words | None = None  # shown with this measure, {placeholders} from caveat_values
    caveat_values: tuple[tuple[str, str], ...] = ()  # (placeholder, region id): denominator
    fixed_period: tuple[int, int] | None = None  # shown (disabled) when `years` is None
    period_label: Words | None = None
    # Start the default years where most records are placed in a region (Chicago: beats
    # exist from the 2000 release on; the 1967-1999 release has none).
    default_from_placed: bool = False
    # Regions whose figure is shown but not compared (grey, unranked), with the reason.
    excluded: tuple[tuple[str, Words], ...] = ()

    @property
    def definition(self):
        return catalogue.definition(self.catalogue_id)

    @property
    def kind(self) -> str:
        return self.definition.kind


@dataclass(frozen=True, eq=False)
class Jurisdiction:
    key: str  # the jurisdiction code: the `jurisdiction` URL value
    name: Words  # jurisdictions.name_en / name_fr
    levels: tuple[Level, ...]
    measures: tuple[Measure, ...]
    unplaced_note: Words | None = None  # why some figures have no region
    notes: tuple[tuple[Words | None, Words], ...] = ()  # boxes above the figures
    default_years_note: Words | None = None
    not_investigated_reason: Words | None = None
    allegation_note: Words | None = None  # how its allegations are placed in regions
    year_basis: str | None = None  # the date its allegation years are read from
    # measures published for the whole jurisdiction only: a note with links, no figure
    whole_only: tuple[DeclaredWholeOnly, ...] = ()

    def level(self, key: str) -> Level:
        return next(level for level in self.levels if level.key == key)

    def measure(self, key: str) -> Measure:
        return next(measure for measure in self.measures if measure.key == key)


def jurisdictions() -> dict[str, Jurisdiction]:
    """Jurisdiction code -> Jurisdiction, in the declared order, then by code; built once per
    warehouse version."""
    return _built(str(data.warehouse_path()), data.warehouse_version())


def default_jurisdiction() -> str:
    offered = jurisdictions()
    declared = declaration().default
    return declared if declared in offered else next(iter(offered))


def declaration() -> Declaration:
    """The declaration as the warehouse holds it (queries/measures/comparisons.toml)."""
    return _declaration(str(data.warehouse_path()), data.warehouse_version())


@st.cache_resource(max_entries=2, show_spinner=False)
def _declaration(path: str, version: float | None) -> Declaration:
    del path, version  # the cache key
    table = data.query("compare_declarations")
    return from_rows(zip(table["jurisdiction"], table["declaration"], strict=True))


@st.cache_resource(max_entries=2, show_spinner=False)
def _built(path: str, version: float | None) -> dict[str, Jurisdiction]:
    del path, version  # the cache key: a rebuilt or another warehouse is read anew
    levels = data.query("compare_levels")
    placed = data.query("compare_allegation_sources")
    names = data.query("jurisdiction_names").set_index("code")
    declared = declaration()
    built = {}
    for code in names.index:
        mine = declared.jurisdictions.get(code, DeclaredJurisdiction(code))
        jurisdiction = _jurisdiction(code, names.loc[code], levels, placed, mine)
        if jurisdiction is not None:
            built[code] = jurisdiction
    order = [code for code in declared.order if code in built]
    order += sorted(code for code in built if code not in order)
    return {code: built[code] for code in order}


def _jurisdiction(code, names, levels, placed, declared) -> Jurisdiction | None:
    rows = levels[levels["jurisdiction"] == code]
    if rows.empty:
        return None
    ordered = rows.sort_values("position", ascending=False)["level"].drop_duplicates()
    built_levels = tuple(
        _level(rows[rows["level"] == key], declared.levels.get(key, DeclaredLevel(key)))
        for key in ordered
    )
    mine = placed[placed["jurisdiction"] == code]
    sources = tuple(sorted(mine["source_id"].unique()))
    measures = [_declared_measure(code, m, sources, declared) for m in declared.measures]
    if mine["level"].isin([level.key for level in built_levels]).any():
        measures += _automatic_measures(code, sources, declared)
    measures = [m for m in measures if m is not None]
    if not measures:
        return None
    rank = {key: position for position, key in enumerate(declared.order)}
    measures.sort(key=lambda m: rank.get(m.key, len(rank)))  # stable: the rest as built
    return Jurisdiction(
        key=code,
        name={"en": names["name_en"], "fr": names["name_fr"] or names["name_en"]},
        levels=built_levels,
        measures=tuple(measures),
        unplaced_note=declared.unplaced_note,
        notes=declared.notes,
        default_years_note=declared.default_years_note,
        not_investigated_reason=declared.not_investigated_reason,
        allegation_note=declared.allegation_note,
        year_basis=None if mine.empty else mine["year_basis"].iloc[0],
        whole_only=declared.whole_only,
    )


def _level(rows: pd.DataFrame, declared: DeclaredLevel) -> Level:
    first = rows.iloc[0]
    prefix = os.path.commonprefix([first["first_region"], first["last_region"]])
    # the declared vintage if the warehouse has it; else most shapes, then the latest
    # vintage (the query's order)
    chosen = rows[rows["vintage"] == declared.vintage]
    chosen = (chosen if not chosen.empty else rows).iloc[0]
    return Level(
        key=first["level"],
        prefix=prefix,
        vintage=chosen["vintage"],
        shape_source=chosen["shape_source"],
        label=declared.label,
        label_retired=declared.label_retired,
        label_when=declared.label_when,
        no_shape_reason=declared.no_shape_reason,
    )


def _automatic_measures(code, sources, declared: DeclaredJurisdiction) -> list[Measure | None]:
    """The catalogue's automatic allegation measures, count first, over the years in which
    their denominator has cases (the downgrade rate only where recommendations exist)."""
    automatic = [m for m in definitions().measures.values() if m.automatic]
    automatic.sort(key=lambda m: m.kind != COUNT)
    built = []
    for definition in automatic:
        years = _allegation_years(code, definition.id, None, declared.years)
        if years is None:
            continue
        built.append(
            Measure(
                key=declared.keys.get(definition.id, definition.id),
                catalogue_id=definition.id,
                scale=SCALES[definition.kind],
                decimals=_decimals(definition, None),
                years=years,
                source_ids=sources,
                load=loaders.allegations(definition.id),
                words={
                    "name": _both(definition, "name_"),
                    "definition": _both(definition, "definition_"),
                    "unit": _both(definition, "unit_"),
                    "numerator_label": _both(definition, "numerator_label_"),
                    "denominator_label": _both(definition, "denominator_label_"),
                },
                absent_is_zero=True,
                default_from_placed=declared.default_from_placed,
            )
        )
    return built


def _declared_measure(code, m: DeclaredMeasure, sources, declared) -> Measure | None:
    definition = definitions()[m.catalogue_id]
    if m.loader == "statistics_ratio":
        load = loaders.statistics_ratio(
            m.numerator,
            m.denominator,
            denominator_years=m.denominator_years,
            yearly_average=m.yearly_average,
        )
        pairs = [pair for pair in (m.numerator, m.denominator) if pair]
        source_ids = tuple(dict.fromkeys(source for source, _ in pairs))
        years = None if m.period else _statistic_years(*m.numerator)
    else:
        if m.loader == "allegations":
            load = loaders.allegations(m.catalogue_id, m.category)
            source_ids = sources
        else:
            load = loaders.allegations_per_population(m.statistic)
            source_ids = (*sources, m.statistic[0])
        counted = "allegations" if m.loader == "allegations_per_population" else m.catalogue_id
        years = _allegation_years(code, counted, m.category, declared.years)
    if years is None and m.period is None:
        return None
    return Measure(
        key=m.key,
        catalogue_id=m.catalogue_id,
        scale=SCALES[definition.kind],
        decimals=_decimals(definition, m.decimals),
        years=years,
        source_ids=source_ids,
        load=load,
        words=m.words,
        absent_is_zero=m.loader != "statistics_ratio",
        missing_note=m.missing_note,
        caveat=m.caveat,
        caveat_values=tuple(m.caveat_values.items()),
        fixed_period=m.period,
        period_label=m.period_label,
        default_from_placed=declared.default_from_placed and m.loader != "statistics_ratio",
        excluded=m.excluded,
    )


def _allegation_years(code, measure_id, category, bounds) -> tuple[int, int] | None:
    """First and last year (within `bounds`) with cases in the measure's denominator (for
    the count: with allegations)."""
    yearly = catalogue.allegation_counts(measure_id, code, None, category=category, by_year=True)
    column = "allegations" if definitions()[measure_id].kind == COUNT else "denominator"
    years = yearly.loc[(yearly[column] > 0) & yearly["year"].notna(), "year"].astype(int)
    if bounds is not None:
        years = years[(years >= bounds[0]) & (years <= bounds[1])]
    return None if years.empty else (int(years.min()), int(years.max()))


def _statistic_years(source_id: str, statistic: str) -> tuple[int, int] | None:
    yearly = catalogue.published(source_id, statistic, None, by_year=True)
    years = yearly["year"].dropna()
    return None if years.empty else (int(years.min()), int(years.max()))


def _decimals(definition, declared: int | None) -> int:
    if declared is not None:
        return declared
    if definition.decimals is not None:
        return definition.decimals
    return 0 if definition.kind == COUNT else 1


def _both(definition, prefix: str) -> Words:
    return {lang: getattr(definition, prefix + lang) for lang in ("en", "fr")}
