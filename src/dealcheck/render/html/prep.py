"""The call plan as one printable HTML page, and the close plan timeline.

The timeline is shared with the deal report. Pages are built with `el`, so every piece
of deal text is escaped.
"""

from __future__ import annotations

import datetime as dt

from dealcheck.deals.call_plan import CallPlan
from dealcheck.deals.close_plan import PlanStep, ordered
from dealcheck.deals.coaching import deal_alerts, step_name, templates_of
from dealcheck.deals.history import DealReport
from dealcheck.i18n import t
from dealcheck.render.html.markup import Markup, el
from dealcheck.render.html.page import page
from dealcheck.render.prep_page import Line, prep_sections

# The call plan fits one printed page: tighter type and spacing than the report.
PREP_CSS = (
    "main.prep { max-width: 880px; } main.prep h2 { margin: 14px 0 4px; }"
    " main.prep p, main.prep li { margin: 2px 0; } .why { color: var(--muted);"
    " font-size: .9rem; } .warn { color: var(--dig-deeper); }"
    " .timeline td.done { color: var(--advance); }"
    " @media print { @page { margin: 10mm; } body { font-size: 8.5pt; line-height: 1.3; }"
    " main.prep { column-count: 2; column-gap: 7mm; }"
    " main.prep h1, main.prep > p, main.prep .timeline, main.prep footer { column-span: all; }"
    " main.prep h1 { font-size: 13pt; } main.prep h2 { font-size: 10pt; margin: 6px 0 2px; }"
    " main.prep ul, main.prep ol { margin: 0; padding-left: 1.1rem; }"
    " main.prep footer { margin-top: 6px; } }"
)


def call_plan_html(plan: CallPlan, lang: str) -> str:
    """The call plan as a self-contained, printable HTML document."""
    body: list[Markup] = [
        el("style", None, Markup(PREP_CSS)),
        el("h1", None, t("prep.title", lang, name=plan.deal_name)),
        el("p", {"class": "muted"}, plan.deal_line),
    ]
    for section in prep_sections(plan, lang):
        body.append(
            el(
                "section",
                {"class": section.key},
                el("h2", None, section.title),
                _lines(section.lines),
            )
        )
    if plan.timeline:
        body.append(timeline_section(plan.timeline, plan.timeline_names, lang))
    body.append(el("footer", None, t("html.footer", lang)))
    return page(f"{plan.deal_name} · dealcheck", lang, el("main", {"class": "prep"}, *body))


def _lines(lines: list[Line]) -> Markup:
    """Runs of list lines become one list; a `why` line sits under the item above it."""
    parts: list[Markup] = []
    items: list[tuple[Line, list[str]]] = []
    for line in lines:
        if line.kind == "why" and items:
            items[-1][1].append(line.text)
            continue
        if line.kind in ("item", "todo", "warn", "numbered"):
            if items and (items[0][0].kind == "numbered") != (line.kind == "numbered"):
                parts += _list(items)
                items = []
            items.append((line, []))
            continue
        parts += _list(items)
        items = []
        parts.append(el("p", {"class": "sub" if line.kind == "sub" else None}, line.text))
    parts += _list(items)
    return Markup("".join(parts))


def _list(items: list[tuple[Line, list[str]]]) -> list[Markup]:
    if not items:
        return []
    tag = "ol" if items[0][0].kind == "numbered" else "ul"
    entries = [
        el("li", {"class": line.kind}, line.text, *(el("div", {"class": "why"}, w) for w in whys))
        for line, whys in items
    ]
    return [el(tag, None, *entries)]


def timeline_section(steps: list[PlanStep], names: list[str], lang: str) -> Markup:
    """The close plan as a dated table: target, step, owner side and person, status."""
    heads = [
        t(f"timeline.{h}", lang) for h in ("target", "step", "side", "person", "status", "evidence")
    ]
    rows = [el("tr", None, *(el("th", None, h) for h in heads))]
    for step, name in zip(steps, names, strict=True):
        status = "done" if step.status == "done" else None
        rows.append(
            el(
                "tr",
                None,
                el("td", {"class": "num"}, step.target.isoformat() if step.target else "—"),
                el("td", None, name),
                el("td", None, t(f"side.{step.side}", lang)),
                el("td", None, step.person or ""),
                el("td", {"class": status}, t(f"status.{step.status}", lang)),
                el("td", None, step.evidence or ""),
            )
        )
    return el(
        "section",
        {"class": "timeline"},
        el("h2", None, t("plan.title", lang)),
        el("table", None, *rows),
    )


def plan_and_people_sections(report: DealReport, lang: str, today: dt.date) -> list[Markup]:
    """For the deal report: the close plan timeline with its problems, and people alerts."""
    alerts = deal_alerts(report, lang, today)
    plan = report.deal.close_plan
    found: list[Markup] = []
    if plan and plan.steps:
        templates = templates_of(report)
        steps = ordered(plan)
        found.append(timeline_section(steps, [step_name(s, templates, lang) for s in steps], lang))
    lines = alerts.plan_lines + alerts.report_people_lines
    if lines:
        items = (el("li", {"class": "warn"}, line) for line in lines)
        found.append(
            el("section", None, el("h2", None, t("prep.checks", lang)), el("ul", None, *items))
        )
    return found
