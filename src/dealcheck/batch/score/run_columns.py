"""What runs of columns say on each row of a chunk: parts earned, red flags raised.

A run's key is the texts of its cells (`cell_keys`), after the stage cells, since a
run earns by stage; its table maps keys to what they read, filled the first time a key
is met. A chunk's rows are looked up a run at a time (`map`, in C).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from operator import attrgetter, or_
from typing import Any, NamedTuple, cast

from dealcheck.batch.score.cell_keys import cells_key, run_key
from dealcheck.bounded import kept
from dealcheck.language.framework import UNKNOWN
from dealcheck.mapping.binding import Feed, FlagColumn
from dealcheck.mapping.model import FeedKind
from dealcheck.scoring.flag_bits import Raised
from dealcheck.scoring.parts import PART_LIMIT, Part
from dealcheck.scoring.tables import VerdictTables

#: Entries kept per run table: its answers at each stage text (messy exports spell
#: stages and levels many ways; memory stays flat).
RUN_LIMIT = 4 * PART_LIMIT
_bits, _ids = attrgetter("bits"), attrgetter("ids")


class _Run(NamedTuple):
    """How one run of columns is looked up: its key in a row, and what keys read."""

    key: Callable[[list[str]], Any]
    table: dict[Any, Any]


class RunColumns:
    """Reads the runs of criterion and red-flag columns of chunks of rows.

    Args:
        tables: The compiled tables of the frameworks scored.
        feed_at: Criterion slot -> (position among the mapping's columns, feed).
        flag_at: Red-flag slot -> (position among the mapping's columns, flag column).
        stage_columns: The stage (and status) columns, which lead each run's key.
    """

    def __init__(
        self,
        tables: VerdictTables,
        feed_at: dict[int, tuple[int, Feed]],
        flag_at: dict[int, tuple[int, FlagColumn]],
        stage_columns: list[int],
    ) -> None:
        self.tables = tables
        self._feed_at, self._flag_at = feed_at, flag_at
        run_feeds = [
            [feed_at[s][1] for s in range(first, end) if s in feed_at]
            for _, first, end in tables.criteria.runs
        ]
        self._runs = [_Run(run_key(feeds, stage_columns), {}) for feeds in run_feeds]
        self._run_cells = [run_key(feeds, []) for feeds in run_feeds]
        self._flag_runs = [
            _Run(cells_key([flag_at[s][1].column for s in slots if s in flag_at]), {})
            for slots in tables.flags.runs
        ]
        #: Whether any cell read so far did not read (then rows are checked for them).
        self.unreadable = False

    def parts(self, rows: Sequence[list[str]], stages: list[str | None]) -> list[list[Part]]:
        """Per criterion run, what it earns on each row (at the row's stage)."""
        return [self._column(rows, stages, run) for run in range(len(self._runs))]

    def raised(self, rows: Sequence[list[str]]) -> list[list[Raised]]:
        """Per red-flag run, what it raises on each row."""
        return [self._flag_column(rows, run) for run in range(len(self._flag_runs))]

    def flags(self, raised: list[list[Raised]], count: int) -> tuple[list[int], Any]:
        """Each row's flags raised: as bits, and as ids in the order they are listed."""
        if not raised:
            return [0] * count, repeat((), count)
        if len(raised) == 1:
            return list(map(_bits, raised[0])), map(_ids, raised[0])
        bits = list(map(_bits, raised[0]))
        for column in raised[1:]:
            bits = list(map(or_, bits, map(_bits, column)))
        return bits, self.tables.flags.named(bits)

    def _column(self, rows: Sequence[list[str]], stages: list[str | None], run: int) -> list[Part]:
        """What one run earns on each row (its stage's part for the run's cells)."""
        key, table = self._runs[run]
        column = list(map(table.get, map(key, rows)))
        if None in column:
            for n, part in enumerate(column):
                if part is None:
                    column[n] = self._part(stages[n], run, rows[n])
        return cast(list[Part], column)

    def _flag_column(self, rows: Sequence[list[str]], run: int) -> list[Raised]:
        """What one run of red-flag columns raises on each row."""
        key, table = self._flag_runs[run]
        column = list(map(table.get, map(key, rows)))
        if None in column:
            for n, raised in enumerate(column):
                if raised is None:
                    column[n] = self._raised(run, key(rows[n]))
        return cast(list[Raised], column)

    def _part(self, stage: str | None, run: int, cells: list[str]) -> Part:
        """What a run's cells earn at the row's stage, read the first time they are met."""
        _, first, end = self.tables.criteria.runs[run]
        key = self._run_cells[run](cells)
        fed = iter(key if isinstance(key, tuple) else (key,))
        levels: list[str] = []
        bad: list[tuple[int, str, str]] = []
        for slot in range(first, end):
            found = self._feed_at.get(slot)
            if found is None:
                levels.append(UNKNOWN)
                continue
            n, feed = found
            if feed.kind is FeedKind.TEXT:
                levels.append(next(fed))  # the key is already the text's level
                continue
            level, unread = feed.read(next(fed))
            levels.append(level)
            if unread is not None:
                bad.append((n, *unread))
        part = self.tables.criteria.part(stage, run, tuple(levels), keep=False)
        if bad:
            part = part._replace(unmapped=tuple(bad))
            self.unreadable = True
        kept(self._runs[run].table, self._runs[run].key(cells), part, RUN_LIMIT)
        return part

    def _raised(self, number: int, key: Any) -> Raised:
        """What a run of red-flag cells raises, read the first time they are met."""
        slots = self.tables.flags.runs[number]
        texts = iter(key if isinstance(key, tuple) else (key,))
        said: dict[int, bool | None] = {}
        bad: list[tuple[int, str, str]] = []
        for slot in slots:
            if slot in self._flag_at:
                n, column = self._flag_at[slot]
                said[slot], unread = column.read(next(texts))
                if unread is not None:
                    bad.append((n, *unread))
        raised = self.tables.flags.raised(tuple(said.get(slot) for slot in slots), number)
        if bad:
            raised = raised._replace(unmapped=tuple(bad))
            self.unreadable = True
        kept(self._flag_runs[number].table, key, raised, PART_LIMIT)
        return raised
