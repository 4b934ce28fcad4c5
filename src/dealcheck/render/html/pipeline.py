"""The pipeline report as one self-contained HTML page. Reads a `PipelineSummary`.

The same sections as the terminal and Markdown (`pipeline_sections`), plus pictures:
the forecast and the stages as bars, a criteria × deals heat map of the largest open
deals, and one small forecast chart per owner on a shared scale. The summary is
bounded, so the page is the same size for 50 deals or 500,000.
"""

from __future__ import annotations

from dealcheck.batch.summarise.model import PipelineSummary, Tally
from dealcheck.i18n import t
from dealcheck.render.html.markup import Markup, el
from dealcheck.render.html.page import page
from dealcheck.render.html.svg import BarRow, hbars
from dealcheck.render.pipeline_format import Section, Words, distinct_labels, pipeline_sections

CATEGORIES = ("commit", "best-case", "pipeline", "omitted")


def pipeline_html(summary: PipelineSummary, lang: str = "en") -> str:
    """The pipeline summary as an HTML document."""
    words = Words(summary, lang)
    intro, sections = pipeline_sections(summary, lang)
    body: list[Markup | None] = [
        el("h1", None, t("pipeline.title", lang)),
        el("p", {"id": "counts"}, intro[0]),
        el("p", {"class": "muted"}, intro[1]),
        *(el("p", {"class": "lead"}, line) for line in intro[2:]),
        _charts(summary, words),
    ]
    for section in sections:
        body.append(_section(section))
        if section.key == "owners":
            body.append(_owner_multiples(summary, words))
        if section.key == "stages":
            body.append(_heat_map(summary, words))
    if summary.warnings:
        body.append(el("ul", {"class": "muted"}, *(el("li", None, w) for w in summary.warnings)))
    body.append(el("footer", None, t("html.footer", lang)))
    return page(t("pipeline.title", lang) + " · dealcheck", lang, el("main", None, *body))


def _main_currency(summary: PipelineSummary) -> str:
    return summary.currencies[0] if summary.currencies else ""


def _amount(tally: Tally, currency: str) -> float:
    return tally.amounts.get(currency, 0.0)


def _charts(summary: PipelineSummary, words: Words) -> Markup | None:
    """Forecast and stages as bars: deals, and amount in the main currency."""
    currency = _main_currency(summary)
    suffix = f" ({currency})" if currency else ""
    figures: list[Markup] = []
    for key, title, tallies, label in (
        ("forecast", t("pipeline.forecast", words.lang), summary.forecast, words.forecast),
        ("stage", t("pipeline.by_stage", words.lang), summary.by_stage, words.name),
    ):
        if not tallies:
            continue
        for measure in ("deals", "amount"):
            caption = t(f"html.{measure}_by", words.lang, title) + (
                suffix if measure == "amount" else ""
            )
            rows = [
                BarRow(
                    name,
                    label(name),
                    float(tally.deals) if measure == "deals" else _amount(tally, currency),
                    f"{tally.deals:,}"
                    if measure == "deals"
                    else f"{_amount(tally, currency):,.0f}",
                    name if key == "forecast" else "",
                )
                for name, tally in tallies.items()
            ]
            figures.append(
                el(
                    "figure",
                    {"data-by": key, "data-measure": measure},
                    el("figcaption", None, caption),
                    hbars(rows, caption),
                )
            )
    if not figures:
        return None
    return el("section", {"class": "grid", "id": "distribution"}, *figures)


def _section(section: Section) -> Markup:
    heads = list(zip(section.heads, section.numeric, strict=True))
    table = (
        el(
            "table",
            None,
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
                for row in section.rows
            ),
        )
        if section.rows
        else None
    )
    return el(
        "section",
        {"id": section.key},
        el("h2", None, section.title),
        table,
        *(el("p", {"class": "note"}, note) for note in section.notes),
    )


def _owner_multiples(summary: PipelineSummary, words: Words) -> Markup | None:
    """One small forecast chart per owner, all on the same scale."""
    currency = _main_currency(summary)
    owners = summary.by_owner[:24]
    if not owners:
        return None
    top = max(
        (_amount(tally, currency) for o in owners for tally in o.forecast.values()), default=0.0
    )
    figures = []
    for owner in owners:
        rows = [
            BarRow(
                c,
                words.forecast(c),
                _amount(owner.forecast[c], currency) if c in owner.forecast else 0.0,
                f"{_amount(owner.forecast[c], currency) if c in owner.forecast else 0.0:,.0f}",
                c,
            )
            for c in CATEGORIES
        ]
        name = owner.owner or "—"
        figures.append(
            el(
                "figure",
                {"data-owner": name},
                el("figcaption", None, name),
                hbars(rows, name, maximum=top or None),
            )
        )
    return el("section", {"class": "grid small", "id": "owner-multiples"}, *figures)


def _heat_map(summary: PipelineSummary, words: Words) -> Markup | None:
    """Criteria × the largest open deals: which criteria each deal still has a gap on."""
    if summary.basics_only or not summary.largest or not summary.criteria:
        return None
    gap_word, met_word = t("pipeline.heat.gap", words.lang), t("pipeline.heat.met", words.lang)
    gaps = [{value for code, value in deal.reasons if code == "gap"} for deal in summary.largest]
    largest = distinct_labels(summary.largest)
    head = el(
        "tr",
        None,
        el("th", None, ""),
        *(el("th", {"class": "deal", "title": label}, label) for label in largest),
    )
    rows = [
        el(
            "tr",
            None,
            el("th", None, words.name(criterion)),
            *(
                el(
                    "td",
                    {
                        "class": "gap" if criterion in deal_gaps else "met",
                        "data-criterion": criterion,
                        "title": gap_word if criterion in deal_gaps else met_word,
                    },
                    "✕" if criterion in deal_gaps else "✓",
                )
                for deal_gaps in gaps
            ),
        )
        for criterion in summary.criteria
    ]
    return el(
        "section",
        {"id": "heat"},
        el("h2", None, t("pipeline.heat", words.lang)),
        el("div", {"class": "scroll"}, el("table", {"class": "heat"}, head, *rows)),
    )
