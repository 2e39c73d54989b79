"""The loader kinds a comparison declares (queries/measures/comparisons.toml), each written
once: a loader gets the jurisdiction code, the level key (None: the whole jurisdiction) and
the years, and returns region_id, numerator, denominator (NaN for counts), and optionally
deff, not_investigated, years_covered, first_year, last_year.

- `allegations`: a catalogue allegation measure (optionally on one category);
- `allegations_per_population`: allegations / (a population statistic × years), per year;
- `statistics_ratio`: a published statistic over another, each summed over the years.

The allegation loaders also have `by_year(jurisdiction, level, year_from, year_to)`: {year:
the frame `load` returns for that one year}, from one query instead of one per year (the
region page's charts by year; tests/test_view_region.py checks they agree).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ui import measures as catalogue

Loader = Callable[[str, str | None, int | None, int | None], pd.DataFrame]


def allegations(measure_id: str, category: str | None = None) -> Loader:
    """A catalogue allegation measure; for the `allegations` count, the plain count."""
    counted = catalogue.definition(measure_id).kind != "count"

    def frame(rows: pd.DataFrame) -> pd.DataFrame:
        column = "numerator" if counted else "allegations"
        return pd.DataFrame(
            {
                "region_id": rows["region_id"],
                "numerator": rows[column].astype(float),
                "denominator": rows["denominator"].astype(float) if counted else np.nan,
                "deff": rows["deff"] if counted else 1.0,
                "not_investigated": rows["not_investigated"].astype(float),
            }
        ).reset_index(drop=True)

    def load(jurisdiction, level, year_from, year_to) -> pd.DataFrame:
        return frame(
            catalogue.allegation_counts(
                measure_id, jurisdiction, level, year_from, year_to, category=category
            )
        )

    def by_year(jurisdiction, level, year_from, year_to) -> dict[int, pd.DataFrame]:
        rows = catalogue.allegation_counts(
            measure_id, jurisdiction, level, year_from, year_to, category=category, by_year=True
        )
        rows = rows[rows["year"].notna()]
        years = rows["year"].astype(int)
        return {
            year: frame(rows[years == year]) if (years == year).any() else frame(rows.iloc[:0])
            for year in range(year_from, year_to + 1)
        }

    load.by_year = by_year
    return load


def allegations_per_population(statistic: tuple[str, str]) -> Loader:
    """Allegations / (population × years): a yearly rate, whatever the range."""
    count = allegations("allegations")

    def per_population(counts, level, years) -> pd.DataFrame:
        population = catalogue.published(*statistic, level)
        population = population.assign(denominator=population["total"] * years)
        return counts.drop(columns="denominator").merge(
            population[["region_id", "denominator"]], on="region_id", how="outer"
        )

    def load(jurisdiction, level, year_from, year_to) -> pd.DataFrame:
        counts = count(jurisdiction, level, year_from, year_to)
        return per_population(counts, level, catalogue.years_in(year_from, year_to))

    def by_year(jurisdiction, level, year_from, year_to) -> dict[int, pd.DataFrame]:
        yearly = count.by_year(jurisdiction, level, year_from, year_to)
        return {year: per_population(counts, level, 1.0) for year, counts in yearly.items()}

    load.by_year = by_year
    return load


def statistics_ratio(
    numerator: tuple[str, str],
    denominator: tuple[str, str] | None = None,
    *,
    denominator_years: bool = True,
    yearly_average: bool = False,
) -> Loader:
    """numerator / denominator from `statistics`, each a (source_id, statistic) pair summed
    over the chosen years; `denominator_years=False` for a denominator of one fixed year (a
    census); `yearly_average` divides the numerator by its number of years (staff levels)."""

    def load(jurisdiction, level, year_from, year_to) -> pd.DataFrame:
        top = catalogue.published(*numerator, level, year_from, year_to)
        frame = pd.DataFrame(
            {
                "region_id": top["region_id"],
                "numerator": top["total"].astype(float),
                "years_covered": top["years_covered"],
                "first_year": top["first_year"],
                "last_year": top["last_year"],
            }
        )
        if yearly_average:
            frame["numerator"] = frame["numerator"] / top["years_covered"].astype(float)
        if denominator is None:
            frame["denominator"] = np.nan
            return frame
        years = (year_from, year_to) if denominator_years else (None, None)
        bottom = catalogue.published(*denominator, level, *years)
        bottom = bottom.rename(columns={"total": "denominator"})[["region_id", "denominator"]]
        return frame.merge(bottom, on="region_id", how="outer")

    return load
