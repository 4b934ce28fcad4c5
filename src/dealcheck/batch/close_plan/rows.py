"""Close plan codes on export rows, for inputs whose mapping has plan columns.

The codes are worked out as a row is read (so an unreadable plan date rejects it like
any bad date), tallied and written when the row is scored, into `dealcheck_close_plan`
after the input's columns. The row loop sees only a reader of rows and a writer of
scored rows; `columns` (and the deal plan checks it runs) are imported only for an
input with plan columns.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dealcheck.batch.read.opened import Opened
from dealcheck.batch.read.records import Record
from dealcheck.batch.score.row_plan import DealBasics, RowRejected, RowVerdict
from dealcheck.batch.summarise.model import ClosePlanSummary, PipelineSummary, Tally
from dealcheck.batch.write.outputs import JsonLinesWriter, ScoredWriter
from dealcheck.i18n import t
from dealcheck.language.framework import StepTemplate
from dealcheck.language.yamlfile import YamlMapping
from dealcheck.mapping.binding import Binding
from dealcheck.mapping.model import Mapping

if TYPE_CHECKING:
    from dealcheck.batch.close_plan.columns import PlanColumns
    from dealcheck.batch.pipeline import ScoreJob

COLUMN = "dealcheck_close_plan"
#: The order issues are listed in: what breaks the close date first.
ISSUES = ("close-before-plan", "lead-time", "slipped", "no-plan", "not-agreed")


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
        tally = self.tally
        if tally is None:
            return None
        from dealcheck.batch.close_plan.columns import NEXT_STEP

        issues = {
            issue: Tally(tally.deals[issue], dict(tally.amounts.get(issue, {})))
            for issue in ISSUES
            if issue in tally.deals
        }
        slipped = sorted(tally.slipped.items(), key=lambda item: (-item[1], item[0]))
        names = {s.id: s.name.get(self.job.lang) for s in self.templates}
        names[NEXT_STEP] = t("plan.next_step_name", self.job.lang)
        return ClosePlanSummary(tally.checked, issues, slipped, names)


@dataclass
class PlanTally:
    """Open deals checked, and per issue the deals (and amounts) that have it."""

    checked: int = 0
    deals: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, dict[str, float]] = field(default_factory=dict)
    slipped: dict[str, int] = field(default_factory=dict)

    def add(self, codes: Sequence[str], deal: DealBasics) -> None:
        """Count one open deal's plan codes (`issue` or `issue:step`)."""
        self.checked += 1
        for issue in {code.split(":", 1)[0] for code in codes}:
            self.deals[issue] = self.deals.get(issue, 0) + 1
            if deal.amount is not None:
                money = self.amounts.setdefault(issue, {})
                money[deal.currency] = money.get(deal.currency, 0.0) + deal.amount
        for code in codes:
            issue, _, step = code.partition(":")
            if issue == "slipped":
                self.slipped[step] = self.slipped.get(step, 0) + 1


@dataclass(slots=True)
class PlanCodes:
    """The plan codes of the row being scored, from the reader to the writer.

    Rows are read, scored and written one at a time, so one slot is enough; the line
    number makes sure a code never lands on another row.
    """

    line: int = -1
    codes: tuple[str, ...] | None = None


def read_plan_codes(
    opened: Opened, columns: PlanColumns, basics: Callable[[list[str]], DealBasics]
) -> tuple[Opened, PlanCodes]:
    """`opened` whose rows get their plan codes as they are read.

    A plan date the mapping cannot read rejects the row (as a bad close date does).
    The fast paths (the plain-row loop, the two-process split) read the file's own
    text and would skip the codes: these rows take the general path.
    """
    slot = PlanCodes()
    source = opened.records
    if source is None:
        source = ((line, cells, problem, None) for line, cells, problem in opened.rows)

    def records() -> Iterator[Record]:
        for line, cells, problem, _ in source:
            slot.line, slot.codes = line, None
            deal = None
            if problem is None and cells is not None:
                with contextlib.suppress(RowRejected):  # rejected on its basics just after
                    deal = basics(cells)
            if deal is not None and cells is not None:
                try:
                    slot.codes = columns.codes(cells, deal)
                except RowRejected as bad:
                    problem = str(bad)
            yield line, cells, problem, None

    return dataclasses.replace(opened, records=records(), record_chunks=None, size=None), slot


class PlanColumnWriter:
    """Scored rows with the `dealcheck_close_plan` column after the input's columns.

    Wraps the job's writer (or none: the tally still runs) for inputs with plan columns.
    """

    def __init__(self, inner: ScoredWriter | None, slot: PlanCodes, tally: PlanTally) -> None:
        self.inner, self.slot, self.tally = inner, slot, tally

    def header(self, columns: list[str]) -> None:
        """Start an input: its columns, then the plan column."""
        if self.inner is not None:
            self.inner.header([*columns, COLUMN])

    def row(
        self,
        cells: list[str],
        row: RowVerdict,
        deal: DealBasics,
        hygiene: tuple[str, ...],
        where: tuple[str, int],
        suspicious: bool,
    ) -> None:
        """Count the row's plan codes and write it with them."""
        codes = self.slot.codes if self.slot.line == where[1] else None
        if codes is not None:
            self.tally.add(codes, deal)
        if isinstance(self.inner, JsonLinesWriter):
            self.inner.extras = {"close_plan": list(codes) if codes is not None else None}
        if self.inner is not None:
            cell = "; ".join(codes or ())
            self.inner.row([*cells, cell], row, deal, hygiene, where, suspicious)

    def finish(self, summary: PipelineSummary) -> None:
        """The job's writer finishes the output."""
