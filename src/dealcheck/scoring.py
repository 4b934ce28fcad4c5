"""The scoring core: (framework, answers, stage) -> scorecard. Pure and deterministic.

How a score is made (the README repeats this for sales leaders):

* Each criterion is worth `weight / total weight * 100` points. A level earns its share
  of that in proportion to its place on the scale (lowest level 0 %, top level 100 %);
  `unknown` earns nothing.
* Triggered red flags then subtract points, then cap the score; a `disqualify` flag
  forces the recommendation.
* A gap is a criterion below the level expected at the deal's stage (or the framework
  target without a stage). Gaps rank critical first, then by weight × shortfall.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from dealcheck.answers import Answers, CriterionAnswer, EvidenceSource
from dealcheck.framework import (
    UNKNOWN,
    Criterion,
    Framework,
    Level,
    RedFlag,
    RedFlagEffect,
    Stage,
    Text,
)

NO_CRITERIA_SCORE = 100.0


class Recommendation(StrEnum):
    """What to do with the deal."""

    ADVANCE = "advance"
    DIG_DEEPER = "dig-deeper"
    DISQUALIFY = "disqualify"


class GapKind(StrEnum):
    """Why a criterion falls short."""

    UNKNOWN = "unknown"  # not asked, or the rep does not know
    ABSENT = "absent"  # known not to exist
    WEAK = "weak"  # known, but below the level expected


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One criterion's level, points and why points were lost."""

    criterion: Criterion
    answer: CriterionAnswer
    level: Level | None
    points: float
    max_points: float
    expected: Level | None
    absent: bool
    shortfall: float

    @property
    def lost(self) -> float:
        """Points not earned on this criterion."""
        return self.max_points - self.points


@dataclass(frozen=True, slots=True)
class Gap:
    """A criterion below where it should be at this stage."""

    criterion: Criterion
    kind: GapKind
    level: Level | None
    expected: Level
    priority: float


@dataclass(frozen=True, slots=True)
class TriggeredFlag:
    """A red flag answered yes, and what it did to the score."""

    flag: RedFlag
    framework_id: str
    points_lost: float


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason behind the recommendation, as a message code and its values."""

    code: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NextQuestion:
    """A question to ask on the next call, and the gap (or flag) it closes."""

    about: str
    text: Text


@dataclass(frozen=True)
class Scorecard:
    """The result of scoring one framework's answers for one deal."""

    framework: Framework
    stage: Stage | None
    criteria: list[CriterionScore]
    raw_score: float
    score: float
    grade: str
    gaps: list[Gap]
    red_flags: list[TriggeredFlag]
    recommendation: Recommendation
    reasons: list[Reason]
    next_questions: list[NextQuestion]
    unanswered_flags: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)


def score(framework: Framework, answers: Answers, stage: str | Stage | None = None) -> Scorecard:
    """Score a deal's answers against a framework.

    Args:
        framework: The validated framework.
        answers: Levels per criterion id and yes/no per red flag id.
        stage: The deal's stage (id, name or alias), or None to use the framework target.

    Returns:
        The scorecard: points, score, grade, gaps, red flags, recommendation, next questions.

    Raises:
        ValueError: For a stage the framework does not know or a level id not on the scale.
    """
    current = _stage(framework, stage)
    criteria = [
        _criterion_score(framework, c, answers.level_of(c.id), answers, current)
        for c in framework.criteria
    ]
    raw = sum(c.points for c in criteria) if criteria else NO_CRITERIA_SCORE
    flags = [
        TriggeredFlag(flag, framework.id, 0.0)
        for flag in framework.red_flags
        if answers.red_flags.get(flag.id) is True
    ]
    final, flags = apply_red_flags(raw, flags)
    gaps = _gaps(criteria)
    recommendation, reasons = recommend(framework, final, criteria, gaps, flags)
    return Scorecard(
        framework=framework,
        stage=current,
        criteria=criteria,
        raw_score=round(raw, 1),
        score=round(final, 1),
        grade=grade_for(framework, final),
        gaps=gaps,
        red_flags=flags,
        recommendation=recommendation,
        reasons=reasons,
        next_questions=next_questions(gaps, flags, framework.next_questions),
        unanswered_flags=[f.id for f in framework.red_flags if answers.red_flags.get(f.id) is None],
        unverified=[
            c.criterion.id
            for c in criteria
            if c.answer.source is EvidenceSource.BELIEF
            and c.level
            and c.expected
            and c.level.value >= c.expected.value
        ],
    )


def apply_red_flags(raw: float, flags: list[TriggeredFlag]) -> tuple[float, list[TriggeredFlag]]:
    """Subtract, then cap; return the final score and each flag's cost."""
    current = raw
    costed: list[TriggeredFlag] = []
    for effect in (RedFlagEffect.SUBTRACT, RedFlagEffect.CAP, RedFlagEffect.DISQUALIFY):
        for triggered in flags:
            if triggered.flag.effect is not effect:
                continue
            before = current
            if effect is RedFlagEffect.SUBTRACT:
                current = max(0.0, current - (triggered.flag.points or 0.0))
            elif effect is RedFlagEffect.CAP:
                current = min(current, triggered.flag.points or 0.0)
            costed.append(
                TriggeredFlag(triggered.flag, triggered.framework_id, round(before - current, 1))
            )
    return current, costed


def grade_for(framework: Framework, value: float) -> str:
    """The grade band a score falls in."""
    for band in framework.grades:
        if value >= band.min:
            return band.grade
    return framework.grades[-1].grade


def next_questions(gaps: list[Gap], flags: list[TriggeredFlag], limit: int) -> list[NextQuestion]:
    """Questions for the next call: round-robin over the top gaps' question banks, then flags."""
    banks = [(g.criterion.id, list(g.criterion.questions)) for g in gaps]
    banks += [(f.flag.id, list(f.flag.questions)) for f in flags]
    picked: list[NextQuestion] = []
    depth = 0
    while len(picked) < limit and any(depth < len(bank) for _, bank in banks):
        for about, bank in banks:
            if depth < len(bank) and len(picked) < limit:
                picked.append(NextQuestion(about, bank[depth]))
        depth += 1
    return picked


def _stage(framework: Framework, stage: str | Stage | None) -> Stage | None:
    if stage is None or isinstance(stage, Stage):
        return stage
    found = framework.stage(stage)
    if found is None and framework.stages:
        known = ", ".join(s.id for s in framework.stages)
        raise ValueError(f"framework {framework.id!r} has no stage {stage!r} (stages: {known})")
    return found


def _criterion_score(
    framework: Framework, criterion: Criterion, level_id: str, answers: Answers, stage: Stage | None
) -> CriterionScore:
    scale = framework.scale_of(criterion)
    total_weight = sum(c.weight for c in framework.criteria)
    max_points = 100.0 * criterion.weight / total_weight
    level = None if level_id == UNKNOWN else scale.by_id(level_id)
    if level_id != UNKNOWN and level is None:
        known = ", ".join(lv.id for lv in scale.root)
        raise ValueError(f"{criterion.id}: no level {level_id!r} (levels: {known}, unknown)")
    bottom, top = scale.root[0].value, scale.top.value
    share = 0.0 if level is None else (level.value - bottom) / (top - bottom)
    expected = framework.expected_level(criterion, stage)
    # An unknown answer ranks half a step below the bottom: not knowing is worse than
    # knowing something is missing, because the rep cannot plan around it.
    reached = bottom - 0.5 if level is None else level.value
    return CriterionScore(
        criterion=criterion,
        answer=answers.criteria.get(criterion.id) or CriterionAnswer(),
        level=level,
        points=max_points * share,
        max_points=max_points,
        expected=expected,
        absent=level is not None and scale.is_absent(level),
        shortfall=max(0.0, (expected.value - reached) / (top - bottom)) if expected else 0.0,
    )


def _gaps(criteria: list[CriterionScore]) -> list[Gap]:
    gaps = [
        Gap(
            criterion=scored.criterion,
            kind=GapKind.UNKNOWN
            if scored.level is None
            else GapKind.ABSENT
            if scored.absent
            else GapKind.WEAK,
            level=scored.level,
            expected=scored.expected,
            priority=round(scored.criterion.weight * scored.shortfall, 3),
        )
        for scored in criteria
        if scored.expected is not None and scored.shortfall > 0
    ]
    return sorted(gaps, key=lambda g: (not g.criterion.critical, -g.priority))


def recommend(
    framework: Framework,
    final: float,
    criteria: list[CriterionScore],
    gaps: list[Gap],
    flags: list[TriggeredFlag],
) -> tuple[Recommendation, list[Reason]]:
    """Apply the framework's recommendation rule; return the verdict and its reasons."""
    rule = framework.recommendation
    disqualifying = [f.flag.id for f in flags if f.flag.effect is RedFlagEffect.DISQUALIFY]
    absent_critical = [c.criterion.id for c in criteria if c.criterion.critical and c.absent]
    critical_gaps = [g.criterion.id for g in gaps if g.criterion.critical]
    shown = f"{final:.0f}"
    if disqualifying:
        return Recommendation.DISQUALIFY, [
            Reason("red-flag-disqualifies", (f,)) for f in disqualifying
        ]
    if rule.disqualify_when_absent and len(absent_critical) >= rule.disqualify_when_absent:
        return Recommendation.DISQUALIFY, [Reason("critical-absent", tuple(absent_critical))]
    if final < rule.disqualify_below:
        return Recommendation.DISQUALIFY, [
            Reason("score-below-disqualify", (shown, f"{rule.disqualify_below:g}"))
        ]
    if final >= rule.advance_at:
        if rule.critical_gaps_block_advance and critical_gaps:
            return Recommendation.DIG_DEEPER, [Reason("critical-gaps-block", tuple(critical_gaps))]
        return Recommendation.ADVANCE, [
            Reason("score-reaches-advance", (shown, f"{rule.advance_at:g}"))
        ]
    reasons = [Reason("score-below-advance", (shown, f"{rule.advance_at:g}"))]
    if critical_gaps:
        reasons.append(Reason("critical-gaps", tuple(critical_gaps)))
    reasons += [
        Reason("red-flag-costs", (f.flag.id, f"{f.points_lost:g}")) for f in flags if f.points_lost
    ]
    return Recommendation.DIG_DEEPER, reasons
