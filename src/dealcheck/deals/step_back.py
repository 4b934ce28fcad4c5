"""The step-back conversation of seed 002 for a deal to disqualify or hold (`not-now`).

Say clearly why it does not fit now, offer the one thing that would reopen it, and
leave the decision with the customer. Disqualifying is a service, not a rejection.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealcheck.deals.history import DealReport
from dealcheck.i18n import t
from dealcheck.language.framework import RedFlag, RedFlagEffect


@dataclass(frozen=True)
class StepBack:
    """Why the deal does not fit now, and the one thing that would reopen it."""

    why: str
    reopen: str
    question: str | None = None


def flag_name(flag: RedFlag, lang: str) -> str:
    """A red flag's short name in `lang` (never its id)."""
    return flag.name.get(lang)


def step_back(report: DealReport, lang: str) -> StepBack:
    """The step-back message: the strongest reason first, and what would reopen the deal."""
    assessment = report.assessment
    held = _not_now(report, lang)
    if held is not None:
        return held
    blocking = [f for f in assessment.red_flags if f.flag.effect is RedFlagEffect.DISQUALIFY]
    flags = blocking or assessment.red_flags
    if flags:
        flag = flags[0]
        name = flag_name(flag.flag, lang)
        asks = flag.flag.questions
        return StepBack(
            t("stepback.why", lang, flag.flag.reason.get(lang)),
            t("stepback.reopen", lang, t("stepback.reopen_flag", lang, name)),
            asks[-1].get(lang) if asks else None,
        )
    absent = [
        c.criterion.name.get(lang)
        for card in assessment.scorecards
        for c in card.criteria
        if c.absent and c.criterion.critical
    ]
    if absent:
        return StepBack(
            t("stepback.why", lang, t("stepback.absent", lang, ", ".join(absent))),
            t("stepback.reopen", lang, t("stepback.reopen_criterion", lang, absent[0])),
        )
    return StepBack(
        t("stepback.why", lang, t("stepback.low_score", lang, f"{assessment.score:.0f}")),
        t("stepback.reopen", lang, t("stepback.reopen_any", lang)),
    )


def _not_now(report: DealReport, lang: str) -> StepBack | None:
    """For a not-now verdict: the team's rule says why; its first flag is what reopens it."""
    reason = next((r for r in report.assessment.reasons if r.code == "not-now"), None)
    if reason is None or not reason.values:
        return None
    rule_id, *held = reason.values
    rules = (
        rule
        for card in report.assessment.scorecards
        for rule in card.framework.recommendation.not_now
        if rule.id == rule_id
    )
    rule = next(rules, None)
    if rule is None:
        return None
    flags = {f.flag.id: f.flag for f in report.assessment.red_flags}
    flag = next((flags[h] for h in held if h in flags), None)
    reopen = t("stepback.reopen_flag", lang, flag_name(flag, lang)) if flag else rule.name.get(lang)
    ask = flag.questions[-1].get(lang) if flag and flag.questions else None
    return StepBack(
        t("stepback.why", lang, rule.name.get(lang)), t("stepback.reopen", lang, reopen), ask
    )
