"""The weekly pipeline review as one self-contained HTML page."""

from __future__ import annotations

from dealcheck.errors import worded
from dealcheck.i18n import t
from dealcheck.render.html.markup import Markup, el
from dealcheck.render.html.page import page
from dealcheck.render.html.svg import BarRow, hbars
from dealcheck.render.review_format import (
    NUMERIC,
    SECTIONS,
    headline,
    more_text,
    rows,
    section_size,
)
from dealcheck.review.compare import PipelineReview


def review_html(review: PipelineReview, lang: str = "en") -> str:
    """The review as an HTML document: a bar per kind of change, then one table each."""
    against, counts = headline(review, lang)
    title = t("compare.title", lang)
    sizes = [
        BarRow(s, t(f"compare.{s}", lang), len(rows(review, s, lang)[1]), "") for s in SECTIONS
    ]
    sizes = [BarRow(r.key, r.label, r.value, f"{r.value:g}") for r in sizes]
    body: list[Markup | None] = [
        el("h1", None, title),
        el("p", {"class": "muted"}, against),
        el("p", {"id": "counts"}, counts),
        el("p", None, t("compare.nothing", lang)) if review.quiet else None,
        el("figure", {"id": "changes"}, hbars(sizes, title)),
    ]
    for section in SECTIONS:
        heads, cells = rows(review, section, lang)
        if not cells:
            continue
        numeric = NUMERIC[section]
        body.append(
            el(
                "section",
                {"id": section.replace("_", "-")},
                el(
                    "h2",
                    None,
                    f"{t(f'compare.{section}', lang)} ({section_size(review, section):,})",
                ),
                el(
                    "table",
                    None,
                    el(
                        "tr",
                        None,
                        *(
                            el("th", {"class": "num" if i in numeric else None}, h)
                            for i, h in enumerate(heads)
                        ),
                    ),
                    *(
                        el(
                            "tr",
                            None,
                            *(
                                el("td", {"class": _cell_class(i, c, numeric)}, c)
                                for i, c in enumerate(row)
                            ),
                        )
                        for row in cells
                    ),
                ),
                _more(more_text(review, section, len(cells), lang)),
            )
        )
    if review.warnings:
        body.append(
            el(
                "ul",
                {"class": "muted"},
                *(el("li", None, worded(w, lang)) for w in review.warnings),
            )
        )
    body.append(el("footer", None, t("html.footer", lang)))
    return page(f"{title} · dealcheck", lang, el("main", None, *body))


def _more(text: str | None) -> Markup | None:
    return el("p", {"class": "muted more"}, text) if text else None


def _cell_class(index: int, cell: str, numeric: set[int]) -> str | None:
    classes = ["num"] if index in numeric else []
    if cell.startswith("▲"):
        classes.append("up")
    elif cell.startswith("▼"):
        classes.append("down")
    return " ".join(classes) or None
