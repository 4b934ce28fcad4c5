"""The one spreadsheet-cell neutraliser, for every column of every CSV dealcheck writes.

A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
tab or a line break, or with spaces before `=`, `+`, `-` or `@`) gets a leading `'`
so it shows as text, while plain numbers such as `-10` or `-1.5` are left alone.
Hidden controls (terminal escape sequences, bidi overrides) are made visible by
`dealcheck.visible`, line breaks and tabs inside a cell kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dealcheck.visible import has_hidden, visible

RISKY_FIRST = frozenset("=+-@\t\r\n ")
_FORMULA_FIRST = frozenset("=+-@")
_RISKY_START = re.compile("\n[ ]*[-=+@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """Make one cell safe to open in a spreadsheet and to show in a terminal."""
    # Every hidden control is outside what `str.isprintable` accepts (one C loop).
    if not cell.isprintable() and has_hidden(cell):
        cell = visible(cell, lines=True)
    if not cell or cell[0] not in RISKY_FIRST:
        return cell
    stripped = cell.lstrip(" ")
    if (
        cell[0] in _FORMULA_FIRST
        or (stripped and stripped[0] in _FORMULA_FIRST)
        or (cell[0] in "\t\r\n")
    ) and not _NUMBER.fullmatch(stripped):
        return "'" + cell
    return cell


def neutralised(cells: list[str]) -> list[str]:
    """A row's cells made safe (the same list if none changes)."""
    safe = cells
    for n, cell in enumerate(cells):
        # Only a cell starting with a risky character or holding a control can change.
        if not cell or (cell[0] not in RISKY_FIRST and cell.isprintable()):
            continue
        changed = neutralise(cell)
        if changed is not cell:
            if safe is cells:
                safe = cells.copy()
            safe[n] = changed
    return safe


def scan(cells: list[str]) -> tuple[bool, bool]:
    """Whether a row holds a NUL byte, and whether any cell may need neutralising.

    One join and two searches per row: far cheaper than looking at every cell, and
    the rare rows that match take the per-cell path.
    """
    joined = "\n" + "\n".join(cells)
    return "\x00" in joined, (_RISKY_START.search(joined) is not None or has_hidden(joined))


def risky_start(delimiter: str) -> Callable[[str], object]:
    """A test on a row's text (delimiter-joined cells): may a cell need neutralising."""
    return re.compile(re.escape(delimiter) + "[-=+@\t\r ]").search


def risky_text(text: str, after_delimiter: Callable[[str], object]) -> bool:
    """Whether a row's text needs the per-cell path (formulas, controls, bidi marks).

    Every control character `visible` shows (C0, DEL, C1) and every bidi mark is
    outside what `str.isprintable` accepts, so that one C loop rules most rows out;
    the rare rest are searched exactly (a no-break space is not printable, but safe).
    """
    return (
        text[0] in RISKY_FIRST
        or after_delimiter(text) is not None
        or (not text.isprintable() and has_hidden(text))
    )
