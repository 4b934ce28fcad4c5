"""The pipeline summary on the terminal (rich). Reads a `PipelineSummary`; computes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from dealcheck.batch.summarise.model import PipelineSummary
from dealcheck.i18n import t
from dealcheck.render.layout import Fitting, WholeWords, hanging
from dealcheck.render.pipeline_format import Section, pipeline_sections

#: How often the progress bar is redrawn, at most.
REFRESH_SECONDS = 0.1


def pipeline_summary(summary: PipelineSummary, lang: str = "en") -> RenderableType:
    """A renderable summary: the sections of `pipeline_sections`, as tables."""
    intro, sections = pipeline_sections(summary, lang)
    parts: list[RenderableType] = [Text(t("pipeline.title", lang), style="bold")]
    parts += [Text(line, style="dim" if n == 1 else "") for n, line in enumerate(intro)]
    for section in sections:
        parts.append(_table(section))
        parts += [Text(note, style="italic") for note in section.notes]
    parts += [Text(f"! {w}", style="yellow") for w in summary.warnings[:10]]
    return Group(*parts)


def _table(section: Section) -> RenderableType:
    if not section.rows:
        return Text(section.title, style="bold")
    table = Table(title=section.title, title_justify="left")
    for index, (head, numeric) in enumerate(zip(section.heads, section.numeric, strict=True)):
        # Numbers are never wrapped or cut (their column is as wide as the widest one);
        # text columns wrap instead.
        widest = max((cell_len(row[index]) for row in section.rows), default=0)
        table.add_column(
            head,
            justify="right" if numeric else "left",
            no_wrap=numeric,
            overflow="fold",
            min_width=widest if numeric else None,
        )
    for row in section.rows:
        table.add_row(*row)
    # A narrow terminal gets one block per row rather than a table cut inside words.
    return Fitting(WholeWords(table), _stacked(section))


def _stacked(section: Section) -> RenderableType:
    """Each row as its first cell, then `head: value` pairs on the lines under it."""
    blocks: list[RenderableType] = [Text(section.title, style="bold")]
    for first, *rest in section.rows:
        pairs = [
            f"{head}: {cell}" if head else cell
            for head, cell in zip(section.heads[1:], rest, strict=True)
            if cell
        ]
        blocks.append(hanging("• ", Text.assemble((first, "bold"), "\n", " · ".join(pairs))))
    return Group(*blocks)


@contextmanager
def progress_callback(console: Console) -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress bar on stderr for large inputs; nothing when stderr is not a terminal."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    # No refresh thread: `score` may fork its workers while the bar is up, and a fork
    # with a thread running can deadlock the child. The bar is redrawn from `update`.
    with Progress(
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("scoring", total=None)
        shown = [0.0]

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)
            now = time.monotonic()
            if now - shown[0] >= REFRESH_SECONDS:
                shown[0] = now
                bar.refresh()

        yield update
