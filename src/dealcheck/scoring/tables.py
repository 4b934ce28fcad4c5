"""Scoring compiled into tables: a combination of answers scored in a few lookups and sums.

A CRM export where every row is a new combination of levels, stage and red flags
cannot live on a cache of verdicts. So the criteria are compiled per stage into parts
(`parts`: what a run of answers earns) and the red flags into bits (`flag_bits`), and
a deal's verdict is the sums and rules `assess` applies over those (`scoring.score`,
`scoring.assessment`, `scoring.recommend`), exactly as it applies them, worked for
many deals at once, a column at a time.

It covers answers without an evidence source or date (evidence rules then judge
nothing: no rep belief, no verified weight); `VerdictCache` scores the others
through `assess` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from operator import add, attrgetter, itemgetter, or_, truediv
from typing import Any, NamedTuple

from dealcheck.bounded import kept
from dealcheck.language.framework import Framework, NotNowRule
from dealcheck.scoring.flag_bits import FlagBits
from dealcheck.scoring.parts import PART_LIMIT, Part, PartTables
from dealcheck.scoring.score import NO_CRITERIA_SCORE, Recommendation, grade_for, scores_deal

_ADVANCE = Recommendation.ADVANCE.value
_DIG_DEEPER = Recommendation.DIG_DEEPER.value
_NOT_NOW = Recommendation.NOT_NOW.value
_DISQUALIFIES = Recommendation.DISQUALIFY.value


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
    """The compiled criteria and red flags of frameworks scored together, and their rules.

    Args:
        frameworks: The frameworks, in order (the first one's grades and rules lead).
    """

    def __init__(self, frameworks: Sequence[Framework]) -> None:
        self.frameworks = list(frameworks)
        lead = self.frameworks[0]
        self._lead, self._rule = lead, lead.recommendation
        #: What runs of criteria earn, per stage.
        self.criteria = PartTables(self.frameworks)
        #: What runs of red-flag answers raise, as bits.
        self.flags = FlagBits(self.frameworks)
        self._spans = self.criteria.spans
        self._unique_ids = len(set(self.criteria.ids)) == len(self.criteria.ids)
        rules: dict[str, NotNowRule] = {}
        for framework in self.frameworks:
            for rule in framework.recommendation.not_now:
                rules.setdefault(rule.id, rule)
        flag_bit, absent_bit = self.flags.bit, self.criteria.absent_bit
        # Each rule: all of its groups, each held by any of its flags or absent criteria.
        self._not_now = [
            [
                (
                    sum({flag_bit.get(c.flag, 0) for c in group.any if c.flag}),
                    sum({absent_bit.get(c.absent, 0) for c in group.any if c.absent}),
                )
                for group in rule.all
            ]
            for rule in rules.values()
        ]
        self._disqualify_absent = self._rule.disqualify_when_absent
        self._uses_absent = bool(self._not_now) or bool(self._disqualify_absent)
        # Stage sets alone score nothing: no score, no score-based verdict (as `assess`).
        self._scores = any(scores_deal(framework) for framework in self.frameworks)
        self._grades: dict[float, str] = {}
        # Per red-flag run, what picks its answers from every flag slot's answers.
        self._flag_answers = [_picker(slots) for slots in self.flags.runs]

    def scored(
        self, stage: str | None, levels: Sequence[str], flags: Sequence[bool | None]
    ) -> Verdict:
        """The verdict of flat level and flag tuples (slot order; shared flags merged).

        Raises:
            ValueError: For an unknown stage, or a level id not on a criterion's scale.
        """
        parts = [
            self.criteria.part(stage, run, tuple(levels[first:end]))
            for run, (_, first, end) in enumerate(self.criteria.runs)
        ]
        raised = [
            self.flags.raised(answers_of(flags), run)
            for run, answers_of in enumerate(self._flag_answers)
        ]
        if len(raised) == 1:  # a run's own ids, unless several runs join
            return self.combine(parts, raised[0].bits, raised[0].ids)
        bits = 0
        for run in raised:
            bits |= run.bits
        return self.combine(parts, bits, self.flags.named([bits])[0])

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
        cost = self.flags.costing
        finals = [
            raw if not bits & cost else self.flags.costed(raw, bits)
            for raw, bits in zip(raws, flags, strict=True)
        ]
        grades = list(map(self._grades.get, finals))
        if None in grades:
            grades = [
                self._grade(final) if grade is None else grade
                for grade, final in zip(grades, finals, strict=True)
            ]
        ranks = _gap_ranks(columns, count)
        named = map(map, repeat(self.criteria.gap_name.__getitem__), ranks)
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
        return kept(self._grades, final, grade_for(self._lead, final), PART_LIMIT)

    def _forced(self, flags: int, absent_critical: int, absent: int) -> str | None:
        """A verdict no score changes: a disqualifying flag, critical absences, not now."""
        if flags & self.flags.disqualifying:
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
            weight = self.criteria.weight
            known = sum([k for part in parts for k in part.known]) / weight if weight else 1.0
            if known >= rule.disqualify_needs_known:
                return _DISQUALIFIES
        if final >= rule.advance_at:
            if rule.critical_gaps_block_advance and ranks and ranks[0] < self.criteria.not_critical:
                return _DIG_DEEPER
            return _ADVANCE
        return _DIG_DEEPER


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


def _picker(slots: Sequence[int]) -> Callable[[Sequence[bool | None]], tuple[bool | None, ...]]:
    """What picks the values at `slots` from a sequence, as a tuple."""
    pick = itemgetter(*slots)
    if len(slots) > 1:
        return pick  # a tuple for two slots or more
    return lambda values: (pick(values),)
