"""Wilson and Newcombe intervals against the published worked examples."""

from __future__ import annotations

import pytest

from dealcheck.learn.intervals import Z95, newcombe, wilson, z_for


@pytest.mark.parametrize(
    ("wins", "deals", "low", "high"),
    [
        # Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I.
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_the_published_intervals(
    wins: int, deals: int, low: float, high: float
) -> None:
    assert wilson(wins, deals) == pytest.approx((low, high), abs=5e-4)


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        # Newcombe (1998), "Interval estimation for the difference between independent
        # proportions", method 10, examples (a) to (d).
        ((56, 70), (48, 80), 0.0524, 0.3339),
        ((9, 10), (3, 10), 0.1705, 0.8090),
        ((6, 7), (2, 7), 0.0582, 0.8062),
        ((5, 56), (0, 29), -0.0381, 0.1926),
    ],
)
def test_newcombe_matches_the_published_intervals(
    a: tuple[int, int], b: tuple[int, int], low: float, high: float
) -> None:
    difference, got_low, got_high = newcombe(*a, *b)

    assert difference == pytest.approx(a[0] / a[1] - b[0] / b[1])
    assert (got_low, got_high) == pytest.approx((low, high), abs=5e-4)


def test_more_comparisons_widen_the_interval() -> None:
    assert z_for(0.95, 1) == pytest.approx(Z95)
    assert z_for(0.95, 50) > z_for(0.95, 10) > Z95
    narrow, wide = newcombe(40, 100, 25, 100), newcombe(40, 100, 25, 100, z_for(0.95, 50))
    assert wide[1] < narrow[1] and wide[2] > narrow[2]


def test_no_deals_is_the_whole_range() -> None:
    assert wilson(0, 0) == (0.0, 1.0)
