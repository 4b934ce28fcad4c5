"""Send every scored row to several writers (the scored file and the weekly review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dealcheck.batch.score.row_plan import DealBasics, RowVerdict
    from dealcheck.batch.summarise.builder import PipelineSummary
    from dealcheck.batch.write.outputs import ScoredWriter


class Tee:
    """Send every scored row to several writers."""

    def __init__(self, *writers: ScoredWriter) -> None:
        self.writers = writers

    def header(self, columns: list[str]) -> None:
        """Start a new input on every writer."""
        for writer in self.writers:
            writer.header(columns)

    def row(
        self,
        cells: list[str],
        row: RowVerdict,
        deal: DealBasics,
        hygiene: tuple[str, ...],
        where: tuple[str, int],
        suspicious: bool,
    ) -> None:
        """Write the row to every writer."""
        for writer in self.writers:
            writer.row(cells, row, deal, hygiene, where, suspicious)

    def finish(self, summary: PipelineSummary) -> None:
        """Finish every writer."""
        for writer in self.writers:
            writer.finish(summary)
