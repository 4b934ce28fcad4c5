"""Criteria compiled into tables: what each run of answers earns at each stage.

Each (frameworks, stage) is compiled once, in runs of up to `RUN` criteria of one
framework (one fewer when many frameworks are scored at once, `WIDE`): per stage, the
levels of a run map to a `Part` (its points, ranked gaps, absent criteria, known
weight). A run of four criteria on a five-value scale has 625 answers, so its table
fills in the first rows and then only hits.

Gaps are held as ranks: at each stage, every possible gap (criterion and level) is
numbered in the order gaps rank (critical first, then the largest weight x
shortfall, then criterion order), so a deal's gaps are its parts' ranks sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, TypeVar

from dealcheck.bounded import kept
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.scoring.score import _plans, _stage

#: The most criteria in one run: 5 values on 4 criteria is 625 answers to a table.
RUN = 4
#: Past this many criteria (several frameworks at once), runs hold `RUN - 1`: a table
#: per run and stage then holds 125 answers, not 625, so memory stays flat.
WIDE = 12
#: Entries kept per (stage, run) table before it is emptied (messy exports spell
#: the same level many ways; memory stays flat).
PART_LIMIT = 4096
#: Distinct tuples kept for the parts to share.
SHARED_LIMIT = 16384
T = TypeVar("T")
#: The level rep belief alone earns (the scales' `assumed`), counted per deal.
BELIEF = "assumed"
#: What one level earns on one criterion at one stage: points, absent, known, gap rank.
Cell = tuple[float, bool, bool, int | None]


class Part(NamedTuple):
    """What one run of criteria earns at one stage for one answer to each."""

    levels: tuple[str, ...]
    points: tuple[float, ...]
    total: float
    #: Its gaps as ranks at its stage, in order (`PartTables.gap_name` names them).
    ranks: tuple[int, ...]
    #: Its criteria known to be absent, one bit per criterion id (`not_now` rules).
    absent: int
    absent_critical: int
    known: tuple[float, ...]
    belief: int
    answered: int
    #: Cells the mapping cannot read: (column position, column, value); set by a reader.
    unmapped: tuple[tuple[int, str, str], ...] = ()


class PartTables:
    """Per-stage tables of the criteria of frameworks scored together.

    Args:
        frameworks: The frameworks, in order.
    """

    def __init__(self, frameworks: Sequence[Framework]) -> None:
        self.frameworks = list(frameworks)
        self.ids = [c.id for fw in self.frameworks for c in fw.criteria]
        #: Runs of criterion slots, (framework, first slot, end slot), in slot order.
        self.runs: list[tuple[int, int, int]] = []
        #: Per framework with criteria, the runs it spans (first, end).
        self.spans: list[tuple[int, int]] = []
        size = RUN if len(self.ids) <= WIDE else RUN - 1
        start = 0
        for n, framework in enumerate(self.frameworks):
            end, first_run = start + len(framework.criteria), len(self.runs)
            self.runs += [(n, slot, min(slot + size, end)) for slot in range(start, end, size)]
            if end > start:
                self.spans.append((first_run, len(self.runs)))
            start = end
        #: Criterion id -> its bit in `Part.absent`.
        self.absent_bit = {criterion: 1 << n for n, criterion in enumerate(dict.fromkeys(self.ids))}
        self._critical = [c.critical for fw in self.frameworks for c in fw.criteria]
        self._maxima: list[float] = []
        #: The points all criteria are worth together.
        self.weight = 0.0
        #: Gap ranks from here on are gaps on criteria that are not critical.
        self.not_critical = max(len(self.ids), 1) * 10**6
        #: Gap rank -> criterion id.
        self.gap_name: dict[int, str] = {}
        self._cells: dict[str | None, list[dict[str, Cell]]] = {}
        self._stages: dict[str | None, list[dict[tuple[str, ...], Part]]] = {}
        self._tuples: dict[Any, Any] = {}

    def parts(self, stage: str | None) -> list[dict[tuple[str, ...], Part]]:
        """Per run, levels -> `Part` at a stage id (None: the frameworks' targets).

        Raises:
            ValueError: For a stage a framework with stages does not know.
        """
        found = self._stages.get(stage)
        if found is None:
            self._cells[stage] = self._compile(stage)
            found = self._stages[stage] = [{} for _ in self.runs]
        return found

    def part(
        self, stage: str | None, run: int, levels: tuple[str, ...], *, keep: bool = True
    ) -> Part:
        """What run `run` earns for `levels` at a stage.

        Kept in the stage's table, unless `keep` is false (a caller that keeps parts
        under keys of its own, such as the row reader's cell texts).

        Raises:
            ValueError: For an unknown stage, or a level id not on a criterion's scale.
        """
        table = self.parts(stage)[run]
        found = table.get(levels)
        if found is None:
            found = self._part(stage, run, levels)
            if keep:
                kept(table, levels, found, PART_LIMIT)
        return found

    def _compile(self, stage: str | None) -> list[dict[str, Cell]]:
        """Per criterion slot, level id -> what it earns at a stage.

        Raises:
            ValueError: For a stage a framework with stages does not know.
        """
        plans = []
        maxima: list[float] = []
        for framework in self.frameworks:
            current = _stage(framework, stage if framework.stages else None)
            for plan in _plans(framework, current):
                maxima.append(plan.max_points)
                plans.append(plan)
        # Every gap this stage can hold, in the order gaps rank, numbered.
        gaps = sorted(
            ((not gap.criterion.critical, -gap.priority), slot, level_id)
            for slot, plan in enumerate(plans)
            for level_id, (_, gap) in plan.plain.items()
            if gap
        )
        width = max(len(self.ids), 1)
        ranks: dict[tuple[int, str], int] = {}
        for order, ((not_critical, _), slot, level_id) in enumerate(gaps):
            rank = order * width + slot + (self.not_critical if not_critical else 0)
            ranks[(slot, level_id)] = rank
            self.gap_name[rank] = self.ids[slot]
        self._maxima, self.weight = maxima, sum(maxima)
        return [
            {
                level_id: (
                    scored.points,
                    scored.absent,
                    scored.level is not None,
                    ranks.get((slot, level_id)),
                )
                for level_id, (scored, _) in plan.plain.items()
            }
            for slot, plan in enumerate(plans)
        ]

    def _part(self, stage: str | None, run: int, levels: tuple[str, ...]) -> Part:
        _, first, end = self.runs[run]
        try:
            read = [
                table[level]
                for table, level in zip(self._cells[stage][first:end], levels, strict=True)
            ]
        except (KeyError, ValueError):
            raise ValueError(f"a level not on the scale: {levels}") from None
        points = tuple(cell[0] for cell in read)
        slots = range(first, end)
        absent = [s for s, cell in zip(slots, read, strict=True) if cell[1]]
        # A run's parts at each stage share all but their gaps: kept once (memory).
        shared = self.shared
        return Part(
            shared(levels),
            shared(points),
            sum(points),
            shared(tuple(sorted([cell[3] for cell in read if cell[3] is not None]))),
            sum({self.absent_bit[self.ids[s]] for s in absent}),
            sum(1 for s in absent if self._critical[s]),
            shared(tuple(self._maxima[s] for s, cell in zip(slots, read, strict=True) if cell[2])),
            sum(1 for level in levels if level == BELIEF),
            sum(1 for level in levels if level != UNKNOWN),
        )

    def shared(self, value: T) -> T:
        """The kept object equal to `value` (tuples the parts share; bounded)."""
        found: T | None = self._tuples.get(value)
        return kept(self._tuples, value, value, SHARED_LIMIT) if found is None else found
