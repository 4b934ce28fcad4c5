"""What runs of columns say on each row of a chunk: parts earned, red flags raised.

A run's key is the texts of its cells (`cell_keys`), after the stage cells, since a
run earns by stage; its table maps keys to what they read, filled the first time a key
is met. A chunk's rows are looked up a run at a time (`map`, in C).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import repeat
from operator import attrgetter, or_
from typing import Any, NamedTuple

from dealcheck.batch.score.cell_keys import cells_key, run_key
from dealcheck.bounded import Filled
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
    table: Filled[Any, Any]


class RunColumns:
    """Reads the runs of criterion and red-flag columns of chunks of rows.

    Args:
        tables: The compiled tables of the frameworks scored.
        feed_at: Criterion slot -> (position among the mapping's columns, feed).
        flag_at: Red-flag slot -> (position among the mapping's columns, flag column).
        stage_columns: The stage (and status) columns, which lead each run's key.
        stage_at: The stage the tables score at, of a row's stage cells (as
            `cells_key(stage_columns)` picks them).
    """

    def __init__(
        self,
        tables: VerdictTables,
        feed_at: dict[int, tuple[int, Feed]],
        flag_at: dict[int, tuple[int, FlagColumn]],
        stage_columns: list[int],
        stage_at: Callable[[Any], str | None],
    ) -> None:
        self.tables = tables
        self._feed_at, self._flag_at = feed_at, flag_at
        self._stage_at, self._staged = stage_at, len(stage_columns)
        run_feeds = [
            [feed_at[s][1] for s in range(first, end) if s in feed_at]
            for _, first, end in tables.criteria.runs
        ]
        self._widths = [len(stage_columns) + len(feeds) for feeds in run_feeds]
        self._runs = [
            _Run(run_key(feeds, stage_columns), Filled(partial(self._part, run), RUN_LIMIT))
            for run, feeds in enumerate(run_feeds)
        ]
        self._flag_runs = [
            _Run(
                cells_key([flag_at[s][1].column for s in slots if s in flag_at]),
                Filled(partial(self._raised, run), PART_LIMIT),
            )
            for run, slots in enumerate(tables.flags.runs)
        ]
        #: Whether any cell read so far did not read (then rows are checked for them).
        self.unreadable = False

    def parts(self, rows: Sequence[list[str]]) -> list[list[Part]]:
        """Per criterion run, what it earns on each row (at the row's stage)."""
        return [list(map(table.__getitem__, map(key, rows))) for key, table in self._runs]

    def raised(self, rows: Sequence[list[str]]) -> list[list[Raised]]:
        """Per red-flag run, what it raises on each row."""
        return [list(map(table.__getitem__, map(key, rows))) for key, table in self._flag_runs]

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

    def _part(self, run: int, key: Any) -> Part:
        """What a run's key (its stage and cell texts) earns, read the first time it is met."""
        _, first, end = self.tables.criteria.runs[run]
        staged, width = self._staged, self._widths[run]
        # A key of one cell is that cell's text; of more, a tuple (`cells_key`).
        cells = (key,) if width == 1 else key
        stage = cells[0] if staged == 1 else tuple(cells[:staged])
        fed = iter(cells[staged:])
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
        part = self.tables.criteria.part(self._stage_at(stage), run, tuple(levels), keep=False)
        if bad:
            part = part._replace(unmapped=tuple(bad))
            self.unreadable = True
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
        return raised
