"""Evaluate the measures of the catalogue (queries/measures/catalogue.toml) for the pages.

Every page that shows a sustained share, a rate per 1,000, a downgrade rate or a published
statistic goes through these functions, so that one definition, one interval method and one
small-count rule apply everywhere (Overview, Compare).
"""

from __future__ import annotations

import math

import pandas as pd

from queries.measures import MeasureDefinition, definitions
from ui import data
from ui.rates import clustered_proportion_with_interval, design_effect, rate_with_interval

NAN = float("nan")


def definition(measure_id: str) -> MeasureDefinition:
    return definitions()[measure_id]


def allegation_counts(
    measure_id: str,
    jurisdiction: str,
    region_level: str | None,
    year_from: int | None = None,
    year_to: int | None = None,
    *,
    category: str | None = None,
    by_year: bool = False,
) -> pd.DataFrame:
    """One row per region of `region_level` (None: the whole jurisdiction; rows placed at no
    region of the level carry the jurisdiction code), and per incident year if `by_year`:
    allegations, numerator, denominator, not_investigated and the design effect `deff`."""
    catalogue = definitions()
    rows = data.measure_query(
        "allegation_share",
        jurisdiction=jurisdiction,
        region_level=region_level,
        year_from=year_from,
        year_to=year_to,
        category=category,
        by_year=by_year,
        measure=measure_id,
        findings=list(catalogue.findings_counted),
        not_investigated=catalogue.not_investigated_labels(jurisdiction),
    ).copy()
    rows["deff"] = [
        max(
            design_effect(r.numerator, r.denominator, r.case_clusters, *_sums(r, "case")),
            design_effect(r.numerator, r.denominator, r.officer_clusters, *_sums(r, "officer")),
        )
        for r in rows.itertuples()
    ]
    return rows


def _sums(row, prefix: str) -> tuple[float, float, float]:
    values = [getattr(row, f"{prefix}_{name}") for name in ("m2", "y2", "my")]
    return tuple(0.0 if pd.isna(value) else float(value) for value in values)


def published(
    source_id: str,
    statistic: str,
    region_level: str | None,
    year_from: int | None = None,
    year_to: int | None = None,
    *,
    by_year: bool = False,
) -> pd.DataFrame:
    """A published statistic summed per region of `region_level` (None: whole jurisdiction)
    and per year if `by_year`: region_id, year, total, years_covered, first_year, last_year."""
    return data.measure_query(
        "published_statistic",
        source_id=source_id,
        measure=statistic,
        region_level=region_level,
        year_from=year_from,
        year_to=year_to,
        by_year=by_year,
    )


def figures(
    measure_id: str, numerator, denominator, deff=1.0, scale: float = 1.0
) -> tuple[float, float, float]:
    """(value, low, high) in the measure's scale, with the catalogue's interval; NaN where
    there is no figure or no interval."""
    measure = definition(measure_id)
    if numerator is None or pd.isna(numerator):
        return NAN, NAN, NAN
    if measure.kind == "count":
        return float(numerator), NAN, NAN
    if denominator is None or pd.isna(denominator) or denominator <= 0:
        return NAN, NAN, NAN
    if measure.kind == "ratio" or measure.interval == "none":
        return float(numerator) / float(denominator) * scale, NAN, NAN
    if measure.interval == "poisson":
        result = rate_with_interval(float(numerator), float(denominator), scale)
    else:
        if numerator > denominator:
            return float(numerator) / float(denominator) * scale, NAN, NAN
        used = deff if measure.interval == "wilson_design_effect" else 1.0
        result = clustered_proportion_with_interval(
            float(numerator), float(denominator), used, scale
        )
    return result if result is not None else (NAN, NAN, NAN)


def is_small(measure_id: str, numerator, denominator) -> bool:
    """The catalogue's small-count rule: shown, but never ranked or called above/below."""
    measure = definition(measure_id)
    if measure.small == "denominator":
        return bool(pd.notna(denominator) and denominator < measure.small_threshold)
    if measure.small == "events":
        return bool(pd.notna(numerator) and numerator < measure.small_threshold)
    return False


def with_figures(frame: pd.DataFrame, measure_id: str, scale: float) -> pd.DataFrame:
    """`frame` (numerator, denominator, optional deff) with value, lower, upper added."""
    frame = frame.copy()
    deffs = frame["deff"] if "deff" in frame else pd.Series(1.0, index=frame.index)
    rows = [
        figures(measure_id, n, d, e, scale)
        for n, d, e in zip(frame["numerator"], frame["denominator"], deffs, strict=True)
    ]
    frame["value"] = [row[0] for row in rows]
    frame["lower"] = [row[1] for row in rows]
    frame["upper"] = [row[2] for row in rows]
    return frame


def years_in(year_from: int | None, year_to: int | None) -> float:
    """Number of years of a range (the exposure of a per-year rate); NaN if open."""
    if year_from is None or year_to is None:
        return math.nan
    return float(year_to - year_from + 1)
