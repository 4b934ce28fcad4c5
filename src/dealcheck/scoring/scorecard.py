"""What scoring produces: the scorecard and its parts. Plain, immutable data."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from dealcheck.language.framework import Criterion, Framework, Level, RedFlag, Stage, Text
from dealcheck.scoring.answers import CriterionAnswer, EvidenceSource


class Recommendation(StrEnum):
    """What to do with the deal.

    `not-now` is qualified out of this period: keep nurturing, out of the forecast.
    A closed deal is `won`, `lost`, or `closed` when the outcome is not known.
    """

    ADVANCE = "advance"
    DIG_DEEPER = "dig-deeper"
    NOT_NOW = "not-now"
    DISQUALIFY = "disqualify"
    WON = "won"
    LOST = "lost"
    CLOSED = "closed"


#: CRM words for a closed deal (stage or status), casefolded, and its outcome.
CLOSED_WORDS: dict[str, Recommendation] = {
    "won": Recommendation.WON,
    "closed won": Recommendation.WON,
    "closed-won": Recommendation.WON,
    "수주": Recommendation.WON,
    "성공": Recommendation.WON,
    "lost": Recommendation.LOST,
    "closed lost": Recommendation.LOST,
    "closed-lost": Recommendation.LOST,
    "실주": Recommendation.LOST,
    "실패": Recommendation.LOST,
    "closed": Recommendation.CLOSED,
    "종료": Recommendation.CLOSED,
}


def closed_outcome(stage: str | None) -> Recommendation | None:
    """`won`, `lost` or `closed` when a stage (or status) name says the deal is closed."""
    return CLOSED_WORDS.get(stage.strip().casefold()) if stage else None


class GapKind(StrEnum):
    """Why a criterion falls short."""

    UNKNOWN = "unknown"  # not asked, or the rep does not know
    ABSENT = "absent"  # known not to exist
    WEAK = "weak"  # known, but below the level expected


class Credit(StrEnum):
    """Why a criterion is credited below the level claimed."""

    BELIEF = "belief"  # only the rep believes it
    STALE = "stale"  # the evidence is too old
    BELIEF_STALE = "belief-stale"  # both


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One criterion's credited level, points and why points were lost.

    `level` is the level credited (what scores); `claimed` is the level answered when the
    evidence rules credit less, with `credit` saying why.
    """

    criterion: Criterion
    answer: CriterionAnswer
    level: Level | None
    points: float
    max_points: float
    expected: Level | None
    absent: bool
    shortfall: float
    claimed: Level | None = None
    credit: Credit | None = None

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
    from_evidence: bool = False


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
    known: str = ""
    """What the customer already confirmed about it (the evidence), when partly known."""


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
    unanswered_flags: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)

    @property
    def scored(self) -> bool:
        """False for a framework without criteria (a stage set, a red-flags list): no score."""
        return scores_deal(self.framework)

    @property
    def flag_tally(self) -> FlagTally:
        """How many of the framework's red flags were checked (yes or no) and raised."""
        total = len(self.framework.red_flags)
        return FlagTally(total - len(self.unanswered_flags), total, len(self.red_flags))

    @functools.cached_property
    def next_questions(self) -> list[NextQuestion]:
        """Questions for the next call (worked out on first use: batch runs never ask)."""
        return next_questions(
            self.gaps,
            self.red_flags,
            self.framework.next_questions,
            self.criteria,
            first=forcing(self.reasons),
        )


class FlagTally(NamedTuple):
    """A framework's red flags for one deal: how many were checked, of how many, raised."""

    checked: int
    total: int
    raised: int


def scores_deal(framework: Framework) -> bool:
    """Whether a framework gives a deal a score: it has criteria.

    A stage set alone (The Model's stages) only judges which stage the events support;
    a red-flags list alone (`red-flags`) only says what stops a deal: a flag can
    disqualify or rule a deal out for now, but no flag raised is no reason to advance.
    """
    return bool(framework.criteria)


def flags_only(framework: Framework) -> bool:
    """Whether a framework is red flags without criteria: it can stop a deal, not score it."""
    return not framework.criteria and bool(framework.red_flags)


#: The verdict when nothing is scored: no score, find out more (with a framework that scores).
STAGES_ONLY = Reason("stages-only")

#: The verdict of red flags alone when none forces one: no score, so no advance either.
FLAGS_ONLY = Reason("flags-only")

#: Reason codes red flags alone may give: a verdict the flags force, whatever a score says.
FORCED_BY_FLAGS = frozenset({"red-flag-disqualifies", "not-now"})


def forcing(reasons: list[Reason]) -> frozenset[str]:
    """Ids of the red flags (and criteria) that forced a disqualify or not-now verdict."""
    ids: set[str] = set()
    for reason in reasons:
        if reason.code == "red-flag-disqualifies":
            ids.update(reason.values)
        elif reason.code == "not-now":
            ids.update(reason.values[1:])
    return frozenset(ids)


def next_questions(
    gaps: list[Gap],
    flags: list[TriggeredFlag],
    limit: int,
    headroom: list[CriterionScore] | None = None,
    first: frozenset[str] = frozenset(),
) -> list[NextQuestion]:
    """Questions for the next call, round-robin over question banks.

    First the questions of the flags that forced the verdict (`first`: the rep checks
    the deal breaker before anything else), then the top gaps, then the other triggered
    flags, then criteria that meet the stage but are not at the top of the scale
    (`headroom`, most points to win first), so a deal with no gap still leaves the rep
    with questions.
    """
    forced = [f for f in flags if f.flag.id in first and f.flag.questions]
    if forced:
        # A deal breaker's own questions come first, all of them, before any gap's.
        own = [NextQuestion(f.flag.id, q) for f in forced for q in f.flag.questions][:limit]
        if len(own) == limit:
            return own
        others = [f for f in flags if f not in forced]
        return own + next_questions(gaps, others, limit - len(own), headroom)
    scored = {c.criterion.id: c for c in headroom or []}
    banks = [_bank(g.criterion, scored.get(g.criterion.id)) for g in gaps]
    banks += [(f.flag.id, f.flag.questions, "") for f in flags]
    gap_ids = {g.criterion.id for g in gaps}
    ahead = sorted(
        (c for c in headroom or [] if c.lost > 0 and c.criterion.id not in gap_ids),
        key=lambda c: -c.lost,
    )
    banks += [_bank(c.criterion, c) for c in ahead]
    picked: list[NextQuestion] = []
    deepest = max((len(bank) for _, bank, _ in banks), default=0)
    for depth in range(deepest):
        for about, bank, known in banks:
            if depth < len(bank):
                picked.append(NextQuestion(about, bank[depth], known))
                if len(picked) == limit:
                    return picked
    return picked


def _bank(criterion: Criterion, scored: CriterionScore | None) -> tuple[str, list[Text], str]:
    """A criterion's questions; when the customer confirmed part of it, the deeper ones.

    A level above absent with evidence from the customer (or their document) is partly
    known: the bank's opening question would ask it again as if nothing were known, so
    the walk starts at the second question and carries the evidence to refer to.
    """
    answer = scored.answer if scored is not None else None
    partly_known = (
        scored is not None
        and answer is not None
        and scored.level is not None
        and not scored.absent
        and bool(answer.evidence)
        and answer.source in (EvidenceSource.CUSTOMER, EvidenceSource.DOCUMENT)
    )
    if not partly_known or answer is None:
        return criterion.id, criterion.questions, ""
    deeper = criterion.questions[1:] or criterion.questions
    return criterion.id, deeper, answer.evidence
