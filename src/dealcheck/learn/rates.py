"""Win rates with and without something, and the interval of their difference."""

from __future__ import annotations

import math
from dataclasses import dataclass

from dealcheck.learn.logistic import Z95


def wilson(won: int, deals: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of a win rate (0-1); (0, 1) for no deals."""
    if deals == 0:
        return 0.0, 1.0
    rate = won / deals
    spread = Z95 * Z95 / deals
    centre = (rate + spread / 2) / (1 + spread)
    half = Z95 * math.sqrt(rate * (1 - rate) / deals + spread / (4 * deals)) / (1 + spread)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class RateGap:
    """Win rate with something against without it (Newcombe's hybrid interval).

    Attributes:
        won_with: Won deals among those with it.
        deals_with: Deals with it.
        won_without: Won deals among those without it.
        deals_without: Deals without it.
    """

    won_with: int
    deals_with: int
    won_without: int
    deals_without: int

    @property
    def rate_with(self) -> float:
        """Share of deals with it that were won (0 when there are none)."""
        return self.won_with / self.deals_with if self.deals_with else 0.0

    @property
    def rate_without(self) -> float:
        """Share of deals without it that were won (0 when there are none)."""
        return self.won_without / self.deals_without if self.deals_without else 0.0

    @property
    def difference(self) -> float:
        """Win rate with it minus win rate without it."""
        return self.rate_with - self.rate_without

    @property
    def interval(self) -> tuple[float, float]:
        """95 % interval of the difference (Newcombe 1998, method 10)."""
        low1, high1 = wilson(self.won_with, self.deals_with)
        low2, high2 = wilson(self.won_without, self.deals_without)
        p1, p2 = self.rate_with, self.rate_without
        low = self.difference - math.sqrt((p1 - low1) ** 2 + (high2 - p2) ** 2)
        high = self.difference + math.sqrt((high1 - p1) ** 2 + (p2 - low2) ** 2)
        return max(-1.0, low), min(1.0, high)
