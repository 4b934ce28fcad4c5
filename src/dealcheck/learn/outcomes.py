"""Win rates that describe a history: by score band, verdict, stage, owner, product; loss reasons.

These are descriptive: each group's win rate with its 95 % Wilson interval and its
count. Groups under the minimum of deals are marked, not hidden. The calibration a
sales leader asks for ("do deals we said to advance win more than those we said to
dig deeper on?") is one split with its interval, beside the others.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.intervals import wilson

#: Lower edges of the score bands (0-19, 20-39, ... 80-100).
BANDS = (0, 20, 40, 60, 80)
RECOMMENDATIONS = ("advance", "dig-deeper", "not-now", "disqualify")
STAGE_REACHED = "stage reached"
#: Groups listed per descriptive column (the rest are counted together).
MOST_GROUPS = 15
TOP_REASONS = 10
FLAGS_PER_REASON = 3


@dataclass(frozen=True, slots=True)
class Rate:
    """A group's win rate with its 95 % Wilson interval."""

    group: str
    won: int
    deals: int
    low: float
    high: float
    enough: bool

    @property
    def rate(self) -> float:
        """Share of the group's deals won."""
        return self.won / self.deals if self.deals else 0.0


@dataclass(frozen=True)
class LossReason:
    """A loss reason, how often, and the red flags raised on the deals lost for it."""

    reason: str
    deals: int
    share: float
    flagged: list[tuple[str, int]]
    unflagged: int


@dataclass(frozen=True)
class Groups:
    """The groups of one descriptive column, largest first, and what was left out."""

    column: str
    rates: list[Rate]
    other_groups: int = 0
    other_deals: int = 0


@dataclass
class OutcomeCounter:
    """Counts, in one pass, the descriptive win rates and the loss reasons."""

    columns: list[str] = field(default_factory=list)
    #: Stage ids in funnel order: stages reached are listed in it, not by count.
    stage_order: list[str] = field(default_factory=list)
    bands: Counter[int] = field(default_factory=Counter)
    bands_won: Counter[int] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)
    verdicts_won: Counter[str] = field(default_factory=Counter)
    groups: Counter[tuple[str, str]] = field(default_factory=Counter)
    groups_won: Counter[tuple[str, str]] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    reason_flags: Counter[tuple[str, str]] = field(default_factory=Counter)
    reason_unflagged: Counter[str] = field(default_factory=Counter)
    lost_with_reason: int = 0

    def add(self, deal: ClosedDeal) -> None:
        """Count one deal."""
        won = deal.won
        keys: list[tuple[str, str]] = [(STAGE_REACHED, deal.stage_reached or "")]
        keys += [(name, value) for name, value in deal.attributes.items()]
        for key in keys:
            self.groups[key] += 1
            if won:
                self.groups_won[key] += 1
        if deal.score is not None:
            band = max(b for b in BANDS if deal.score >= b) if deal.score >= 0 else 0
            self.bands[band] += 1
            self.bands_won[band] += won
        if deal.recommendation:
            self.verdicts[deal.recommendation] += 1
            self.verdicts_won[deal.recommendation] += won
        if not won and deal.loss_reason:
            self.lost_with_reason += 1
            self.reasons[deal.loss_reason] += 1
            for flag in deal.flags:
                self.reason_flags[deal.loss_reason, flag] += 1
            if not deal.flags:
                self.reason_unflagged[deal.loss_reason] += 1

    def score_bands(self, min_deals: int) -> list[Rate]:
        """Win rate per score band, lowest band first (bands with deals only)."""
        return [
            rate_of(_band_name(b), self.bands_won[b], self.bands[b], min_deals)
            for b in BANDS
            if self.bands[b]
        ]

    def recommendations(self, min_deals: int) -> list[Rate]:
        """Win rate per recommendation the deals had, in the verdicts' order."""
        order = [r for r in RECOMMENDATIONS if r in self.verdicts]
        order += sorted(r for r in self.verdicts if r not in RECOMMENDATIONS)
        return [rate_of(r, self.verdicts_won[r], self.verdicts[r], min_deals) for r in order]

    def described(self, min_deals: int) -> list[Groups]:
        """Win rates per value of the stage reached and of each descriptive column."""
        found: list[Groups] = []
        for column in [STAGE_REACHED, *self.columns]:
            order = {stage: n for n, stage in enumerate(self.stage_order)}
            funnel = column == STAGE_REACHED
            counts = sorted(
                ((value, n) for (c, value), n in self.groups.items() if c == column and value),
                key=lambda pair: (
                    order.get(pair[0], len(order)) if funnel else 0,
                    -pair[1],
                    pair[0],
                ),
            )
            if not counts:
                continue
            shown, rest = counts[:MOST_GROUPS], counts[MOST_GROUPS:]
            rates = [
                rate_of(value, self.groups_won[column, value], n, min_deals) for value, n in shown
            ]
            found.append(Groups(column, rates, len(rest), sum(n for _, n in rest)))
        return found

    def loss_reasons(self) -> list[LossReason]:
        """The most common loss reasons, each with the flags raised on its deals."""
        found: list[LossReason] = []
        for reason, deals in self.reasons.most_common(TOP_REASONS):
            flagged = sorted(
                ((flag, n) for (r, flag), n in self.reason_flags.items() if r == reason),
                key=lambda pair: (-pair[1], pair[0]),
            )[:FLAGS_PER_REASON]
            found.append(
                LossReason(
                    reason,
                    deals,
                    deals / self.lost_with_reason,
                    flagged,
                    self.reason_unflagged[reason],
                )
            )
        return found


def _band_name(low: int) -> str:
    return f"{low}-{low + 19}" if low < BANDS[-1] else f"{low}-100"


def rate_of(group: str, won: int, deals: int, min_deals: int) -> Rate:
    """A group's win rate with its 95 % Wilson interval, marked when under the minimum."""
    low, high = wilson(won, deals)
    return Rate(group, won, deals, low, high, deals >= min_deals)
