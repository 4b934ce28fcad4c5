"""The backtest: a time-based split, the real scoring core, and the suggested framework."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dealcheck.language.loading import load_framework
from dealcheck.learn.backtest import DealScorer, backtest, time_split
from dealcheck.learn.fit import suggest_changes
from dealcheck.learn.history import ClosedDeal
from dealcheck.scoring.answers import Answers, plain_answer
from dealcheck.scoring.score import score
from tests.learn.synthetic import HALF_ODDS, synthetic_deals


def _deal(number: int, closed_on: date | None, *, won: bool = True) -> ClosedDeal:
    return ClosedDeal(deal_id=f"D{number}", won=won, closed_on=closed_on)


def test_the_newest_deals_test_and_the_older_ones_train() -> None:
    deals = [_deal(n, date(2025, 1, 1 + n)) for n in range(10)][::-1]

    split = time_split(deals, holdout=0.3)

    assert split.by == "date"
    assert [d.deal_id for d in split.test] == ["D7", "D8", "D9"]
    assert max(d.closed_on for d in split.train) < min(d.closed_on for d in split.test)  # type: ignore[type-var]
    assert split.cutoff == date(2025, 1, 8)


def test_deals_closed_on_the_cutoff_day_all_test_so_training_is_strictly_older() -> None:
    deals = [_deal(n, date(2025, 1, 1 if n < 6 else 2)) for n in range(10)]

    split = time_split(deals, holdout=0.3)

    assert len(split.test) == 4
    assert all(d.closed_on == date(2025, 1, 2) for d in split.test)


def test_undated_deals_only_ever_train() -> None:
    deals = [_deal(n, date(2025, 1, 1 + n) if n % 2 else None) for n in range(20)]

    split = time_split(deals, holdout=0.3)

    assert split.by == "date"
    assert split.undated == 10
    assert all(d.closed_on is not None for d in split.test)
    assert sum(d.closed_on is None for d in split.train) == 10


def test_without_enough_dates_the_split_follows_the_input_order() -> None:
    deals = [_deal(n, None) for n in range(10)]

    split = time_split(deals, holdout=0.3)

    assert (split.by, split.cutoff) == ("order", None)
    assert [d.deal_id for d in split.test] == ["D7", "D8", "D9"]


@pytest.mark.parametrize("framework_id", ["meddpicc", "bant", "the-model", "red-flags"])
def test_the_deal_scorer_gives_exactly_what_the_scoring_core_gives(framework_id: str) -> None:
    framework = load_framework(framework_id)
    scorer = DealScorer(framework)
    flags = [f.id for f in framework.red_flags]
    deals = [
        replace(d, flags=frozenset(flags[: i % (len(flags) + 1)]))
        for i, d in enumerate(synthetic_deals(400, flag_odds=HALF_ODDS))
    ]

    known = {c.id for c in framework.criteria}

    for deal in deals:
        answers = Answers(
            criteria={c: plain_answer(lv) for c, lv in deal.levels.items() if lv and c in known},
            red_flags=dict.fromkeys(deal.flags, True),
        )
        assert scorer.score(deal) == score(framework, answers).score


def test_the_suggested_overlay_separates_newer_deals_better() -> None:
    framework = load_framework("meddpicc")
    split = time_split(synthetic_deals(3000, flag_odds=HALF_ODDS))
    suggestion = suggest_changes(framework, split.train)

    result = backtest(framework, suggestion.apply(), split, min_deals=30)

    assert result.comparison is not None
    assert result.comparison.other.auc.value > result.comparison.current.auc.value
    assert result.comparison.auc_gain.low > 0
    assert result.comparison.brier_change.value < 0
    assert len(split.test) == 900


def test_too_few_deals_or_one_outcome_give_no_figures_and_say_why() -> None:
    framework = load_framework("meddpicc")
    few = time_split(synthetic_deals(50, flag_odds=HALF_ODDS))
    all_won = time_split([replace(d, won=True) for d in synthetic_deals(400, flag_odds=HALF_ODDS)])

    assert backtest(framework, framework, few, min_deals=30).reason == "few-deals"
    assert backtest(framework, framework, all_won, min_deals=30).reason == "one-outcome"
