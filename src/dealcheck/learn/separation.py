"""How well scores separate won from lost deals: AUC and Brier score, with intervals.

Intervals are closed-form, so the same deals always give the same figures: DeLong's
method for the AUC (and for the paired difference of two AUCs on the same deals), and
the normal approximation of a mean for the Brier score and its paired difference.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from dealcheck.learn.logistic import Z95


@dataclass(frozen=True)
class Estimate:
    """A figure with its 95 % interval."""

    value: float
    low: float
    high: float

    @classmethod
    def around(cls, value: float, variance: float, lowest: float, highest: float) -> Estimate:
        """`value ± 1.96 sd`, kept within [lowest, highest]."""
        half = Z95 * math.sqrt(max(variance, 0.0))
        return cls(value, max(lowest, value - half), min(highest, value + half))


@dataclass(frozen=True)
class _Ranks:
    """DeLong's per-deal components: each won deal's share of lost deals it outranks, etc."""

    won: list[float]
    lost: list[float]

    @property
    def auc(self) -> float:
        return sum(self.won) / len(self.won)


def _ranks(scores: Sequence[float], outcomes: Sequence[bool]) -> _Ranks:
    won = sorted(s for s, w in zip(scores, outcomes, strict=True) if w)
    lost = sorted(s for s, w in zip(scores, outcomes, strict=True) if not w)
    per_won = [
        (bisect_left(lost, s) + (bisect_right(lost, s) - bisect_left(lost, s)) / 2) / len(lost)
        for s, w in zip(scores, outcomes, strict=True)
        if w
    ]
    per_lost = [
        (len(won) - bisect_right(won, s) + (bisect_right(won, s) - bisect_left(won, s)) / 2)
        / len(won)
        for s, w in zip(scores, outcomes, strict=True)
        if not w
    ]
    return _Ranks(per_won, per_lost)


def _covariance(a: Sequence[float], b: Sequence[float]) -> float:
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    return sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True)) / (len(a) - 1)


def _auc_covariance(a: _Ranks, b: _Ranks) -> float:
    return _covariance(a.won, b.won) / len(a.won) + _covariance(a.lost, b.lost) / len(a.lost)


def _mean(values: Sequence[float]) -> Estimate:
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1) / len(values)
    return Estimate.around(mean, variance, -math.inf, math.inf)


@dataclass(frozen=True)
class Separation:
    """One framework's figures on the test deals.

    Attributes:
        auc: Chance that a random won deal scores higher than a random lost one
            (0.5: no better than a coin; 1: always).
        brier: Mean squared gap between the predicted chance of winning and the outcome
            (0: perfect; 0.25: a constant 50 %).
    """

    auc: Estimate
    brier: Estimate


@dataclass(frozen=True)
class Comparison:
    """Two frameworks scored on the same test deals (`other` minus `current`)."""

    current: Separation
    other: Separation
    auc_gain: Estimate
    brier_change: Estimate


def compare(
    outcomes: Sequence[bool],
    current: tuple[Sequence[float], Sequence[float]],
    other: tuple[Sequence[float], Sequence[float]],
) -> Comparison:
    """Compare two frameworks on the same deals.

    Args:
        outcomes: Won (True) or lost, per deal.
        current: The current framework's (scores, predicted chances of winning) per deal.
        other: The other framework's, for the same deals in the same order.

    Raises:
        ValueError: With fewer than two won or two lost deals.
    """
    won = sum(outcomes)
    if won < 2 or len(outcomes) - won < 2:
        raise ValueError("an AUC needs at least two won and two lost deals")
    ranks_a, ranks_b = _ranks(current[0], outcomes), _ranks(other[0], outcomes)
    errors_a = [(p - w) ** 2 for p, w in zip(current[1], outcomes, strict=True)]
    errors_b = [(p - w) ** 2 for p, w in zip(other[1], outcomes, strict=True)]
    var_a, var_b = _auc_covariance(ranks_a, ranks_a), _auc_covariance(ranks_b, ranks_b)
    gain_variance = var_a + var_b - 2 * _auc_covariance(ranks_a, ranks_b)
    return Comparison(
        Separation(Estimate.around(ranks_a.auc, var_a, 0, 1), _clipped(_mean(errors_a))),
        Separation(Estimate.around(ranks_b.auc, var_b, 0, 1), _clipped(_mean(errors_b))),
        Estimate.around(ranks_b.auc - ranks_a.auc, gain_variance, -1, 1),
        _mean([b - a for a, b in zip(errors_a, errors_b, strict=True)]),
    )


def _clipped(estimate: Estimate) -> Estimate:
    return Estimate(estimate.value, max(0.0, estimate.low), min(1.0, estimate.high))
