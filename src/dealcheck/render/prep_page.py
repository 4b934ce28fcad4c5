"""The call plan as one page of sections and lines.

Shared by the text, Markdown and HTML renderers so the three say the same thing in the
same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dealcheck.deals.call_plan import Action, CallPlan
from dealcheck.i18n import t

MAX_TO_CONFIRM = 3
MAX_ALERTS = 3


@dataclass(frozen=True)
class Line:
    """One line of a section; `kind` tells a renderer how to mark it."""

    text: str
    kind: str = "plain"  # plain, item, numbered, todo, why, sub, warn
    number: int = 0


@dataclass(frozen=True)
class Section:
    """A titled part of the page."""

    key: str
    title: str
    lines: list[Line] = field(default_factory=list)


def prep_sections(plan: CallPlan, lang: str) -> list[Section]:
    """The page's sections, in reading order; empty sections are left out."""
    sections = [Section("goal", t("prep.goal", lang), [Line(plan.goal)])]
    if plan.step_back is not None:
        lines = [Line(plan.step_back.why, "item"), Line(plan.step_back.reopen, "item")]
        sections.append(Section("step-back", t("prep.step_back", lang), lines))
    sections.append(Section("opener", t("prep.opener", lang), [Line(plan.opener)]))
    questions: list[Line] = []
    for number, question in enumerate(plan.questions, 1):
        questions.append(Line(question.text, "numbered", number))
        questions.append(Line(t("prep.why_now", lang, question.why), "why"))
    sections.append(Section("questions", t("prep.questions", lang), questions))
    actions = [Line(t("prep.ours", lang), "sub")] + [_todo(a) for a in plan.ours]
    actions += [Line(t("prep.theirs", lang), "sub")] + [_todo(a) for a in plan.theirs]
    sections.append(Section("actions", t("prep.actions", lang), actions))
    # Stepping back, who else to meet is beside the point.
    shown = plan.alerts if plan.step_back is None else None
    checks = [Line(text, "warn") for text in shown.lines[:MAX_ALERTS]] if shown else []
    if shown and shown.meet_next:
        checks.append(Line(t("prep.meet", lang), "sub"))
        checks += [Line(text, "item") for text in shown.meet_next]
    sections.append(Section("checks", t("prep.checks", lang), checks))
    sections.append(Section("closing", t("prep.closing", lang), _closing(plan, lang)))
    sections.append(
        Section("warnings", t("prep.warnings", lang), [Line(w, "warn") for w in plan.warnings])
    )
    sections.append(Section("demo", t("demo.title", lang), [Line(d, "todo") for d in plan.demo]))
    return [s for s in sections if s.lines]


def _todo(action: Action) -> Line:
    return Line(f"{action.text} — {action.owner} · {action.due}", "todo")


def _closing(plan: CallPlan, lang: str) -> list[Line]:
    lines = [Line(plan.closing)]
    if plan.step_back is not None:
        return lines
    lines.append(Line(t("prep.recap", lang), "sub"))
    agreed = [line for line in plan.recap.lines if line.agreed]
    for number, line in enumerate(agreed, 1):
        text = "; ".join(line.agreed)
        if line.value_driver:
            text += f" ({t(f'driver.{line.value_driver}', lang)})"
        lines.append(Line(f"{t(f'mantra.{line.part.value}', lang)}: {text}", "numbered", number))
    if not agreed:
        lines.append(Line(t("prep.recap_none", lang), "item"))
    if plan.recap.next_step is not None:
        step = plan.recap.next_step
        shown = t("prep.next_step", lang, step.text, step.date.isoformat() if step.date else "")
        lines.append(Line(t("prep.recap_next", lang, shown), "item"))
    missing = [line for line in plan.recap.lines if not line.agreed]
    if missing:
        asks = [
            t(f"confirm.{line.part.value}", lang, text)
            for line in missing
            for text in line.to_confirm
        ]
        asks += [t(f"ask.{line.part.value}", lang) for line in missing if line.empty]
        lines.append(Line(t("prep.to_confirm", lang), "sub"))
        lines += [Line(ask, "item") for ask in asks[:MAX_TO_CONFIRM]]
    return lines
