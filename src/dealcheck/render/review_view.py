"""The weekly pipeline review on the terminal (rich). Computes nothing."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dealcheck.errors import worded
from dealcheck.i18n import t
from dealcheck.render.review_format import (
    NUMERIC,
    SECTIONS,
    headline,
    more_text,
    rows,
    section_size,
)
from dealcheck.review.compare import PipelineReview

_STYLE = {"▲": "green", "▼": "red"}


def review_renderable(review: PipelineReview, lang: str = "en") -> RenderableType:
    """The review: what moved, new red flags, slipped close dates, new and gone deals."""
    against, counts = headline(review, lang)
    parts: list[RenderableType] = [
        Text(t("compare.title", lang), style="bold"),
        Text(against, style="dim"),
        Text(counts),
    ]
    if review.quiet:
        parts.append(Text(t("compare.nothing", lang), style="green"))
    for section in SECTIONS:
        heads, cells = rows(review, section, lang)
        if not cells:
            continue
        table = Table(
            title=f"{t(f'compare.{section}', lang)} ({section_size(review, section):,})",
            title_justify="left",
        )
        for index, head in enumerate(heads):
            table.add_column(head, justify="right" if index in NUMERIC[section] else "left")
        for row in cells:
            table.add_row(*(Text(c, style=_STYLE.get(c[:1], "")) for c in row))
        parts.append(table)
        more = more_text(review, section, len(cells), lang)
        if more:
            parts.append(Text(more, style="dim"))
    parts += [Text(f"! {worded(w, lang)}", style="yellow") for w in review.warnings[:10]]
    return Group(*parts)
