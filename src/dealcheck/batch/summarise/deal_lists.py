"""Bounded lists of deals to discuss: the top N by a rank, kept while rows stream by.

Each list is a min-heap of (rank, -sequence, deal): a new deal enters only when it
outranks the smallest kept one, so a million rows cost one comparison each. Ties go
to the deal read first (the lower sequence number), in one pass or in parts.
"""

from __future__ import annotations

import heapq
import math
from typing import TYPE_CHECKING

from dealcheck.batch.summarise.forecast import OUT_OF_FORECAST, UNSCORED
from dealcheck.batch.summarise.model import ListedDeal

if TYPE_CHECKING:
    from dealcheck.batch.score.row_plan import DealBasics, RowVerdict

Entry = tuple[float, int, ListedDeal]
AT_RISK_LIMIT = 10
LIST_LIMIT = 10
LARGEST_LIMIT = 12
DISCUSS_LIMIT = 3


class TopDeals:
    """The `limit` highest-ranked deals seen so far."""

    __slots__ = ("floor", "heap", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.heap: list[Entry] = []
        #: A deal enters only when it ranks above this (the lowest kept, once full).
        self.floor = -math.inf

    def push(self, rank: float, sequence: int, deal: ListedDeal) -> None:
        """Keep `deal` if it ranks among the top `limit`."""
        item = (rank, -sequence, deal)
        if len(self.heap) >= self.limit:
            if item[:2] > self.heap[0][:2]:
                heapq.heapreplace(self.heap, item)
        else:
            heapq.heappush(self.heap, item)
        self._set_floor()

    def merge(self, other: TopDeals) -> None:
        """Keep the overall top `limit` of both lists."""
        self.heap = heapq.nlargest(self.limit, self.heap + other.heap, key=lambda e: e[:2])
        heapq.heapify(self.heap)
        self._set_floor()

    def _set_floor(self) -> None:
        self.floor = self.heap[0][0] if len(self.heap) >= self.limit else -math.inf

    def ranked(self) -> list[ListedDeal]:
        """The deals, highest rank first."""
        return [deal for _, _, deal in sorted(self.heap, key=lambda e: e[:2], reverse=True)]


class DealLists:
    """The deals a manager discusses, kept while rows stream by.

    At risk, to remove from the forecast, commit at risk, close date to update, the
    largest, and each owner's few to discuss.

    Args:
        closing_soon_days: "At risk" looks this many days ahead.
        stopping: Ids of the red flags that disqualify a deal: the reason a deal is
            removed from the forecast names one of them first.
    """

    def __init__(self, closing_soon_days: int, stopping: frozenset[str] = frozenset()) -> None:
        self.soon = closing_soon_days
        self.stopping = stopping
        self.top = {
            "at_risk": TopDeals(AT_RISK_LIMIT),
            "remove": TopDeals(LIST_LIMIT),
            "commit_at_risk": TopDeals(LIST_LIMIT),
            "update_close": TopDeals(LIST_LIMIT),
            "largest": TopDeals(LARGEST_LIMIT),
        }
        self.discuss: dict[str, TopDeals] = {}
        #: Ties go to the deal read first: a part's counter starts far above the last.
        self.sequence = 0

    def offer(
        self,
        source: str,
        line: int,
        row: RowVerdict,
        deal: DealBasics,
        forecast: str,
        days: int | None,
        commit: bool,
        critical: str,
        value: float,
        owner: str,
    ) -> None:
        """Offer an open deal to every list it qualifies for.

        A lead not yet in the pipeline is on no list: it is not in the forecast to be
        removed from, its close date and gaps are not the pipeline's, it is neither at
        risk nor a deal to discuss.
        """
        verdict = row.verdict
        recommendation = verdict.recommendation
        out = recommendation in OUT_OF_FORECAST
        weakness = value * (1.0 - verdict.score / 100.0)
        lists = self.top
        # `rank > list.floor`: whether a deal of that rank would enter the list.
        wanted: list[tuple[str, float, tuple[tuple[str, str], ...]]] = []
        top_gap = (("top-gap", verdict.gaps[0]),) if verdict.gaps else ()
        flag = (("red-flag", verdict.red_flags[0]),) if verdict.red_flags else ()
        if (
            value > 0
            and not out
            and days is not None
            and 0 <= days <= self.soon
            and recommendation != UNSCORED
            and weakness > lists["at_risk"].floor
        ):
            wanted.append(("at_risk", weakness, (("closes-in", str(days)), *top_gap)))
        if out and value > lists["remove"].floor:
            stop = self._stopping_first(verdict.red_flags)
            wanted.append(("remove", value, (("recommendation", recommendation), *stop, *top_gap)))
        if (
            commit
            and not out
            and (critical or verdict.red_flags)
            and value > lists["commit_at_risk"].floor
        ):
            reason = flag or (("top-gap", critical),)
            wanted.append(("commit_at_risk", value, reason))
        if (days is None or days < 0) and value > lists["update_close"].floor:
            reason = (("no-close-date", ""),) if days is None else (("past-close", str(-days)),)
            wanted.append(("update_close", value, reason))
        if value > 0 and value > lists["largest"].floor:
            wanted.append(("largest", value, tuple(("gap", g) for g in verdict.gaps)))
        discuss = self.discuss.get(owner)
        if discuss is None:
            discuss = self.discuss[owner] = TopDeals(DISCUSS_LIMIT)
        if not out and value > 0 and weakness > discuss.floor:
            wanted.append(("discuss", weakness, (*top_gap, *flag)))
        for name, rank, reasons in wanted:
            self.sequence += 1
            listed = ListedDeal(
                source,
                line,
                deal.deal_id,
                deal.name,
                deal.company,
                deal.owner,
                value,
                deal.currency,
                verdict.score if verdict.grade else None,  # no grade: nothing scored
                recommendation,
                row.stage or row.stage_label,
                deal.close_date,
                forecast,
                reasons,
                round(rank, 2),
            )
            target = discuss if name == "discuss" else lists[name]
            target.push(rank, self.sequence, listed)

    def _stopping_first(self, flags: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """The red flag that explains a removal: the first that disqualifies, or the first."""
        if not flags:
            return ()
        return (("red-flag", next((f for f in flags if f in self.stopping), flags[0])),)

    def merge(self, other: DealLists) -> None:
        """Add another part's lists (merge parts in input order)."""
        for name, top in other.top.items():
            self.top[name].merge(top)
        for owner, top in other.discuss.items():
            self.discuss.setdefault(owner, TopDeals(DISCUSS_LIMIT)).merge(top)
        self.sequence = max(self.sequence, other.sequence)
