"""The close plan checks of a `score` job, for inputs whose mapping has plan columns.

The row loop sees them only as a reader of rows and a writer of scored rows
(`columns`, `rows`); an export without plan columns never imports those modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dealcheck.batch.read.opened import Opened
from dealcheck.batch.score.row_plan import DealBasics
from dealcheck.batch.summarise.model import ClosePlanSummary
from dealcheck.batch.write.outputs import ScoredWriter
from dealcheck.language.framework import StepTemplate
from dealcheck.language.yamlfile import YamlMapping
from dealcheck.mapping.binding import Binding
from dealcheck.mapping.model import Mapping

if TYPE_CHECKING:
    from dealcheck.batch.close_plan.rows import PlanTally
    from dealcheck.batch.pipeline import ScoreJob


class PlanDates:
    """The close plan checks of a job, for inputs whose mapping has plan columns."""

    def __init__(self, job: ScoreJob) -> None:
        self.job = job
        self.tally: PlanTally | None = None
        self.templates: list[StepTemplate] = []

    def add_column(
        self,
        opened: Opened,
        writer: ScoredWriter | None,
        binding: Binding,
        mapping: Mapping,
        tree: YamlMapping | None,
        basics: Callable[[list[str]], DealBasics],
    ) -> tuple[Opened, ScoredWriter | None]:
        """The input and writer, with the plan column when `mapping` has plan dates."""
        if mapping.close_plan is None:
            return opened, writer
        from dealcheck.batch.close_plan.columns import bind_plan_columns
        from dealcheck.batch.close_plan.rows import PlanColumnWriter, PlanTally, read_plan_codes
        from dealcheck.deals.close_plan import step_templates

        job = self.job
        self.templates = step_templates(job.frameworks, job.team_steps)
        columns = bind_plan_columns(
            mapping,
            tree,
            opened.header,
            binding,
            job.frameworks,
            self.templates,
            job.today,
            opened.name,
        )
        if columns is None:
            return opened, writer
        self.tally = self.tally or PlanTally()
        opened, slot = read_plan_codes(opened, columns, basics)
        return opened, PlanColumnWriter(writer, slot, self.tally)

    def summary(self) -> ClosePlanSummary | None:
        """The summary's close plan section; None when no input had plan columns."""
        if self.tally is None:
            return None
        from dealcheck.batch.close_plan.rows import plan_summary

        return plan_summary(self.tally, self.templates, self.job.lang)
