"""The scoring core: (framework, answers, stage) -> scorecard. Pure and deterministic.

How a score is made (the README repeats this for sales leaders):

* Each criterion is worth `weight / total weight * 100` points. A level earns its share
  of that in proportion to its place on the scale (lowest level 0 %, top level 100 %);
  `unknown` earns nothing.
* Triggered red flags then subtract points, then cap the score; a `disqualify` flag
  forces the recommendation.
* A gap is a criterion below the level expected at the deal's stage (or the framework
  target without a stage). Gaps rank critical first, then by weight × shortfall.
* A low score disqualifies only when enough is known (`disqualify_needs_known` of the
  weight answered); a low score made of unknowns means dig deeper.
* Evidence counts (`evidence` rules): the rep's belief alone earns at most `assumed`,
  stale evidence counts a level lower, a flag with `raised_when` is raised from the
  evidence, and a deal advances only when enough weight is verified by the customer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from dealcheck.language.framework import (
    UNKNOWN,
    Criterion,
    Framework,
    Level,
    RedFlagEffect,
    Stage,
)
from dealcheck.scoring.answers import REP_WORD, Answers, CriterionAnswer, plain_answer
from dealcheck.scoring.evidence import belief_share, evidence_flags, stale_levels, verified_share
from dealcheck.scoring.recommend import flag_reason, recommend, unscored_verdict
from dealcheck.scoring.scorecard import (
    FLAGS_ONLY,
    STAGES_ONLY,
    Credit,
    CriterionScore,
    FlagTally,
    Gap,
    GapKind,
    NextQuestion,
    Reason,
    Recommendation,
    Scorecard,
    TriggeredFlag,
    closed_outcome,
    flags_only,
    forcing,
    next_questions,
    scores_deal,
)

NO_CRITERIA_SCORE = 100.0

__all__ = [
    "FLAGS_ONLY",
    "NO_CRITERIA_SCORE",
    "STAGES_ONLY",
    "CriterionScore",
    "FlagTally",
    "Gap",
    "GapKind",
    "NextQuestion",
    "Reason",
    "Recommendation",
    "ScoreParts",
    "Scorecard",
    "TriggeredFlag",
    "apply_red_flags",
    "belief_share",
    "closed_outcome",
    "evidence_flags",
    "flag_reason",
    "flags_only",
    "forcing",
    "grade_for",
    "next_questions",
    "rank_gaps",
    "recommend",
    "score",
    "score_parts",
    "scores_deal",
    "unscored_verdict",
    "verified_share",
]


def score(
    framework: Framework,
    answers: Answers,
    stage: str | Stage | None = None,
    as_of: date | None = None,
) -> Scorecard:
    """Score a deal's answers against a framework.

    Args:
        framework: The validated framework.
        answers: Levels per criterion id and yes/no per red flag id.
        stage: The deal's stage (id, name or alias), or None to use the framework target.
        as_of: The day the answers are judged on (for stale evidence); None: never stale.

    Returns:
        The scorecard: points, score, grade, gaps, red flags, recommendation, next questions.

    Raises:
        ValueError: For a stage the framework does not know or a level id not on the scale.
    """
    current = _stage(framework, stage)
    criteria, raw, triggered, gaps = _parts(framework, answers, current, as_of)
    triggered += evidence_flags([framework], criteria, triggered)
    final, flags = apply_red_flags(raw, triggered)
    recommendation, reasons = recommend(framework, final, criteria, gaps, flags)
    if not scores_deal(framework):  # stages or flags alone: no fake 100, no verdict from one
        raw = final = 0.0
        recommendation, reasons, flags = unscored_verdict(
            [framework], recommendation, reasons, flags
        )
    return Scorecard(
        framework=framework,
        stage=current,
        criteria=criteria,
        raw_score=round(raw, 1),
        score=round(final, 1),
        grade=grade_for(framework, final) if scores_deal(framework) else "",
        gaps=gaps,
        red_flags=flags,
        recommendation=recommendation,
        reasons=reasons,
        unanswered_flags=[f.id for f in framework.red_flags if answers.red_flags.get(f.id) is None],
        unverified=[
            c.criterion.id
            for c in criteria
            if c.answer.source in REP_WORD
            and (claimed := c.claimed or c.level)
            and c.expected
            and claimed.value >= c.expected.value
        ],
    )


class ScoreParts(NamedTuple):
    """What an overall assessment reads from one framework's scorecard."""

    criteria: list[CriterionScore]
    raw_score: float
    gaps: list[Gap]
    red_flags: list[TriggeredFlag]


def score_parts(
    framework: Framework, answers: Answers, stage: str | None = None, as_of: date | None = None
) -> ScoreParts:
    """The parts of `score`'s scorecard that `assess` combines, without the rest.

    The red flags are not costed yet (`points_lost` 0): a combined assessment costs
    every framework's flags together, against the combined score.

    Raises:
        ValueError: As `score` does.
    """
    criteria, raw, flags, gaps = _parts(framework, answers, _stage(framework, stage), as_of)
    return ScoreParts(criteria, round(raw, 1), gaps, flags)


def _parts(
    framework: Framework, answers: Answers, current: Stage | None, as_of: date | None
) -> tuple[list[CriterionScore], float, list[TriggeredFlag], list[Gap]]:
    """Criteria, raw score, triggered (uncosted) red flags and ranked gaps."""
    criteria: list[CriterionScore] = []
    gaps: list[Gap] = []
    given = answers.criteria
    for plan in _plans(framework, current):
        answer = given.get(plan.criterion.id) or _NO_ANSWER
        known = plan.plain.get(answer.level)
        scored, gap = known if known and known[0].answer is answer else plan.scored(answer, as_of)
        criteria.append(scored)
        if gap is not None:
            gaps.append(gap)
    raw = sum(c.points for c in criteria) if criteria else NO_CRITERIA_SCORE
    said = answers.red_flags
    flags = [
        TriggeredFlag(flag, framework.id, 0.0)
        for flag in framework.red_flags
        if said.get(flag.id) is True
    ]
    return criteria, raw, flags, rank_gaps(gaps) if len(gaps) > 1 else gaps


def rank_gaps(gaps: Iterable[Gap]) -> list[Gap]:
    """Critical gaps first, then the largest weight × shortfall."""
    return sorted(gaps, key=lambda g: (not g.criterion.critical, -g.priority))


def apply_red_flags(raw: float, flags: list[TriggeredFlag]) -> tuple[float, list[TriggeredFlag]]:
    """Subtract, then cap; return the final score and each flag's cost."""
    if not flags:
        return raw, flags
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
                TriggeredFlag(
                    triggered.flag,
                    triggered.framework_id,
                    round(before - current, 1),
                    triggered.from_evidence,
                )
            )
    return current, costed


def grade_for(framework: Framework, value: float) -> str:
    """The grade band a score falls in."""
    for band in framework.grades:
        if value >= band.min:
            return band.grade
    return framework.grades[-1].grade


def _stage(framework: Framework, stage: str | Stage | None) -> Stage | None:
    if stage is None or isinstance(stage, Stage):
        return stage
    found = framework.stage(stage)
    if found is None and framework.stages:
        known = ", ".join(s.id for s in framework.stages)
        raise ValueError(f"framework {framework.id!r} has no stage {stage!r} (stages: {known})")
    return found


@dataclass(frozen=True, slots=True)
class _CriterionPlan:
    """What never changes between deals for one criterion at one stage.

    `levels` maps a level id to (level, points, absent, shortfall, gap); the gap is
    None when the level meets the stage's expectation. `plain` holds the results for
    the shared evidence-less answers of `plain_answer`, worked out once.
    """

    criterion: Criterion
    levels: dict[str, tuple[Level, float, bool, float, Gap | None]]
    max_points: float
    expected: Level | None
    unknown_shortfall: float
    unknown_gap: Gap | None
    belief: Level | None = None
    stale_after: int | None = None
    stale_to: dict[str, Level] = field(default_factory=dict)
    plain: dict[str, tuple[CriterionScore, Gap | None]] = field(default_factory=dict)

    def credited(self, level: Level, answer: CriterionAnswer, as_of: date | None) -> Credit | None:
        """Why the evidence rules credit less than `level`, if they do."""
        belief = (
            answer.source in REP_WORD
            and self.belief is not None
            and level.value > self.belief.value
        )
        stale = (
            as_of is not None
            and answer.confirmed_on is not None
            and self.stale_after is not None
            and (as_of - answer.confirmed_on).days > self.stale_after
            and level.id in self.stale_to
        )
        if belief and stale:
            return Credit.BELIEF_STALE
        return Credit.BELIEF if belief else Credit.STALE if stale else None

    def scored(
        self, answer: CriterionAnswer, as_of: date | None = None
    ) -> tuple[CriterionScore, Gap | None]:
        if answer.level == UNKNOWN:
            return CriterionScore(
                self.criterion,
                answer,
                None,
                0.0,
                self.max_points,
                self.expected,
                False,
                self.unknown_shortfall,
            ), self.unknown_gap
        found = self.levels.get(answer.level)
        if found is None:
            known = ", ".join(self.levels)
            raise ValueError(
                f"{self.criterion.id}: no level {answer.level!r} (levels: {known}, unknown)"
            )
        claimed = found[0]
        credit = (
            self.credited(claimed, answer, as_of) if answer.source or answer.confirmed_on else None
        )
        if credit is not None:
            credited = claimed
            if credit is not Credit.STALE and self.belief is not None:
                credited = self.belief
            if credit is not Credit.BELIEF:
                lowered = self.stale_to[claimed.id]
                credited = lowered if lowered.value < credited.value else credited
            found = self.levels[credited.id]
        level, points, absent, shortfall, gap = found
        return CriterionScore(
            self.criterion,
            answer,
            level,
            points,
            self.max_points,
            self.expected,
            absent,
            shortfall,
            claimed if credit else None,
            credit,
        ), gap


_NO_ANSWER = plain_answer(UNKNOWN)
_PLANS: dict[tuple[int, str | None], tuple[Framework, list[_CriterionPlan]]] = {}


def _plans(framework: Framework, stage: Stage | None) -> list[_CriterionPlan]:
    # Scoring a pipeline scores the same framework thousands of times: the per-criterion
    # arithmetic that depends only on the framework and the stage is done once.
    key = (id(framework), stage.id if stage else None)
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is framework:
        return cached[1]
    total_weight = sum(c.weight for c in framework.criteria)
    plans = [_plan(framework, c, stage, total_weight) for c in framework.criteria]
    if len(_PLANS) > 256:
        _PLANS.clear()
    _PLANS[key] = (framework, plans)
    return plans


def _plan(
    framework: Framework, criterion: Criterion, stage: Stage | None, total_weight: float
) -> _CriterionPlan:
    scale = framework.scale_of(criterion)
    max_points = 100.0 * criterion.weight / total_weight
    bottom, top = scale.root[0].value, scale.top.value
    expected = framework.expected_level(criterion, stage)

    def shortfall(reached: float) -> float:
        return max(0.0, (expected.value - reached) / (top - bottom)) if expected else 0.0

    def gap(level: Level | None, absent: bool, reached: float) -> Gap | None:
        missing = shortfall(reached)
        if expected is None or missing <= 0:
            return None
        kind = GapKind.UNKNOWN if level is None else GapKind.ABSENT if absent else GapKind.WEAK
        return Gap(criterion, kind, level, expected, round(criterion.weight * missing, 3))

    levels = {
        level.id: (
            level,
            max_points * (level.value - bottom) / (top - bottom),
            scale.is_absent(level),
            shortfall(level.value),
            gap(level, scale.is_absent(level), level.value),
        )
        for level in scale.root
    }
    # An unknown answer ranks half a step below the bottom: not knowing is worse than
    # knowing something is missing, because the rep cannot plan around it.
    unknown = bottom - 0.5
    plan = _CriterionPlan(
        criterion,
        levels,
        max_points,
        expected,
        shortfall(unknown),
        gap(None, False, unknown),
        framework.belief_level(criterion),
        framework.stale_after(stage),
        stale_levels(framework, criterion),
    )
    for level_id in [*levels, UNKNOWN]:
        plan.plain[level_id] = plan.scored(plain_answer(level_id))
    return plan
