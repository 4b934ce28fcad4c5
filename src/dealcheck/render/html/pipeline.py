"""The pipeline report as one self-contained HTML page. Reads a `PipelineSummary`.

The summary is bounded (tallies, top-10 lists, a few reject examples), so the page is
the same size for 50 deals or 500,000.
"""

from __future__ import annotations

from dealcheck.batch.summary import PipelineSummary, Tally
from dealcheck.i18n import t
from dealcheck.render.html.markup import Markup, el
from dealcheck.render.html.page import page
from dealcheck.render.html.svg import BarRow, hbars
from dealcheck.render.pipeline_format import localized

RECOMMENDATIONS = ("advance", "dig-deeper", "not-now", "disqualify", "won", "lost", "closed")


def pipeline_html(summary: PipelineSummary, lang: str = "en") -> str:
    """The pipeline summary as an HTML document."""
    summary = localized(summary, lang)
    counts = t(
        "pipeline.counts", lang, rows=summary.rows, scored=summary.scored, rejected=summary.rejected
    )
    sources = t(
        "pipeline.sources",
        lang,
        sources="; ".join(summary.sources),
        frameworks=", ".join(summary.frameworks),
        today=summary.today.isoformat(),
    )
    body: list[Markup | None] = [
        el("h1", None, t("pipeline.title", lang)),
        el("p", {"id": "counts"}, counts),
        el("p", {"class": "muted"}, sources),
        _tallies(summary, lang),
        _counted("gaps", t("pipeline.gaps", lang), summary.gaps, summary.scored),
        _counted("red-flags", t("pipeline.red_flags", lang), summary.red_flags, summary.scored),
        _counted("hygiene", t("pipeline.hygiene", lang), summary.hygiene, summary.scored),
        _at_risk(summary, lang) if summary.at_risk else None,
        _rejects(summary, lang) if summary.rejected else None,
        _unmapped(summary, lang) if summary.unmapped_values else None,
    ]
    if summary.warnings:
        body.append(el("ul", {"class": "muted"}, *(el("li", None, w) for w in summary.warnings)))
    body.append(el("footer", None, t("html.footer", lang)))
    return page(t("pipeline.title", lang) + " · dealcheck", lang, el("main", None, *body))


def _tallies(summary: PipelineSummary, lang: str) -> Markup:
    money = f" ({', '.join(summary.currencies)})" if summary.currencies else ""
    figures: list[Markup] = []
    for key, title, tallies, translate in (
        ("recommendation", "pipeline.by_recommendation", summary.by_recommendation, True),
        ("stage", "pipeline.by_stage", summary.by_stage, False),
        ("grade", "pipeline.by_grade", summary.by_grade, False),
    ):
        if not tallies:
            continue
        heading = t(title, lang)
        figures.append(_bars(key, t("html.deals_by", lang, heading), tallies, lang, translate))
        if key != "grade":
            figures.append(
                _bars(
                    key,
                    t("html.amount_by", lang, heading) + money,
                    tallies,
                    lang,
                    translate,
                    amount=True,
                )
            )
    return el("section", {"class": "grid", "id": "distribution"}, *figures)


def _bars(
    key: str,
    caption: str,
    tallies: dict[str, Tally],
    lang: str,
    translate: bool,
    *,
    amount: bool = False,
) -> Markup:
    rows = [
        BarRow(
            name,
            t(f"recommendation.{name}", lang) if translate and name in RECOMMENDATIONS else name,
            tally.amount if amount else tally.deals,
            f"{tally.amount:,.0f}" if amount else f"{tally.deals:,}",
            name if translate and name in RECOMMENDATIONS else "",
        )
        for name, tally in tallies.items()
    ]
    measure = "amount" if amount else "deals"
    return el(
        "figure",
        {"data-by": key, "data-measure": measure},
        el("figcaption", None, caption),
        hbars(rows, caption),
    )


def _counted(section: str, title: str, counts: list[tuple[str, int]], total: int) -> Markup | None:
    if not counts:
        return None
    rows = [
        BarRow(name, name, count, f"{count:,} · {100 * count / max(total, 1):.0f}%")
        for name, count in counts
    ]
    return el(
        "section",
        {"id": section},
        el("h2", None, title),
        el("figure", None, hbars(rows, title)),
    )


def _table(heads: list[tuple[str, bool]], rows: list[list[str]], **attrs: str) -> Markup:
    """A table; `heads` are (title, numeric) pairs."""
    return el(
        "table",
        dict(attrs),
        el("tr", None, *(el("th", {"class": "num" if n else None}, h) for h, n in heads)),
        *(
            el(
                "tr",
                None,
                *(
                    el("td", {"class": "num" if n else None}, cell)
                    for (_, n), cell in zip(heads, row, strict=True)
                ),
            )
            for row in rows
        ),
    )


def _at_risk(summary: PipelineSummary, lang: str) -> Markup:
    names = ("deal", "owner", "amount", "score", "recommendation", "close")
    heads = [(t(f"pipeline.col.{h}", lang), h in ("amount", "score")) for h in names]
    rows = [
        [
            deal.name
            or " · ".join(x for x in (deal.deal_id, deal.company) if x)
            or f"{deal.source}:{deal.line}",
            deal.owner,
            f"{deal.amount:,.0f}",
            f"{deal.score:g}",
            t(f"recommendation.{deal.recommendation}", lang),
            deal.close_date.isoformat() if deal.close_date else "—",
        ]
        for deal in summary.at_risk
    ]
    return el(
        "section",
        {"id": "at-risk"},
        el("h2", None, t("pipeline.at_risk", lang)),
        _table(heads, rows),
    )


def _rejects(summary: PipelineSummary, lang: str) -> Markup:
    reasons = _table(
        [("", False), ("#", True)], [[code, f"{n:,}"] for code, n in summary.reject_reasons]
    )
    examples = _table(
        [("", False), ("", False)],
        [[f"{r.source}:{r.line}", r.reason] for r in summary.reject_examples],
    )
    return el(
        "section",
        {"id": "rejected"},
        el("h2", None, t("pipeline.rejected", lang, count=summary.rejected)),
        reasons,
        examples,
    )


def _unmapped(summary: PipelineSummary, lang: str) -> Markup:
    rows = [[column, value, f"{n:,}"] for column, value, n in summary.unmapped_values]
    return el(
        "section",
        {"id": "unmapped"},
        el("h2", None, t("pipeline.unmapped", lang)),
        _table([("column", False), ("value", False), ("rows", True)], rows),
    )
