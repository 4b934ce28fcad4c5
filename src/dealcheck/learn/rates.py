"""Win rates with and without something, and the interval of their difference.

`RateGap` is the one shape of a with/without comparison in the learning wing: the
report's effects (`learn.effects.Effect`) and the fit's evidence (`learn.fit`) are both
one. The intervals themselves are `learn.intervals`' (Wilson, Newcombe).
"""

from __future__ import annotations

from dataclasses import dataclass

from dealcheck.learn.intervals import newcombe


@dataclass(frozen=True, slots=True)
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
        _, low, high = newcombe(
            self.won_with, self.deals_with, self.won_without, self.deals_without
        )
        return low, high
