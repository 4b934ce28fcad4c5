"""Rows that repeat an answer profile get its verdict back; fresh rows are not looked up.

`Repeats` sits in front of the row verdict reader: a pipeline where deals share a few
hundred answer profiles reads each profile once, and one where every row is a new
combination stops paying for the lookup after a window of rows.
"""

from __future__ import annotations

from itertools import count
from operator import itemgetter
from typing import Any

from dealcheck.batch.score.row_plan import Repeats

WINDOW = Repeats.WINDOW


class Reader:
    """A stand-in verdict reader that counts its reads (the verdict is the key)."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self, cells: list[str]) -> Any:
        self.reads += 1
        return ("verdict", *cells)


class Keys:
    """The key picker, counting how often rows are looked up."""

    def __init__(self) -> None:
        self.calls = 0
        self._pick = itemgetter(0, 1)

    def __call__(self, cells: list[str]) -> Any:
        self.calls += 1
        return self._pick(cells)


def test_repeated_profiles_are_read_once_and_answered_alike() -> None:
    reader, keys = Reader(), Keys()
    repeats = Repeats(reader, keys)
    rows = [[f"stage {n % 3}", f"level {n % 5}", f"name {n}"] for n in range(3 * WINDOW)]

    verdicts = [repeats(row) for row in rows]

    assert verdicts == [("verdict", row[0], row[1], rows[n % 15][2]) for n, row in enumerate(rows)]
    assert reader.reads == 15  # one read per distinct profile, however many deals share it
    assert keys.calls == len(rows)


def test_rows_that_never_repeat_stop_being_looked_up_and_are_looked_at_again() -> None:
    reader, keys = Reader(), Keys()
    repeats = Repeats(reader, keys)
    fresh = count()
    rest = WINDOW * Repeats.REST

    for _ in range(WINDOW + rest):
        n = next(fresh)
        assert repeats([f"stage {n}", "level", "x"]) == ("verdict", f"stage {n}", "level", "x")
    looked_up = keys.calls

    assert reader.reads == WINDOW + rest  # every row read: nothing repeats
    assert looked_up < 2 * WINDOW  # the first window looked, then the lookups stopped
    # After the rest it looks again, and stays on when rows repeat.
    for n in range(2 * WINDOW):
        repeats([f"stage {n % 4}", "level", "x"])
    assert keys.calls - looked_up >= WINDOW
