"""Spreadsheet formula neutralisation for CSV output.

A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so Excel shows
text instead of running a formula, while plain numbers such as `-10` or `-1.5` are
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

RISKY_FIRST = frozenset("=+-@\t\r")
_RISKY_START = re.compile("\x1f[-=+@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """Make one cell safe to open in a spreadsheet."""
    if cell and cell[0] in RISKY_FIRST and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def neutralised(cells: list[str]) -> list[str]:
    """A row's cells made safe to open in a spreadsheet (the same list if none changes)."""
    safe = cells
    for n, cell in enumerate(cells):
        if cell and cell[0] in RISKY_FIRST:
            changed = neutralise(cell)
            if changed is not cell:
                if safe is cells:
                    safe = cells.copy()
                safe[n] = changed
    return safe


def scan(cells: list[str]) -> tuple[bool, bool]:
    """Whether a row holds a NUL byte, and whether any cell may need neutralising.

    One join and one literal-prefixed regex per row: far cheaper than looking at
    every cell, and the rare rows that match take the per-cell path.
    """
    joined = "\x1f" + "\x1f".join(cells)
    return "\x00" in joined, _RISKY_START.search(joined) is not None


def risky_start(delimiter: str) -> Callable[[str], object]:
    """A test on a row's text (delimiter-joined cells): may a cell need neutralising."""
    return re.compile(re.escape(delimiter) + "[-=+@\t\r]").search
