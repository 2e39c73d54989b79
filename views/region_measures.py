"""What the Compare page can compare, for every page that shows the same figures (Overview):
jurisdictions built from the warehouse and queries/measures/comparisons.toml, their levels and
measures, and the measures computed with the catalogue's intervals.

    rm.jurisdictions()[code].measure(key)       # a jurisdiction's measure, by its URL key
    rm.overall(measure, code, year_from, year_to)   # (value, low, high) of the whole jurisdiction
"""

from views.compare.figures import (
    EXCLUDED,
    NO_VALUE,
    OK,
    SMALL,
    compute,
    default_years,
    overall,
    pooled,
    small_threshold,
)
from views.compare.registry import (
    COUNT,
    RATE,
    RATIO,
    SHARE,
    Jurisdiction,
    Level,
    Measure,
    default_jurisdiction,
    jurisdictions,
)

__all__ = [
    "COUNT",
    "EXCLUDED",
    "NO_VALUE",
    "OK",
    "RATE",
    "RATIO",
    "SHARE",
    "SMALL",
    "Jurisdiction",
    "Level",
    "Measure",
    "compute",
    "default_jurisdiction",
    "default_years",
    "jurisdictions",
    "overall",
    "pooled",
    "small_threshold",
]
