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
