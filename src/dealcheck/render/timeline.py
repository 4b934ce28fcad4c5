"""The close plan timeline as worded rows, for every renderer (no rich here)."""

from __future__ import annotations

from dealcheck.deals.close_plan import ClosePlan, ordered
from dealcheck.deals.coaching import step_name
from dealcheck.i18n import t
from dealcheck.language.framework import StepTemplate

COLUMNS = ("target", "step", "side", "person", "status", "evidence")


def timeline_rows(
    plan: ClosePlan | None, templates: list[StepTemplate], lang: str
) -> list[tuple[str, ...]]:
    """The plan's steps in date order, as worded cells."""
    if plan is None:
        return []
    return [
        (
            step.target.isoformat() if step.target else "—",
            step_name(step, templates, lang),
            t(f"side.{step.side}", lang),
            step.person or "",
            t(f"status.{step.status}", lang),
            step.evidence or "",
        )
        for step in ordered(plan)
    ]
