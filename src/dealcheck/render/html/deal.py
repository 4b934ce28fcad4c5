"""The deal report as one self-contained HTML page: verdict first, then the pictures.

Reads a `DealReport` (the same one the terminal and Markdown reports read) and
computes nothing about the deal; the only arithmetic here is where a level sits on
its scale, for the radar chart.
"""

from __future__ import annotations

from dealcheck.deals.history import DealReport
from dealcheck.errors import worded
from dealcheck.i18n import explain, t
from dealcheck.language.framework import Framework, Level
from dealcheck.render.deal_format import (
    exit_check_lines,
    flag_effect,
    gap_text,
    level_text,
    moved_lines,
    overall_cells,
    question_text,
    score_cells,
    source_text,
    stage_ahead_text,
    stage_supported_text,
    title_lines,
    unchecked_flags,
    verified_text,
)
from dealcheck.render.html.markup import Markup, el, join, linkify
from dealcheck.render.html.page import page
from dealcheck.render.html.prep import plan_and_people_sections
from dealcheck.render.html.svg import Spoke, line_chart, radar
from dealcheck.scoring.report_json import criterion_names
from dealcheck.scoring.score import CriterionScore, Scorecard
from dealcheck.scoring.scorecard import NextQuestion


def deal_report_html(report: DealReport, lang: str) -> str:
    """The whole deal report as an HTML document."""
    assessment = report.assessment
    title, basics = title_lines(report, lang)
    body: list[Markup] = [
        el("h1", None, report.deal.name),
        el("p", {"class": "muted"}, title),
        el("p", None, basics),
    ]
    body += [el("p", {"class": "muted"}, f"! {worded(note, lang)}") for note in report.notes]
    body.append(_verdict(report, lang))
    charts = [_radar(card, lang) for card in assessment.scorecards if card.framework.criteria]
    history = _history(report, lang)
    if history is not None:
        charts.append(history)
    body.append(el("section", {"class": "grid"}, *charts))
    body.append(_gaps(report, lang))
    body.append(_flags(report, lang))
    body += [_evidence(card, lang) for card in assessment.scorecards if card.framework.criteria]
    exits = _exit_checks(report, lang)
    body += [exits] if exits is not None else []
    moved = moved_lines(report, lang)
    if moved:
        body.append(
            el(
                "section",
                None,
                el("h2", None, moved[0]),
                el("ul", None, *(el("li", None, line) for line in moved[1:])),
            )
        )
    body += plan_and_people_sections(report, lang, report.today)
    body.append(el("footer", None, t("html.footer", lang)))
    return page(f"{report.deal.name} · dealcheck", lang, el("main", None, *body))


def _verdict(report: DealReport, lang: str) -> Markup:
    assessment = report.assessment
    value = assessment.recommendation.value
    names = criterion_names(assessment, lang)
    ahead = stage_ahead_text(assessment, lang)
    frameworks = el(
        "table",
        {"class": "frameworks"},
        el(
            "tr",
            None,
            *(
                el("th", None, t(k, lang))
                for k in ("col.framework", "col.score", "col.grade", "col.recommendation")
            ),
        ),
        *(
            el(
                "tr",
                None,
                el("td", None, c.framework.name.get(lang)),
                el("td", {"class": "num"}, cells[0]),
                el("td", None, cells[2]),
                el("td", None, cells[3]),
            )
            for c in assessment.scorecards
            for cells in (score_cells(c, lang),)
        ),
    )
    score, _, grade, _ = overall_cells(assessment, lang)
    return el(
        "section",
        {"class": f"verdict {value}", "id": "verdict"},
        el(
            "div",
            None,
            el("div", {"class": "score", "id": "score"}, score),
            el("div", {"class": "muted"}, t("html.score_of", lang)),
        ),
        el(
            "div",
            None,
            el("div", {"class": "muted"}, t("report.recommendation", lang)),
            el(
                "div",
                {"class": f"recommendation {value}", "id": "recommendation"},
                t(f"recommendation.{value}", lang),
            ),
            el("div", None, t("html.grade", lang, grade)),
            el("div", {"class": "muted", "id": "verified"}, verified_text(assessment, lang)),
            el("div", {"class": "flag", "id": "stage-ahead"}, ahead) if ahead else None,
        ),
        el(
            "div",
            {"style": "flex: 1 1 320px"},
            el("ul", None, *(el("li", None, explain(r, lang, names)) for r in assessment.reasons)),
            frameworks,
        ),
    )


def level_share(framework: Framework, scored: CriterionScore, level: Level | None) -> float:
    """Where a level sits on the criterion's scale: lowest 0, top 1; unknown 0."""
    if level is None:
        return 0.0
    scale = framework.scale_of(scored.criterion)
    bottom, top = scale.root[0].value, scale.top.value
    return (level.value - bottom) / (top - bottom) if top > bottom else 0.0


def _radar(card: Scorecard, lang: str) -> Markup:
    fw = card.framework
    spokes = [
        Spoke(
            key=c.criterion.id,
            label=c.criterion.name.get(lang),
            value=level_share(fw, c, c.level),
            expected=None if c.expected is None else level_share(fw, c, c.expected),
            detail=f"{c.criterion.name.get(lang)}: {level_text(c, lang)}"
            + (f" / {t('col.expected', lang)}: {c.expected.label.get(lang)}" if c.expected else ""),
        )
        for c in card.criteria
    ]
    caption = t("html.radar", lang, fw.name.get(lang))
    legend = (t("html.reached", lang), t("html.expected", lang))
    return el(
        "figure",
        {"data-framework": fw.id},
        el("figcaption", None, caption),
        radar(spokes, caption, legend),
    )


def _history(report: DealReport, lang: str) -> Markup | None:
    points = [
        (q.date.isoformat(), q.result.score)
        for q in report.deal.qualifications[: report.number]
        if q.result is not None
    ]
    if not points:
        return None
    caption = t("html.history", lang)
    return el("figure", None, el("figcaption", None, caption), line_chart(points, caption))


def _gaps(report: DealReport, lang: str) -> Markup:
    assessment = report.assessment
    heading = el("h2", None, t("report.gaps", lang))
    if not assessment.gaps:  # still a call to prepare: the questions that move it forward
        ask = _questions(t("report.next_questions", lang), assessment.next_questions, lang)
        return el("section", {"id": "gaps"}, heading, el("p", None, t("report.no_gaps", lang)), ask)
    asked = {g.criterion.id for g in assessment.gaps}
    items: list[Markup] = []
    for gap in assessment.gaps:
        questions = [q for q in assessment.next_questions if q.about == gap.criterion.id]
        items.append(
            el(
                "li",
                {"data-criterion": gap.criterion.id},
                el("strong", None, gap.criterion.name.get(lang)),
                " ",
                el("span", {"class": "tag flag"}, t("report.critical", lang))
                if gap.criterion.critical
                else None,
                f" {gap_text(gap, lang)}",
                el(
                    "ul",
                    None,
                    *(
                        el("li", None, f"{t('html.ask', lang)}: {question_text(q, lang)}")
                        for q in questions
                    ),
                )
                if questions
                else None,
            )
        )
    others = [q for q in assessment.next_questions if q.about not in asked]
    extra = _questions(t("html.other_questions", lang), others, lang)
    return el("section", {"id": "gaps"}, heading, el("ul", None, *items), extra)


def _questions(title: str, questions: list[NextQuestion], lang: str) -> Markup | None:
    """A titled, numbered list of questions to ask, or nothing when there are none."""
    if not questions:
        return None
    return join(
        [
            el("h3", None, title),
            el("ol", None, *(el("li", None, question_text(q, lang)) for q in questions)),
        ]
    )


def _flags(report: DealReport, lang: str) -> Markup:
    assessment = report.assessment
    heading = el("h2", None, t("report.red_flags", lang))
    if assessment.red_flags:
        shown = el(
            "ul",
            None,
            *(
                el(
                    "li",
                    {"class": "flag", "data-flag": f.flag.id},
                    f"⚑ {f.flag.name.get(lang)}",
                    f" ({flag_effect(f.flag, lang, scored=assessment.scored)})",
                    ": ",
                    f.flag.reason.get(lang),
                )
                for f in assessment.red_flags
            ),
        )
    else:
        shown = el("p", None, t("report.no_flags", lang))
    unchecked = unchecked_flags(assessment, lang)
    note = (
        el("p", {"class": "muted"}, t("report.unanswered_flags", lang, ", ".join(unchecked)))
        if unchecked
        else None
    )
    return el("section", {"id": "red-flags"}, heading, shown, note)


def _evidence(card: Scorecard, lang: str) -> Markup:
    heads = ("col.name", "col.level", "col.expected", "col.evidence", "col.source")
    rows = [
        el(
            "tr",
            {"data-criterion": c.criterion.id},
            el("td", None, c.criterion.name.get(lang) + (" *" if c.criterion.critical else "")),
            el("td", None, level_text(c, lang)),
            el("td", None, c.expected.label.get(lang) if c.expected else ""),
            el("td", None, linkify(c.answer.evidence)),
            el("td", None, source_text(c, lang)),
        )
        for c in card.criteria
    ]
    return el(
        "section",
        {"class": "evidence"},
        el("h2", None, f"{t('html.evidence', lang)} · {card.framework.name.get(lang)}"),
        el("table", None, el("tr", None, *(el("th", None, t(h, lang)) for h in heads)), *rows),
    )


def _exit_checks(report: DealReport, lang: str) -> Markup | None:
    lines = exit_check_lines(report.assessment, lang)
    if not lines:
        return None
    supported = stage_supported_text(report.assessment, lang)
    return el(
        "section",
        {"id": "exit-checks"},
        el("h2", None, t("report.exit_checks", lang)),
        el("ul", None, *(el("li", None, f"{mark} ", linkify(line)) for mark, line in lines)),
        el("p", {"class": "muted"}, supported) if supported else None,
    )
