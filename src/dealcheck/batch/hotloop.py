"""The row loop for the common case: plain CSV lines in, CSV out, no rejects file.

It does what `RowPlan.basics`, `HygieneRules.check` and `CsvWriter.copy_row` do for
one row, inlined with every lookup bound to a local: at a million rows, each
attribute lookup and call per row is a visible share of the run. The summary gets
the row's values through `SummaryBuilder.count`, the one counting path (the general
loop reaches it through `add`); no `DealBasics` is built unless a deal makes a list.

Rows read by `csv.reader` or holding a possible formula are written cell by cell.
Any other row off the common path (a date not seen before, an amount `float`
cannot read, a reject) goes to the general per-row function instead, so every row
comes out exactly as the general loop makes it.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from datetime import date
from typing import ParamSpec

from dealcheck.batch.hygiene import HygieneRules
from dealcheck.batch.outputs import CsvWriter
from dealcheck.batch.plan import RowPlan
from dealcheck.batch.records import Record
from dealcheck.batch.summary import SummaryBuilder
from dealcheck.batch.write.formulas import RISKY_FIRST, risky_start, scan
from dealcheck.mapping.amounts import MAX_AMOUNT
from dealcheck.visible import has_hidden

HYGIENE_CACHE_LIMIT = 4096
PlainFields = tuple[Callable[[list[str]], tuple[str, ...]], dict[str, date | None], str]
OneRow = Callable[[int, list[str] | None, str | None, str | None], None]
_risky_after_comma = risky_start(",")
_UNSEEN = object()
P = ParamSpec("P")


def _without_cyclic_gc(function: Callable[P, None]) -> Callable[P, None]:
    # Rows make many short-lived tuples and lists but no reference cycles: the cyclic
    # collector would only walk the caches over and over.
    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        collecting = gc.isenabled()
        gc.disable()
        try:
            function(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()

    return run


@_without_cyclic_gc
def score_plain_rows(
    chunks: Iterator[list[Record]],
    source: str,
    plan: RowPlan,
    fields: PlainFields,
    hygiene: HygieneRules,
    summary: SummaryBuilder,
    writer: CsvWriter,
    one_row: OneRow,
    report: Callable[[], None],
) -> None:
    """Score comma-separated records into a CSV writer; `one_row` takes the others.

    `report` is called after every chunk of records.
    """
    get_fields, dates, default_currency = fields
    pick, join, recent = plan.known()
    verdict_of = plan.verdict
    fired = hygiene.fired
    hygiene_seen: dict[tuple[object, ...], tuple[str, ...]] = {}
    count = summary.count
    owner_of = plan.owner_of()
    crm_of = plan.crm_category if plan.binding.roles["forecast_category"] >= 0 else None
    append, verdict_cells_of, hygiene_cells_of = writer.copier()
    make_verdict_cells, make_hygiene_cells = writer.verdict_cells, writer.hygiene_cells
    write_cells = writer.write_cells
    risky_first, risky_after_comma, unseen = RISKY_FIRST, _risky_after_comma, _UNSEEN
    most = MAX_AMOUNT
    for chunk in chunks:
        general = 0
        for line, cells, problem, text in chunk:
            copied, suspicious = text, False
            if text is None:
                if problem is not None or cells is None:
                    general += 1
                    one_row(line, cells, problem, text)
                    continue
                has_nul, suspicious = scan(cells)
                if has_nul:
                    general += 1
                    one_row(line, cells, problem, text)
                    continue
            elif (
                text[0] in risky_first
                or risky_after_comma(text) is not None
                or (not text.isprintable() and has_hidden(text))
            ):  # `formulas.risky_text`, inlined
                copied, suspicious = None, True
            currency, amount_text, close_text, created_text, since_text, next_step = get_fields(
                cells  # type: ignore[arg-type]  # a fast-path record always has cells
            )
            close = dates.get(close_text, unseen)
            created = dates.get(created_text, unseen)
            since = dates.get(since_text, unseen)
            if close is unseen or created is unseen or since is unseen:
                general += 1
                one_row(line, cells, problem, text)
                continue
            amount: float | None = None
            if amount_text:
                try:
                    amount = float(amount_text)
                except ValueError:
                    amount = None
                # `values.plain_amount`, inlined: nan, inf, 1e400 and 1_000 take the
                # general path, which rejects them with the grammar's reason.
                if amount is None or not -most <= amount <= most or "_" in amount_text:
                    general += 1
                    one_row(line, cells, problem, text)
                    continue
            row = recent(join(pick(cells))) or verdict_of(cells)  # type: ignore[arg-type]
            closed = row.closed
            # Keyed on what the checks read: few distinct dates, stages and blanks.
            checked = (row.stage, closed, close, created, since, not amount, not next_step.strip())
            flags = hygiene_seen.get(checked)
            if flags is None:
                flags = fired(close, created, since, amount, next_step, row.stage, closed)  # type: ignore[arg-type]
                if len(hygiene_seen) >= HYGIENE_CACHE_LIMIT:
                    hygiene_seen.clear()
                hygiene_seen[checked] = flags
            count(
                source,
                line,
                row,
                flags,
                currency or default_currency,
                amount,
                close,  # type: ignore[arg-type]
                created,  # type: ignore[arg-type]
                since,  # type: ignore[arg-type]
                owner_of(cells),  # type: ignore[arg-type]
                crm_of(cells) if crm_of is not None else "",  # type: ignore[arg-type]
                cells,
            )
            if copied is None:
                write_cells(cells, row, flags, suspicious)  # type: ignore[arg-type]
                continue
            append(copied)
            append(verdict_cells_of(row) or make_verdict_cells(row))
            append(hygiene_cells_of(flags) or make_hygiene_cells(flags))
        writer.flush_if_full()
        report()
    writer.flush()
