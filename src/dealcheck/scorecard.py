"""What scoring produces: the scorecard and its parts. Plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from dealcheck.answers import CriterionAnswer
from dealcheck.framework import Criterion, Framework, Level, RedFlag, Stage, Text


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
