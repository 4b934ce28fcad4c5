"""Red flags compiled to bits: what a combination of flag answers raises, and costs.

Each flag id is one bit, in the order flags are costed and listed (subtract, then cap,
then disqualify; then by slot), so the flags several runs of columns raise join with
an `|`, and their ids are read off the bits a byte at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import add, and_, rshift
from typing import NamedTuple

from dealcheck.bounded import kept
from dealcheck.language.framework import Framework, RedFlag, RedFlagEffect

#: The most flag ids in one run of red-flag columns.
RUN = 4
#: Flags raised are named a byte of their bits at a time (tables of 256 values).
BYTE, BYTE_MASK = 8, 255
#: Combinations of flag answers kept.
RAISED_LIMIT = 4096
_SUBTRACT, _CAP, _DISQUALIFY = RedFlagEffect.SUBTRACT, RedFlagEffect.CAP, RedFlagEffect.DISQUALIFY
_EFFECTS = (_SUBTRACT, _CAP, _DISQUALIFY)


class Raised(NamedTuple):
    """The red flags one combination of flag answers raises (one per id)."""

    answers: tuple[bool | None, ...]
    #: One bit per flag id raised, in the order flags are costed and listed.
    bits: int
    ids: tuple[str, ...]
    #: Cells the mapping cannot read: (column position, column, value); set by a reader.
    unmapped: tuple[tuple[int, str, str], ...] = ()


class FlagBits:
    """The red flags of frameworks scored together, as bits.

    A flag several frameworks share takes the first answer given for it, and is raised
    once, as its first definition, listed where its last definition puts it (as
    `assess` does).

    Args:
        frameworks: The frameworks, in order.
    """

    def __init__(self, frameworks: Sequence[Framework]) -> None:
        self._flags: list[RedFlag] = [f for fw in frameworks for f in fw.red_flags]
        slots_of: dict[str, list[int]] = {}
        for slot, flag in enumerate(self._flags):
            slots_of.setdefault(flag.id, []).append(slot)
        ids = list(slots_of)
        #: Runs of red-flag slots, each raised on its own: up to RUN flag ids a run,
        #: with every slot of an id (frameworks may share one) in the same run.
        self.runs = [
            tuple(sorted(s for i in ids[n : n + RUN] for s in slots_of[i]))
            for n in range(0, len(ids), RUN)
        ]
        first = {flag_id: self._flags[slots[0]] for flag_id, slots in slots_of.items()}
        order = {f.id: (_EFFECTS.index(f.effect), slots_of[f.id][0]) for f in self._flags}
        ordered = sorted(ids, key=order.__getitem__)
        #: Flag id -> its bit.
        self.bit = {flag_id: 1 << n for n, flag_id in enumerate(ordered)}
        #: The bits of the flags that disqualify.
        self.disqualifying = sum([self.bit[i] for i in ids if first[i].effect is _DISQUALIFY])
        self._subtracts = [
            (self.bit[i], first[i].points or 0.0) for i in ordered if first[i].effect is _SUBTRACT
        ]
        self._caps = [
            (self.bit[i], first[i].points or 0.0) for i in ordered if first[i].effect is _CAP
        ]
        #: The bits of the flags that cost points.
        self.costing = sum([bit for bit, _ in self._subtracts + self._caps])
        # Per BYTE bits of flags, in order, the ids each value of them raises.
        self._names_by_byte = [
            [
                tuple([i for n, i in enumerate(ordered[start : start + BYTE]) if value >> n & 1])
                for value in range(1 << BYTE)
            ]
            for start in range(0, len(ordered), BYTE)
        ]
        self._raised: dict[tuple[int, tuple[bool | None, ...]], Raised] = {}

    def raised(self, answers: tuple[bool | None, ...], run: int) -> Raised:
        """The flags raised by answers to one run's slots (kept).

        None is never raised here: without evidence sources the rep's belief share is
        0, and a `raised_when` threshold is above 0 by the framework schema.
        """
        key = (run, answers)
        found = self._raised.get(key)
        if found is None:
            slots = self.runs[run]
            said: dict[str, bool | None] = {}
            for slot, answer in zip(slots, answers, strict=True):
                flag_id = self._flags[slot].id
                if said.get(flag_id) is None:
                    said[flag_id] = answer
            bits = sum([self.bit[i] for i, answer in said.items() if answer is True])
            found = kept(
                self._raised, key, Raised(answers, bits, self.named([bits])[0]), RAISED_LIMIT
            )
        return found

    def named(self, bits: list[int]) -> list[tuple[str, ...]]:
        """The ids of the flags each of `bits` raises, in the order they are listed."""
        if not self._names_by_byte:
            return [()] * len(bits)
        first, *rest = self._names_by_byte
        if not rest:
            return list(map(first.__getitem__, bits))
        names: Iterable[tuple[str, ...]] = map(
            first.__getitem__, map(and_, bits, repeat(BYTE_MASK))
        )
        for n, table in enumerate(rest, start=1):
            byte = map(and_, map(rshift, bits, repeat(n * BYTE)), repeat(BYTE_MASK))
            names = map(add, names, map(table.__getitem__, byte))
        return list(names)

    def answers(self, runs: Sequence[Raised]) -> tuple[bool | None, ...]:
        """Every flag slot's answer, in slot order, from one `Raised` per flag run."""
        answers: list[bool | None] = [None] * len(self._flags)
        for slots, run in zip(self.runs, runs, strict=True):
            for slot, answer in zip(slots, run.answers, strict=True):
                answers[slot] = answer
        return tuple(answers)

    def costed(self, raw: float, bits: int) -> float:
        """`scoring.score.apply_red_flags`: subtract, then cap (disqualify costs nothing)."""
        current = raw
        for bit, points in self._subtracts:
            if bits & bit:
                current = max(0.0, current - points)
        for bit, points in self._caps:
            if bits & bit:
                current = min(current, points)
        return current
