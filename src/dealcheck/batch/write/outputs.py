"""Scored output files: CSV (original columns + `dealcheck_` columns), JSON Lines, JSON.

CSV cells are neutralised for spreadsheets (see `formulas`). CSV is written as UTF-8
with a BOM by default so Excel opens Hangul correctly.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import IO, Any, Protocol

from dealcheck.batch.score.row_plan import DealBasics, RowVerdict
from dealcheck.batch.summarise.builder import PipelineSummary
from dealcheck.batch.write.formulas import neutralise, neutralised
from dealcheck.bounded import kept
from dealcheck.scoring.tables import Verdict

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
        self._scores: dict[float | None, str] = {}
        self._middles: dict[tuple[str, str, str], str] = {}
        self._lists: dict[tuple[str, ...], str] = {}
        self._hygiene_cells: dict[tuple[str, ...], str] = {}

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
        self.write_cells(cells, row, hygiene, suspicious)

    def write_cells(
        self, cells: list[str], row: RowVerdict, hygiene: tuple[str, ...], suspicious: bool
    ) -> None:
        """`row` without what CSV output does not use."""
        if suspicious:
            cells = neutralised(cells)
        if len(cells) < 2:
            # A lone empty cell is written `""` only when it is the whole row.
            self._writer.writerow([*cells, *self._extra(row, hygiene)])
        else:
            pending = self._pending
            self._writer.writerow(cells)
            pending[-1] = pending[-1][:-2]  # the line break goes after the dealcheck_ cells
            pending.append(self.verdict_cells(row))
            pending.append(self._hygiene_cells.get(hygiene) or self.hygiene_cells(hygiene))
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()

    def copy_row(self, text: str, row: RowVerdict, hygiene: tuple[str, ...]) -> None:
        """Write one scored row from its input text.

        `text` is the row's comma-joined cells, none of which needs quoting or
        neutralising; the result is byte for byte what `row` would write.
        """
        self._append(text)
        self._append(self.verdict_cells(row))
        self._append(self._hygiene_cells.get(hygiene) or self.hygiene_cells(hygiene))
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Hand the rows gathered so far to the stream."""
        if self._pending:
            self.stream.write("".join(self._pending))
            self._pending.clear()

    def verdict_cells(self, row: RowVerdict) -> str:
        """`,score,grade,…,red flags` for a row verdict, CSV-encoded and neutralised."""
        verdict = row.verdict
        # No grade, no score: nothing was scored (--basics-only, a stage set or red flags
        # alone), and a 0 would read as a deal that scored nothing.
        shown = verdict.score if verdict.grade else None
        score = self._scores.get(shown)
        if score is None:
            score = self._scores[shown] = _encoded([_score_cell(verdict)])
        key = (verdict.grade, verdict.recommendation, row.stage or row.stage_label)
        middle = self._middles.get(key)
        if middle is None:
            # A stage label comes from the export, names from a team's framework file.
            middle = _kept(self._middles, key, _encoded([neutralise(text) for text in key]))
        lists = self._lists
        gaps = lists.get(verdict.gaps) or _kept(lists, verdict.gaps, _listed(verdict.gaps))
        flags = lists.get(verdict.red_flags) or _kept(
            lists, verdict.red_flags, _listed(verdict.red_flags)
        )
        return score + middle + gaps + flags

    def hygiene_cells(self, hygiene: tuple[str, ...]) -> str:
        """`,hygiene ids` and the line break, CSV-encoded (cached)."""
        return _kept(self._hygiene_cells, hygiene, _encoded(["; ".join(hygiene)]) + "\r\n")

    @staticmethod
    def _extra(row: RowVerdict, hygiene: tuple[str, ...]) -> list[str]:
        verdict = row.verdict
        # Computed cells too: a stage label comes from the export, gap and flag names
        # from a team's framework file.
        return [
            neutralise(cell)
            for cell in (
                _score_cell(verdict),
                verdict.grade,
                verdict.recommendation,
                row.stage or row.stage_label,
                "; ".join(verdict.gaps),
                "; ".join(verdict.red_flags),
                "; ".join(hygiene),
            )
        ]

    def finish(self, summary: PipelineSummary) -> None:
        """Nothing follows the rows; write what is still gathered."""
        self.flush()


def _score_cell(verdict: Verdict) -> str:
    """The score as its cell shows it: blank when nothing was scored (no grade)."""
    return f"{verdict.score:g}" if verdict.grade else ""


def _kept(memo: dict[Any, str], key: Any, cells: str) -> str:
    return kept(memo, key, cells, SUFFIX_CACHE_LIMIT)


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
