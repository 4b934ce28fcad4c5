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
from dealcheck.learn.rates import RateGap

UNKNOWN_LEVEL = "unknown"
ALL_STAGES = ""
#: Count keys of a raised red flag and of a criterion short of its target.
FLAGGED, SHORT = "@flag", "@short"


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Effect(RateGap):
    """Win rates with and without one answer (a `RateGap`), judged for the report.

    `low` and `high` bound the difference at the report's z (shared among all the
    comparisons it makes), not at the 95 % of `RateGap.interval`.
    """

    kind: Kind
    item: str
    level: str | None
    stage: str | None
    low: float
    high: float
    status: Status


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
    """Counts, in one pass, what every split needs.

    One counter keyed by (stage, won, what): `what` is (criterion, level) for an
    answer, (FLAGGED, flag) for a raised red flag, (SHORT, criterion) for a criterion a
    scored file says is short of its target, and (DEALS,) for the deal itself. Where
    each criterion stands against its target is worked out from the level counts at
    the end, not per deal.
    """

    def __init__(self, scales: dict[str, Scale]) -> None:
        self.scales = scales
        self.counts: Counter[tuple[str, ...] | tuple[str, bool, str, str]] = Counter()
        self.deals: Counter[str] = Counter()  # stage -> deals (ALL_STAGES: all)
        self.won: Counter[str] = Counter()
        self.flag_ids: set[str] = set()
        self.scored_only = 0  # deals that give only the criteria short of target

    def add_all(self, deals: Iterable[ClosedDeal]) -> None:
        """Count every deal."""
        for deal in deals:
            self.add(deal)

    def add(self, deal: ClosedDeal) -> None:
        """Count one deal, overall and within its stage reached."""
        won = deal.won
        what: list[tuple[str, str]] = [
            (criterion, level or UNKNOWN_LEVEL) for criterion, level in deal.levels.items()
        ]
        if deal.flags:
            self.flag_ids.update(deal.flags)
            what += [(FLAGGED, flag) for flag in deal.flags]
        if deal.below_target is not None:
            self.scored_only += 1
            what += [(SHORT, criterion) for criterion in deal.below_target]
        update = self.counts.update
        update([(ALL_STAGES, won, *key) for key in what])
        self.deals[ALL_STAGES] += 1
        self.won[ALL_STAGES] += won
        if deal.stage_reached:
            update([(deal.stage_reached, won, *key) for key in what])
            self.deals[deal.stage_reached] += 1
            self.won[deal.stage_reached] += won

    def criteria_seen(self) -> set[str]:
        """The criteria some deal answered (or left blank) in a column of its own."""
        return {key[2] for key in self.counts if len(key) == 4 and key[2] not in (FLAGGED, SHORT)}

    def _count(self, stage: str, criterion: str, level: str) -> Split:
        won = self.counts[stage, True, criterion, level]
        return Split(won, won + self.counts[stage, False, criterion, level])

    def splits(self) -> list[tuple[Kind, str, str | None, str, Split, Split]]:
        """Every split: (kind, item, level, stage, with side, whole group)."""
        levels: dict[tuple[str, str], set[str]] = {}
        for stage, _, criterion, level in (k for k in self.counts if len(k) == 4):
            if criterion not in (FLAGGED, SHORT):
                levels.setdefault((stage, criterion), set()).add(level)
        found: list[tuple[Kind, str, str | None, str, Split, Split]] = []
        for (stage, criterion), seen in sorted(levels.items()):
            sides = {level: self._count(stage, criterion, level) for level in sorted(seen)}
            whole = Split(sum(s.won for s in sides.values()), sum(s.deals for s in sides.values()))
            found += [
                (Kind.LEVEL, criterion, level, stage, side, whole) for level, side in sides.items()
            ]
            scale = self.scales.get(criterion)
            if scale is not None:
                reached = [s for lv, s in sides.items() if scale.values.get(lv, -1) >= scale.target]
                side = Split(sum(s.won for s in reached), sum(s.deals for s in reached))
                found.append((Kind.TARGET, criterion, None, stage, side, whole))
        if self.scored_only:
            found += self._short_of_target()
        for stage in sorted(self.deals):
            whole = Split(self.won[stage], self.deals[stage])
            for flag in sorted(self.flag_ids):
                side = self._count(stage, FLAGGED, flag)
                found.append((Kind.FLAG, flag, None, stage, side, whole))
        return found

    def _short_of_target(self) -> list[tuple[Kind, str, str | None, str, Split, Split]]:
        """At or above target against short of it, from scored files' gaps."""
        found: list[tuple[Kind, str, str | None, str, Split, Split]] = []
        for stage in sorted(self.deals):
            whole = Split(self.won[stage], self.deals[stage])
            for criterion in self.scales:
                short = self._count(stage, SHORT, criterion)
                side = Split(whole.won - short.won, whole.deals - short.deals)
                found.append((Kind.TARGET, criterion, None, stage, side, whole))
        return found


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
    _, low, high = newcombe(side.won, side.deals, won_without, deals_without, z)
    if min(side.deals, deals_without) < min_deals:
        status = Status.TOO_FEW
    elif low > 0 or high < 0:
        status = Status.FINDING
    else:
        status = Status.NO_EFFECT
    return Effect(
        side.won,
        side.deals,
        won_without,
        deals_without,
        kind=kind,
        item=item,
        level=level,
        stage=stage or None,
        low=low,
        high=high,
        status=status,
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
