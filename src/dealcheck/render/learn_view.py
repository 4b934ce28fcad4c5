"""The learning report on the terminal (rich). Computes nothing."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from dealcheck.learn.report import LearnReport
from dealcheck.render.layout import WholeWords, hanging
from dealcheck.render.learn_format import Table, headline
from dealcheck.render.learn_sections import sections
from dealcheck.visible import visible

#: Width of the report written to a file.
FILE_WIDTH = 80


def learn_renderable(report: LearnReport) -> RenderableType:
    """The report: what goes with winning, by stage, calibration, losses, honesty."""
    title, lines = headline(report)
    parts: list[RenderableType] = [Text(title, style="bold"), *(Text(line) for line in lines)]
    for section in sections(report):
        parts += [Text(""), Text(section.heading, style="bold")]
        if section.note:
            parts.append(Text(section.note, style="dim"))
        parts += [hanging("• ", line) for line in section.lines]
        parts += [_table(table) for table in section.tables]
        parts += [Text(line) for line in section.after]
    return Group(*parts)


def _table(table: Table) -> RenderableType:
    shown = RichTable(show_edge=False)
    for index, head in enumerate(table.heads):
        numeric = index in table.numeric
        shown.add_column(head, justify="right" if numeric else "left", no_wrap=numeric)
    for row in table.rows:
        shown.add_row(*(Text(cell) for cell in row))
    return WholeWords(shown)


def learn_text(report: LearnReport, width: int = FILE_WIDTH) -> str:
    """The terminal report as plain text (no colour), for a file."""
    console = Console(
        width=width, no_color=True, force_terminal=False, record=True, file=io.StringIO()
    )
    console.print(learn_renderable(report))
    text = visible(console.export_text(), lines=True)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
