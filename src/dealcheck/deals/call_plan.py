"""The call plan of seed 001, on one page.

The goal of this call, the opener, at most
three questions (each saying why it is asked now), our actions and their commitments
with owners and dates, the closing with the recap of seed 000, and the seed's warnings.

For a deal to disqualify or hold (`not-now`), the plan is the step-back conversation of
seed 002: say clearly why it does not fit now, offer what would reopen it, step back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dealcheck.deals.basics import close_date_passed
from dealcheck.deals.close_plan import PlanCheck, PlanIssue, PlanStep, ordered
from dealcheck.deals.coaching import DealAlerts, deal_alerts, step_name, templates_of
from dealcheck.deals.history import DealReport
from dealcheck.deals.people import PeopleAlert, Role
from dealcheck.deals.prep_questions import PlanQuestion, believed_outcome, plan_questions
from dealcheck.deals.recap import Recap, recap
from dealcheck.deals.step_back import StepBack, flag_name, step_back
from dealcheck.i18n import t
from dealcheck.scoring.score import GapKind

MAX_ACTIONS = 3
STEP_BACK = ("disqualify", "not-now")


@dataclass(frozen=True)
class Action:
    """A next action with its owner and when it is due (already worded)."""

    text: str
    owner: str
    due: str


@dataclass(frozen=True)
class CallPlan:
    """A one-page plan for the next call."""

    deal_name: str
    deal_line: str
    goal: str
    opener: str
    questions: list[PlanQuestion]
    ours: list[Action]
    theirs: list[Action]
    recap: Recap
    closing: str
    alerts: DealAlerts
    step_back: StepBack | None = None
    warnings: list[str] = field(default_factory=list)
    demo: list[str] = field(default_factory=list)
    timeline: list[PlanStep] = field(default_factory=list)
    timeline_names: list[str] = field(default_factory=list)


def call_plan(report: DealReport, lang: str, today: dt.date | None = None) -> CallPlan:
    """Build the plan for the next call on a deal from its file and scored qualification."""
    today = today or report.today
    deal = report.deal
    alerts = deal_alerts(report, lang, today)
    summary = recap(deal, report.assessment)
    backing_off = report.assessment.recommendation.value in STEP_BACK
    stepping = step_back(report, lang) if backing_off else None
    stage = next((c.stage.name.get(lang) for c in report.assessment.scorecards if c.stage), None)
    none = t("prep.none", lang)
    deal_line = t(
        "prep.deal_line",
        lang,
        company=deal.company or none,
        stage=stage or deal.stage or none,
        close=(
            t("report.close_passed", lang, deal.close_date.isoformat())
            if deal.close_date and close_date_passed(deal, report.qualification.stage, today)
            else deal.close_date.isoformat()
            if deal.close_date
            else none
        ),
    )
    templates = templates_of(report)
    timeline = ordered(deal.close_plan) if deal.close_plan else []
    ours, theirs = _actions(report, alerts, lang, today, stepping is not None)
    next_text = (
        t("prep.next_step", lang, deal.next_step.text, _date(deal.next_step.date, lang))
        if deal.next_step and deal.next_step.agreed and _ahead(deal.next_step.date, today)
        else t("prep.next_default", lang)
    )
    return CallPlan(
        deal_name=deal.name,
        deal_line=deal_line,
        goal=t("goal.step_back", lang) if stepping else _goal(report, alerts, lang, templates),
        opener=t("prep.opener_step_back" if stepping else "prep.opener_text", lang),
        questions=_step_back_question(stepping, lang)
        if stepping
        else plan_questions(report, alerts, lang),
        ours=ours,
        theirs=theirs,
        recap=summary,
        closing=(
            t("prep.closing_step_back", lang)
            if stepping
            else t("prep.closing_text", lang, next_text)
        ),
        alerts=alerts,
        step_back=stepping,
        warnings=[] if stepping else _warnings(report, summary, today, lang),
        demo=_demo(report, lang) if _demo_next(report) and not stepping else [],
        timeline=timeline,
        timeline_names=[step_name(s, templates, lang) for s in timeline],
    )


def _goal(report: DealReport, alerts: DealAlerts, lang: str, templates: list) -> str:  # type: ignore[type-arg]
    close = report.deal.close_date.isoformat() if report.deal.close_date else ""
    late = _first(alerts.plan, PlanIssue.LEAD_TIME)
    if late is not None and late.step is not None:
        return t("goal.plan_late", lang, step_name(late.step, templates, lang), late.days, close)
    after = _first(alerts.plan, PlanIssue.CLOSE_BEFORE_PLAN)
    if after is not None and after.step is not None:
        step = step_name(after.step, templates, lang)
        return t("goal.plan_after", lang, step, after.dates[0].isoformat(), close)
    if _first(alerts.plan, PlanIssue.NO_PLAN) is not None:
        return t("goal.plan_missing", lang)
    slipped = _first(alerts.plan, PlanIssue.SLIPPED)
    if slipped is not None and slipped.step is not None:
        return t(
            "goal.plan_slipped", lang, step_name(slipped.step, templates, lang), slipped.dates[0]
        )
    for alert in alerts.people:
        if alert.kind in (PeopleAlert.ECONOMIC_BUYER_NOT_MET, PeopleAlert.NO_ECONOMIC_BUYER):
            who = ", ".join(alert.about) or t("role.economic-buyer", lang)
            return t("goal.meet_buyer", lang, who)
    assessment = report.assessment
    if assessment.red_flags:
        return t("goal.flag", lang, flag_name(assessment.red_flags[0].flag, lang))
    if believed_outcome(report):
        return t("goal.believed", lang)
    if assessment.gaps:
        gap = assessment.gaps[0]
        name = gap.criterion.name.get(lang)
        if gap.kind is GapKind.WEAK and gap.level is not None:
            return t("goal.weak", lang, name, gap.level.label.get(lang))
        return t(f"goal.{gap.kind.value}", lang, name)
    scored = {c.criterion.id: c for card in assessment.scorecards for c in card.criteria}
    for question in assessment.next_questions:
        ahead = scored.get(question.about)
        if ahead is not None and ahead.level is not None:
            return t("goal.weak", lang, ahead.criterion.name.get(lang), ahead.level.label.get(lang))
    return t("goal.none", lang)


def _step_back_question(stepping: StepBack, lang: str) -> list[PlanQuestion]:
    if stepping.question is None:
        return []
    return [PlanQuestion(stepping.question, t("why.step_back", lang))]


def _first(checks: list[PlanCheck], *issues: PlanIssue) -> PlanCheck | None:
    for issue in issues:
        found = next((c for c in checks if c.issue is issue), None)
        if found is not None:
            return found
    return None


def _actions(
    report: DealReport, alerts: DealAlerts, lang: str, today: dt.date, backing_off: bool
) -> tuple[list[Action], list[Action]]:
    deal = report.deal
    us = deal.owner or t("prep.owner_us", lang)
    contacts = deal.contacts
    champion = next((c.name for c in contacts if c.role is Role.CHAMPION), "")
    main = champion or next((c.name for c in contacts if c.met), "") or t("prep.unnamed", lang)
    call = (
        _date(deal.next_step.date, lang)
        if deal.next_step and _ahead(deal.next_step.date, today)
        else t("prep.this_call", lang)
    )
    before = t("prep.before_call", lang)
    if backing_off:
        return _step_back_actions(report, us, main, today, lang)
    open_steps = [
        s for s in (ordered(deal.close_plan) if deal.close_plan else []) if s.status != "done"
    ]
    templates = templates_of(report)
    ours: list[Action] = []
    theirs: list[Action] = []
    issues = {c.issue for c in alerts.plan}
    if PlanIssue.NO_PLAN in issues:
        ours.append(Action(t("act.bring_plan", lang), us, before))
        theirs.append(Action(t("com.agree_plan", lang), main, call))
    people = {a.kind for a in alerts.people}
    if PeopleAlert.ECONOMIC_BUYER_NOT_MET in people or PeopleAlert.NO_ECONOMIC_BUYER in people:
        ours.append(Action(t("act.intro_buyer", lang, main), us, call))
        theirs.append(Action(t("com.intro_buyer", lang), main, call))
    for check in alerts.plan:
        if check.issue is PlanIssue.LEAD_TIME and check.step and check.step.side == "theirs":
            name = step_name(check.step, templates, lang)
            who = check.step.person or main
            ours.append(Action(t("act.unblock_step", lang, who, name), us, before))
    if _demo_next(report):
        ours.append(Action(t("act.demo_prep", lang), us, before))
    for step in open_steps:
        due = t("prep.by", lang, step.target.isoformat()) if step.target else call
        side = ours if step.side == "ours" else theirs
        owner = step.person or (us if step.side == "ours" else t("prep.unnamed", lang))
        side.append(Action(step_name(step, templates, lang), owner, due))
    upcoming = deal.next_step.date if deal.next_step else None
    same_day = upcoming.isoformat() if upcoming and upcoming >= today else t("prep.same_day", lang)
    ours.append(Action(t("act.send_recap", lang), us, same_day))
    if not (deal.next_step and deal.next_step.agreed and _ahead(deal.next_step.date, today)):
        theirs.insert(0, Action(t("com.next_meeting", lang), main, call))
    return ours[:MAX_ACTIONS], theirs[:MAX_ACTIONS]


def _step_back_actions(
    report: DealReport, us: str, main: str, today: dt.date, lang: str
) -> tuple[list[Action], list[Action]]:
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    ours = [Action(t("act.step_back_note", lang), us, t("prep.by", lang, tomorrow))]
    if report.assessment.recommendation.value == "not-now":
        later = (today + dt.timedelta(days=90)).isoformat()
        ours.append(Action(t("act.check_in", lang), us, later))
    return ours, [Action(t("com.tell_us", lang), main, t("prep.when_changed", lang))]


def _warnings(report: DealReport, summary: Recap, today: dt.date, lang: str) -> list[str]:
    deal = report.deal
    warnings = []
    if not (deal.next_step and deal.next_step.agreed and _ahead(deal.next_step.date, today)):
        warnings.append(t("warn.no_conclusion", lang))
    if deal.next_step and deal.next_step.side == "ours":
        warnings.append(t("warn.homework", lang))
    if believed_outcome(report):
        warnings.append(t("warn.only_believer", lang))
    return warnings


def _demo_next(report: DealReport) -> bool:
    step = report.deal.next_step
    return step is not None and step.kind == "demo"


def _demo(report: DealReport, lang: str) -> list[str]:
    deal = report.deal
    story = deal.story
    todo = t("demo.todo", lang)
    challenges = []
    if story and story.before:
        challenges.append(story.before.text)
    for card in report.assessment.scorecards:
        for scored in card.criteria:
            if (
                scored.criterion.id in ("identified-pain", "pain", "need")
                and scored.answer.evidence
            ):
                challenges.append(scored.answer.evidence)
    solution = [s.text for s in story.capabilities] if story else []
    why_us = [s.text for s in story.differentiators] if story else []
    return [
        t("demo.basics", lang, deal.company or todo),
        t("demo.challenges", lang, "; ".join(list(dict.fromkeys(challenges))[:3]) or todo),
        t("demo.solution", lang, "; ".join(solution[:3]) or todo),
        t("demo.why_us", lang, "; ".join(why_us[:3]) or todo),
    ]


def _ahead(day: dt.date | None, today: dt.date) -> bool:
    return day is None or day >= today


def _date(day: dt.date | None, lang: str) -> str:
    return day.isoformat() if day else t("prep.this_call", lang)
