"""Markdown for the deal report and the call plan: plain text, pipes escaped, no raw HTML."""

from __future__ import annotations

from dealcheck.deals.call_plan import CallPlan
from dealcheck.deals.close_plan import ClosePlan
from dealcheck.deals.coaching import deal_alerts, templates_of
from dealcheck.deals.history import DealReport
from dealcheck.errors import worded
from dealcheck.i18n import explain, t
from dealcheck.language.framework import StepTemplate
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
from dealcheck.render.prep_page import prep_sections
from dealcheck.render.timeline import COLUMNS, timeline_rows
from dealcheck.scoring.report_json import criterion_names
from dealcheck.visible import visible


def escape(text: str) -> str:
    """Make user text safe inside Markdown and table cells: no HTML, no stray pipes."""
    return visible(
        text.replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("`", "\\`")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def report_markdown(report: DealReport, lang: str) -> str:
    """The deal report as a Markdown document."""
    assessment = report.assessment
    title, basics = title_lines(report, lang)
    out = [f"# {escape(title)}", "", escape(basics), ""]
    out += [f"> {escape(worded(note, lang))}" for note in report.notes]
    out += [
        f"| {t('col.framework', lang)} | {t('col.score', lang)} | | {t('col.grade', lang)} "
        f"| {t('col.recommendation', lang)} |",
        "|---|---:|---|---|---|",
    ]
    for card in assessment.scorecards:
        score, shown, grade, verdict = score_cells(card, lang)
        shown = f"`{shown}`" if shown else ""
        out.append(
            f"| {escape(card.framework.name.get(lang))} | {score} | {shown} | {grade} | {verdict} |"
        )
    score, shown, grade, verdict = overall_cells(assessment, lang)
    shown = f"`{shown}`" if shown else ""
    out.append(
        f"| **{t('report.overall', lang)}** | **{score}** | {shown} | **{grade}** | **{verdict}** |"
    )
    out += ["", escape(verified_text(assessment, lang))]
    ahead = stage_ahead_text(assessment, lang)
    if ahead:
        out += ["", f"> **{escape(ahead)}**"]
    for card in assessment.scorecards:
        if not card.framework.criteria:
            continue
        score = t("report.score", lang, score=f"{card.score:.0f}", grade=card.grade)
        out += ["", f"## {escape(card.framework.name.get(lang))} · {score}", ""]
        heads = ("col.name", "col.level", "col.bar", "col.expected", "col.evidence", "col.source")
        out.append("| " + " | ".join(t(h, lang) for h in heads) + " |")
        out.append("|" + "---|" * len(heads))
        for c in card.criteria:
            name = escape(c.criterion.name.get(lang)) + (" \\*" if c.criterion.critical else "")
            share = c.points / c.max_points if c.max_points else 0.0
            expected = c.expected.label.get(lang) if c.expected else ""
            cells = [
                name,
                escape(level_text(c, lang)),
                f"`{bar(share)}`",
                escape(expected),
                escape(c.answer.evidence),
                escape(source_text(c, lang)),
            ]
            out.append("| " + " | ".join(cells) + " |")
    exits = exit_check_lines(assessment, lang)
    if exits:
        out += ["", f"## {t('report.exit_checks', lang)}", ""]
        out += [f"- {mark} {escape(line)}" for mark, line in exits]
        supported = stage_supported_text(assessment, lang)
        out += ["", escape(supported)] if supported else []
    out += ["", f"## {t('report.gaps', lang)}", ""]
    for gap in assessment.gaps:
        critical = f" **{t('report.critical', lang)}**" if gap.criterion.critical else ""
        out.append(
            f"- {escape(gap.criterion.name.get(lang))}{critical}: {escape(gap_text(gap, lang))}"
        )
    if not assessment.gaps:
        out.append(t("report.no_gaps", lang))
    out += ["", f"## {t('report.red_flags', lang)}", ""]
    for flag in assessment.red_flags:
        out.append(
            f"- **{escape(flag.flag.name.get(lang))}** ({flag_effect(flag.flag, lang, scored=assessment.scored)}): "
            f"{escape(flag.flag.reason.get(lang))}"
        )
    if not assessment.red_flags:
        out.append(t("report.no_flags", lang))
    unchecked = unchecked_flags(assessment, lang)
    if unchecked:
        out += ["", escape(t("report.unanswered_flags", lang, ", ".join(unchecked)))]
    names = criterion_names(assessment, lang)
    verdict = t(f"recommendation.{assessment.recommendation.value}", lang)
    out += ["", f"## {t('report.recommendation', lang)}: {verdict}", ""]
    out += [f"- {escape(explain(r, lang, names))}" for r in assessment.reasons]
    if assessment.next_questions:
        out += ["", f"## {t('report.next_questions', lang)}", ""]
        out += [
            f"{i}. {escape(question_text(q, lang))}"
            for i, q in enumerate(assessment.next_questions, 1)
        ]
    moved = moved_lines(report, lang)
    if moved:
        out += ["", f"## {escape(moved[0])}", ""]
        out += [f"- {escape(line)}" for line in moved[1:]]
    alerts = deal_alerts(report, lang, report.today)
    if report.deal.close_plan or alerts.plan_lines:
        plan = report.deal.close_plan
        out += ["", *close_plan_markdown(plan, templates_of(report), alerts.plan_lines, lang)]
    if alerts.report_people_lines:
        out += ["", f"## {t('people.title', lang)}", ""]
        out += [f"- ⚠ {escape(line)}" for line in alerts.report_people_lines]
    return "\n".join(out) + "\n"


def call_plan_markdown(plan: CallPlan, lang: str) -> str:
    """The call plan as a one-page Markdown document."""
    out = [f"# {escape(t('prep.title', lang, name=plan.deal_name))}", "", escape(plan.deal_line)]
    for section in prep_sections(plan, lang):
        out += ["", f"## {escape(section.title)}", ""]
        for line in section.lines:
            text = escape(line.text)
            if line.kind == "sub":  # a paragraph of its own, never glued to a list above
                out += ["", f"**{text}**", ""]
                continue
            out.append(
                {
                    "plain": text,
                    "item": f"- {text}",
                    "numbered": f"{line.number}. {text}",
                    "todo": f"- [ ] {text}",
                    "why": f"   _{text}_",
                    "warn": f"- ⚠ {text}",
                }[line.kind]
            )
    return "\n".join(out) + "\n"


def close_plan_markdown(
    plan: ClosePlan | None, templates: list[StepTemplate], checks: list[str], lang: str
) -> list[str]:
    """The timeline as a Markdown table and the problems as a list (lines, escaped)."""
    out = [f"## {t('plan.title', lang)}", ""]
    rows = timeline_rows(plan, templates, lang)
    if rows:
        out.append("| " + " | ".join(t(f"timeline.{c}", lang) for c in COLUMNS) + " |")
        out.append("|" + "---|" * len(COLUMNS))
        out += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    else:
        out.append(escape(t("plan.empty", lang)))
    if plan is not None and plan.agreed_on:
        out += ["", escape(t("plan.agreed", lang, plan.agreed_by, plan.agreed_on))]
    if checks:
        out += [""] + [f"- ⚠ {escape(line)}" for line in checks]
    return out
