"""Uncertainty of a rate or share: Wilson intervals for shares (with a design effect for
allegations clustered within complaints and officers) and exact Poisson (Garwood) intervals
for rates.

Why Wilson: unlike the textbook "p ± 1.96 standard errors", it stays inside [0, 1], is not
zero-width at 0 or 100%, and behaves well for the small counts of some districts and forces.
Why a design effect: allegations of one complaint or one officer are not independent (one
complaint names several officers, one officer faces several allegations), so a share of
allegations is less certain than its count suggests; the Wilson interval is computed on
the effective sample size n / deff (Kish). Why Garwood: a rate per 1,000 inhabitants is a
count of events over an exposure, not a share of a sample; the exact Poisson interval is
the standard one and is correct for counts as small as 0.
Pure functions, no Streamlit and no SciPy, so they are unit-tested on their own.
"""

from __future__ import annotations

import functools
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


# -- exact Poisson (Garwood) interval ----------------------------------------------------


def poisson_interval(events: float, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval of the mean of a Poisson count: the alpha/2 quantile of
    Gamma(events) and the 1 - alpha/2 quantile of Gamma(events + 1) (= chi-square / 2)."""
    if not events >= 0:
        raise ValueError(f"events must be a count >= 0, got {events!r}")
    alpha = 1 - confidence
    low = 0.0 if events == 0 else gamma_quantile(alpha / 2, events)
    return low, gamma_quantile(1 - alpha / 2, events + 1)


def rate_with_interval(
    events: float | None, exposure: float | None, scale: float = 1.0
) -> tuple[float, float, float] | None:
    """(value, low, high) of events / exposure times `scale`, with the Garwood interval of
    the count; None when the figure cannot be computed."""
    if events is None or exposure is None or _missing(events) or _missing(exposure):
        return None
    if exposure <= 0 or events < 0:
        return None
    low, high = poisson_interval(events)
    return events / exposure * scale, low / exposure * scale, high / exposure * scale


@functools.lru_cache(maxsize=65_536)
def gamma_quantile(p: float, shape: float) -> float:
    """x such that the regularized lower incomplete gamma P(shape, x) = p (bisection on a
    monotone function: 200 halvings reach the float's precision, deterministically).
    Remembered: a page asks for the same counts' intervals on every rerun, and each costs
    thousands of series terms in pure Python (most of a Compare rerun before)."""
    if not 0 < p < 1 or not shape > 0:
        raise ValueError(f"need 0 < p < 1 and shape > 0, got {p!r}, {shape!r}")
    low, high = 0.0, shape + 40 * math.sqrt(shape) + 100
    for _ in range(200):
        middle = (low + high) / 2
        if regularized_gamma(shape, middle) < p:
            low = middle
        else:
            high = middle
        if high - low <= 1e-15 * max(1.0, high):
            break
    return (low + high) / 2


def regularized_gamma(a: float, x: float) -> float:
    """P(a, x): series below a + 1, Lentz's continued fraction above (Numerical Recipes)."""
    if x <= 0:
        return 0.0
    log_front = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        denominator = a
        for _ in range(10_000):
            denominator += 1
            term *= x / denominator
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return min(1.0, total * math.exp(log_front))
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16:
            break
    return max(0.0, 1.0 - math.exp(log_front) * h)


# -- shares of clustered allegations ------------------------------------------------------


def design_effect(
    events: float, trials: float, clusters: float, sum_m2: float, sum_y2: float, sum_my: float
) -> float:
    """Kish design effect of the share events / trials when the trials come in clusters
    (complaints, officers): the cluster-robust (linearised) variance of the ratio
    sum(y_i) / sum(m_i) over the binomial variance p(1 - p) / n. `sum_m2`, `sum_y2` and
    `sum_my` are the sums over clusters of m_i², y_i² and m_i·y_i. Never below 1: a design
    effect under 1 (clusters more alike than chance) is not used to narrow an interval."""
    if not trials > 0 or clusters < 2:
        return 1.0
    p = events / trials
    if p <= 0 or p >= 1:
        return 1.0
    residual = sum_y2 - 2 * p * sum_my + p * p * sum_m2  # sum of (y_i - p m_i)²
    robust = clusters / (clusters - 1) * residual / (trials * trials)
    return max(1.0, robust / (p * (1 - p) / trials))


def clustered_proportion_with_interval(
    events: float | None, trials: float | None, deff: float = 1.0, scale: float = 1.0
) -> tuple[float, float, float] | None:
    """(value, low, high) of events / trials times `scale`, with the Wilson interval of the
    effective sample (events / deff out of trials / deff)."""
    if events is None or trials is None or _missing(events) or _missing(trials) or trials <= 0:
        return None
    deff = 1.0 if deff is None or _missing(deff) or deff < 1 else float(deff)
    low, high = wilson_interval(events / deff, trials / deff)
    return events / trials * scale, low * scale, high * scale
