"""One deal scored against several frameworks at once (e.g. MEDDPICC + red flags).

The overall score is the mean of the raw scores of the frameworks that have criteria
(a red-flags-only framework has nothing to average); then every triggered red flag
of every framework applies to it. With no criteria at all (stage sets, red flags
alone) there is no score: red flags can still disqualify or rule the deal out for
now, anything else is dig deeper. A red flag two frameworks share (same id) is one
concern: its first answer counts for both, and it applies once. The first framework's recommendation rule then
decides on that overall score, with every framework's gaps and flags in view, so the
verdict and its reasons are stated once for the deal.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from dealcheck.language.framework import Framework, NotNowRule
from dealcheck.scoring.answers import Answers
from dealcheck.scoring.score import (
    NO_CRITERIA_SCORE,
    Gap,
    NextQuestion,
    Reason,
    Recommendation,
    Scorecard,
    ScoreParts,
    TriggeredFlag,
    apply_red_flags,
    closed_outcome,
    evidence_flags,
    forcing,
    grade_for,
    next_questions,
    rank_gaps,
    recommend,
    score,
    score_parts,
    scores_deal,
    unscored_verdict,
    verified_share,
)
from dealcheck.scoring.stages import ExitStatus, StageCheck, exit_statuses, stage_check


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
    stage_check: StageCheck | None = None
    exit_checks: tuple[ExitStatus, ...] = ()

    @functools.cached_property
    def next_questions(self) -> list[NextQuestion]:
        """Questions for the next call across frameworks (worked out on first use)."""
        criteria = [scored for card in self.scorecards for scored in card.criteria]
        limit = self.scorecards[0].framework.next_questions
        return next_questions(
            self.gaps, self.red_flags, limit, criteria, first=forcing(self.reasons)
        )

    @property
    def verified_share(self) -> float | None:
        """Share of the criteria weight the customer verified; None if no source is known."""
        return verified_share([c for card in self.scorecards for c in card.criteria])

    @property
    def scored(self) -> bool:
        """False when only stage sets were used: there is no score, only stage support."""
        return any(card.scored for card in self.scorecards)

    @property
    def stage_id(self) -> str | None:
        """The deal's stage id, as the first framework with stages understood it."""
        return next((c.stage.id for c in self.scorecards if c.stage), None)


def assess(
    frameworks: list[Framework],
    answers: Mapping[str, Answers],
    stage: str | None = None,
    as_of: date | None = None,
) -> Assessment:
    """Score a deal against several frameworks and combine the results.

    Args:
        frameworks: The frameworks, in the order they were asked; the first one's
            grade bands and question count are used for the overall result.
        answers: Answers per framework id (a missing framework means nothing known).
        stage: The deal's stage (id, name or alias); frameworks without stages ignore it.
            A closed stage (won, lost, Closed Won, 수주, …) makes the outcome the verdict.
        as_of: The day the answers are judged on, for stale evidence (None: never stale).

    Raises:
        ValueError: As `score` does, for an unknown stage or level id.
    """
    if not frameworks:
        raise ValueError("assess needs at least one framework")
    outcome = closed_outcome(stage)
    stage = None if outcome else stage
    answers = shared_flag_answers(frameworks, answers)
    cards = [
        score(fw, answers.get(fw.id, Answers()), stage if fw.stages else None, as_of)
        for fw in frameworks
    ]
    if outcome is not None:
        cards = [
            replace(card, recommendation=outcome, reasons=[Reason(f"deal-{outcome.value}")])
            for card in cards
        ]
    # Each card raised its evidence flags on its own criteria; the deal raises them on all.
    parts = [
        ScoreParts(c.criteria, c.raw_score, c.gaps, [f for f in c.red_flags if not f.from_evidence])
        for c in cards
    ]
    overall = closed(combine(frameworks, parts), outcome)
    return Assessment(
        scorecards=cards,
        score=overall.score,
        grade=overall.grade,
        recommendation=overall.recommendation,
        reasons=overall.reasons,
        gaps=overall.gaps,
        red_flags=overall.red_flags,
        stage_check=stage_check(frameworks, answers, stage),
        exit_checks=exit_statuses(frameworks, answers, stage),
    )


@dataclass(frozen=True, slots=True)
class Overall:
    """An assessment without its scorecards: what a batch run keeps of it."""

    score: float
    grade: str
    recommendation: Recommendation
    reasons: list[Reason]
    gaps: list[Gap]
    red_flags: list[TriggeredFlag]


def assess_overall(
    frameworks: list[Framework],
    answers: Mapping[str, Answers],
    stage: str | None = None,
    as_of: date | None = None,
) -> Overall:
    """`assess` without building scorecards: the same overall verdict, for less work.

    Raises:
        ValueError: As `assess` does.
    """
    if not frameworks:
        raise ValueError("assess needs at least one framework")
    outcome = closed_outcome(stage)
    stage = None if outcome else stage
    answers = shared_flag_answers(frameworks, answers)
    parts = [
        score_parts(fw, answers.get(fw.id, Answers()), stage if fw.stages else None, as_of)
        for fw in frameworks
    ]
    return closed(combine(frameworks, parts), outcome)


def closed(overall: Overall, outcome: Recommendation | None) -> Overall:
    """A closed deal's verdict is its outcome (won, lost or closed), never advance.

    The scores stay, to learn from; only the recommendation and its reason change.
    """
    if outcome is None:
        return overall
    return replace(overall, recommendation=outcome, reasons=[Reason(f"deal-{outcome.value}")])


def shared_flag_answers(
    frameworks: list[Framework], answers: Mapping[str, Answers]
) -> Mapping[str, Answers]:
    """Answers where a red flag shared by several frameworks (same id) has one answer.

    The first framework (in order) that answers it yes or no gives the answer to all.
    """
    said: dict[str, bool] = {}
    for framework in frameworks:
        given = answers.get(framework.id)
        for flag_id, value in given.red_flags.items() if given else ():
            if value is not None:
                said.setdefault(flag_id, value)
    shared = {fw.id: {f.id: said[f.id] for f in fw.red_flags if f.id in said} for fw in frameworks}
    if all(
        (answers.get(fw.id) or _EMPTY).red_flags.get(k) == v
        for fw in frameworks
        for k, v in shared[fw.id].items()
    ):
        return answers
    merged = dict(answers)
    for framework in frameworks:
        own = answers.get(framework.id) or _EMPTY
        merged[framework.id] = replace(own, red_flags={**own.red_flags, **shared[framework.id]})
    return merged


_EMPTY = Answers()


def combine(frameworks: list[Framework], parts: list[ScoreParts]) -> Overall:
    """The overall verdict from each framework's parts (in framework order)."""
    with_criteria = [p for p in parts if p.criteria]
    raw = (
        sum(p.raw_score for p in with_criteria) / len(with_criteria)
        if with_criteria
        else NO_CRITERIA_SCORE
    )
    # Each flag is costed once, against the combined score (parts' costs are ignored).
    # A flag shared by several frameworks applies once: the first definition counts.
    triggered: dict[str, TriggeredFlag] = {}
    for part in parts:
        for flag in part.red_flags:
            triggered.setdefault(flag.flag.id, flag)
    criteria = [scored for p in parts for scored in p.criteria]
    raised = list(triggered.values())
    raised += evidence_flags(frameworks, criteria, raised)
    final, flags = apply_red_flags(raw, raised)
    lead = frameworks[0]
    with_gaps = [p.gaps for p in parts if p.gaps]
    gaps = (
        list(with_gaps[0])  # one framework's gaps come ranked already
        if len(with_gaps) == 1
        else rank_gaps(g for found in with_gaps for g in found)
    )
    # Every framework's not-now rules count (the first one defining an id wins).
    rules: dict[str, NotNowRule] = {}
    for framework in frameworks:
        for rule in framework.recommendation.not_now:
            rules.setdefault(rule.id, rule)
    recommendation, reasons = recommend(lead, final, criteria, gaps, flags, list(rules.values()))
    if not any(scores_deal(framework) for framework in frameworks):
        # Stage sets or red flags alone: no score to give, so no verdict from one (not a
        # fake 100); red flags may still stop the deal.
        recommendation, reasons, flags = unscored_verdict(
            frameworks, recommendation, reasons, flags
        )
        return Overall(0.0, "", recommendation, reasons, gaps, flags)
    return Overall(
        score=round(final, 1),
        grade=grade_for(lead, final),
        recommendation=recommendation,
        reasons=reasons,
        gaps=gaps,
        red_flags=flags,
    )
