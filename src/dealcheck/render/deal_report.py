"""The terminal deal report (rich): scores, criteria table, gaps, red flags, verdict, questions."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from dealcheck.deals.coaching import deal_alerts, templates_of
from dealcheck.deals.history import DealReport
from dealcheck.errors import worded
from dealcheck.i18n import explain, t
from dealcheck.render.close_plan import close_plan_renderable
from dealcheck.render.deal_format import (
    bar,
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
from dealcheck.render.layout import Fitting, WholeWords, hanging
from dealcheck.scoring.report_json import criterion_names
from dealcheck.scoring.score import Recommendation, Scorecard

STYLE = {
    Recommendation.ADVANCE: "bold green",
    Recommendation.DIG_DEEPER: "bold yellow",
    Recommendation.NOT_NOW: "bold blue",
    Recommendation.DISQUALIFY: "bold red",
    Recommendation.WON: "bold green",
    Recommendation.LOST: "bold",
    Recommendation.CLOSED: "bold",
}


def report_renderable(report: DealReport, lang: str) -> Group:
    """The whole report as one rich renderable."""
    assessment = report.assessment
    title, basics = title_lines(report, lang)
    parts: list[RenderableType] = [RichText(title, style="bold"), RichText(basics)]
    parts += [RichText(f"! {worded(note, lang)}", style="yellow") for note in report.notes]
    parts.append(_summary(report, lang))
    parts.append(RichText(verified_text(assessment, lang), style="dim"))
    ahead = stage_ahead_text(assessment, lang)
    if ahead:
        parts.append(RichText(f"! {ahead}", style="bold yellow"))
    parts += [_criteria(card, lang) for card in assessment.scorecards if card.framework.criteria]
    parts += _exit_checks(report, lang)
    parts.append(_gaps(report, lang))
    parts.append(_flags(report, lang))
    verdict = RichText.assemble(
        (f"{t('report.recommendation', lang)}: ", "bold"),
        (
            t(f"recommendation.{assessment.recommendation.value}", lang),
            STYLE[assessment.recommendation],
        ),
    )
    names = criterion_names(assessment, lang)
    reasons = [hanging("  • ", explain(r, lang, names)) for r in assessment.reasons]
    parts.append(Panel(Group(verdict, *reasons), expand=False))
    if assessment.next_questions:
        parts.append(RichText(t("report.next_questions", lang), style="bold"))
        parts += [
            hanging(f"  {i}. ", question_text(q, lang))
            for i, q in enumerate(assessment.next_questions, 1)
        ]
    moved = moved_lines(report, lang)
    if moved:
        parts.append(RichText(moved[0], style="bold"))
        parts += [hanging("  ", line) for line in moved[1:]]
    parts += _plan_and_people(report, lang)
    return Group(*parts)


def _exit_checks(report: DealReport, lang: str) -> list[RenderableType]:
    lines = exit_check_lines(report.assessment, lang)
    if not lines:
        return []
    parts: list[RenderableType] = [RichText(t("report.exit_checks", lang), style="bold")]
    parts += [hanging(f"  {mark} ", line) for mark, line in lines]
    supported = stage_supported_text(report.assessment, lang)
    if supported:
        parts.append(hanging("  ", supported))
    return parts


def _plan_and_people(report: DealReport, lang: str) -> list[RenderableType]:
    alerts = deal_alerts(report, lang, report.today)
    parts: list[RenderableType] = []
    if report.deal.close_plan or alerts.plan_lines:
        templates = templates_of(report)
        parts.append(
            close_plan_renderable(report.deal.close_plan, templates, alerts.plan_lines, lang)
        )
    if alerts.report_people_lines:
        parts.append(RichText(t("people.title", lang), style="bold"))
        parts += [hanging("  ! ", line, style="yellow") for line in alerts.report_people_lines]
    return parts


def _summary(report: DealReport, lang: str) -> Fitting:
    """Scores per framework: a table with room to breathe, tighter, or one line each."""
    return Fitting(
        _summary_table(report, lang, 2),
        _summary_table(report, lang, 1),
        _summary_lines(report, lang),
    )


def _summary_lines(report: DealReport, lang: str) -> Group:
    assessment = report.assessment
    rows = [(c.framework.name.get(lang), *score_cells(c, lang)) for c in assessment.scorecards]
    rows.append((t("report.overall", lang), *overall_cells(assessment, lang)))
    return Group(
        *(
            hanging("  ", f"{name}: {' '.join(x for x in (score, shown, grade) if x)} · {verdict}")
            for name, score, shown, grade, verdict in rows
        )
    )


def _summary_table(report: DealReport, lang: str, padding: int) -> WholeWords:
    assessment = report.assessment
    lang_cols = ("col.framework", "col.score", "col.bar", "col.grade", "col.recommendation")
    table = Table(show_edge=False, box=None, padding=(0, padding))
    for key in lang_cols:
        table.add_column(t(key, lang))
    for card in assessment.scorecards:
        table.add_row(card.framework.name.get(lang), *score_cells(card, lang))
    score, shown_bar, grade, verdict = overall_cells(assessment, lang)
    table.add_row(
        RichText(t("report.overall", lang), style="bold"),
        RichText(score, style="bold"),
        shown_bar,
        RichText(grade, style="bold"),
        RichText(verdict, style=STYLE[assessment.recommendation]),
    )
    return WholeWords(table)


def _criteria(card: Scorecard, lang: str) -> Fitting:
    """The criteria as a table when every word fits whole, else one block per criterion."""
    return Fitting(_criteria_table(card, lang), _criteria_lines(card, lang))


def _criteria_title(card: Scorecard, lang: str) -> str:
    score = t("report.score", lang, score=f"{card.score:.0f}", grade=card.grade)
    return f"{card.framework.name.get(lang)} · {score}"


def _criteria_lines(card: Scorecard, lang: str) -> Group:
    lines: list[RenderableType] = [RichText(_criteria_title(card, lang), style="italic")]
    gaps = {g.criterion.id for g in card.gaps}
    for scored in card.criteria:
        name = scored.criterion.name.get(lang) + (" *" if scored.criterion.critical else "")
        share = scored.points / scored.max_points if scored.max_points else 0.0
        head = RichText.assemble(
            (name, "bold red" if scored.criterion.id in gaps else "bold"),
            f" {bar(share)} {level_text(scored, lang)}",
        )
        if scored.expected:
            head.append(f" · {t('col.expected', lang)}: {scored.expected.label.get(lang)}")
        lines.append(hanging("  ", head))
        said = " — ".join(x for x in (scored.answer.evidence, source_text(scored, lang)) if x)
        if said:
            lines.append(hanging("      ", said, style="dim"))
    return Group(*lines)


def _criteria_table(card: Scorecard, lang: str) -> WholeWords:
    table = Table(title=_criteria_title(card, lang), title_justify="left", show_lines=False)
    for key in ("col.name", "col.level", "col.bar", "col.expected", "col.evidence", "col.source"):
        table.add_column(t(key, lang), overflow="fold")
    gaps = {g.criterion.id for g in card.gaps}
    for scored in card.criteria:
        name = scored.criterion.name.get(lang) + (" *" if scored.criterion.critical else "")
        table.add_row(
            RichText(name, style="bold red" if scored.criterion.id in gaps else ""),
            level_text(scored, lang),
            bar(scored.points / scored.max_points if scored.max_points else 0.0),
            scored.expected.label.get(lang) if scored.expected else "",
            scored.answer.evidence,
            source_text(scored, lang),
        )
    return WholeWords(table)


def _gaps(report: DealReport, lang: str) -> RenderableType:
    gaps = report.assessment.gaps
    if not gaps:
        return RichText(t("report.no_gaps", lang), style="green")
    lines: list[RenderableType] = [RichText(t("report.gaps", lang), style="bold")]
    for gap in gaps:
        critical = f" [{t('report.critical', lang)}]" if gap.criterion.critical else ""
        lines.append(
            hanging(
                "  • ",
                f"{gap.criterion.name.get(lang)}{critical}: {gap_text(gap, lang)}",
                style="red" if gap.criterion.critical else "yellow",
            )
        )
    return Group(*lines)


def _flags(report: DealReport, lang: str) -> RenderableType:
    assessment = report.assessment
    lines: list[RenderableType] = []
    if assessment.red_flags:
        lines.append(RichText(t("report.red_flags", lang), style="bold"))
        for flag in assessment.red_flags:
            lines.append(
                hanging(
                    "  ⚑ ",
                    f"{flag.flag.name.get(lang)} ({flag_effect(flag.flag, lang, scored=assessment.scored)}): "
                    f"{flag.flag.reason.get(lang)}",
                    style="bold red",
                )
            )
    else:
        lines.append(RichText(t("report.no_flags", lang), style="green"))
    unchecked = unchecked_flags(assessment, lang)
    if unchecked:
        lines.append(
            RichText(t("report.unanswered_flags", lang, ", ".join(unchecked)), style="dim")
        )
    return Group(*lines)
