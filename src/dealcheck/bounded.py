"""Memos that stay small: a lookup table emptied when full, so memory stays flat.

Batch scoring remembers what it read (stage texts, dates, cell texts, encoded cells)
because exports repeat them; a messy export can spell them endlessly many ways, so
every such memo is bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def kept(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """`value`, kept in `memo` under `key`; `memo` is emptied first when it is full."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value


class Filled(dict[K, V]):
    """A bounded memo that reads what it lacks: `memo[key]` is `fill(key)` the first time.

    Looked up with `map(memo.__getitem__, keys)`, a chunk of keys costs no Python call
    but for the keys met the first time.
    """

    __slots__ = ("fill", "limit")

    def __init__(self, fill: Callable[[K], V], limit: int) -> None:
        super().__init__()
        self.fill, self.limit = fill, limit

    def __missing__(self, key: K) -> V:
        return kept(self, key, self.fill(key), self.limit)
