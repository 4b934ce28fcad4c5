"""The learning report as one self-contained HTML page (escaped, no scripts)."""

from __future__ import annotations

from dealcheck.i18n import t
from dealcheck.learn.report import LearnReport
from dealcheck.render.html.markup import Markup, el
from dealcheck.render.html.page import page
from dealcheck.render.html.svg import BarRow, hbars
from dealcheck.render.learn_format import Section, Table, headline, percent
from dealcheck.render.learn_sections import sections


def learn_html(report: LearnReport) -> str:
    """The report as an HTML document: the same sections as the terminal, plus win-rate bars."""
    title, lines = headline(report)
    body: list[Markup | None] = [
        el("h1", None, title),
        *(el("p", {"class": "lead"}, line) for line in lines),
    ]
    body += [_section(section, report) for section in sections(report)]
    body.append(el("footer", None, t("html.footer", report.lang)))
    return page(f"{title} · dealcheck", report.lang, el("main", None, *body))


def _section(section: Section, report: LearnReport) -> Markup:
    parts: list[Markup | None] = [el("h2", None, section.heading)]
    if section.note:
        parts.append(el("p", {"class": "muted note"}, section.note))
    if section.lines:
        parts.append(el("ul", None, *(el("li", None, line) for line in section.lines)))
    if section.key == "calibration":
        parts.append(_bars(report))
    parts += [_table(table) for table in section.tables]
    parts += [el("p", None, line) for line in section.after]
    return el("section", {"id": section.key}, *parts)


def _bars(report: LearnReport) -> Markup | None:
    rows = [
        BarRow(rate.group, rate.group, rate.rate, f"{percent(rate.rate)} · {rate.deals:,}")
        for rate in report.score_bands
    ]
    if not rows:
        return None
    caption = f"{t('learn.col.rate', report.lang)} / {t('learn.col.score', report.lang)}"
    return el("figure", {"id": "win-rate-by-score"}, hbars(rows, caption, maximum=1.0))


def _table(table: Table) -> Markup:
    def cls(index: int) -> str | None:
        return "num" if index in table.numeric else None

    return el(
        "div",
        {"class": "scroll"},
        el(
            "table",
            None,
            el("tr", None, *(el("th", {"class": cls(i)}, h) for i, h in enumerate(table.heads))),
            *(
                el("tr", None, *(el("td", {"class": cls(i)}, c) for i, c in enumerate(row)))
                for row in table.rows
            ),
        ),
    )
