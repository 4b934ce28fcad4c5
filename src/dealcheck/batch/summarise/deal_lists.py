"""Bounded lists of deals to discuss: the top N by a rank, kept while rows stream by.

Each list is a min-heap of (rank, -sequence, deal): a new deal enters only when it
outranks the smallest kept one, so a million rows cost one comparison each. Ties go
to the deal read first (the lower sequence number), in one pass or in parts.
"""

from __future__ import annotations

import heapq

from dealcheck.batch.summarise.model import ListedDeal

Entry = tuple[float, int, ListedDeal]


class TopDeals:
    """The `limit` highest-ranked deals seen so far."""

    __slots__ = ("heap", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.heap: list[Entry] = []

    def wants(self, rank: float) -> bool:
        """Whether a deal of this rank would enter the list."""
        heap = self.heap
        return len(heap) < self.limit or rank > heap[0][0]

    def push(self, rank: float, sequence: int, deal: ListedDeal) -> None:
        """Keep `deal` if it ranks among the top `limit`."""
        item = (rank, -sequence, deal)
        if len(self.heap) >= self.limit:
            if item[:2] > self.heap[0][:2]:
                heapq.heapreplace(self.heap, item)
        else:
            heapq.heappush(self.heap, item)

    def merge(self, other: TopDeals) -> None:
        """Keep the overall top `limit` of both lists."""
        self.heap = heapq.nlargest(self.limit, self.heap + other.heap, key=lambda e: e[:2])
        heapq.heapify(self.heap)

    def ranked(self) -> list[ListedDeal]:
        """The deals, highest rank first."""
        return [deal for _, _, deal in sorted(self.heap, key=lambda e: e[:2], reverse=True)]
