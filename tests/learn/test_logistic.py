"""The plain-Python logistic fit, rates and separation figures against known answers."""

from __future__ import annotations

import math
import random

import pytest

from dealcheck.learn.intervals import wilson
from dealcheck.learn.logistic import Rows, fit_logistic
from dealcheck.learn.rates import RateGap
from dealcheck.learn.separation import compare


def _sample(count: int, seed: int) -> tuple[list[tuple[float, float]], list[bool]]:
    rng = random.Random(seed)
    features, won = [], []
    for _ in range(count):
        x = (rng.choice((0.0, 0.25, 0.5, 0.75, 1.0)), float(rng.random() < 0.3))
        eta = -0.5 + 2.0 * x[0] - 1.0 * x[1]
        features.append(x)
        won.append(rng.random() < 1 / (1 + math.exp(-eta)))
    return features, won


def test_the_fit_recovers_planted_coefficients_within_its_intervals() -> None:
    features, won = _sample(20000, seed=3)

    fit = fit_logistic(Rows.grouped(2, features, won), prior=[0.0, 0.0], penalty=[1.0, 1.0])

    assert fit.intercept == pytest.approx(-0.5, abs=0.1)
    for index, truth in enumerate((2.0, -1.0)):
        low, high = fit.interval(index)
        assert low < truth < high
        assert high - low < 0.3


def test_grouping_deals_changes_nothing_and_the_fit_is_deterministic() -> None:
    features, won = _sample(3000, seed=5)
    grouped = Rows.grouped(2, features, won)
    one_by_one = Rows(
        2, [list(c) for c in zip(*features, strict=True)], [1.0] * 3000, [float(w) for w in won]
    )

    first = fit_logistic(grouped, prior=[0.0, 0.0], penalty=[1.0, 1.0])
    again = fit_logistic(Rows.grouped(2, features, won), prior=[0.0, 0.0], penalty=[1.0, 1.0])
    ungrouped = fit_logistic(one_by_one, prior=[0.0, 0.0], penalty=[1.0, 1.0])

    assert len(grouped.deals) == 10
    assert first == again
    assert first.coefficients == pytest.approx(ungrouped.coefficients, abs=1e-6)


def test_a_strong_penalty_holds_a_coefficient_at_its_prior() -> None:
    features, won = _sample(2000, seed=7)

    fit = fit_logistic(Rows.grouped(2, features, won), prior=[0.4, 0.0], penalty=[1e9, 1.0])

    assert fit.coefficients[0] == pytest.approx(0.4, abs=1e-4)


def test_no_deals_is_refused() -> None:
    with pytest.raises(ValueError, match="no deals"):
        fit_logistic(Rows.grouped(1, [], []), prior=[0.0], penalty=[1.0])


@pytest.mark.parametrize(
    ("won", "deals", "low", "high"),
    [(81, 263, 0.2553, 0.3662), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0)],
)
def test_wilson_matches_newcombes_published_values(
    won: int, deals: int, low: float, high: float
) -> None:
    assert wilson(won, deals) == pytest.approx((low, high), abs=1e-4)


def test_the_difference_interval_matches_newcombe_method_10() -> None:
    gap = RateGap(56, 70, 48, 80)

    assert gap.difference == pytest.approx(0.2)
    assert gap.interval == pytest.approx((0.0524, 0.3339), abs=1e-4)


def test_delong_auc_equals_counting_every_won_lost_pair() -> None:
    rng = random.Random(11)
    outcomes = [rng.random() < 0.4 for _ in range(300)]
    scores = [float(rng.randint(0, 20)) + (5 if w else 0) for w in outcomes]
    chances = [s / 30 for s in scores]
    pairs = [
        1.0 if a > b else 0.5 if a == b else 0.0
        for a, wa in zip(scores, outcomes, strict=True)
        if wa
        for b, wb in zip(scores, outcomes, strict=True)
        if not wb
    ]

    result = compare(outcomes, (scores, chances), (scores, chances))

    assert result.current.auc.value == pytest.approx(sum(pairs) / len(pairs))
    assert result.current.auc.low < result.current.auc.value < result.current.auc.high
    assert result.auc_gain.value == 0.0
    assert result.auc_gain.low == result.auc_gain.high == 0.0
    brier = sum((p - w) ** 2 for p, w in zip(chances, outcomes, strict=True)) / 300
    assert result.current.brier.value == pytest.approx(brier)


def test_a_better_ranking_shows_a_positive_gain_and_a_lower_brier() -> None:
    rng = random.Random(2)
    outcomes = [rng.random() < 0.5 for _ in range(400)]
    noise = [rng.random() for _ in outcomes]
    informed = [n + (0.8 if w else 0.0) for n, w in zip(noise, outcomes, strict=True)]

    result = compare(
        outcomes, (noise, [0.5] * 400), (informed, [min(0.95, i / 1.8) for i in informed])
    )

    assert result.auc_gain.low > 0
    assert result.brier_change.high < 0


def test_an_auc_needs_both_outcomes() -> None:
    with pytest.raises(ValueError, match="two won and two lost"):
        compare([True, True, False], ([1, 2, 3], [0.5] * 3), ([1, 2, 3], [0.5] * 3))
