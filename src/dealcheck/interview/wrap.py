"""Wrap menu text to the terminal at word boundaries, counting Hangul as two columns."""

from __future__ import annotations

import unicodedata


def cells(text: str) -> int:
    """Columns `text` takes in a terminal: wide (Hangul, CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_cells(text: str, width: int, first: int | None = None) -> list[str]:
    """`text` cut into lines of at most `width` columns, between words.

    Args:
        text: One paragraph.
        width: Columns available on each line.
        first: Columns available on the first line, when it starts further right.

    A word longer than a line is cut: nothing is ever left out.
    """
    room = max(1, first if first is not None else width)
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if cells(candidate) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
            room = max(1, width)
        while cells(word) > room:
            cut = _cut(word, room)
            lines.append(word[:cut])
            word = word[cut:]
            room = max(1, width)
        line = word
    if line or not lines:
        lines.append(line)
    return lines


def _cut(word: str, room: int) -> int:
    used = 0
    for index, ch in enumerate(word):
        used += cells(ch)
        if used > room:
            return max(1, index)
    return len(word)
