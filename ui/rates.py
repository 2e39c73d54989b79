"""Uncertainty of a rate or share: the Wilson score interval.

Why Wilson: unlike the textbook "p ± 1.96 standard errors", it stays inside [0, 1], is not
zero-width at 0 or 100%, and behaves well for the small counts of some districts and forces.
Pure functions, no Streamlit, so they are unit-tested on their own.
"""

from __future__ import annotations

import math

Z_95 = 1.959963984540054  # two-sided 95%: the 0.975 quantile of the standard normal


def wilson_interval(events: float, trials: float, z: float = Z_95) -> tuple[float, float]:
    """95% Wilson score interval (low, high) of the proportion events / trials.

    Raises ValueError when trials is not positive or events is outside [0, trials]: an
    interval of nothing is a bug in the caller, never a number to show.
    """
    if not trials > 0:
        raise ValueError(f"trials must be positive, got {trials!r}")
    if not 0 <= events <= trials:
        raise ValueError(f"events must be within [0, {trials}], got {events!r}")
    p = events / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    # Clamp the floating-point noise at the edges (0/n must give exactly 0 as its low end).
    return max(0.0, centre - half_width), min(1.0, centre + half_width)


def proportion_with_interval(
    events: float | None, trials: float | None, scale: float = 1.0
) -> tuple[float, float, float] | None:
    """(value, low, high) of events / trials times `scale` (100 for a percentage, 1,000 for
    a rate per 1,000), or None when the figure cannot be computed (no or zero denominator)."""
    if events is None or trials is None or _missing(events) or _missing(trials) or trials <= 0:
        return None
    low, high = wilson_interval(events, trials)
    return events / trials * scale, low * scale, high * scale


def _missing(value: float) -> bool:
    return isinstance(value, float) and math.isnan(value)
