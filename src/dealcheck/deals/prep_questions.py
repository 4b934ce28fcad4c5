"""At most three questions for the next call, in priority order.

Each says why it is asked now. What is already known is referred to, never asked again: a criterion the
customer confirmed is skipped, and one with evidence on record skips its opening
question for a deeper one from its bank.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dealcheck.deals.close_plan import PlanIssue
from dealcheck.deals.coaching import DealAlerts, step_name, templates_of
from dealcheck.deals.history import DealReport
from dealcheck.deals.people import PeopleAlert
from dealcheck.deals.recap import recap
from dealcheck.deals.step_back import flag_name
from dealcheck.deals.story import CONFIRMED_SOURCES
from dealcheck.i18n import t
from dealcheck.language.framework import RecapPart, Text
from dealcheck.scoring.score import CriterionScore, GapKind

MAX_QUESTIONS = 3
BUYER_CRITERIA = ("economic-buyer", "authority")


@dataclass(frozen=True)
class PlanQuestion:
    """A question for this call and why it is asked now."""

    text: str
    why: str


def plan_questions(report: DealReport, alerts: DealAlerts, lang: str) -> list[PlanQuestion]:
    """The call's questions: close plan first, then people, red flags, gaps, headroom."""
    picked: list[PlanQuestion] = []
    asked: set[str] = set()
    for about, text, why in _candidates(report, alerts, lang):
        if about in asked or any(q.text == text for q in picked):
            continue
        asked.add(about)
        picked.append(PlanQuestion(text, why))
        if len(picked) == MAX_QUESTIONS:
            break
    return picked


def _candidates(
    report: DealReport, alerts: DealAlerts, lang: str
) -> Iterator[tuple[str, str, str]]:
    assessment = report.assessment
    scored = {c.criterion.id: c for card in assessment.scorecards for c in card.criteria}
    known = _known_by_recap(report)
    templates = templates_of(report)
    for check, line in zip(alerts.plan, alerts.plan_lines, strict=False):
        if check.issue in (PlanIssue.LEAD_TIME, PlanIssue.CLOSE_BEFORE_PLAN, PlanIssue.SLIPPED):
            assert check.step is not None
            name = step_name(check.step, templates, lang)
            yield f"step:{check.step.id}", t("ask.step", lang, name), line
        elif check.issue is PlanIssue.NO_PLAN:
            yield "plan", t("ask.plan", lang), line
    for alert, line in zip(alerts.people, alerts.people_lines, strict=True):
        if alert.kind in (PeopleAlert.ECONOMIC_BUYER_NOT_MET, PeopleAlert.NO_ECONOMIC_BUYER):
            buyer = next((scored[c] for c in BUYER_CRITERIA if c in scored), None)
            if buyer is not None and (text := _question(buyer, known, lang)):
                yield buyer.criterion.id, text, line
    for flag in assessment.red_flags:
        if flag.flag.questions:
            why = t("why.flag", lang, flag_name(flag.flag, lang))
            yield flag.flag.id, flag.flag.questions[0].get(lang), why
    yield from _believed_outcome(report, lang)
    for gap in assessment.gaps:
        result = scored.get(gap.criterion.id)
        if result is None or _confirmed(result):
            continue
        text = _question(result, known, lang)
        if text:
            yield gap.criterion.id, text, _gap_why(result, gap.kind, lang)
    for question in assessment.next_questions:
        result = scored.get(question.about)
        if result is None or _confirmed(result):
            continue
        text = _question(result, known, lang)
        if text:
            name = result.criterion.name.get(lang)
            why = (
                t("why.headroom", lang, name, result.answer.evidence)
                if result.answer.evidence
                else t("why.headroom_plain", lang, name)
            )
            yield question.about, text, why


def believed_outcome(report: DealReport) -> list[tuple[RecapPart, str]]:
    """Outcome and metric statements only the rep believes, when none is agreed."""
    summary = recap(report.deal, report.assessment)
    lines = [summary.line(RecapPart.OUTCOME), summary.line(RecapPart.METRICS)]
    if any(line.agreed for line in lines):
        return []
    return [(line.part, text) for line in lines for text in line.to_confirm]


def _believed_outcome(report: DealReport, lang: str) -> Iterator[tuple[str, str, str]]:
    for part, text in believed_outcome(report)[:1]:
        yield f"recap:{part.value}", t(f"confirm.{part.value}", lang, text), t("why.believed", lang)


def _confirmed(result: CriterionScore) -> bool:
    """Confirmed by the customer at the top of the scale: never asked again."""
    at_top = result.level is not None and result.lost == 0
    return at_top and result.answer.source in CONFIRMED_SOURCES


def _question(result: CriterionScore, known: set[str], lang: str) -> str | None:
    bank: list[Text] = list(result.criterion.questions)
    has_record = result.answer.evidence and result.answer.source in CONFIRMED_SOURCES
    if has_record or result.criterion.id in known:
        bank = bank[1:]  # the opening question would re-ask what is on record
        if not bank and result.answer.evidence:
            return t("ask.known", lang, result.answer.evidence)
    return bank[0].get(lang) if bank else None


def _gap_why(result: CriterionScore, kind: GapKind, lang: str) -> str:
    name = result.criterion.name.get(lang)
    if kind is GapKind.WEAK and result.level is not None:
        level = result.level.label.get(lang)
        if result.answer.evidence:
            return t("why.weak_known", lang, name, level, result.answer.evidence)
        return t("why.weak", lang, name, level)
    return t(f"why.{kind.value}", lang, name)


def _known_by_recap(report: DealReport) -> set[str]:
    """Criteria whose recap part the customer already agreed in the value story."""
    summary = recap(report.deal, report.assessment)
    agreed = {line.part for line in summary.lines if line.agreed}
    return {
        criterion_id
        for card in report.assessment.scorecards
        for part, ids in card.framework.recap.items()
        if part in agreed
        for criterion_id in ids
    }
