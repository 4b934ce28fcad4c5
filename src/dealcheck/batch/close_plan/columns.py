"""Close plan checks on CRM rows, where the export has the plan's dates.

Only when the mapping says where the dates are (`close_plan:`): each row's steps become
a `ClosePlan` and the same pure checks as `report` and `prep` run on it
(`deals.close_plan.plan_checks`). Their codes go into the `dealcheck_close_plan`
column, added after the input's columns, and are tallied for the pipeline summary.
Exports without plan columns never reach this module: their rows keep the fast paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dealcheck.batch.score.row_plan import DealBasics, RowRejected
from dealcheck.deals.close_plan import ClosePlan, PlanIssue, PlanStep, StepStatus, plan_checks
from dealcheck.errors import Problem, ValidationFailed
from dealcheck.language.framework import Framework, StepTemplate
from dealcheck.language.yamlfile import YamlMapping
from dealcheck.mapping.binding import CLOSED_STATUSES, Binding, located_problem
from dealcheck.mapping.column_names import normalise_header
from dealcheck.mapping.model import ClosePlanColumns, Mapping
from dealcheck.mapping.values import NO, YES, DateReader, normalise_value

NEXT_STEP = "next-step"
_YES = {normalise_value(w) for w in ("yes", "y", "true", "1", "x", "✓", "예", "네", "o", "done")}
_NO = {normalise_value(w) for w in ("no", "n", "false", "0", "아니요", "아니오", "")}


@dataclass(frozen=True, slots=True)
class _StepColumns:
    template: StepTemplate
    target: int
    done: int
    started: int


class PlanColumns:
    """The close plan columns of one input, bound to its header."""

    def __init__(
        self,
        columns: ClosePlanColumns,
        mapping: Mapping,
        tree: YamlMapping | None,
        header: list[str],
        binding: Binding,
        frameworks: list[Framework],
        templates: list[StepTemplate],
        today: date,
        source: str,
    ) -> None:
        index = {normalise_header(name): n for n, name in enumerate(header)}
        problems: list[Problem] = []

        def column(name: str | None, path: tuple[str | int, ...]) -> int:
            if name is None:
                return -1
            found = index.get(normalise_header(name))
            if found is None:
                problems.append(located_problem(tree, path, f"column {name!r} is not in {source}"))
                return -1
            return found

        by_id = {t.id: t for t in templates}
        self.steps: list[_StepColumns] = []
        for step_id, feed in columns.steps.items():
            path: tuple[str | int, ...] = ("close_plan", "steps", step_id)
            template = by_id.get(step_id)
            if template is None:
                known = ", ".join(by_id) or "none"
                fix = "add it to close_plan in .dealcheck.yaml"
                message = f"{step_id!r} is not a close plan step template ({known}); {fix}"
                problems.append(located_problem(tree, path, message, key=True))
                continue
            self.steps.append(
                _StepColumns(
                    template,
                    column(feed.target, (*path, "target")),
                    column(feed.done, (*path, "done")),
                    column(feed.started, (*path, "started")),
                )
            )
        self.next_step_date = column(columns.next_step_date, ("close_plan", "next_step_date"))
        self.headers = {n: name for n, name in enumerate(header)}
        self.agreed = column(columns.agreed, ("close_plan", "agreed"))
        if problems:
            raise ValidationFailed(problems)
        self.templates = templates
        self.stage_cell = binding.roles["stage"]
        self.status_cell = binding.roles["status"]
        self.stages = binding.stages
        self.expects = _stages_expecting_a_plan(frameworks)
        self.today = today
        self.read_date = DateReader(list(mapping.date_formats))

    def codes(self, cells: list[str], deal: DealBasics) -> tuple[str, ...] | None:
        """The plan codes of one row (`issue` or `issue:step`); None for a closed deal.

        Raises:
            RowRejected: A plan date or yes/no the mapping cannot read.
        """
        stage_id, outcome = self._stage(cells)
        if outcome:
            return None
        steps = [s for s in (self._step(cells, c) for c in self.steps) if s is not None]
        agreed = self._flag_or_date(cells, self.agreed)[0] if self.agreed >= 0 else True
        plan = ClosePlan.model_construct(
            agreed_by="", agreed_on=self.today if agreed else None, steps=steps
        )
        checks = plan_checks(
            plan,
            close_date=deal.close_date,
            templates=self.templates,
            expected=stage_id in self.expects,
            today=self.today,
        )
        codes = [
            f"{c.issue.value}:{c.step.id}" if c.step is not None else c.issue.value
            for c in checks
            if c.issue is not PlanIssue.MOVED
        ]
        # The agreed next step is checked for slipping, but is no close plan by itself.
        when = self._date(cells, self.next_step_date)
        if when is not None and when < self.today:
            codes.append(f"{PlanIssue.SLIPPED.value}:{NEXT_STEP}")
        return tuple(codes)

    def _stage(self, cells: list[str]) -> tuple[str | None, str]:
        if self.status_cell >= 0:
            status = CLOSED_STATUSES.get(normalise_value(cells[self.status_cell]))
            if status:
                return None, status
        if self.stage_cell < 0:
            return None, ""
        return self.stages.get(normalise_value(cells[self.stage_cell]), (None, ""))

    def _step(self, cells: list[str], step: _StepColumns) -> PlanStep | None:
        target = self._date(cells, step.target)
        done, done_on = self._flag_or_date(cells, step.done)
        status: StepStatus = "done" if done else "in-progress"  # unknown: no lead-time claim
        if step.started >= 0 and not done:
            started, _ = self._flag_or_date(cells, step.started)
            status = "in-progress" if started else "not-started"
        if target is None and not done and not (step.started >= 0 and status != "not-started"):
            return None
        return PlanStep.model_construct(
            id=step.template.id,
            side=step.template.side,
            target=target,
            status=status,
            done_on=done_on,
            history=[],
        )

    def _date(self, cells: list[str], position: int) -> date | None:
        if position < 0:
            return None
        text = cells[position]
        try:
            return self.read_date(text)
        except ValueError:
            raise RowRejected(
                f"date {text.strip()!r} in close plan column {self.headers[position]!r} "
                "is not a date this mapping reads"
            ) from None

    def _flag_or_date(self, cells: list[str], position: int) -> tuple[bool, date | None]:
        if position < 0:
            return False, None
        value = normalise_value(cells[position])
        if value in _YES or value == YES:
            return True, None
        if value in _NO or value == NO:
            return False, None
        when = self._date(cells, position)
        return when is not None, when


def _stages_expecting_a_plan(frameworks: list[Framework]) -> frozenset[str]:
    staged = next((fw for fw in frameworks if fw.stages), None)
    if staged is None:
        return frozenset()
    return frozenset(
        s.id
        for s in staged.stages
        if any("close-plan" in fw.requirements(fw.stage(s.id)) for fw in frameworks if fw.stages)
    )


def bind_plan_columns(
    mapping: Mapping,
    tree: YamlMapping | None,
    header: list[str],
    binding: Binding,
    frameworks: list[Framework],
    templates: list[StepTemplate],
    today: date,
    source: str,
) -> PlanColumns | None:
    """The plan columns of `mapping` bound to `header`; None when it maps none.

    Raises:
        ValidationFailed: A column not in the header, or a step that is no template.
    """
    columns = mapping.close_plan
    if columns is None or not (columns.steps or columns.next_step_date):
        return None
    return PlanColumns(
        columns, mapping, tree, header, binding, frameworks, templates, today, source
    )
