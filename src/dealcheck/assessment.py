"""One deal scored against several frameworks at once (e.g. MEDDPICC + red flags).

The overall score is the mean of the raw scores of the frameworks that have criteria
(a red-flags-only framework has nothing to average); then every triggered red flag
of every framework applies to it. The first framework's recommendation rule then
decides on that overall score, with every framework's gaps and flags in view, so the
verdict and its reasons are stated once for the deal.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from dealcheck.answers import Answers
from dealcheck.framework import Framework
from dealcheck.scoring import (
    NO_CRITERIA_SCORE,
    Gap,
    NextQuestion,
    Reason,
    Recommendation,
    Scorecard,
    TriggeredFlag,
    apply_red_flags,
    grade_for,
    next_questions,
    rank_gaps,
    recommend,
    score,
)


@dataclass(frozen=True)
class Assessment:
    """A deal's scorecards across frameworks, and the overall verdict."""

    scorecards: list[Scorecard]
    score: float
    grade: str
    recommendation: Recommendation
    reasons: list[Reason]
    gaps: list[Gap]
    red_flags: list[TriggeredFlag]

    @functools.cached_property
    def next_questions(self) -> list[NextQuestion]:
        """Questions for the next call across frameworks (worked out on first use)."""
        criteria = [scored for card in self.scorecards for scored in card.criteria]
        limit = self.scorecards[0].framework.next_questions
        return next_questions(self.gaps, self.red_flags, limit, criteria)

    @property
    def stage_id(self) -> str | None:
        """The deal's stage id, as the first framework with stages understood it."""
        return next((c.stage.id for c in self.scorecards if c.stage), None)


def assess(
    frameworks: list[Framework], answers: Mapping[str, Answers], stage: str | None = None
) -> Assessment:
    """Score a deal against several frameworks and combine the results.

    Args:
        frameworks: The frameworks, in the order they were asked; the first one's
            grade bands and question count are used for the overall result.
        answers: Answers per framework id (a missing framework means nothing known).
        stage: The deal's stage (id, name or alias); frameworks without stages ignore it.

    Raises:
        ValueError: As `score` does, for an unknown stage or level id.
    """
    if not frameworks:
        raise ValueError("assess needs at least one framework")
    cards = [
        score(fw, answers.get(fw.id, Answers()), stage if fw.stages else None) for fw in frameworks
    ]
    with_criteria = [c for c in cards if c.framework.criteria]
    raw = (
        sum(c.raw_score for c in with_criteria) / len(with_criteria)
        if with_criteria
        else NO_CRITERIA_SCORE
    )
    triggered = [TriggeredFlag(f.flag, f.framework_id, 0.0) for c in cards for f in c.red_flags]
    final, flags = apply_red_flags(raw, triggered)
    lead = frameworks[0]
    gaps = rank_gaps(g for c in cards for g in c.gaps)
    criteria = [scored for c in cards for scored in c.criteria]
    recommendation, reasons = recommend(lead, final, criteria, gaps, flags)
    return Assessment(
        scorecards=cards,
        score=round(final, 1),
        grade=grade_for(lead, final),
        recommendation=recommendation,
        reasons=reasons,
        gaps=gaps,
        red_flags=flags,
    )
