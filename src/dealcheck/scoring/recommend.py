"""The verdict: advance, dig deeper, not now or disqualify, with the reasons behind it.

Order of precedence: a disqualifying red flag, then too many critical criteria known
absent, then a not-now rule, then the score against the framework's lines (a low
score made of unknowns means dig deeper), critical gaps and customer-verified weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dealcheck.language.framework import Framework, NotNowRule, RedFlagEffect
from dealcheck.scoring.evidence import verified_share
from dealcheck.scoring.scorecard import (
    FLAGS_ONLY,
    FORCED_BY_FLAGS,
    STAGES_ONLY,
    CriterionScore,
    Gap,
    Reason,
    Recommendation,
    TriggeredFlag,
    flags_only,
)


def holds(
    rule: NotNowRule, criteria: list[CriterionScore], flags: list[TriggeredFlag]
) -> tuple[str, ...] | None:
    """The flag and criterion ids that make a not-now rule hold, or None if it does not."""
    raised = {f.flag.id for f in flags}
    absent = {c.criterion.id for c in criteria if c.absent}
    matched: list[str] = []
    for group in rule.all:
        found = next(
            (
                condition.flag or condition.absent
                for condition in group.any
                if (condition.flag and condition.flag in raised)
                or (condition.absent and condition.absent in absent)
            ),
            None,
        )
        if found is None:
            return None
        matched.append(found)
    return tuple(matched)


def recommend(
    framework: Framework,
    final: float,
    criteria: list[CriterionScore],
    gaps: list[Gap],
    flags: list[TriggeredFlag],
    not_now: Sequence[NotNowRule] | None = None,
) -> tuple[Recommendation, list[Reason]]:
    """Apply the framework's recommendation rule; return the verdict and its reasons.

    `not_now` are the not-now rules in play (default: the framework's own); a combined
    assessment passes every framework's.
    """
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
    for not_now_rule in rule.not_now if not_now is None else not_now:
        held = holds(not_now_rule, criteria, flags)
        if held is not None:
            # Qualified out of this period: the rule and what made it hold (flags first).
            return Recommendation.NOT_NOW, [Reason("not-now", (not_now_rule.id, *held))]
    weight = sum(c.max_points for c in criteria)
    known = sum(c.max_points for c in criteria if c.level is not None) / weight if weight else 1.0
    unsure: list[Reason] = []
    if final < rule.disqualify_below:
        # A low score made of unknowns says "find out", not "walk away".
        if known >= rule.disqualify_needs_known:
            return Recommendation.DISQUALIFY, [
                Reason("score-below-disqualify", (shown, f"{rule.disqualify_below:g}"))
            ]
        unsure.append(Reason("too-little-known", (f"{100 * (1 - known):.0f}",)))
    if final >= rule.advance_at:
        if rule.critical_gaps_block_advance and critical_gaps:
            return Recommendation.DIG_DEEPER, [Reason("critical-gaps-block", tuple(critical_gaps))]
        verified, needed = verified_share(criteria), framework.evidence.verified_share_to_advance
        if verified is not None and verified < needed:
            # Happy ears: a high score the customer never confirmed is not a forecast.
            return Recommendation.DIG_DEEPER, [
                Reason("too-little-verified", (f"{100 * verified:.0f}", f"{100 * needed:.0f}"))
            ]
        return Recommendation.ADVANCE, [
            Reason("score-reaches-advance", (shown, f"{rule.advance_at:g}"))
        ]
    reasons = [Reason("score-below-advance", (shown, f"{rule.advance_at:g}")), *unsure]
    if critical_gaps:
        reasons.append(Reason("critical-gaps", tuple(critical_gaps)))
    reasons += [Reason("red-flag-from-evidence", (f.flag.id,)) for f in flags if f.from_evidence]
    reasons += [
        flag_reason(f) for f in flags if f.points_lost or f.flag.effect is RedFlagEffect.CAP
    ]
    return Recommendation.DIG_DEEPER, reasons


def flag_reason(flag: TriggeredFlag) -> Reason:
    """What a triggered cap or subtract flag did, as a reason: a cap reads as a cap."""
    if flag.flag.effect is RedFlagEffect.CAP:
        return Reason("red-flag-caps", (flag.flag.id, f"{flag.flag.points or 0:g}"))
    return Reason("red-flag-costs", (flag.flag.id, f"{flag.points_lost:g}"))


def unscored_verdict(
    frameworks: Sequence[Framework],
    recommendation: Recommendation,
    reasons: list[Reason],
    flags: list[TriggeredFlag],
) -> tuple[Recommendation, list[Reason], list[TriggeredFlag]]:
    """The verdict, its reasons and the flags when no framework has criteria to score.

    Red flags can still stop the deal (a disqualifying flag, a not-now rule): that
    verdict stands. Anything else came from a score there is not (100 less the flags'
    points), so the deal is dig deeper, and the flags cost no points.
    """
    uncosted = [replace(f, points_lost=0.0) for f in flags]
    if any(flags_only(framework) for framework in frameworks):
        if reasons and reasons[0].code in FORCED_BY_FLAGS:
            return recommendation, reasons, uncosted
        return Recommendation.DIG_DEEPER, [FLAGS_ONLY], uncosted
    return Recommendation.DIG_DEEPER, [STAGES_ONLY], uncosted
