"""Scoring compiled into tables: a combination of answers scored in a few lookups and sums.

A CRM export where every row is a new combination of levels, stage and red flags
cannot live on a cache of verdicts. So each (frameworks, stage) is compiled once:
per criterion, level id -> (points, absent, known weight, gap). A row is then one
lookup per criterion, one sum per framework, and the red-flag, grade and
recommendation rules over those few numbers, exactly as `assess` applies them
(`scoring.score`, `scoring.assessment`, `scoring.recommend`).

It covers rows whose answers carry no evidence source or date (evidence rules then
judge nothing: no rep belief, no verified weight) and outputs that print no report;
`VerdictCache` scores the others through `assess` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from dealcheck.language.framework import Framework, NotNowRule, RedFlag, RedFlagEffect
from dealcheck.scoring.score import (
    NO_CRITERIA_SCORE,
    Recommendation,
    _plans,
    _stage,
    grade_for,
    scores_deal,
)

_SUBTRACT, _CAP, _DISQUALIFY = RedFlagEffect.SUBTRACT, RedFlagEffect.CAP, RedFlagEffect.DISQUALIFY
_ADVANCE = Recommendation.ADVANCE.value
_DIG_DEEPER = Recommendation.DIG_DEEPER.value
_NOT_NOW = Recommendation.NOT_NOW.value
_DISQUALIFIES = Recommendation.DISQUALIFY.value
#: Gaps rank by their key alone; equal keys keep criterion order (a stable sort).
_rank = itemgetter(0)
#: A gap: its rank key (critical first, then the largest weight x shortfall), criterion id.
GapEntry = tuple[tuple[bool, float], str]


class Cell(NamedTuple):
    """What one level earns on one criterion at one stage."""

    points: float
    absent: bool
    known: bool
    gap: GapEntry | None


class Scored(NamedTuple):
    """The overall verdict of one combination, as a batch run prints it."""

    score: float
    grade: str
    recommendation: str
    gaps: tuple[str, ...]
    red_flags: tuple[str, ...]


class VerdictTables:
    """Per-stage tables for frameworks scored together; `scored` reads a combination.

    Args:
        frameworks: The frameworks, in order (the first one's grades and rules lead).
    """

    def __init__(self, frameworks: Sequence[Framework]) -> None:
        self.frameworks = list(frameworks)
        lead = self.frameworks[0]
        self._lead, self._rule = lead, lead.recommendation
        self._stages: dict[str | None, list[dict[str, Cell]]] = {}
        spans, start = [], 0
        for framework in self.frameworks:
            spans.append((start, start + len(framework.criteria)))
            start += len(framework.criteria)
        self._spans = [span for span in spans if span[1] > span[0]]
        self._ids = [c.id for fw in self.frameworks for c in fw.criteria]
        self._critical = [c.critical for fw in self.frameworks for c in fw.criteria]
        self._max = [0.0] * len(self._ids)  # filled by the first compiled stage
        self._flags: list[RedFlag] = [f for fw in self.frameworks for f in fw.red_flags]
        rules: dict[str, NotNowRule] = {}
        for framework in self.frameworks:
            for rule in framework.recommendation.not_now:
                rules.setdefault(rule.id, rule)
        self._not_now = list(rules.values())
        self._uses_absent = bool(self._not_now) or bool(self._rule.disqualify_when_absent)
        # Stage sets alone score nothing: no score, no score-based verdict (as `assess`).
        self._scores = any(scores_deal(framework) for framework in self.frameworks)

    def compiled(self, stage: str | None) -> list[dict[str, Cell]]:
        """The per-criterion tables at a stage id (None: the frameworks' targets).

        Raises:
            ValueError: For a stage a framework with stages does not know.
        """
        found = self._stages.get(stage)
        if found is not None:
            return found
        tables: list[dict[str, Cell]] = []
        for framework in self.frameworks:
            current = _stage(framework, stage if framework.stages else None)
            for plan in _plans(framework, current):
                table: dict[str, Cell] = {}
                for level_id, (scored, gap) in plan.plain.items():
                    table[level_id] = Cell(
                        scored.points,
                        scored.absent,
                        scored.level is not None,
                        ((not gap.criterion.critical, -gap.priority), gap.criterion.id)
                        if gap
                        else None,
                    )
                tables.append(table)
                self._max[len(tables) - 1] = plan.max_points
        self._stages[stage] = tables
        return tables

    def scored(
        self, stage: str | None, levels: Sequence[str], flags: Sequence[bool | None]
    ) -> Scored:
        """The verdict of flat level and flag tuples (slot order; shared flags merged).

        Raises:
            ValueError: For an unknown stage, or a level id not on a criterion's scale.
        """
        tables = self._stages.get(stage) or self.compiled(stage)
        try:
            cells = [table[level] for table, level in zip(tables, levels, strict=True)]
        except KeyError:
            raise ValueError(f"a level not on the scale: {levels}") from None
        raws = [round(sum([c.points for c in cells[a:b]]), 1) for a, b in self._spans]
        raw = sum(raws) / len(raws) if raws else NO_CRITERIA_SCORE
        raised = self._raised(flags)
        final, costed = _costed(raw, raised) if raised else (raw, raised)
        gaps = sorted([c.gap for c in cells if c.gap is not None], key=_rank)
        if not self._scores:
            return Scored(0.0, "", Recommendation.DIG_DEEPER.value, (), ())
        recommendation = self._recommend(final, cells, gaps, costed)
        return Scored(
            round(final, 1),
            grade_for(self._lead, final),
            recommendation,
            tuple(dict.fromkeys(gap[1] for gap in gaps)),
            tuple(flag.id for flag in costed),
        )

    def _raised(self, flags: Sequence[bool | None]) -> list[RedFlag]:
        """Flags answered yes, one per id (the first definition).

        None is raised from evidence: without sources the rep's belief share is 0, and a
        `raised_when` threshold is above 0 by the framework schema.
        """
        raised: dict[str, RedFlag] = {}
        for flag, said in zip(self._flags, flags, strict=True):
            if said is True and flag.id not in raised:
                raised[flag.id] = flag
        return list(raised.values())

    def _recommend(
        self, final: float, cells: list[Cell], gaps: list[GapEntry], flags: list[RedFlag]
    ) -> str:
        """`scoring.recommend.recommend` over table cells (no evidence sources known)."""
        rule = self._rule
        if any(flag.effect is _DISQUALIFY for flag in flags):
            return _DISQUALIFIES
        if self._uses_absent:
            absent = {self._ids[n] for n, cell in enumerate(cells) if cell.absent}
            if rule.disqualify_when_absent:
                critical = self._critical
                count = sum(1 for n, cell in enumerate(cells) if cell.absent and critical[n])
                if count >= rule.disqualify_when_absent:
                    return _DISQUALIFIES
            raised = {flag.id for flag in flags}
            for not_now in self._not_now:
                if all(
                    any(
                        (condition.flag and condition.flag in raised)
                        or (condition.absent and condition.absent in absent)
                        for condition in group.any
                    )
                    for group in not_now.all
                ):
                    return _NOT_NOW
        if final < rule.disqualify_below:
            weight = sum(self._max)
            known = (
                sum([self._max[n] for n, cell in enumerate(cells) if cell.known]) / weight
                if weight
                else 1.0
            )
            if known >= rule.disqualify_needs_known:
                return _DISQUALIFIES
        if final >= rule.advance_at:
            if rule.critical_gaps_block_advance and gaps and not gaps[0][0][0]:
                return _DIG_DEEPER
            return _ADVANCE
        return _DIG_DEEPER


def _costed(raw: float, flags: list[RedFlag]) -> tuple[float, list[RedFlag]]:
    """`scoring.score.apply_red_flags`: subtract, then cap, then disqualify."""
    current = raw
    costed: list[RedFlag] = []
    for effect in (_SUBTRACT, _CAP, _DISQUALIFY):
        for flag in flags:
            if flag.effect is not effect:
                continue
            if effect is _SUBTRACT:
                current = max(0.0, current - (flag.points or 0.0))
            elif effect is _CAP:
                current = min(current, flag.points or 0.0)
            costed.append(flag)
    return current, costed
