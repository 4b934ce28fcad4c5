"""The pipeline summary's close plan section: what the export's plan dates say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dealcheck.batch.summarise.model import PipelineSummary
from dealcheck.i18n import t

if TYPE_CHECKING:
    from dealcheck.render.pipeline_format import Section, Words

SLIPPED_SHOWN = 3


def close_plan_section(summary: PipelineSummary, words: Words) -> Section | None:
    """Deals per close plan problem, with how many were checked; None without plan columns."""
    from dealcheck.render.pipeline_format import Section

    plan = summary.close_plan
    if plan is None:
        return None
    lang = words.lang
    rows = [
        [t(f"pipeline.plan.{issue}", lang), f"{tally.deals:,}", words.money(tally.amounts)]
        for issue, tally in plan.issues.items()
    ]
    notes = [t("pipeline.plan_checked", lang, checked=f"{plan.checked:,}")]
    if plan.slipped_steps:
        steps = ", ".join(
            f"{plan.step_names.get(step, step)} ({count:,})"
            for step, count in plan.slipped_steps[:SLIPPED_SHOWN]
        )
        notes.append(t("pipeline.plan_slipped", lang, steps=steps))
    return Section(
        "close-plan",
        t("pipeline.close_plan", lang),
        [t("pipeline.col.check", lang), t("pipeline.deals", lang), words.money_heading()],
        [False, True, True],
        rows,
        notes,
    )
