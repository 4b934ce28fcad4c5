"""The pipeline summary on the terminal (rich). Reads a `PipelineSummary`; computes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from dealcheck.batch.summary import PipelineSummary, Tally
from dealcheck.i18n import t
from dealcheck.render.pipeline_format import count_sections, localized, tally_sections
from dealcheck.render.text_bars import scaled_bar

#: How often the progress bar is redrawn, at most.
REFRESH_SECONDS = 0.1


def pipeline_summary(summary: PipelineSummary, lang: str = "en") -> RenderableType:
    """A renderable summary: totals, tallies, gaps, at-risk deals, hygiene, rejects."""
    summary = localized(summary, lang)
    parts: list[RenderableType] = [
        Text(t("pipeline.title", lang), style="bold"),
        Text(
            t(
                "pipeline.counts",
                lang,
                rows=summary.rows,
                scored=summary.scored,
                rejected=summary.rejected,
            )
        ),
        Text(
            t(
                "pipeline.sources",
                lang,
                sources="; ".join(summary.sources),
                frameworks=", ".join(summary.frameworks),
                today=summary.today.isoformat(),
            ),
            style="dim",
        ),
    ]
    money = f" ({', '.join(summary.currencies)})" if summary.currencies else ""
    for title, tallies in tally_sections(summary, lang):
        parts.append(_tally_table(title, tallies, lang, money))
    for title, counts in count_sections(summary, lang):
        parts.append(_counts(title, counts, summary.scored))
    if summary.at_risk:
        parts.append(_at_risk(summary, lang))
    if summary.rejected:
        parts.append(_rejects(summary, lang))
    if summary.unmapped_values:
        table = Table(title=t("pipeline.unmapped", lang), title_justify="left")
        for header in ("column", "value", "rows"):
            table.add_column(header, justify="right" if header == "rows" else "left")
        for column, value, count in summary.unmapped_values:
            table.add_row(column, value, str(count))
        parts.append(table)
    parts += [Text(f"! {w}", style="yellow") for w in summary.warnings[:10]]
    return Group(*parts)


def _tally_table(title: str, tallies: dict[str, Tally], lang: str, money: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("")
    table.add_column(t("pipeline.deals", lang), justify="right")
    table.add_column("")
    table.add_column(t("pipeline.amount", lang) + money, justify="right")
    most = max((tally.deals for tally in tallies.values()), default=0)
    for key, tally in tallies.items():
        table.add_row(
            key, f"{tally.deals:,}", scaled_bar(tally.deals, most), f"{tally.amount:,.0f}"
        )
    return table


def _counts(title: str, counts: list[tuple[str, int]], total: int) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("")
    table.add_column("#", justify="right")
    table.add_column("%", justify="right")
    table.add_column("")
    for key, count in counts:
        share = 100 * count / max(total, 1)
        table.add_row(key, f"{count:,}", f"{share:.0f}", scaled_bar(count, max(total, 1)))
    return table


def _at_risk(summary: PipelineSummary, lang: str) -> Table:
    table = Table(title=t("pipeline.at_risk", lang), title_justify="left")
    for header in ("deal", "owner", "amount", "score", "recommendation", "close"):
        table.add_column(
            t(f"pipeline.col.{header}", lang),
            justify="right" if header in ("amount", "score") else "left",
        )
    for deal in summary.at_risk:
        label = deal.name or " · ".join(x for x in (deal.deal_id, deal.company) if x)
        table.add_row(
            label or f"{deal.source}:{deal.line}",
            deal.owner,
            f"{deal.amount:,.0f}",
            f"{deal.score:g}",
            t(f"recommendation.{deal.recommendation}", lang),
            deal.close_date.isoformat() if deal.close_date else "—",
        )
    return table


def _rejects(summary: PipelineSummary, lang: str) -> RenderableType:
    lines = [Text(t("pipeline.rejected", lang, count=summary.rejected), style="bold red")]
    lines += [Text(f"  {code}: {count:,}") for code, count in summary.reject_reasons]
    lines += [
        Text(f"  {r.source}:{r.line}: {r.reason}", style="dim")
        for r in summary.reject_examples[:10]
    ]
    return Group(*lines)


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
