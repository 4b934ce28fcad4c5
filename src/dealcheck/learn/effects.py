"""Which answers go with winning: each level and red flag against the rest, with intervals.

For every criterion the deals are split three ways: each level against the other
levels (an unanswered criterion is the level `unknown`), and at or above the
framework's target level against below it. For every red flag: raised against not
raised. Each split gives two win rates, their difference and Newcombe's interval of
that difference; splits where either side has fewer than the minimum of deals are
marked too few and never ranked. The same splits are made within each stage reached.

One pass counts everything; no deal is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.intervals import newcombe, wilson

UNKNOWN_LEVEL = "unknown"
ALL_STAGES = ""


class Kind(StrEnum):
    """What a split compares."""

    LEVEL = "level"  # one level of a criterion against its other levels
    TARGET = "target"  # at or above the criterion's target against below it
    FLAG = "flag"  # a red flag raised against not raised
    RECOMMENDATION = "recommendation"  # advance against dig deeper


class Status(StrEnum):
    """What a split shows."""

    FINDING = "finding"  # the interval of the difference excludes zero
    NO_EFFECT = "no-effect"  # enough deals, and the interval holds zero
    TOO_FEW = "too-few"  # fewer deals than the minimum on a side


@dataclass(frozen=True, slots=True)
class Effect:
    """Win rates with and without one answer, and the difference between them."""

    kind: Kind
    item: str
    level: str | None
    stage: str | None
    won_with: int
    deals_with: int
    won_without: int
    deals_without: int
    difference: float
    low: float
    high: float
    status: Status

    @property
    def rate_with(self) -> float:
        """Win rate of the deals with the answer."""
        return self.won_with / self.deals_with if self.deals_with else 0.0

    @property
    def rate_without(self) -> float:
        """Win rate of the other deals."""
        return self.won_without / self.deals_without if self.deals_without else 0.0


@dataclass(frozen=True)
class Scale:
    """How a criterion's levels rank, to tell at or above target from below."""

    values: dict[str, int]
    target: int


@dataclass
class Split:
    """Deals and wins on the `with` side, and the deals of the whole group."""

    won: int = 0
    deals: int = 0


class EffectCounter:
    """Counts, in one pass, what every split needs."""

    def __init__(self, scales: dict[str, Scale]) -> None:
        self.scales = scales
        self.deals: Counter[str] = Counter()  # stage -> deals (ALL_STAGES: all)
        self.won: Counter[str] = Counter()
        self.levels: Counter[tuple[str, str, str]] = Counter()  # (stage, criterion, level)
        self.levels_won: Counter[tuple[str, str, str]] = Counter()
        self.answered: Counter[tuple[str, str]] = Counter()  # (stage, criterion): deals
        self.answered_won: Counter[tuple[str, str]] = Counter()
        self.at_target: Counter[tuple[str, str]] = Counter()
        self.at_target_won: Counter[tuple[str, str]] = Counter()
        self.flags: Counter[tuple[str, str]] = Counter()
        self.flags_won: Counter[tuple[str, str]] = Counter()
        self.flag_ids: set[str] = set()

    def add_all(self, deals: Iterable[ClosedDeal]) -> None:
        """Count every deal."""
        for deal in deals:
            self.add(deal)

    def add(self, deal: ClosedDeal) -> None:
        """Count one deal, overall and within its stage reached."""
        stages = (ALL_STAGES, deal.stage_reached) if deal.stage_reached else (ALL_STAGES,)
        won = deal.won
        at_or_above = self._at_or_above(deal)
        self.flag_ids.update(deal.flags)
        for stage in stages:
            self.deals[stage] += 1
            for criterion, level in deal.levels.items():
                self.levels[stage, criterion, level or UNKNOWN_LEVEL] += 1
                if won:
                    self.levels_won[stage, criterion, level or UNKNOWN_LEVEL] += 1
            for criterion, reached in at_or_above.items():
                self.answered[stage, criterion] += 1
                if reached:
                    self.at_target[stage, criterion] += 1
                if won:
                    self.answered_won[stage, criterion] += 1
                    if reached:
                        self.at_target_won[stage, criterion] += 1
            for flag in deal.flags:
                self.flags[stage, flag] += 1
            if won:
                self.won[stage] += 1
                for flag in deal.flags:
                    self.flags_won[stage, flag] += 1

    def _at_or_above(self, deal: ClosedDeal) -> dict[str, bool]:
        if deal.below_target is not None:
            return {key: key not in deal.below_target for key in self.scales}
        found: dict[str, bool] = {}
        for criterion, level in deal.levels.items():
            scale = self.scales.get(criterion)
            if scale is not None:
                found[criterion] = level is not None and scale.values.get(level, -1) >= scale.target
        return found

    def splits(self) -> list[tuple[Kind, str, str | None, str, Split, Split]]:
        """Every split: (kind, item, level, stage, with side, whole group)."""
        found: list[tuple[Kind, str, str | None, str, Split, Split]] = []
        for (stage, criterion, level), deals in sorted(self.levels.items()):
            whole = Split(
                self._criterion_won(stage, criterion), self._criterion_deals(stage, criterion)
            )
            side = Split(self.levels_won[stage, criterion, level], deals)
            found.append((Kind.LEVEL, criterion, level, stage, side, whole))
        for (stage, criterion), deals in sorted(self.answered.items()):
            side = Split(self.at_target_won[stage, criterion], self.at_target[stage, criterion])
            whole = Split(self.answered_won[stage, criterion], deals)
            found.append((Kind.TARGET, criterion, None, stage, side, whole))
        for stage in sorted(self.deals):
            whole = Split(self.won[stage], self.deals[stage])
            for flag in sorted(self.flag_ids):
                side = Split(self.flags_won[stage, flag], self.flags[stage, flag])
                found.append((Kind.FLAG, flag, None, stage, side, whole))
        return found

    def _criterion_deals(self, stage: str, criterion: str) -> int:
        return sum(n for (s, c, _), n in self.levels.items() if s == stage and c == criterion)

    def _criterion_won(self, stage: str, criterion: str) -> int:
        return sum(n for (s, c, _), n in self.levels_won.items() if s == stage and c == criterion)


def judge(
    kind: Kind,
    item: str,
    level: str | None,
    stage: str | None,
    side: Split,
    whole: Split,
    *,
    min_deals: int,
    z: float,
) -> Effect:
    """The effect of one split, judged against the minimum of deals per side."""
    won_without, deals_without = whole.won - side.won, whole.deals - side.deals
    difference, low, high = newcombe(side.won, side.deals, won_without, deals_without, z)
    if min(side.deals, deals_without) < min_deals:
        status = Status.TOO_FEW
    elif low > 0 or high < 0:
        status = Status.FINDING
    else:
        status = Status.NO_EFFECT
    return Effect(
        kind,
        item,
        level,
        stage or None,
        side.won,
        side.deals,
        won_without,
        deals_without,
        difference,
        low,
        high,
        status,
    )


def enough(side: Split, whole: Split, min_deals: int) -> bool:
    """Whether both sides of a split hold the minimum of deals."""
    return min(side.deals, whole.deals - side.deals) >= min_deals


def ranked(effects: Iterable[Effect]) -> list[Effect]:
    """Findings by size of effect (ties: the surer first), then no effect, then too few."""
    order = {Status.FINDING: 0, Status.NO_EFFECT: 1, Status.TOO_FEW: 2}
    return sorted(
        effects,
        key=lambda e: (order[e.status], -abs(e.difference), -min(abs(e.low), abs(e.high))),
    )


def rate_interval(won: int, deals: int) -> tuple[float, float]:
    """The plain 95 % Wilson interval of a win rate (descriptive figures)."""
    return wilson(won, deals)
