"""Confidence intervals for win rates and their differences, in plain Python.

A win rate gets Wilson's score interval, which stays inside 0-1 and behaves with small
counts and rates near 0 or 1 (where the textbook `p ± z·se` interval fails). The
difference of two win rates gets Newcombe's hybrid score interval (method 10 in
Newcombe, 1998, "Interval estimation for the difference between independent
proportions"), built from the two Wilson intervals.
"""

from __future__ import annotations

from math import sqrt
from statistics import NormalDist

#: z of a two-sided 95 % interval.
Z95 = NormalDist().inv_cdf(0.975)


def z_for(confidence: float = 0.95, comparisons: int = 1) -> float:
    """The z that holds `confidence` over `comparisons` intervals at once (Bonferroni).

    With many items read from one history, some intervals would exclude zero by
    chance alone; sharing the error rate among them keeps the chance of even one false
    finding in the whole report under 1 - `confidence`.
    """
    tail = (1 - confidence) / 2 / max(comparisons, 1)
    return NormalDist().inv_cdf(1 - tail)


def wilson(wins: int, deals: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a win rate; (0, 1) for no deals."""
    if deals <= 0:
        return 0.0, 1.0
    rate = wins / deals
    z2 = z * z
    centre = (rate + z2 / (2 * deals)) / (1 + z2 / deals)
    half = z / (1 + z2 / deals) * sqrt(rate * (1 - rate) / deals + z2 / (4 * deals * deals))
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(
    wins_a: int, deals_a: int, wins_b: int, deals_b: int, z: float = Z95
) -> tuple[float, float, float]:
    """Difference of two win rates (a - b) with Newcombe's hybrid score interval.

    Returns:
        (difference, low, high), each between -1 and 1.
    """
    rate_a = wins_a / deals_a if deals_a else 0.0
    rate_b = wins_b / deals_b if deals_b else 0.0
    low_a, high_a = wilson(wins_a, deals_a, z)
    low_b, high_b = wilson(wins_b, deals_b, z)
    difference = rate_a - rate_b
    low = difference - sqrt((rate_a - low_a) ** 2 + (high_b - rate_b) ** 2)
    high = difference + sqrt((high_a - rate_a) ** 2 + (rate_b - low_b) ** 2)
    return difference, max(-1.0, low), min(1.0, high)
