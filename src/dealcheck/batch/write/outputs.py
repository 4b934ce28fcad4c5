"""Scored output files: CSV (original columns + `dealcheck_` columns), JSON Lines, JSON.

CSV cells are neutralised for spreadsheets (see `formulas`). CSV is written as UTF-8
with a BOM by default so Excel opens Hangul correctly.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import IO, Any, Protocol

from dealcheck.batch.score.row_plan import DealBasics, RowVerdict
from dealcheck.batch.summarise.builder import PipelineSummary
from dealcheck.batch.write.formulas import neutralise, neutralised
from dealcheck.bounded import Filled

EXTRA_COLUMNS = (
    "dealcheck_score",
    "dealcheck_grade",
    "dealcheck_recommendation",
    "dealcheck_stage",
    "dealcheck_gaps",
    "dealcheck_red_flags",
    "dealcheck_hygiene",
)
SUFFIX_CACHE_LIMIT = 4096
#: What makes csv.writer quote a cell (the default dialect, QUOTE_MINIMAL).
_QUOTED = re.compile(r'[,"\r\n]')
FLUSH_EVERY = 1024
FORMATS = ("csv", "jsonl", "json", "md", "html")
_verdict, _stage, _label = attrgetter("verdict"), attrgetter("stage"), attrgetter("stage_label")
_score, _grade = attrgetter("score"), attrgetter("grade")
_recommendation = attrgetter("recommendation")
_gaps, _red_flags = attrgetter("gaps"), attrgetter("red_flags")


class ScoredWriter(Protocol):
    """Where scored rows go."""

    def header(self, columns: list[str]) -> None:
        """Start a new input with these columns."""

    def row(
        self,
        cells: list[str],
        row: RowVerdict,
        deal: DealBasics,
        hygiene: tuple[str, ...],
        where: tuple[str, int],
        suspicious: bool,
    ) -> None:
        """Write one scored row; `suspicious` rows may hold formulas."""

    def finish(self, summary: PipelineSummary) -> None:
        """Write what comes after the rows."""


class CsvWriter:
    """Original columns plus the `dealcheck_` columns, formula-safe."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        # Rows gather in a list and reach the stream a few hundred at a time: one
        # `write` (and one encode) per row costs more than the scoring itself.
        self._pending: list[str] = []
        self._append = self._pending.append
        self._writer = csv.writer(_Appender(self._append), lineterminator="\r\n")
        self._columns: list[str] | None = None
        # The `dealcheck_` cells, CSV-encoded, per part of a verdict (score; grade,
        # recommendation and stage; a list of gaps or flags) and per hygiene result:
        # their combinations are many (every row may be new), each part alone is few.
        self._scores: Filled[tuple[float, str], str] = Filled(_score_cells, SUFFIX_CACHE_LIMIT)
        self._middles: Filled[tuple[str, str, str | None, str], str] = Filled(
            _middle_cells, SUFFIX_CACHE_LIMIT
        )
        self._lists: Filled[tuple[str, ...], str] = Filled(_listed, SUFFIX_CACHE_LIMIT)
        self._hygiene: Filled[tuple[str, ...], str] = Filled(_hygiene_cells, SUFFIX_CACHE_LIMIT)

    def header(self, columns: list[str]) -> None:
        """Write the header once; later inputs must have the same columns."""
        if self._columns is None:
            self._columns = columns
            self._writer.writerow([neutralise(c) for c in columns] + list(EXTRA_COLUMNS))
            self.flush()
        elif columns != self._columns:
            from dealcheck.errors import UsageError, say

            raise UsageError(say("score.mixed_columns"))

    def row(
        self,
        cells: list[str],
        row: RowVerdict,
        deal: DealBasics,
        hygiene: tuple[str, ...],
        where: tuple[str, int],
        suspicious: bool,
    ) -> None:
        """Write one scored row."""
        self.write(cells, self.suffixes([row], [hygiene])[0], suspicious)

    def write(self, cells: list[str], suffix: str, suspicious: bool) -> None:
        """Write a row's cells, then its `suffix` (see `suffixes`)."""
        if suspicious:
            cells = neutralised(cells)
        if len(cells) < 2:
            # A lone empty cell is written `""` only when it is the whole row.
            self._append(_encoded(cells)[1:] + suffix)
        else:
            self._writer.writerow(cells)
            self._pending[-1] = self._pending[-1][:-2] + suffix  # the line break goes last
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()

    def copy_row(self, text: str, suffix: str) -> None:
        """Write one scored row from its input text, then its `suffix` (see `suffixes`).

        `text` is the row's comma-joined cells, none of which needs quoting or
        neutralising; the result is byte for byte what `write` would write.
        """
        self._append(text)
        self._append(suffix)
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Hand the rows gathered so far to the stream."""
        if self._pending:
            self.stream.write("".join(self._pending))
            self._pending.clear()

    def suffixes(self, rows: Sequence[RowVerdict], hygiene: Sequence[tuple[str, ...]]) -> list[str]:
        """Per row, what follows its cells: `,score,grade,…,hygiene` and the line break.

        CSV-encoded and neutralised, a part at a time for all rows (`map`, in C).
        """
        verdicts = list(map(_verdict, rows))
        grades = list(map(_grade, verdicts))
        middles = zip(
            grades,
            map(_recommendation, verdicts),
            map(_stage, rows),
            map(_label, rows),
            strict=True,
        )
        parts = zip(
            map(self._scores.__getitem__, zip(map(_score, verdicts), grades, strict=True)),
            map(self._middles.__getitem__, middles),
            map(self._lists.__getitem__, map(_gaps, verdicts)),
            map(self._lists.__getitem__, map(_red_flags, verdicts)),
            map(self._hygiene.__getitem__, hygiene),
            strict=True,
        )
        return list(map("".join, parts))

    def finish(self, summary: PipelineSummary) -> None:
        """Nothing follows the rows; write what is still gathered."""
        self.flush()


def _score_cells(key: tuple[float, str]) -> str:
    """The score cell of a (score, grade): blank when nothing was scored (no grade).

    Nothing scored: --basics-only, a stage set or red flags alone, where a 0 would read
    as a deal that scored nothing.
    """
    score, grade = key
    return _encoded([f"{score:g}" if grade else ""])


def _middle_cells(key: tuple[str, str, str | None, str]) -> str:
    """The grade, recommendation and stage cells (a stage label comes from the export)."""
    grade, recommendation, stage, label = key
    return _encoded([neutralise(text) for text in (grade, recommendation, stage or label)])


def _hygiene_cells(hygiene: tuple[str, ...]) -> str:
    """The hygiene cell and the line break."""
    return _encoded(["; ".join(hygiene)]) + "\r\n"


def _listed(ids: tuple[str, ...]) -> str:
    """A list of ids as one cell (`a; b`), encoded and neutralised."""
    text = "; ".join(ids)
    if neutralise(text) is text and not _QUOTED.search(text):
        return "," + text  # what csv.writer writes for it, without building a writer
    return _encoded([neutralise(text)])


def _encoded(cells: list[str]) -> str:
    """Cells as they follow other cells on a CSV line: each with its leading comma.

    Quoting is decided cell by cell, so pieces encoded apart join into the same line.
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(["", *cells])
    return buffer.getvalue()[: -len("\r\n")]


class _Appender:
    """A `csv.writer` target that appends each written line to a list."""

    __slots__ = ("write",)

    def __init__(self, append: Callable[[str], None]) -> None:
        self.write = append


class JsonLinesWriter:
    """One report per line, in the `dealcheck report --format json` schema."""

    def __init__(self, stream: IO[str], *, array: bool = False) -> None:
        self.stream = self._stream = stream
        self.array = self._array = array
        self._first = True
        #: Keys added to the next report, set by a wrapping writer (the close plan codes).
        self.extras: dict[str, Any] = {}
        if array:
            stream.write('{"deals": [\n')

    def header(self, columns: list[str]) -> None:
        """JSON needs no header."""

    def row(
        self,
        cells: list[str],
        row: RowVerdict,
        deal: DealBasics,
        hygiene: tuple[str, ...],
        where: tuple[str, int],
        suspicious: bool,
    ) -> None:
        """Write one deal's report."""
        report = dict(row.verdict.report or {})
        report["deal"] = deal.as_dict(row.stage or row.stage_label)
        report["hygiene"] = list(hygiene)
        report["source"] = {"file": where[0], "line": where[1]}
        if self.extras:
            report.update(self.extras)
        text = json.dumps(report, ensure_ascii=False, allow_nan=False)
        if self._array:
            text = ("  " if self._first else ",\n  ") + text
        else:
            text += "\n"
        self._first = False
        self._stream.write(text)

    def finish(self, summary: PipelineSummary) -> None:
        """Close the array and add the summary (JSON only)."""
        if self._array:
            self._stream.write('\n], "summary": ')
            self._stream.write(
                json.dumps(summary_to_dict(summary), ensure_ascii=False, allow_nan=False)
            )
            self._stream.write("}\n")


def summary_to_dict(summary: PipelineSummary) -> dict[str, Any]:
    """The summary as JSON-ready data, versioned (see batch/summarise/to_json.py)."""
    from dealcheck.batch.summarise.to_json import summary_to_json

    # Amounts are finite by the amount grammar; a NaN here would be a bug: refuse it.
    return json.loads(json.dumps(summary_to_json(summary), allow_nan=False))  # type: ignore[no-any-return]


class RejectsWriter:
    """Rejected rows: where, why, and the cells as read."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._started: list[str] | None = None

    def reject(
        self, source: str, line: int, reason: str, cells: list[str] | None, header: list[str]
    ) -> None:
        """Write one rejected row."""
        if self._started != header:
            self._started = header
            self._writer.writerow(
                ["dealcheck_source", "dealcheck_line", "dealcheck_reason"]
                + [neutralise(c) for c in header]
            )
        cells = [neutralise(c.replace("\x00", "")) for c in cells or []]
        self._writer.writerow([neutralise(source), line, neutralise(reason), *cells])
