"""Memos that stay small: a lookup table emptied when full, so memory stays flat.

Batch scoring remembers what it read (stage texts, dates, cell texts, encoded cells)
because exports repeat them; a messy export can spell them endlessly many ways, so
every such memo is bounded.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def kept(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """`value`, kept in `memo` under `key`; `memo` is emptied first when it is full."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value
