"""One measure computed for the regions of one level: values, 95% intervals (the catalogue's),
status (comparable, small, excluded, no value), rank, and the whole jurisdiction's figure.

Small figures are shown but never ranked, nor counted above or below the all-regions level;
retired regions and declared exclusions are shown but not ranked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui import data
from ui import measures as catalogue
from views.compare.registry import COUNT, RATE, RATIO, SHARE, Jurisdiction, Level, Measure

OK, SMALL, EXCLUDED, NO_VALUE = "ok", "small", "excluded", "no_data"


@data.per_version
def default_years(jurisdiction: Jurisdiction, level: Level, measure: Measure) -> tuple[int, int]:
    """The year range a page opens with: the measure's range, starting where most records
    are placed in a region of the level when the measure says so (Chicago: 2000)."""
    low, high = measure.years
    if not measure.default_from_placed:
        return low, high
    yearly = catalogue.allegation_counts(
        "allegations", jurisdiction.key, level.key, low, high, by_year=True
    )
    placed = yearly.assign(placed=yearly["region_id"] != jurisdiction.key)
    by_year = placed.groupby("year").apply(
        lambda rows: rows.loc[rows["placed"], "allegations"].sum() * 2 > rows["allegations"].sum(),
        include_groups=False,
    )
    mostly_placed = [int(year) for year, ok in by_year.items() if ok and pd.notna(year)]
    first = min(mostly_placed, default=low)
    return max(low, first), high


# -- computing one measure for one set of regions ----------------------------------------


def compute(
    measure: Measure,
    level: Level,
    region_ids: list[str],
    year_from: int | None,
    year_to: int | None,
    *,
    jurisdiction: str,
    not_ranked: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, dict]:
    """One row per region of `region_ids` (in that order): numerator, denominator, value,
    lower, upper (95%, the catalogue's interval, in the measure's scale), status, rank
    (1 = highest value; only comparable figures are ranked), years_covered, first_year,
    last_year, partial_years, and missing_reason (a TEXT key or declared words {en, fr}: why
    there is no figure, or why it is not compared). `not_ranked` maps region ids shown but
    not ranked (retired districts) to the TEXT key of the reason.

    Also returns the whole jurisdiction: {"numerator", "total"} of the figures attached to
    no region of the list (for the unplaced note), "unplaced_value" (the measure on them),
    "overall" (value, low, high) of every figure of the jurisdiction, placed or not (the
    same "all" figure on every page), and "not_investigated" (closures left out).
    """
    loaded = measure.load(jurisdiction, level.key, year_from, year_to)
    for column in ("years_covered", "first_year", "last_year"):
        if column not in loaded:
            loaded[column] = pd.NA
    if "deff" not in loaded:
        loaded["deff"] = 1.0
    inside = loaded["region_id"].isin(region_ids)
    outside = loaded[~inside]
    unplaced = {
        "numerator": float(outside["numerator"].fillna(0).sum()),
        "total": float(loaded["numerator"].fillna(0).sum()),
        "unplaced_value": _unplaced_value(measure, outside),
        "overall": overall(measure, jurisdiction, year_from, year_to, loaded),
        "not_investigated": float(loaded.get("not_investigated", pd.Series(0.0)).sum()),
    }
    frame = pd.DataFrame({"region_id": region_ids}).merge(
        loaded[inside], on="region_id", how="left"
    )
    if measure.absent_is_zero:
        frame["numerator"] = frame["numerator"].fillna(0.0)
        if measure.kind == SHARE:
            frame["denominator"] = frame["denominator"].fillna(0.0)
    frame["deff"] = frame["deff"].fillna(1.0)
    frame = catalogue.with_figures(frame, measure.catalogue_id, measure.scale)
    excluded = {**dict(measure.excluded), **(not_ranked or {})}
    frame["status"] = [_status(measure, row, excluded) for row in frame.itertuples()]
    ranked = frame["value"].where(frame["status"] == OK)
    frame["rank"] = ranked.rank(ascending=False, method="min").astype("Int64")
    frame["partial_years"] = _partial_years(frame, year_from, year_to)
    missing = measure.missing_note or "note_not_published"
    frame["missing_reason"] = [
        excluded.get(region_id)
        if status != NO_VALUE
        else ("note_empty_denominator" if denominator == 0 else missing)
        for region_id, status, denominator in zip(
            frame["region_id"], frame["status"], frame["denominator"], strict=True
        )
    ]
    return frame, unplaced


def overall(measure: Measure, jurisdiction: str, year_from, year_to, loaded=None):
    """(value, low, high) of the whole jurisdiction: every figure, placed in a region or not,
    with the catalogue's interval (for a clustered share, its own design effect). A ratio
    sums only the regions that have both figures (a body with no area has no inhabitants)."""
    if measure.kind == COUNT:
        rows = (
            loaded if loaded is not None else measure.load(jurisdiction, None, year_from, year_to)
        )
        return float(rows["numerator"].fillna(0).sum()), np.nan, np.nan
    if measure.kind == RATIO:
        both = loaded.dropna(subset=["numerator", "denominator"])
        if both.empty:
            return None
        return catalogue.figures(
            measure.catalogue_id,
            both["numerator"].sum(),
            both["denominator"].sum(),
            1.0,
            measure.scale,
        )
    whole = measure.load(jurisdiction, None, year_from, year_to)
    whole = whole.dropna(subset=["numerator", "denominator"])
    if whole.empty:
        return None
    deff = float(whole["deff"].iloc[0]) if "deff" in whole and len(whole) == 1 else 1.0
    value = catalogue.figures(
        measure.catalogue_id,
        whole["numerator"].sum(),
        whole["denominator"].sum(),
        deff,
        measure.scale,
    )
    return None if pd.isna(value[0]) else value


def _unplaced_value(measure: Measure, outside: pd.DataFrame) -> float | None:
    if measure.kind not in (SHARE, RATE) or outside.empty:
        return None
    both = outside.dropna(subset=["numerator", "denominator"])
    if both.empty or both["denominator"].sum() <= 0:
        return None
    return float(both["numerator"].sum() / both["denominator"].sum() * measure.scale)


def pooled(measure: Measure, frame: pd.DataFrame) -> tuple[float, float, float] | None:
    """The value of all regions shown taken together (sum of numerators over sum of
    denominators), or their total for a count. Pages show `overall` instead for shares and
    rates (the same "all" figure everywhere); this is kept for counts and ratios."""
    known = frame[frame["value"].notna()]
    if known.empty:
        return None
    if measure.kind == COUNT:
        return float(known["numerator"].sum()), np.nan, np.nan
    return catalogue.figures(
        measure.catalogue_id,
        known["numerator"].sum(),
        known["denominator"].sum(),
        1.0,
        measure.scale,
    )


def _status(measure: Measure, row, excluded: dict[str, str]) -> str:
    if pd.isna(row.value):
        return NO_VALUE
    if row.region_id in excluded:
        return EXCLUDED
    if catalogue.is_small(measure.catalogue_id, row.numerator, row.denominator):
        return SMALL
    return OK


def small_threshold(measure: Measure) -> int:
    return measure.definition.small_threshold


def _partial_years(frame: pd.DataFrame, year_from: int | None, year_to: int | None) -> list:
    if year_from is None or year_to is None:
        return [False] * len(frame)
    expected = year_to - year_from + 1
    return [
        bool(pd.notna(covered) and covered < expected)
        for covered in frame["years_covered"].astype("Float64")
    ]
