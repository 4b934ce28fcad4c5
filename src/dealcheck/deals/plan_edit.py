"""Changes to a deal's mutual close plan: add, edit and tick steps, agree the plan.

Every change to a step's target date or status keeps what it was in the step's
history, so a slipped step stays visible after it is re-planned. `--answers` files
use the same changes: a step whose id exists is edited, a new id is added (template
steps take their name, side and lead time from the frameworks).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from dealcheck.deals.close_plan import ClosePlan, PlanStep, Side, StepChange, StepStatus
from dealcheck.errors import UsageError, say
from dealcheck.language.framework import ID_PATTERN, StepTemplate


class StepEdit(BaseModel):
    """A step to add or change; fields left out keep their value."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(
        pattern=ID_PATTERN, max_length=64, description="Step id: a template id or your own."
    )
    name: str | None = Field(
        default=None, description="What the task is (needed for your own steps)."
    )
    side: Side | None = Field(default=None, description="ours or theirs.")
    person: str | None = Field(default=None, description="The named person who does it.")
    target: dt.date | None = Field(default=None, description="Target date (YYYY-MM-DD).")
    status: StepStatus | None = Field(
        default=None, description="not-started, in-progress, done or blocked."
    )
    evidence: str | None = Field(default=None, description="What shows it is done or under way.")


class PlanAnswers(BaseModel):
    """A `dealcheck plan --answers` file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    agreed_by: str | None = Field(
        default=None, description="Who on the customer's side agreed the plan."
    )
    agreed_on: dt.date | None = Field(default=None, description="When they agreed it.")
    steps: list[StepEdit] = Field(
        default_factory=list, description="Steps to add or change, in order."
    )


def apply_edit(
    plan: ClosePlan, edit: StepEdit, templates: list[StepTemplate], today: dt.date
) -> str:
    """Add or change one step in place; return `added` or `changed` (or `same`).

    Raises:
        UsageError: A new step that is neither a template nor named, or has no side.
    """
    step = plan.step(edit.id)
    if step is None:
        template = next((t for t in templates if t.id == edit.id), None)
        side = edit.side or (template.side if template else None)
        if template is None and not edit.name:
            raise UsageError(say("plan.step_unnamed", step=edit.id))
        if side is None:
            raise UsageError(say("plan.step_side", step=edit.id))
        target = edit.target
        if target is None and template is not None:
            target = today + dt.timedelta(days=template.lead_days)
        plan.steps.append(
            PlanStep(
                id=edit.id,
                name=edit.name or None,
                side=side,
                person=edit.person or None,
                target=target,
                status=edit.status or "not-started",
                evidence=edit.evidence or None,
                done_on=today if edit.status == "done" else None,
            )
        )
        return "added"
    before = step.model_copy(deep=True)
    moved = edit.target is not None and edit.target != step.target
    turned = edit.status is not None and edit.status != step.status
    if moved or turned:
        step.history.append(StepChange(changed_on=today, target=step.target, status=step.status))
    for field in ("name", "side", "person", "target", "status", "evidence"):
        value = getattr(edit, field)
        if value is not None:
            setattr(step, field, value or None)  # an emptied text clears the field
    if turned and step.status == "done" and step.done_on is None:
        step.done_on = today
    return "same" if step == before else "changed"


def apply_answers(
    plan: ClosePlan | None, answers: PlanAnswers, templates: list[StepTemplate], today: dt.date
) -> tuple[ClosePlan, list[str]]:
    """Apply an answers file to a plan (a copy); return it and what changed, per step id."""
    result = plan.model_copy(deep=True) if plan else ClosePlan()
    changes = [f"{edit.id}: {apply_edit(result, edit, templates, today)}" for edit in answers.steps]
    if answers.agreed_by is not None or answers.agreed_on is not None:
        result.agreed_by = answers.agreed_by or result.agreed_by
        result.agreed_on = answers.agreed_on or result.agreed_on or today
        changes.append("agreed")
    return result, changes
