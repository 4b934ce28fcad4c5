"""What a coach flags about a deal beyond its scores: the close plan and the people.

Shared by `report`, `prep` and the HTML report, so all three say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dealcheck.deals.close_plan import (
    PlanCheck,
    PlanIssue,
    PlanStep,
    plan_checks,
    step_templates,
)
from dealcheck.deals.history import DealReport
from dealcheck.deals.people import Alert, MeetNext, PeopleAlert, meet_next, people_alerts
from dealcheck.i18n import t
from dealcheck.language.framework import StepTemplate

DECISION_PROCESS = "decision-process"


@dataclass(frozen=True)
class DealAlerts:
    """The close plan and people checks of one deal, as lines for the rep."""

    plan: list[PlanCheck]
    plan_lines: list[str]
    people: list[Alert]
    people_lines: list[str]
    meet_next: list[str]

    @property
    def report_people_lines(self) -> list[str]:
        """People alerts for a report: a deal file without contacts is not flagged there."""
        return [
            line
            for alert, line in zip(self.people, self.people_lines, strict=True)
            if alert.kind is not PeopleAlert.NO_CONTACTS
        ]

    @property
    def lines(self) -> list[str]:
        """Every alert line, close plan first."""
        return self.plan_lines + self.people_lines


def templates_of(report: DealReport) -> list[StepTemplate]:
    """Close plan step templates of the deal's frameworks and the team's config."""
    frameworks = (card.framework for card in report.assessment.scorecards)
    return step_templates(frameworks, report.team_steps)


def requirements_of(report: DealReport) -> set[str]:
    """What the deal's stage requires (close plan, economic buyer met), over frameworks."""
    found: set[str] = set()
    for card in report.assessment.scorecards:
        found |= card.framework.requirements(card.stage)
    return found


def step_name(step: PlanStep, templates: list[StepTemplate], lang: str) -> str:
    """A step's name: its own, or its template's in `lang`, or its id."""
    if step.name:
        return step.name
    template = next((t for t in templates if t.id == step.id), None)
    return template.name.get(lang) if template else step.id


def deal_alerts(report: DealReport, lang: str, today: dt.date) -> DealAlerts:
    """Close plan and people checks for a deal, worded in `lang`."""
    deal = report.deal
    templates = templates_of(report)
    needs = requirements_of(report)
    checks = plan_checks(
        deal.close_plan,
        close_date=deal.close_date,
        templates=templates,
        expected="close-plan" in needs,
        today=today,
    )
    plan_lines = [plan_line(c, templates, lang) for c in checks]
    if _process_confirmed(report) and not (deal.close_plan and deal.close_plan.agreed):
        plan_lines.append(t("plan.process_unbacked", lang))
    alerts = people_alerts(deal.contacts, needs_economic_buyer="economic-buyer-met" in needs)
    people_lines = [_people_line(a, lang) for a in alerts]
    meet = [_meet_line(pick, lang) for pick in meet_next(deal.contacts)]
    return DealAlerts(checks, plan_lines, alerts, people_lines, meet)


def _process_confirmed(report: DealReport) -> bool:
    for card in report.assessment.scorecards:
        for scored in card.criteria:
            if scored.criterion.id == DECISION_PROCESS and scored.level is not None:
                return scored.level.id == card.framework.scale_of(scored.criterion).top.id
    return False


def plan_line(check: PlanCheck, templates: list[StepTemplate], lang: str) -> str:
    """One close plan problem, worded in `lang`."""
    step = step_name(check.step, templates, lang) if check.step else ""
    dates = [d.isoformat() for d in check.dates]
    if check.issue in (PlanIssue.NO_PLAN, PlanIssue.NOT_AGREED):
        return t(f"plan.{check.issue.value}", lang)
    return t(f"plan.{check.issue.value}", lang, *dates, step=step, days=check.days)


def _people_line(alert: Alert, lang: str) -> str:
    if alert.kind is PeopleAlert.SINGLE_THREADED and not alert.about:
        return t("people.single-threaded-none", lang)
    if alert.kind is PeopleAlert.CHAMPION_FAILS:
        name, *failed = alert.about
        return t(
            "people.champion-fails", lang, name, ", ".join(t(f"test.{f}", lang) for f in failed)
        )
    return t(f"people.{alert.kind.value}", lang, ", ".join(alert.about))


def _meet_line(pick: MeetNext, lang: str) -> str:
    if pick.reason == "meet.test_champion":
        detail = ", ".join(t(f"test.{part}", lang) for part in pick.about)
    elif pick.reason == "meet.second_thread":
        detail = t(f"role.{pick.about[0]}", lang)
    else:
        detail = (pick.about[0] if pick.about else "") or t("people.your_contact", lang)
    return t(pick.reason, lang, detail, person=pick.person)
