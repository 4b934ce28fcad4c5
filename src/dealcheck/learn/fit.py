"""Fit reviewable weight and red-flag changes to a team's won and lost deals.

The model is a logistic regression of the outcome on what the score is made of: each
criterion's level as its share of the scale (0 for the lowest level or unknown, 1 for
the top, as the score counts it) and each red flag raised (0 or 1). It is fitted in two
steps, both by Newton's method (`logistic.fit_logistic`), deterministic:

1. The current framework as it stands: log-odds = a + s x (weighted criteria share)
   + one term per red flag. `s` converts a weight into log-odds.
2. One coefficient per criterion, each pulled towards what the current weight implies
   (`s x weight / total weight`) by a Gaussian penalty; red-flag terms are pulled
   towards no effect. With little data nothing moves.

A weight changes only where its coefficient's interval excludes the current weight's
value; the intervals are 95 % for all the values tested together (Bonferroni), as the
report's comparisons are. The weights are then put back in the framework's units so
that their total stays the same (the others are only rescaled). Only `subtract` red
flags get new points, where the flag was raised and not raised in at least the minimum
number of deals and its interval excludes zero: `cap` and `disqualify` are policy (a
deal breaker), which a correlation cannot overrule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dealcheck.language.framework import (
    UNKNOWN,
    Criterion,
    Framework,
    RedFlag,
    RedFlagEffect,
)
from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.logistic import Fit, Rows, fit_logistic, simultaneous_z
from dealcheck.learn.rates import RateGap

MIN_DEALS = 30
PENALTY = 1.0
PINNED = 1e9
MAX_WEIGHT = 1000.0


@dataclass(frozen=True)
class Coefficient:
    """A fitted log-odds coefficient against the value the current framework implies."""

    value: float
    low: float
    high: float
    implied: float


@dataclass(frozen=True)
class LevelRate:
    """How many deals answered a criterion at one level, and how many of them were won."""

    level: str  # a level id, or `unknown`
    won: int
    deals: int


@dataclass(frozen=True)
class WeightChange:
    """A new criterion weight, with its evidence.

    Attributes:
        criterion: The criterion (as the current framework defines it).
        after: The suggested weight.
        coefficient: The fitted coefficient and its interval; None when the weight is
            only rescaled to keep the total (its own evidence does not move it).
        split_at: The level where the win rates differ most: deals at it or above
            against deals below it (or unknown).
        evidence: Win rate at `split_at` or above against below.
        levels: Win rate per level, lowest first, then unknown.
    """

    criterion: Criterion
    after: float
    coefficient: Coefficient | None
    split_at: str
    evidence: RateGap
    levels: tuple[LevelRate, ...]


@dataclass(frozen=True)
class FlagChange:
    """New points for a `subtract` red flag, with its evidence."""

    flag: RedFlag
    after: float
    evidence: RateGap
    coefficient: Coefficient


@dataclass(frozen=True)
class Kept:
    """A criterion or red flag the suggestion leaves as it is, and why."""

    id: str
    kind: str  # "criterion" or "red-flag"
    reason: str  # "too-few-deals", "within-interval", "policy-effect", "same-after-rounding"


@dataclass(frozen=True)
class Suggestion:
    """Changes to a framework that the fitted history supports."""

    framework: Framework
    deals: int
    won: int
    weights: tuple[WeightChange, ...]
    flags: tuple[FlagChange, ...]
    kept: tuple[Kept, ...]
    min_deals: int
    closed_from: date | None = None
    closed_to: date | None = None
    tested: int = 1

    @property
    def changed(self) -> bool:
        """Whether anything would change."""
        return bool(self.weights or self.flags)

    def apply(self) -> Framework:
        """The framework with the suggested weights and points (what the overlay loads as)."""
        weights = {w.criterion.id: w.after for w in self.weights}
        points = {f.flag.id: f.after for f in self.flags}
        criteria = [
            c.model_copy(update={"weight": weights[c.id]}) if c.id in weights else c
            for c in self.framework.criteria
        ]
        flags = [
            f.model_copy(update={"points": points[f.id]}) if f.id in points else f
            for f in self.framework.red_flags
        ]
        return self.framework.model_copy(update={"criteria": criteria, "red_flags": flags})


def share_tables(framework: Framework) -> list[tuple[str, dict[str, float]]]:
    """Per criterion: level id -> its place on the scale as the score counts it (0-1).

    The lowest level is 0 and the top 1; unknown (and any level the scale lacks) is 0.
    """
    tables = []
    for criterion in framework.criteria:
        scale = framework.scale_of(criterion)
        bottom, top = scale.root[0].value, scale.top.value
        shares = {level.id: (level.value - bottom) / (top - bottom) for level in scale.root}
        tables.append((criterion.id, shares))
    return tables


def suggest_changes(
    framework: Framework,
    deals: Sequence[ClosedDeal],
    *,
    min_deals: int = MIN_DEALS,
    penalty: float = PENALTY,
) -> Suggestion:
    """Fit the deals and return the weight and red-flag changes they support.

    Args:
        framework: The framework in use (with `extends` resolved).
        deals: Closed deals to learn from (the training part of a backtest).
        min_deals: Fewest deals behind any change, on each side of a comparison.
        penalty: Strength of the pull towards the current framework (prior precision).

    Raises:
        ValueError: When there are no deals.
    """
    criteria, flags = framework.criteria, framework.red_flags
    tables = share_tables(framework)
    outcomes = [d.won for d in deals]
    # A level the scale lacks counts as unknown, as `backtest.DealScorer` scores it.
    answered = [
        [level if (level := d.levels.get(cid)) in table else UNKNOWN for d in deals]
        for cid, table in tables
    ]
    raised = [[f.id in d.flags for d in deals] for f in flags]
    columns = [
        *(
            [table.get(level, 0.0) for level in column]
            for (_, table), column in zip(tables, answered, strict=True)
        ),
        *([1.0 if r else 0.0 for r in column] for column in raised),
    ]
    rows = Rows.grouped(len(columns), zip(*columns, strict=True), outcomes)
    total = sum(c.weight for c in criteria)
    weighted = [0.0] * len(rows.deals)
    for criterion, column in zip(criteria, rows.columns, strict=False):
        weighted = [w + criterion.weight / total * x for w, x in zip(weighted, column, strict=True)]
    current = Rows(
        1 + len(flags), [weighted, *rows.columns[len(criteria) :]], rows.deals, rows.wins
    )
    base = fit_logistic(
        current, prior=[0.0] * current.width, penalty=[1e-3, *[penalty] * len(flags)]
    )
    scale = base.coefficients[0]

    tallies = [Counter(zip(column, outcomes, strict=True)) for column in answered]
    known = [sum(n for (level, _), n in tally.items() if level != UNKNOWN) for tally in tallies]
    prior = [max(scale, 0.0) * c.weight / total for c in criteria] + [0.0] * len(flags)
    strength = [penalty if n >= min_deals else PINNED for n in known]
    full = fit_logistic(
        rows, prior=prior, penalty=[*strength, *[penalty] * len(flags)], start=base.intercept
    )
    dates = [d.closed_on for d in deals if d.closed_on is not None]
    flag_gaps = [_gap(column, outcomes) for column in raised]
    # Every value that could change is a test: their intervals must hold together.
    tested = sum(n >= min_deals for n in known) + sum(
        f.effect is RedFlagEffect.SUBTRACT and min(g.deals_with, g.deals_without) >= min_deals
        for f, g in zip(flags, flag_gaps, strict=True)
    )
    z = simultaneous_z(tested)
    weights, kept, span = _weights(framework, tallies, full, prior, known, min_deals, z)
    flag_changes = _flags(framework, flag_gaps, full, span / 100, min_deals, kept, z)
    return Suggestion(
        framework,
        len(deals),
        sum(outcomes),
        tuple(weights),
        tuple(flag_changes),
        tuple(kept),
        min_deals,
        min(dates, default=None),
        max(dates, default=None),
        tested,
    )


def _weights(
    framework: Framework,
    tallies: list[Counter[tuple[str, bool]]],
    full: Fit,
    prior: list[float],
    known: list[int],
    min_deals: int,
    z: float,
) -> tuple[list[WeightChange], list[Kept], float]:
    """Weight changes, what stays, and the log-odds of 100 points of the new score.

    A criterion whose interval excludes its prior takes its fitted coefficient, the
    others keep the prior; all are then put back in the framework's units so that the
    total weight stays what it was (the others are rescaled only, and say so).
    """
    criteria = framework.criteria
    total = sum(c.weight for c in criteria)
    kept: list[Kept] = []
    moved: dict[int, Coefficient] = {}
    for j, criterion in enumerate(criteria):
        low, high = full.interval(j, z)
        if known[j] < min_deals:
            kept.append(Kept(criterion.id, "criterion", "too-few-deals"))
        elif low <= prior[j] <= high:
            kept.append(Kept(criterion.id, "criterion", "within-interval"))
        else:
            moved[j] = Coefficient(full.coefficients[j], low, high, prior[j])
    chosen = [max(moved[j].value if j in moved else prior[j], 0.0) for j in range(len(criteria))]
    span = sum(chosen)
    if not moved or span <= 0:
        return [], kept, span
    whole = all(float(c.weight).is_integer() for c in criteria)
    changes: list[WeightChange] = []
    for j, criterion in enumerate(criteria):
        after = min(MAX_WEIGHT, max(1.0 if whole else 0.1, chosen[j] * total / span))
        after = float(round(after)) if whole else round(after, 1)
        if after == criterion.weight:
            if j in moved:
                kept.append(Kept(criterion.id, "criterion", "same-after-rounding"))
            continue
        ids = [level.id for level in framework.scale_of(criterion).root]
        levels = [
            LevelRate(
                level, tallies[j][level, True], tallies[j][level, True] + tallies[j][level, False]
            )
            for level in [*ids, UNKNOWN]
        ]
        split_at, evidence = _best_split(levels)
        changes.append(
            WeightChange(criterion, after, moved.get(j), split_at, evidence, tuple(levels))
        )
    return changes, kept, span


def _flags(
    framework: Framework,
    gaps: list[RateGap],
    full: Fit,
    per_point: float,
    min_deals: int,
    kept: list[Kept],
    z: float,
) -> list[FlagChange]:
    changes: list[FlagChange] = []
    offset = len(framework.criteria)
    for j, (flag, gap) in enumerate(zip(framework.red_flags, gaps, strict=True), start=offset):
        if flag.effect is not RedFlagEffect.SUBTRACT:
            kept.append(Kept(flag.id, "red-flag", "policy-effect"))
            continue
        if min(gap.deals_with, gap.deals_without) < min_deals:
            kept.append(Kept(flag.id, "red-flag", "too-few-deals"))
            continue
        value = full.coefficients[j]
        low, high = full.interval(j, z)
        if low <= 0.0 <= high:
            kept.append(Kept(flag.id, "red-flag", "within-interval"))
            continue
        if per_point <= 0:
            kept.append(Kept(flag.id, "red-flag", "score-unrelated"))
            continue
        after = float(min(100, max(0, round(-value / per_point))))
        if after == flag.points:
            kept.append(Kept(flag.id, "red-flag", "same-after-rounding"))
            continue
        changes.append(FlagChange(flag, after, gap, Coefficient(value, low, high, 0.0)))
    return changes


def _best_split(levels: list[LevelRate]) -> tuple[str, RateGap]:
    """The level where at-or-above and below (or unknown) differ most in win rate."""
    scale, unknown = levels[:-1], levels[-1]
    best: tuple[str, RateGap] | None = None
    for at in range(1, len(scale)):
        above, below = scale[at:], [*scale[:at], unknown]
        gap = RateGap(
            sum(r.won for r in above),
            sum(r.deals for r in above),
            sum(r.won for r in below),
            sum(r.deals for r in below),
        )
        worth = gap.deals_with and gap.deals_without
        if worth and (best is None or abs(gap.difference) > abs(best[1].difference)):
            best = (scale[at].level, gap)
    if best is None:
        total = sum(r.deals for r in levels)
        return scale[-1].level, RateGap(0, 0, sum(r.won for r in levels), total)
    return best


def _gap(marked: list[bool], outcomes: list[bool]) -> RateGap:
    with_n = sum(marked)
    won_with = sum(m and w for m, w in zip(marked, outcomes, strict=True))
    won_all = sum(outcomes)
    return RateGap(won_with, with_n, won_all - won_with, len(outcomes) - with_n)
