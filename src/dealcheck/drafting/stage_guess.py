"""Placing an export's stage values on the framework's stages, won or lost.

The export's own signals come first: a stage whose deals are all closed and won (or
lost) is `won` (or `lost`), whatever it is called. Then the stage names, matched in
every language the framework and the CRM layouts know. What is left stays a TODO,
with the likely stages listed: by shared words, and by the funnel order the export's
probability column gives.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dealcheck.drafting.headers import NameIndex
from dealcheck.language.framework import Framework
from dealcheck.mapping.model import LOST, NO_WORDS, WON, YES_WORDS
from dealcheck.mapping.values import normalise_value

MOST = 0.9
MAX_STAGES = 40
MAX_LIKELY = 3


@dataclass
class Seen:
    """What the rows say about one stage value."""

    count: int = 0
    won: Counter[bool] = field(default_factory=Counter)
    closed: Counter[bool] = field(default_factory=Counter)
    order: list[float] = field(default_factory=list)

    def share(self, counts: Counter[bool]) -> float | None:
        """Share of the rows answering yes, None when the column never answered."""
        total = counts[True] + counts[False]
        return counts[True] / total if total else None

    @property
    def mean_order(self) -> float | None:
        """Mean probability (0-100) of the stage's deals, if the export gives one."""
        return sum(self.order) / len(self.order) if self.order else None


@dataclass(frozen=True)
class StageGuess:
    """One stage value and what the draft says about it."""

    name: str
    target: str | None
    hint: str = ""
    candidates: tuple[str, ...] = ()


def yes_no(text: str) -> bool | None:
    """A signal cell as True / False / None (blank or not a yes/no word)."""
    folded = normalise_value(text)
    return True if folded in YES_WORDS else False if folded in NO_WORDS else None


def percent(text: str) -> float | None:
    """A probability cell as a number, None when it is not one."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def guess_stages(
    seen: dict[str, Seen], indexes: list[NameIndex], frameworks: list[Framework]
) -> list[StageGuess]:
    """Each seen stage value (most common first) placed, or left TODO with candidates."""
    staged = next((fw for fw in frameworks if fw.stages), None)
    order_ids = [s.id for s in staged.stages] if staged else []
    scale_max = max((o for s in seen.values() for o in s.order), default=0.0)
    factor = 100.0 if 0 < scale_max <= 1 else 1.0
    named = sorted(seen.items(), key=lambda item: -item[1].count)[:MAX_STAGES]
    decided: dict[str, str | None] = {}
    for name, stats in named:
        decided[name] = _decide(name, stats, indexes)
    guesses: list[StageGuess] = []
    for name, stats in named:
        target = decided[name]
        if target is not None:
            guesses.append(StageGuess(name, target))
            continue
        candidates = _near(name, indexes, order_ids)
        hint = ""
        if stats.mean_order is not None and order_ids:
            by_order = _by_order(name, seen, decided, order_ids, factor)
            hint = f"probability {stats.mean_order * factor:.0f}%"
            candidates = tuple(dict.fromkeys([*candidates, *by_order]))
        guesses.append(StageGuess(name, None, hint, candidates))
    return guesses


def _decide(name: str, stats: Seen, indexes: list[NameIndex]) -> str | None:
    won, closed = stats.share(stats.won), stats.share(stats.closed)
    if won is not None and won >= MOST:
        return WON
    if closed is not None and closed >= MOST and won is not None and won <= 1 - MOST:
        return LOST
    sure = next((t for index in indexes if (t := index.sure(name))), None)
    if sure in (WON, LOST) and closed is not None and closed <= 1 - MOST:
        return None  # the name says closed, the export says open: a person decides
    if sure not in (WON, LOST, None) and closed is not None and closed >= MOST:
        return None
    return sure


def _near(name: str, indexes: list[NameIndex], order_ids: list[str]) -> tuple[str, ...]:
    found: set[str] = set()
    for index in indexes:
        found |= index.near(name)
    ranked = [s for s in [*order_ids, WON, LOST] if s in found]
    return tuple(ranked)


def _by_order(
    name: str,
    seen: dict[str, Seen],
    decided: dict[str, str | None],
    order_ids: list[str],
    factor: float,
) -> list[str]:
    """Framework stages this open stage sits between, by the export's probability."""
    mine = seen[name].mean_order or 0.0
    if mine * factor >= 99.5:
        return [WON]
    below = above = None
    for other, target in decided.items():
        if target in order_ids and (theirs := seen[other].mean_order) is not None:
            position = order_ids.index(target)
            if theirs <= mine and (below is None or position > below):
                below = position
            if theirs >= mine and (above is None or position < above):
                above = position
    low = below if below is not None else 0
    high = above if above is not None else len(order_ids) - 1
    low, high = min(low, high), max(low, high)
    if below is not None and above is not None:
        return order_ids[low : high + 1][:MAX_LIKELY]
    # Anchored on one side or none: place it by its rank among the open stages.
    orders = sorted(
        {
            s.mean_order
            for n, s in seen.items()
            if s.mean_order is not None and decided[n] not in (WON, LOST)
        }
    )
    rank = orders.index(mine) if mine in orders else 0
    spot = rank * (len(order_ids) - 1) / max(len(orders) - 1, 1)
    near = {int(spot), min(int(spot) + 1, len(order_ids) - 1)} if spot % 1 else {int(spot)}
    likely = [order_ids[i] for i in sorted(near) if low <= i <= high]
    return likely or [order_ids[low if below is not None else high]]
