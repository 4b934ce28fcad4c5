"""The row loop: every record of one input read, scored, checked, counted and written.

Every row ends up counted once, as scored or as rejected (with its line and reason).
A record read on the fast path (an unquoted line, see `records`) carries its text,
and a plain CSV output copies that text instead of quoting every cell again.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Sequence
from typing import ParamSpec

from dealcheck.batch.read.opened import Opened
from dealcheck.batch.read.records import Record
from dealcheck.batch.score.hygiene import HygieneRules
from dealcheck.batch.score.row_plan import DealBasics, RowPlan, RowRejected
from dealcheck.batch.summarise.builder import ScoredRow, SummaryBuilder
from dealcheck.batch.write.formulas import risky_start, risky_text, scan
from dealcheck.batch.write.outputs import CsvWriter, RejectsWriter, ScoredWriter
from dealcheck.errors import Message

Progress = Callable[[int, int | None], None]
NUL_BYTES = "contains NUL bytes (\\0); the file may be binary or damaged"
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
def score_rows(
    opened: Opened,
    plan: RowPlan,
    hygiene: HygieneRules,
    summary: SummaryBuilder,
    writer: ScoredWriter | None,
    rejects: RejectsWriter | None,
    progress: Progress | None,
) -> None:
    """Score every record of `opened` into `writer`, `rejects` and `summary`."""
    name, header = opened.name, opened.header
    write = writer.row if writer is not None else None
    # Plain CSV output gets each row's dealcheck_ cells for a chunk at once, and the
    # rows read on the fast path are copied as text.
    csv_out = writer if type(writer) is CsvWriter else None
    delimiter = opened.delimiter or ","
    comma = delimiter == ","
    risky = risky_start(delimiter)
    verdicts_of, basics_of, check, add = plan.verdicts, plan.basics, hygiene.check, summary.add_many
    crm_of = plan.crm_category if plan.binding.roles["forecast_category"] >= 0 else None

    def reject(
        line: int, reason: str, cells: list[str] | None, message: Message | None = None
    ) -> None:
        summary.reject(name, line, reason, reject_code(reason), message)
        if rejects is not None:
            rejects.reject(name, line, reason, cells, header)

    for chunk in _chunks(opened):
        # The rows of a chunk are read first, then scored together (column by column),
        # then counted and written in order.
        kept: list[tuple[int, list[str], str | None, bool, DealBasics]] = []
        for line, cells, problem, text in chunk:
            suspicious = False
            if problem is not None or cells is None:
                reject(line, problem or "unreadable row", cells)
                continue
            if text is not None:
                # Fast-path text holds no quote, NUL or line break by construction.
                if risky_text(text, risky):
                    suspicious, text = True, None
            else:
                has_nul, suspicious = scan(cells)
                if has_nul:
                    reject(line, NUL_BYTES, cells)
                    continue
            try:
                kept.append((line, cells, text, suspicious, basics_of(cells)))
            except RowRejected as rejected:
                reject(line, str(rejected), cells, rejected.message)
        rows = verdicts_of([cells for _, cells, _, _, _ in kept])
        scored: list[ScoredRow] = [
            (line, row, deal, check(deal, row.stage, row.closed), crm_of(cells) if crm_of else "")
            for (line, cells, _, _, deal), row in zip(kept, rows, strict=True)
        ]
        if csv_out is not None:
            suffixes = csv_out.suffixes(rows, [fired for _, _, _, fired, _ in scored])
            for (_, cells, text, suspicious, _), suffix in zip(kept, suffixes, strict=True):
                if text is not None and (comma or "," not in text):
                    csv_out.copy_row(text if comma else text.replace(delimiter, ","), suffix)
                else:
                    csv_out.write(cells, suffix, suspicious)
        elif write is not None:
            for (line, cells, _, suspicious, deal), (_, row, _, fired, _) in zip(
                kept, scored, strict=True
            ):
                write(cells, row, deal, fired, (name, line), suspicious)
        add(name, scored)
        if progress is not None:
            progress(opened.position(), opened.size)
    if csv_out is not None:
        csv_out.flush()


def _chunks(opened: Opened) -> Iterable[Sequence[Record]]:
    """The input's records, a few hundred at a time where the reader gives them so.

    Other readers are taken one record at a time: a wrapping reader (the close plan
    columns) may read each record just as it is handed over.
    """
    if opened.record_chunks is not None:
        return opened.record_chunks
    if opened.records is not None:
        return ((record,) for record in opened.records)
    return (((line, cells, problem, None),) for line, cells, problem in opened.rows)


def reject_code(reason: str) -> str:
    """A short, countable category for a reject reason."""
    for needle, code in (
        ("fields, the header has", "wrong number of fields"),
        ("unclosed quote", "unclosed quote"),
        ("bad CSV quoting", "bad quoting"),
        ("larger than the CSV limit", "field too large"),
        ("NUL", "NUL bytes"),
        ("amount", "bad amount"),
        ("date", "bad date"),
        ("JSON", "bad JSON"),
    ):
        if needle in reason:
            return code
    return "unreadable"
