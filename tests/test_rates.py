"""The Wilson score interval against values computed by hand from its formula."""

from __future__ import annotations

import pytest

from ui.rates import proportion_with_interval, wilson_interval

# Computed by hand with the textbook formula, z = 1.959963984540054, in 30-digit decimals:
#   centre = (p + z²/2n) / (1 + z²/n), half = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n)
KNOWN = [
    (0, 10, 0.0, 0.2775327998628892),
    (5, 10, 0.2365930905125640, 0.7634069094874360),
    (10, 10, 0.7224672001371108, 1.0),
    # Chicago: sustained allegations / all allegations in the complaints register
    (21427, 244436, 0.08654431298475116, 0.08878652180488233),
    (1, 3744, 0.00004715020852117283, 0.001511469302169713),
]


@pytest.mark.parametrize(("events", "trials", "low", "high"), KNOWN)
def test_wilson_interval_matches_the_formula(events, trials, low, high):
    assert wilson_interval(events, trials) == pytest.approx((low, high), rel=1e-12, abs=1e-15)


def test_interval_contains_the_proportion_and_stays_in_0_1():
    for events, trials in [(0, 1), (1, 1), (3, 7), (999, 1000)]:
        low, high = wilson_interval(events, trials)
        assert 0 <= low <= events / trials <= high <= 1


def test_zero_events_has_an_exact_zero_lower_bound():
    assert wilson_interval(0, 5)[0] == 0.0


@pytest.mark.parametrize(("events", "trials"), [(1, 0), (0, -3), (-1, 10), (11, 10)])
def test_impossible_counts_are_refused(events, trials):
    with pytest.raises(ValueError):
        wilson_interval(events, trials)


def test_proportion_with_interval_scales_and_refuses_missing_denominators():
    value, low, high = proportion_with_interval(5, 10, scale=100)
    assert value == 50
    assert (low, high) == pytest.approx((23.65930905125640, 76.34069094874360))
    assert proportion_with_interval(5, 0) is None
    assert proportion_with_interval(5, None) is None
    assert proportion_with_interval(float("nan"), 10) is None


# Garwood (exact Poisson) 95% limits, from published tables (e.g. Ulm 1990): 0 -> 0, 3.689;
# 1 -> 0.0253, 5.572; 10 -> 4.795, 18.390; 100 -> 81.364, 121.627
GARWOOD = [(0, 0.0, 3.6889), (1, 0.0253, 5.5716), (10, 4.7954, 18.3904), (100, 81.3640, 121.6268)]


@pytest.mark.parametrize(("events", "low", "high"), GARWOOD)
def test_poisson_interval_matches_published_garwood_limits(events, low, high):
    from ui.rates import poisson_interval

    assert poisson_interval(events) == pytest.approx((low, high), abs=1e-4)


def test_rate_with_interval_scales_by_exposure():
    from ui.rates import rate_with_interval

    value, low, high = rate_with_interval(10, 2000, scale=1000)
    assert value == 5
    assert (low, high) == pytest.approx((4.7954 / 2, 18.3904 / 2), abs=1e-4)
    assert rate_with_interval(3, 0) is None
