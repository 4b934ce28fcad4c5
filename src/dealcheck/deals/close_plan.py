"""The mutual close plan (seed 004).

Every task both sides must finish before signature
and go-live, in time order, with an owner, a person, a target date and a status.

The plan lives in the deal file. Changing a step's target or status keeps the old
values in the step's history, so a slipped step stays visible. The checks here are
pure: they take today's date as an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dealcheck.language.framework import ID_PATTERN, Framework, StepTemplate

StepStatus = Literal["not-started", "in-progress", "done", "blocked"]
Side = Literal["ours", "theirs"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StepChange(_Strict):
    """What a step was before a change: its target and status then."""

    changed_on: dt.date = Field(description="Day of the change (YYYY-MM-DD).")
    target: dt.date | None = Field(default=None, description="Target date before the change.")
    status: StepStatus = Field(description="Status before the change.")


class PlanStep(_Strict):
    """One task on the way to signature and go-live."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=64, description="Step id (a template id or your own)."
    )
    name: str | None = Field(
        default=None, description="What the task is; template steps may leave it out."
    )
    side: Side = Field(description="Who owns it: ours or theirs.")
    person: str | None = Field(default=None, description="The named person who does it.")
    target: dt.date | None = Field(default=None, description="Target date (YYYY-MM-DD).")
    status: StepStatus = Field(
        default="not-started", description="not-started, in-progress, done or blocked."
    )
    evidence: str | None = Field(default=None, description="What shows it is done or under way.")
    done_on: dt.date | None = Field(default=None, description="When it was done.")
    history: list[StepChange] = Field(
        default_factory=list, description="Earlier targets and statuses, oldest first."
    )

    def first_target(self) -> dt.date | None:
        """The target date first planned for this step."""
        earlier = [c.target for c in self.history if c.target]
        return earlier[0] if earlier else self.target


class ClosePlan(_Strict):
    """The plan both sides agreed to reach signature and go-live."""

    agreed_by: str = Field(default="", description="Who on the customer's side agreed the plan.")
    agreed_on: dt.date | None = Field(default=None, description="When the customer agreed it.")
    steps: list[PlanStep] = Field(default_factory=list, description="Steps, in time order.")

    @property
    def agreed(self) -> bool:
        """Whether the customer agreed the plan."""
        return self.agreed_on is not None

    def step(self, step_id: str) -> PlanStep | None:
        """The step with this id, if any."""
        return next((s for s in self.steps if s.id == step_id), None)


class PlanIssue(StrEnum):
    """A problem a coach sees in the close plan."""

    NO_PLAN = "no-plan"
    NOT_AGREED = "not-agreed"
    CLOSE_BEFORE_PLAN = "close-before-plan"
    LEAD_TIME = "lead-time"
    SLIPPED = "slipped"
    MOVED = "moved"


@dataclass(frozen=True)
class PlanCheck:
    """One plan problem: its kind, the step (if any), and the dates behind it."""

    issue: PlanIssue
    step: PlanStep | None = None
    dates: tuple[dt.date, ...] = ()
    days: int = 0


def step_templates(
    frameworks: Iterable[Framework], team: Sequence[StepTemplate] = ()
) -> list[StepTemplate]:
    """The step templates a deal's plan uses: the frameworks', then the team's own.

    The first framework to declare an id wins among frameworks; a team template (from
    `.dealcheck.yaml`) replaces the framework template with its id, in its place, and
    a new id is added at the end.
    """
    found: dict[str, StepTemplate] = {}
    for framework in frameworks:
        for template in framework.close_plan:
            found.setdefault(template.id, template)
    for template in team:
        found[template.id] = template
    return list(found.values())


def ordered(plan: ClosePlan) -> list[PlanStep]:
    """Steps by target date (undated last), as a timeline shows them."""
    return sorted(plan.steps, key=lambda s: (s.target is None, s.target or dt.date.max))


def plan_checks(
    plan: ClosePlan | None,
    *,
    close_date: dt.date | None,
    templates: list[StepTemplate],
    expected: bool,
    today: dt.date,
) -> list[PlanCheck]:
    """Every problem with the plan: missing where expected, late, slipped, not agreed.

    Args:
        plan: The deal's close plan, if any.
        close_date: The deal's expected close date.
        templates: Step templates with lead times (from the frameworks).
        expected: Whether the deal's stage expects a close plan.
        today: The reference date.
    """
    steps = plan.steps if plan else []
    if not steps:
        return [PlanCheck(PlanIssue.NO_PLAN)] if expected else []
    checks: list[PlanCheck] = []
    lead = {t.id: t.lead_days for t in templates}
    after_close = {t.id for t in templates if t.after_close}
    open_steps = [s for s in steps if s.status != "done"]
    if close_date is not None:
        before_close = [s for s in open_steps if s.id not in after_close]
        late = [s for s in before_close if s.target and s.target > close_date]
        for step in late:
            checks.append(PlanCheck(PlanIssue.CLOSE_BEFORE_PLAN, step, (step.target, close_date)))  # type: ignore[arg-type]
        for step in before_close:
            days = lead.get(step.id)
            if step in late or step.status != "not-started" or days is None:
                continue
            if close_date < today:  # already past: the slipped steps say it
                continue
            earliest = today + dt.timedelta(days=days)
            if earliest > close_date:
                checks.append(PlanCheck(PlanIssue.LEAD_TIME, step, (earliest, close_date), days))
    for step in open_steps:
        if step.target and step.target < today:
            checks.append(
                PlanCheck(PlanIssue.SLIPPED, step, (step.target,), (today - step.target).days)
            )
        elif (first := step.first_target()) and step.target and step.target > first:
            checks.append(PlanCheck(PlanIssue.MOVED, step, (first, step.target)))
    if expected and plan is not None and not plan.agreed:
        checks.append(PlanCheck(PlanIssue.NOT_AGREED))
    return checks
