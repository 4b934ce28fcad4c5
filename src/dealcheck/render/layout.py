"""Terminal layout that holds at any width: hanging indents, and tables that never cut a word.

* `hanging(prefix, text)`: a list item whose wrapped lines start under its text, not
  under its bullet or number.
* `WholeWords(table)`: no column narrower than its longest word (rich would otherwise
  squeeze a crowded table by cutting inside words).
* `Fitting(wide, narrow)`: the wide layout (a table) when every column can keep its
  longest word whole at the terminal's width, else the narrow one (stacked lines).
  Rich squeezes a table that is too wide by cutting inside words and bars
  ("confirm/ed", "█████░░/░"); measuring first avoids that.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text as RichText

UNBOUNDED = 10_000


def hanging(prefix: str, text: str | RichText, style: str = "") -> Table:
    """`prefix` then `text`; wrapped lines are indented to where the text starts."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    body = text if isinstance(text, RichText) else RichText(text)
    grid.add_row(RichText(prefix, style=style), body.copy() if not style else _styled(body, style))
    return grid


def _styled(text: RichText, style: str) -> RichText:
    copy = text.copy()
    copy.stylize(style)
    return copy


class Fitting:
    """The first layout whose narrowest form fits the width; the last one otherwise."""

    def __init__(self, *layouts: RenderableType) -> None:
        """Layouts from the widest to the most compact."""
        self.layouts = layouts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Pick a layout for the width at hand."""
        unbounded = options.update_width(UNBOUNDED)  # measuring within the width clamps to it
        for layout in self.layouts[:-1]:
            if Measurement.get(console, unbounded, layout).minimum <= options.max_width:
                yield layout
                return
        yield self.layouts[-1]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as the widest layout wants, as narrow as the last one allows."""
        widest = Measurement.get(console, options, self.layouts[0])
        narrowest = Measurement.get(console, options, self.layouts[-1])
        return Measurement(narrowest.minimum, widest.maximum)


class WholeWords:
    """A table whose columns are never narrower than their longest word.

    The columns get their longest word's width, and the room left is shared in
    proportion to what each column would still use; rich then wraps between words.
    """

    def __init__(self, table: Table) -> None:
        """Wrap a table whose rows are all added."""
        self.table = table

    def _ranges(self) -> list[tuple[int, int]]:
        ranges = []
        for column in self.table.columns:
            texts = [_plain(column.header), *(_plain(cell) for cell in column._cells)]
            words = [cell_len(word) for text in texts for word in text.split()]
            lines = [cell_len(line) for text in texts for line in text.splitlines()]
            widest_line = max(lines, default=0)
            # A column that must not wrap (numbers) needs its longest line, header included.
            ranges.append((widest_line if column.no_wrap else max(words, default=0), widest_line))
        return ranges

    def _extra(self) -> int:
        """Borders and cell padding: what the table takes beyond its text."""
        table = self.table
        padding = sum(table._get_padding_width(i) for i in range(len(table.columns)))
        return table._extra_width + padding

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """From every longest word side by side to every cell on one line."""
        extra = self._extra()
        ranges = self._ranges()
        return Measurement(sum(r[0] for r in ranges) + extra, sum(r[1] for r in ranges) + extra)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Set each column's width for the width at hand, then draw the table."""
        ranges = self._ranges()
        room = options.max_width - self._extra() - sum(r[0] for r in ranges)
        widths = _share(room, ranges)
        for column, width in zip(self.table.columns, widths, strict=True):
            column.width = max(1, width)
            # Every word fits, so folding never cuts one; "ellipsis" would clip Hangul
            # words that fit exactly (rich counts the space after them).
            column.overflow = "fold"
        yield self.table


def _share(room: int, ranges: list[tuple[int, int]]) -> list[int]:
    """Column widths: each its longest word, then the room left shared fairly.

    Columns that need little more than their longest word get all of it first (a short
    name stays on one line); the rest share what remains in proportion to their text.
    """
    widths = [low for low, _ in ranges]
    wants = [high - low for low, high in ranges]
    waiting = sorted(range(len(ranges)), key=lambda i: wants[i])
    room = max(0, room)
    while waiting and wants[waiting[0]] <= room // len(waiting):
        first = waiting.pop(0)
        widths[first] += wants[first]
        room -= wants[first]
    total = sum(wants[i] for i in waiting)
    for i in waiting:
        widths[i] += room * wants[i] // total if total else 0
    return widths


def _plain(cell: object) -> str:
    if isinstance(cell, RichText):
        return cell.plain
    return cell if isinstance(cell, str) else ""
