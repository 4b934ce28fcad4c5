"""Scoring compiled into tables: a combination of answers scored in a few lookups and sums.

A CRM export where every row is a new combination of levels, stage and red flags
cannot live on a cache of verdicts. So each (frameworks, stage) is compiled once, in
runs of up to `RUN` criteria of one framework (one fewer when many frameworks are
scored at once, `WIDE`): per stage, the levels of a run map to
a `Part` (its points, ranked gaps, absent criteria, known weight). A run of four
criteria on a five-value scale has 625 answers, so its table fills in the first rows
and then only hits. A row is one lookup per run, one for its red flags, and the
sums and rules `assess` applies over those (`scoring.score`, `scoring.assessment`,
`scoring.recommend`), exactly as it applies them.

It covers answers without an evidence source or date (evidence rules then judge
nothing: no rep belief, no verified weight); `VerdictCache` scores the others
through `assess` itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import add, and_, attrgetter, or_, rshift, truediv
from typing import Any, NamedTuple, TypeVar

from dealcheck.language.framework import UNKNOWN, Framework, NotNowRule, RedFlag, RedFlagEffect
from dealcheck.scoring.score import (
    NO_CRITERIA_SCORE,
    Recommendation,
    _plans,
    _stage,
    grade_for,
    scores_deal,
)

#: The most criteria in one run: 5 values on 4 criteria is 625 answers to a table.
RUN = 4
#: Past this many criteria (several frameworks at once), runs hold `RUN - 1`: a table
#: per run and stage then holds 125 answers, not 625, so memory stays flat.
WIDE = 12
#: Entries kept per (stage, run) table before it is emptied (messy exports spell
#: the same level many ways; memory stays flat).
PART_LIMIT = 4096
#: Flags raised are named a byte of their bits at a time (tables of 256 values).
BYTE, BYTE_MASK = 8, 255
#: Distinct tuples kept for the parts to share.
SHARED_LIMIT = 16384
T = TypeVar("T")
#: The level rep belief alone earns (the scales' `assumed`), counted per deal.
BELIEF = "assumed"
_SUBTRACT, _CAP, _DISQUALIFY = RedFlagEffect.SUBTRACT, RedFlagEffect.CAP, RedFlagEffect.DISQUALIFY
_EFFECTS = (_SUBTRACT, _CAP, _DISQUALIFY)
_ADVANCE = Recommendation.ADVANCE.value
_DIG_DEEPER = Recommendation.DIG_DEEPER.value
_NOT_NOW = Recommendation.NOT_NOW.value
_DISQUALIFIES = Recommendation.DISQUALIFY.value
#: What one level earns on one criterion at one stage: points, absent, known, gap rank.
Cell = tuple[float, bool, bool, int | None]


class Part(NamedTuple):
    """What one run of criteria earns at one stage for one answer to each."""

    levels: tuple[str, ...]
    points: tuple[float, ...]
    total: float
    #: Its gaps as ranks at its stage, in order (`VerdictTables.gap_name` names them).
    ranks: tuple[int, ...]
    #: Its criteria known to be absent, one bit per criterion id (`not_now` rules).
    absent: int
    absent_critical: int
    known: tuple[float, ...]
    belief: int
    answered: int
    #: Cells the mapping cannot read: (column position, column, value); set by a reader.
    unmapped: tuple[tuple[int, str, str], ...] = ()


class Raised(NamedTuple):
    """The red flags one combination of flag answers raises (one per id)."""

    answers: tuple[bool | None, ...]
    #: One bit per flag id raised, in the order flags are costed and listed.
    bits: int
    ids: tuple[str, ...]
    #: Cells the mapping cannot read: (column position, column, value); set by a reader.
    unmapped: tuple[tuple[int, str, str], ...] = ()


class Verdict(NamedTuple):
    """The overall verdict of one deal, as a batch run prints and counts it."""

    score: float
    grade: str
    recommendation: str
    gaps: tuple[str, ...]
    red_flags: tuple[str, ...]
    #: The deal's JSON report (deal left null), for JSON output only.
    report: dict[str, Any] | None = None


STAGES_ONLY = Verdict(0.0, "", _DIG_DEEPER, (), ())


class VerdictTables:
    """Per-stage tables for frameworks scored together.

    Red flags raised are held as bits, one per flag id in the order they are costed
    and listed (subtract, then cap, then disqualify; then by slot), so the flags of
    several runs join with an `|`. Gaps are held as ranks: at each stage, every
    possible gap (criterion and level) is numbered in the order gaps rank (critical
    first, then the largest weight x shortfall, then criterion order), so a deal's gaps
    are its parts' ranks sorted.

    Args:
        frameworks: The frameworks, in order (the first one's grades and rules lead).
    """

    def __init__(self, frameworks: Sequence[Framework]) -> None:
        self.frameworks = list(frameworks)
        lead = self.frameworks[0]
        self._lead, self._rule = lead, lead.recommendation
        self.ids = [c.id for fw in self.frameworks for c in fw.criteria]
        self.flag_ids = [f.id for fw in self.frameworks for f in fw.red_flags]
        self._flags: list[RedFlag] = [f for fw in self.frameworks for f in fw.red_flags]
        # Runs of red-flag slots, each raised on its own: up to RUN flag ids a run, with
        # every slot of an id (frameworks may share one) in the same run.
        slots_of: dict[str, list[int]] = {}
        for slot, flag in enumerate(self._flags):
            slots_of.setdefault(flag.id, []).append(slot)
        ids = list(slots_of)
        #: Per run, its red-flag slots in slot order.
        self.flag_runs = [
            tuple(sorted(s for i in ids[n : n + RUN] for s in slots_of[i]))
            for n in range(0, len(ids), RUN)
        ]
        # A flag id is raised as its first definition, and ordered as its last (as
        # `assess` does).
        first = {flag_id: self._flags[slots[0]] for flag_id, slots in slots_of.items()}
        order = {f.id: (_EFFECTS.index(f.effect), slots_of[f.id][0]) for f in self._flags}
        ordered = sorted(ids, key=order.__getitem__)
        self._flag_bit = {flag_id: 1 << n for n, flag_id in enumerate(ordered)}
        self._disqualify_bits = sum(
            [self._flag_bit[i] for i in ids if first[i].effect is _DISQUALIFY]
        )
        self._subtracts = [
            (self._flag_bit[i], first[i].points or 0.0)
            for i in ordered
            if first[i].effect is _SUBTRACT
        ]
        self._caps = [
            (self._flag_bit[i], first[i].points or 0.0) for i in ordered if first[i].effect is _CAP
        ]
        self._cost_bits = sum([bit for bit, _ in self._subtracts + self._caps])
        # Per BYTE bits of flags, in order, the ids each value of them raises.
        self._names_by_byte = [
            [
                tuple([i for n, i in enumerate(ordered[first : first + BYTE]) if value >> n & 1])
                for value in range(1 << BYTE)
            ]
            for first in range(0, len(ordered), BYTE)
        ]
        #: Runs of criterion slots, (framework, first slot, end slot), in slot order.
        self.runs: list[tuple[int, int, int]] = []
        #: Per framework with criteria, the runs it spans (first, end).
        self._spans: list[tuple[int, int]] = []
        size = RUN if len(self.ids) <= WIDE else RUN - 1
        start = 0
        for n, framework in enumerate(self.frameworks):
            end, first_run = start + len(framework.criteria), len(self.runs)
            self.runs += [(n, slot, min(slot + size, end)) for slot in range(start, end, size)]
            if end > start:
                self._spans.append((first_run, len(self.runs)))
            start = end
        self._single = all(b - a == 1 for a, b in self._spans)
        self._unique_ids = len(set(self.ids)) == len(self.ids)
        self._absent_bit = {
            criterion: 1 << n for n, criterion in enumerate(dict.fromkeys(self.ids))
        }
        rules: dict[str, NotNowRule] = {}
        for framework in self.frameworks:
            for rule in framework.recommendation.not_now:
                rules.setdefault(rule.id, rule)
        # Each rule: all of its groups, each held by any of its flags or absent criteria.
        self._not_now = [
            [
                (
                    sum({self._flag_bit.get(c.flag, 0) for c in group.any if c.flag}),
                    sum({self._absent_bit.get(c.absent, 0) for c in group.any if c.absent}),
                )
                for group in rule.all
            ]
            for rule in rules.values()
        ]
        self._disqualify_absent = self._rule.disqualify_when_absent
        self._uses_absent = bool(self._not_now) or bool(self._disqualify_absent)
        # Stage sets alone score nothing: no score, no score-based verdict (as `assess`).
        self._scores = any(scores_deal(framework) for framework in self.frameworks)
        self._critical = [c.critical for fw in self.frameworks for c in fw.criteria]
        self._maxima: list[float] = []
        self._weight = 0.0
        #: Gap ranks from here on are gaps on criteria that are not critical.
        self._not_critical = max(len(self.ids), 1) * 10**6
        #: Gap rank -> criterion id.
        self.gap_name: dict[int, str] = {}
        self._cells: dict[str | None, list[dict[str, Cell]]] = {}
        self._stages: dict[str | None, list[dict[tuple[str, ...], Part]]] = {}
        self._raised: dict[tuple[int | None, tuple[bool | None, ...]], Raised] = {}
        self._grades: dict[float, str] = {}
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
                if len(table) >= PART_LIMIT:
                    table.clear()
                table[levels] = found
        return found

    def scored(
        self, stage: str | None, levels: Sequence[str], flags: Sequence[bool | None]
    ) -> Verdict:
        """The verdict of flat level and flag tuples (slot order; shared flags merged).

        Raises:
            ValueError: For an unknown stage, or a level id not on a criterion's scale.
        """
        parts = [
            self.part(stage, run, tuple(levels[first:end]))
            for run, (_, first, end) in enumerate(self.runs)
        ]
        bits = 0
        for run, slots in enumerate(self.flag_runs):
            bits |= self.raised(tuple(flags[slot] for slot in slots), run).bits
        return self.combine(parts, bits, self.flags_named(bits))

    def raised(self, answers: tuple[bool | None, ...], run: int | None = None) -> Raised:
        """The flags raised by answers to every flag slot, or to one run's slots (kept).

        A flag several frameworks share takes the first answer given for it, and is
        raised once, as its first definition. None is never raised here: without
        evidence sources the rep's belief share is 0, and a `raised_when` threshold is
        above 0 by the framework schema.
        """
        key = (run, answers)
        found = self._raised.get(key)
        if found is None:
            slots = range(len(self._flags)) if run is None else self.flag_runs[run]
            said: dict[str, bool | None] = {}
            for slot, answer in zip(slots, answers, strict=True):
                flag_id = self._flags[slot].id
                if said.get(flag_id) is None:
                    said[flag_id] = answer
            bits = sum([self._flag_bit[i] for i, answer in said.items() if answer is True])
            found = Raised(answers, bits, self.flags_named(bits))
            if len(self._raised) >= PART_LIMIT:
                self._raised.clear()
            self._raised[key] = found
        return found

    def flags_named(self, bits: int) -> tuple[str, ...]:
        """The ids of the flags `bits` raise, in the order they are listed."""
        return self.flags_named_many([bits])[0]

    def flags_named_many(self, bits: list[int]) -> list[tuple[str, ...]]:
        """`flags_named` of each of many bits, a byte of bits at a time."""
        if not self._names_by_byte:
            return [()] * len(bits)
        first, *rest = self._names_by_byte
        if not rest:
            return list(map(first.__getitem__, bits))
        names = map(first.__getitem__, map(and_, bits, repeat(BYTE_MASK)))
        for n, table in enumerate(rest, start=1):
            byte = map(and_, map(rshift, bits, repeat(n * BYTE)), repeat(BYTE_MASK))
            names = map(add, names, map(table.__getitem__, byte))
        return list(names)

    def answers(self, runs: Sequence[Raised]) -> tuple[bool | None, ...]:
        """Every flag slot's answer, in slot order, from one `Raised` per flag run."""
        answers: list[bool | None] = [None] * len(self._flags)
        for slots, run in zip(self.flag_runs, runs, strict=True):
            for slot, answer in zip(slots, run.answers, strict=True):
                answers[slot] = answer
        return tuple(answers)

    def combine(self, parts: Sequence[Part], flags: int, flag_ids: tuple[str, ...]) -> Verdict:
        """The verdict of one part per run and the flags raised (bits, and their ids)."""
        return self.combine_many([[part] for part in parts], [flags], [flag_ids])[0]

    def combine_many(
        self,
        columns: Sequence[Sequence[Part]],
        flags: Sequence[int],
        flag_ids: Iterable[tuple[str, ...]],
    ) -> list[Verdict]:
        """The verdicts of many deals: per run a column of parts, and each deal's flags.

        Worked a column at a time (`map` over the deals, in C), so that a deal costs
        little Python of its own: its costs, grade and recommendation.
        """
        count = len(flags)
        absent_critical: Iterable[int] = repeat(0, count)
        if self._disqualify_absent:
            absent_critical = _summed([map(_absent_critical, column) for column in columns], count)
        absent: Iterable[int] = repeat(0, count)
        if self._not_now:
            absent = _joined([map(_absent, column) for column in columns], count)
        parts: Iterable[Sequence[Part]] = (
            zip(*columns, strict=True) if columns else repeat((), count)
        )
        if not self._scores:
            # No criteria (stage sets, red flags alone): no score, but a raised flag may
            # still stop the deal (a disqualifying flag, a not-now rule), as `assess` says.
            return [
                Verdict(0.0, "", self._forced(bits, lacking, gone) or _DIG_DEEPER, (), ids)
                if bits
                else STAGES_ONLY
                for bits, ids, lacking, gone in zip(
                    flags, flag_ids, absent_critical, absent, strict=True
                )
            ]
        raws = self._raws(columns, count)
        cost = self._cost_bits
        finals = [
            raw if not bits & cost else self._costed(raw, bits)
            for raw, bits in zip(raws, flags, strict=True)
        ]
        grades = list(map(self._grades.get, finals))
        if None in grades:
            grades = [
                self._grade(final) if grade is None else grade
                for grade, final in zip(grades, finals, strict=True)
            ]
        ranks = _gap_ranks(columns, count)
        named = map(map, repeat(self.gap_name.__getitem__), ranks)
        gaps = map(tuple, named) if self._unique_ids else map(tuple, map(dict.fromkeys, named))
        recommended = map(self._recommend, finals, ranks, flags, absent_critical, absent, parts)
        # `Verdict._make` without a Python call per deal.
        return list(
            map(
                tuple.__new__,
                repeat(Verdict),
                zip(
                    map(round, finals, repeat(1)),
                    grades,
                    recommended,
                    gaps,
                    flag_ids,
                    repeat(None),
                    strict=False,
                ),
            )
        )

    def _raws(self, columns: Sequence[Sequence[Part]], count: int) -> list[float]:
        """Each deal's score before red flags: the mean of its frameworks' scores."""
        scores = []
        for a, b in self._spans:
            if b - a == 1:
                totals: Iterable[float] = map(_total, columns[a])
            else:
                # The points summed in criterion order, as `assess` sums them.
                points: Iterable[tuple[float, ...]] = map(_points, columns[a])
                for column in columns[a + 1 : b]:
                    points = map(add, points, map(_points, column))
                totals = map(sum, points)
            scores.append(map(round, totals, repeat(1)))
        if not scores:
            return [NO_CRITERIA_SCORE] * count
        if len(scores) == 1:
            return list(scores[0])
        return list(map(truediv, map(sum, zip(*scores, strict=True)), repeat(len(scores))))

    def _grade(self, final: float) -> str:
        if len(self._grades) >= PART_LIMIT:
            self._grades.clear()
        grade = self._grades[final] = grade_for(self._lead, final)
        return grade

    def _costed(self, raw: float, flags: int) -> float:
        """`scoring.score.apply_red_flags`: subtract, then cap (disqualify costs nothing)."""
        current = raw
        for bit, points in self._subtracts:
            if flags & bit:
                current = max(0.0, current - points)
        for bit, points in self._caps:
            if flags & bit:
                current = min(current, points)
        return current

    def _forced(self, flags: int, absent_critical: int, absent: int) -> str | None:
        """A verdict no score changes: a disqualifying flag, critical absences, not now."""
        if flags & self._disqualify_bits:
            return _DISQUALIFIES
        if self._disqualify_absent and absent_critical >= self._disqualify_absent:
            return _DISQUALIFIES
        for groups in self._not_now:
            for flag_bits, absent_bits in groups:
                if not flags & flag_bits and not absent & absent_bits:
                    break
            else:
                return _NOT_NOW
        return None

    def _recommend(
        self,
        final: float,
        ranks: Sequence[int],
        flags: int,
        absent_critical: int,
        absent: int,
        parts: Sequence[Part],
    ) -> str:
        """`scoring.recommend.recommend` over parts (no evidence sources known)."""
        rule = self._rule
        if flags or self._uses_absent:
            forced = self._forced(flags, absent_critical, absent)
            if forced is not None:
                return forced
        if final < rule.disqualify_below:
            weight = self._weight
            known = sum([k for part in parts for k in part.known]) / weight if weight else 1.0
            if known >= rule.disqualify_needs_known:
                return _DISQUALIFIES
        if final >= rule.advance_at:
            if rule.critical_gaps_block_advance and ranks and ranks[0] < self._not_critical:
                return _DIG_DEEPER
            return _ADVANCE
        return _DIG_DEEPER

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
            rank = order * width + slot + (self._not_critical if not_critical else 0)
            ranks[(slot, level_id)] = rank
            self.gap_name[rank] = self.ids[slot]
        self._maxima, self._weight = maxima, sum(maxima)
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
            sum({self._absent_bit[self.ids[s]] for s in absent}),
            sum(1 for s in absent if self._critical[s]),
            shared(tuple(self._maxima[s] for s, cell in zip(slots, read, strict=True) if cell[2])),
            sum(1 for level in levels if level == BELIEF),
            sum(1 for level in levels if level != UNKNOWN),
        )

    def shared(self, value: T) -> T:
        """The kept object equal to `value` (tuples the parts share; bounded)."""
        found = self._tuples.get(value)
        if found is None:
            if len(self._tuples) >= SHARED_LIMIT:
                self._tuples.clear()
            found = self._tuples[value] = value
        return found


_total, _points, _ranks = attrgetter("total"), attrgetter("points"), attrgetter("ranks")
_absent, _absent_critical = attrgetter("absent"), attrgetter("absent_critical")


def _summed(columns: list[Iterable[int]], count: int) -> Iterable[int]:
    """Row by row, the sum of integer columns."""
    if len(columns) <= 1:
        return columns[0] if columns else repeat(0, count)
    return map(sum, zip(*columns, strict=True))


def _joined(columns: list[Iterable[int]], count: int) -> Iterable[int]:
    """Row by row, the bits of integer columns together."""
    if not columns:
        return repeat(0, count)
    joined = columns[0]
    for column in columns[1:]:
        joined = map(or_, joined, column)
    return joined


def _gap_ranks(columns: Sequence[Sequence[Part]], count: int) -> list[Sequence[int]]:
    """Row by row, the ranks of the gaps of all parts, in order."""
    if not columns:
        return [()] * count
    if len(columns) == 1:
        return list(map(_ranks, columns[0]))
    ranks: Iterable[Sequence[int]] = map(_ranks, columns[0])
    for column in columns[1:]:
        ranks = map(add, ranks, map(_ranks, column))
    return list(map(sorted, ranks))
