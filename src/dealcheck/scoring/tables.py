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

from collections.abc import Sequence
from operator import itemgetter
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
#: Gaps rank by their key alone; equal keys keep criterion order (a stable sort).
_rank = itemgetter(0)
#: A gap: its rank key (critical first, then the largest weight x shortfall), criterion id.
GapEntry = tuple[tuple[bool, float], str]
#: What one level earns on one criterion at one stage: points, absent, known, gap.
Cell = tuple[float, bool, bool, GapEntry | None]


class Part(NamedTuple):
    """What one run of criteria earns at one stage for one answer to each."""

    levels: tuple[str, ...]
    points: tuple[float, ...]
    total: float
    gaps: tuple[GapEntry, ...]
    absent: tuple[str, ...]
    absent_critical: int
    known: tuple[float, ...]
    belief: int
    answered: int
    #: Cells the mapping cannot read: (column position, column, value); set by a reader.
    unmapped: tuple[tuple[int, str, str], ...] = ()


class Raised(NamedTuple):
    """The red flags one combination of flag answers raises (one per id)."""

    answers: tuple[bool | None, ...]
    flags: tuple[RedFlag, ...]
    ids: tuple[str, ...]
    disqualifies: bool
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
NONE_RAISED = Raised((), (), (), False)


class VerdictTables:
    """Per-stage tables for frameworks scored together.

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
        first_slot = {flag_id: slots[0] for flag_id, slots in slots_of.items()}
        #: Costed, and listed, subtract first, then cap, then disqualify; then by slot.
        self._flag_order = {
            flag.id: (_EFFECTS.index(flag.effect), first_slot[flag.id]) for flag in self._flags
        }
        #: Runs of criterion slots, (framework, first slot, end slot), in slot order.
        self.runs: list[tuple[int, int, int]] = []
        #: Per framework with criteria, the runs it spans (first, end).
        self._spans: list[tuple[int, int]] = []
        size = RUN if len(self.ids) <= WIDE else RUN - 1
        start = 0
        for n, framework in enumerate(self.frameworks):
            end, first = start + len(framework.criteria), len(self.runs)
            self.runs += [(n, slot, min(slot + size, end)) for slot in range(start, end, size)]
            if end > start:
                self._spans.append((first, len(self.runs)))
            start = end
        self._single = all(b - a == 1 for a, b in self._spans)
        self._unique_ids = len(set(self.ids)) == len(self.ids)
        rules: dict[str, NotNowRule] = {}
        for framework in self.frameworks:
            for rule in framework.recommendation.not_now:
                rules.setdefault(rule.id, rule)
        # Each rule: all of its groups, each held by any of its flags or absent criteria.
        self._not_now = [
            [
                (
                    frozenset(c.flag for c in group.any if c.flag),
                    frozenset(c.absent for c in group.any if c.absent),
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
        runs = [
            self.raised(tuple(flags[slot] for slot in slots), run)
            for run, slots in enumerate(self.flag_runs)
        ]
        return self.combine(parts, self.joined(runs))

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
            defined: dict[str, RedFlag] = {}
            for slot, answer in zip(slots, answers, strict=True):
                flag = self._flags[slot]
                defined.setdefault(flag.id, flag)
                if said.get(flag.id) is None:
                    said[flag.id] = answer
            given = [defined[i] for i, answer in said.items() if answer is True]
            flags = tuple(sorted(given, key=self._ordered))
            found = Raised(
                answers,
                flags,
                tuple(flag.id for flag in flags),
                any(flag.effect is _DISQUALIFY for flag in flags),
            )
            if len(self._raised) >= PART_LIMIT:
                self._raised.clear()
            self._raised[key] = found
        return found

    def joined(self, runs: Sequence[Raised]) -> Raised:
        """The flags one `Raised` per flag run raise together (runs share no flag id).

        Its `answers` are left empty: `answers` gives them, where they are needed.
        """
        raised = [run for run in runs if run.flags]
        if len(raised) <= 1:
            return raised[0] if raised else NONE_RAISED
        flags = tuple(sorted([f for run in raised for f in run.flags], key=self._ordered))
        return Raised(
            (), flags, tuple(flag.id for flag in flags), any(run.disqualifies for run in raised)
        )

    def answers(self, runs: Sequence[Raised]) -> tuple[bool | None, ...]:
        """Every flag slot's answer, in slot order, from one `Raised` per flag run."""
        answers: list[bool | None] = [None] * len(self._flags)
        for slots, run in zip(self.flag_runs, runs, strict=True):
            for slot, answer in zip(slots, run.answers, strict=True):
                answers[slot] = answer
        return tuple(answers)

    def _ordered(self, flag: RedFlag) -> tuple[int, int]:
        return self._flag_order[flag.id]

    def combine(self, parts: Sequence[Part], raised: Raised) -> Verdict:
        """The verdict of one part per run and the raised flags."""
        if not self._scores:
            # No criteria (stage sets, red flags alone): no score, but a raised flag may
            # still stop the deal (a disqualifying flag, a not-now rule), as `assess` says.
            if not raised.flags:
                return STAGES_ONLY
            forced = self._forced(parts, raised) or _DIG_DEEPER
            return Verdict(0.0, "", forced, (), raised.ids)
        if self._single:
            raws = [round(part.total, 1) for part in parts]
        else:
            raws = [
                round(parts[a].total, 1)
                if b - a == 1
                else round(sum(parts[a].points + parts[a + 1].points), 1)
                if b - a == 2
                else round(sum([p for part in parts[a:b] for p in part.points]), 1)
                for a, b in self._spans
            ]
        if len(parts) == 2:
            gaps = parts[0].gaps + parts[1].gaps
            if parts[0].gaps and parts[1].gaps:
                gaps = tuple(sorted(gaps, key=_rank))
        elif len(parts) == 1:
            gaps = parts[0].gaps
        else:
            gaps = tuple(sorted([gap for part in parts for gap in part.gaps], key=_rank))
        raw = sum(raws) / len(raws) if raws else NO_CRITERIA_SCORE
        final = _costed(raw, raised.flags) if raised.flags else raw
        grade = self._grades.get(final)
        if grade is None:
            if len(self._grades) >= PART_LIMIT:
                self._grades.clear()
            grade = self._grades[final] = grade_for(self._lead, final)
        return Verdict(
            round(final, 1),
            grade,
            self._recommend(final, parts, gaps, raised),
            tuple([gap[1] for gap in gaps])
            if self._unique_ids
            else tuple(dict.fromkeys(gap[1] for gap in gaps)),
            raised.ids,
        )

    def _forced(self, parts: Sequence[Part], raised: Raised) -> str | None:
        """A verdict no score changes: a disqualifying flag, critical absences, not now."""
        if raised.disqualifies:
            return _DISQUALIFIES
        if self._uses_absent:
            if self._disqualify_absent:
                count = sum([part.absent_critical for part in parts])
                if count >= self._disqualify_absent:
                    return _DISQUALIFIES
            if self._not_now:
                absent = frozenset([a for part in parts for a in part.absent])
                ids = raised.ids
                for groups in self._not_now:
                    for flags, criteria in groups:
                        if flags.isdisjoint(ids) and criteria.isdisjoint(absent):
                            break
                    else:
                        return _NOT_NOW
        return None

    def _recommend(
        self, final: float, parts: Sequence[Part], gaps: tuple[GapEntry, ...], raised: Raised
    ) -> str:
        """`scoring.recommend.recommend` over parts (no evidence sources known)."""
        rule = self._rule
        forced = self._forced(parts, raised)
        if forced is not None:
            return forced
        if final < rule.disqualify_below:
            weight = self._weight
            known = sum([k for part in parts for k in part.known]) / weight if weight else 1.0
            if known >= rule.disqualify_needs_known:
                return _DISQUALIFIES
        if final >= rule.advance_at:
            if rule.critical_gaps_block_advance and gaps and not gaps[0][0][0]:
                return _DIG_DEEPER
            return _ADVANCE
        return _DIG_DEEPER

    def _compile(self, stage: str | None) -> list[dict[str, Cell]]:
        """Per criterion slot, level id -> what it earns at a stage.

        Raises:
            ValueError: For a stage a framework with stages does not know.
        """
        cells: list[dict[str, Cell]] = []
        maxima: list[float] = []
        for framework in self.frameworks:
            current = _stage(framework, stage if framework.stages else None)
            for plan in _plans(framework, current):
                maxima.append(plan.max_points)
                cells.append(
                    {
                        level_id: (
                            scored.points,
                            scored.absent,
                            scored.level is not None,
                            ((not gap.criterion.critical, -gap.priority), gap.criterion.id)
                            if gap
                            else None,
                        )
                        for level_id, (scored, gap) in plan.plain.items()
                    }
                )
        self._maxima, self._weight = maxima, sum(maxima)
        return cells

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
        # A run's parts at each stage share all but their gaps: kept once (memory).
        shared = self.shared
        return Part(
            shared(levels),
            shared(points),
            sum(points),
            shared(tuple(sorted([cell[3] for cell in read if cell[3] is not None], key=_rank))),
            shared(tuple(self.ids[s] for s, cell in zip(slots, read, strict=True) if cell[1])),
            sum(1 for s, cell in zip(slots, read, strict=True) if cell[1] and self._critical[s]),
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


def _costed(raw: float, flags: tuple[RedFlag, ...]) -> float:
    """`scoring.score.apply_red_flags`: subtract, then cap (disqualify costs nothing)."""
    current = raw
    for flag in flags:
        if flag.effect is _SUBTRACT:
            current = max(0.0, current - (flag.points or 0.0))
    for flag in flags:
        if flag.effect is _CAP:
            current = min(current, flag.points or 0.0)
    return current
