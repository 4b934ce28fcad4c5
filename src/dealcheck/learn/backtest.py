"""Backtest: score the same closed deals with two frameworks, train on old, test on new.

The deals are split in time: the newest share (`HOLDOUT`, by close date) is the test
part, everything older trains. Deals without a close date cannot be placed in time, so
they only ever train. When too few deals carry a date, the split falls back to the
order of the input (its last rows as the newest) and says so.

Both frameworks score every deal through the real scoring core (`scoring.score`), from
the levels and red flags the deal recorded. A score becomes a chance of winning by a
logistic curve fitted on the training part, one per framework (Platt scaling), so the
Brier score judges each framework's own calibration, not a guess of ours. The AUC
uses the scores alone. A `disqualify` red flag forces the recommendation, not the
score, so it does not move either figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.logistic import Rows, fit_logistic
from dealcheck.learn.separation import Comparison, compare
from dealcheck.scoring.answers import Answers, plain_answer
from dealcheck.scoring.score import (
    NO_CRITERIA_SCORE,
    TriggeredFlag,
    apply_red_flags,
    score_parts,
    scores_deal,
)

HOLDOUT = 0.3


@dataclass(frozen=True)
class Split:
    """Closed deals split into an older training part and a newer test part.

    Attributes:
        train: Older deals (and every deal without a close date).
        test: The newest deals.
        by: "date" (close dates) or "order" (the input's order: too few dates).
        cutoff: First close date of the test part (by date only).
        undated: Deals without a close date.
    """

    train: tuple[ClosedDeal, ...]
    test: tuple[ClosedDeal, ...]
    by: Literal["date", "order"]
    cutoff: date | None
    undated: int


def time_split(deals: Sequence[ClosedDeal], *, holdout: float = HOLDOUT) -> Split:
    """Split deals in time: the newest `holdout` share tests, the rest trains.

    Deals closed on the cutoff day all test, so every training deal is strictly older.
    """
    dated = sorted((d for d in deals if d.closed_on is not None), key=_closed_on)
    undated = tuple(d for d in deals if d.closed_on is None)
    wanted = round(len(deals) * holdout)
    if wanted and len(dated) >= wanted:
        cutoff = _closed_on(dated[len(dated) - wanted])
        train = tuple(d for d in dated if _closed_on(d) < cutoff) + undated
        test = tuple(d for d in dated if _closed_on(d) >= cutoff)
        return Split(train, test, "date", cutoff, len(undated))
    at = len(deals) - wanted
    return Split(tuple(deals[:at]), tuple(deals[at:]), "order", None, len(undated))


def _closed_on(deal: ClosedDeal) -> date:
    assert deal.closed_on is not None
    return deal.closed_on


@dataclass(frozen=True)
class Backtest:
    """How two frameworks separate won from lost on the newer deals.

    Attributes:
        split: The training and test parts.
        comparison: The figures; None when the test part cannot support them.
        reason: Why there are no figures ("few-deals", "one-outcome"), else None.
    """

    split: Split
    comparison: Comparison | None
    reason: str | None = None

    @property
    def test_won(self) -> int:
        """Won deals in the test part."""
        return sum(d.won for d in self.split.test)


def backtest(current: Framework, other: Framework, split: Split, *, min_deals: int) -> Backtest:
    """Score the split's deals with both frameworks and compare them on the test part.

    Args:
        current: The framework in use.
        other: The suggested (or any other) framework.
        split: From `time_split`.
        min_deals: Fewest test deals, and fewest training deals, to report figures from.
    """
    test_won = sum(d.won for d in split.test)
    if min(len(split.train), len(split.test)) < min_deals:
        return Backtest(split, None, "few-deals")
    if test_won < 2 or len(split.test) - test_won < 2:
        return Backtest(split, None, "one-outcome")
    outcomes = [d.won for d in split.test]
    return Backtest(
        split,
        compare(outcomes, _predictions(current, split), _predictions(other, split)),
    )


def _predictions(framework: Framework, split: Split) -> tuple[list[float], list[float]]:
    """Scores of the test deals and their chance of winning, calibrated on training."""
    scorer = DealScorer(framework)
    rows = Rows.grouped(
        1, ((scorer.score(d) / 100,) for d in split.train), (d.won for d in split.train)
    )
    calibration = fit_logistic(rows, prior=[0.0], penalty=[1e-3])
    scores = [scorer.score(d) for d in split.test]
    return scores, [calibration.predict((s / 100,)) for s in scores]


class DealScorer:
    """Scores closed deals with one framework, as `scoring.score` would, quickly.

    A deal recorded levels without evidence, so its score is each criterion's points
    for its level (asked once per level from the scoring core) added up in the
    framework's order, then the core's own red-flag rule, rounded as a scorecard is.
    `tests/learn` checks this equals `scoring.score` deal for deal.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self._points: list[tuple[str, dict[str, float]]] = []
        for j, criterion in enumerate(framework.criteria):
            ids = [level.id for level in framework.scale_of(criterion).root]
            points = {
                level: score_parts(framework, Answers(criteria={criterion.id: plain_answer(level)}))
                .criteria[j]
                .points
                for level in [*ids, UNKNOWN]
            }
            self._points.append((criterion.id, points))
        self._unknown = [points[UNKNOWN] for _, points in self._points]
        self._flags = [TriggeredFlag(f, framework.id, 0.0) for f in framework.red_flags]

    def score(self, deal: ClosedDeal) -> float:
        """The deal's 0-100 score; a level the scale lacks counts as unknown.

        A stage set alone (no criteria, no red flags) has no score: 0, as the core says.
        """
        if not scores_deal(self.framework):
            return 0.0
        levels = deal.levels
        raw = (
            sum(
                points.get(levels.get(cid) or UNKNOWN, unknown)
                for (cid, points), unknown in zip(self._points, self._unknown, strict=True)
            )
            if self._points
            else NO_CRITERIA_SCORE
        )
        raised = deal.flags
        if raised:
            triggered = [t for t in self._flags if t.flag.id in raised]
            raw = apply_red_flags(raw, triggered)[0]
        return round(raw, 1)
