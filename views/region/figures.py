"""The catalogue's measures for one region, computed exactly as the Compare page computes
them (views/compare/figures.py `compute`, over all the regions of the region's level), for
the years chosen and for each year apart; and, from the same figures, which years each
measure has a figure for the region.

Each computation is cached per warehouse version, jurisdiction, level, measure and years.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from ui import data
from views import region_measures as rm

# What a cell of the coverage table says of a measure in a year.
PUBLISHED, NOT_PUBLISHED, NO_DATA_HERE = "published", "not_published", "no_data_here"


def level_of(jurisdiction: rm.Jurisdiction, place: pd.Series) -> rm.Level | None:
    """The Compare level the region belongs to, None if its level is compared nowhere."""
    for level in jurisdiction.levels:
        if level.key == place["level"] and place["region_id"].startswith(level.prefix):
            return level
    return None


def level_regions(level: rm.Level) -> pd.DataFrame:
    return data.query(
        "compare_regions", level=level.key, prefix=level.prefix, vintage=level.vintage
    )


def page_years(jurisdiction: rm.Jurisdiction, level: rm.Level):
    """(low, high, first, last): the years any measure covers (a measure without a year
    split: its period) and the default range (each measure's default on Compare)."""
    spans, defaults = [], []
    for measure in jurisdiction.measures:
        if measure.years is not None:
            spans.append(measure.years)
            defaults.append(rm.default_years(jurisdiction, level, measure))
        elif measure.fixed_period is not None:
            spans.append(measure.fixed_period)
            defaults.append(measure.fixed_period)
    if not spans:
        return None
    return (
        min(low for low, _ in spans),
        max(high for _, high in spans),
        min(low for low, _ in defaults),
        max(high for _, high in defaults),
    )


def measure_years(measure: rm.Measure, year_from: int, year_to: int):
    """The chosen years within the measure's own; (None, None) for a measure without a year
    split (its one period); None if the measure has no year in the range."""
    if measure.years is None:
        return None, None
    low, high = max(year_from, measure.years[0]), min(year_to, measure.years[1])
    return (low, high) if low <= high else None


def computed(jurisdiction: rm.Jurisdiction, level: rm.Level, measure: rm.Measure, years):
    """(frame, unplaced) of `rm.compute` for every region of the level, as on Compare."""
    return _computed(
        str(data.warehouse_path()),
        data.warehouse_version(),
        jurisdiction.key,
        level.key,
        measure.key,
        *years,
    )


@st.cache_data(max_entries=1024, show_spinner=False)
def _computed(path, version, jurisdiction_key, level_key, measure_key, year_from, year_to):
    del path, version  # the cache key
    jurisdiction = rm.jurisdictions()[jurisdiction_key]
    level, measure = jurisdiction.level(level_key), jurisdiction.measure(measure_key)
    regions = level_regions(level)
    retired = regions.loc[regions["retired"], "region_id"]
    return rm.compute(
        measure,
        level,
        list(regions["region_id"]),
        year_from,
        year_to,
        jurisdiction=jurisdiction.key,
        not_ranked=dict.fromkeys(retired, "note_retired_not_ranked"),
    )


def all_regions(measure: rm.Measure, frame: pd.DataFrame, unplaced: dict):
    """(value, low, high) of all regions, as Compare's ranking draws it: the whole
    jurisdiction for shares and rates, the regions added up for counts and ratios."""
    if measure.kind in (rm.SHARE, rm.RATE):
        return unplaced["overall"]
    return rm.pooled(measure, frame)


def has_figures(measure: rm.Measure, frame: pd.DataFrame, unplaced: dict) -> bool:
    """Does the jurisdiction have any figure for these years? A complete register counts a
    region without rows as 0, so its counts and rates are figures only where the register
    has rows at all; a share is one wherever some region has cases in its denominator (0%
    where none of them ended so)."""
    if unplaced["total"] > 0:
        return True
    zero_filled = measure.absent_is_zero and measure.kind in (rm.COUNT, rm.RATE)
    return not zero_filled and bool(frame["value"].notna().any())


def yearly_computed(jurisdiction, level, measure, year_from: int, year_to: int) -> dict:
    """{year: (frame, unplaced)} of `rm.compute` for each year, as `computed` gives it."""
    return _yearly_computed(
        str(data.warehouse_path()),
        data.warehouse_version(),
        jurisdiction.key,
        level.key,
        measure.key,
        year_from,
        year_to,
    )


@st.cache_data(max_entries=256, show_spinner=False)
def _yearly_computed(path, version, jurisdiction_key, level_key, measure_key, year_from, year_to):
    del path, version  # the cache key
    jurisdiction = rm.jurisdictions()[jurisdiction_key]
    level, measure = jurisdiction.level(level_key), jurisdiction.measure(measure_key)
    years = range(year_from, year_to + 1)
    load_by_year = getattr(measure.load, "by_year", None)
    if load_by_year is None:  # one computation per year
        return {year: computed(jurisdiction, level, measure, (year, year)) for year in years}
    # The loader reads every year at once: each year's computation is given its rows.
    placed = load_by_year(jurisdiction.key, level.key, year_from, year_to)
    whole = load_by_year(jurisdiction.key, None, year_from, year_to)
    regions = level_regions(level)
    retired = regions.loc[regions["retired"], "region_id"]
    result = {}
    for year in years:

        def load(code, level_key, low, high, year=year):
            del code, low, high  # always the one year being computed
            return (placed if level_key is not None else whole)[year].copy()

        result[year] = rm.compute(
            dataclasses.replace(measure, load=load),
            level,
            list(regions["region_id"]),
            year,
            year,
            jurisdiction=jurisdiction.key,
            not_ranked=dict.fromkeys(retired, "note_retired_not_ranked"),
        )
    return result


@data.per_version  # shared: callers must not modify the frame
def by_year(jurisdiction, level, measure, region_id: str, year_from: int, year_to: int):
    """One row per year: the region's value, interval and status, all regions' value and
    interval, and `coverage` (published, not_published, no_data_here)."""
    rows = []
    yearly = yearly_computed(jurisdiction, level, measure, year_from, year_to)
    for year, (frame, unplaced) in yearly.items():
        mine = frame.set_index("region_id").loc[region_id]
        overall = all_regions(measure, frame, unplaced) or (np.nan, np.nan, np.nan)
        rows.append(
            {
                "year": year,
                "value": mine["value"],
                "lower": mine["lower"],
                "upper": mine["upper"],
                "status": mine["status"],
                "all_value": overall[0],
                "all_lower": overall[1],
                "all_upper": overall[2],
                "coverage": _coverage(measure, frame, unplaced, mine["value"]),
            }
        )
    return pd.DataFrame(rows)


def _coverage(measure, frame, unplaced, value) -> str:
    if not has_figures(measure, frame, unplaced):
        return NOT_PUBLISHED
    return NO_DATA_HERE if pd.isna(value) else PUBLISHED


@data.per_version  # shared: callers must not modify the table
def coverage(jurisdiction, level, region_id: str, year_from: int, year_to: int):
    """Measure key -> {year: coverage} over the chosen years: a year outside a measure's
    years is not published; a measure without a year split gives its period's coverage to
    each year of the period."""
    table = {}
    for measure in jurisdiction.measures:
        cells = dict.fromkeys(range(year_from, year_to + 1), NOT_PUBLISHED)
        if measure.years is None:
            frame, unplaced = computed(jurisdiction, level, measure, (None, None))
            value = frame.set_index("region_id").loc[region_id, "value"]
            low, high = measure.fixed_period or (year_from, year_to)
            for year in range(max(low, year_from), min(high, year_to) + 1):
                cells[year] = _coverage(measure, frame, unplaced, value)
        else:
            years = measure_years(measure, year_from, year_to)
            if years is not None:
                yearly = by_year(jurisdiction, level, measure, region_id, *years)
                cells.update(zip(yearly["year"], yearly["coverage"], strict=True))
        table[measure.key] = cells
    return table
