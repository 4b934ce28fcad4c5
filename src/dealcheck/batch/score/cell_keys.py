"""What picks a run's key from a row: the texts of its cells, or the level a free text gives.

A run's table is keyed on what its cells say: picklist texts as they are (a handful
per column), free text as the level it gives (any text is the column's level), since
free text rarely repeats.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from dealcheck.language.framework import UNKNOWN
from dealcheck.mapping.binding import Feed
from dealcheck.mapping.model import FeedKind


def run_key(feeds: list[Feed], before: list[int]) -> Callable[[list[str]], Any]:
    """What picks the key of a run of criterion columns from a row (feeds in slot order).

    The cells at `before` (the stage, say) lead the key, as they are.
    """
    if not any(feed.kind is FeedKind.TEXT for feed in feeds):
        return cells_key(before + [feed.column for feed in feeds])
    readers: list[Callable[[list[str]], Any]] = [itemgetter(column) for column in before]
    readers += [
        text_level(feed) if feed.kind is FeedKind.TEXT else itemgetter(feed.column)
        for feed in feeds
    ]
    if len(readers) == 1:
        return readers[0]
    return lambda cells: tuple([read(cells) for read in readers])


def cells_key(columns: list[int]) -> Callable[[list[str]], Any]:
    """A key of the cells at `columns`: a tuple, one cell's text, or () for none."""
    if not columns:
        return lambda cells: ()
    return itemgetter(*columns)


def text_level(feed: Feed) -> Callable[[list[str]], str]:
    """What reads the level a free-text cell gives.

    Any text is the column's level, unless blank or a word the value table reads as
    unknown ("n/a").
    """
    column, level = feed.column, feed.level
    # NFKC composes at most four characters into one, and trimming and casefolding
    # never shorten a trimmed text: longer text cannot read as an unknown word.
    longest = max((len(word) for word, target in feed.table.items() if target == UNKNOWN))
    short = 4 * longest + 1

    def read(cells: list[str]) -> str:
        text = cells[column]
        return feed.read(text)[0] if len(text.strip()) < short else level

    return read
