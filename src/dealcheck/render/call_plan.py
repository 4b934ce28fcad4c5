"""The terminal call plan (rich): one page, readable without colour."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from dealcheck.deals.call_plan import CallPlan
from dealcheck.i18n import t
from dealcheck.render.layout import hanging
from dealcheck.render.prep_page import Line, prep_sections

STYLE = {"warn": "yellow", "why": "dim", "sub": "bold"}


def call_plan_renderable(plan: CallPlan, lang: str) -> Group:
    """The call plan as one rich renderable."""
    parts: list[RenderableType] = [
        RichText(t("prep.title", lang, name=plan.deal_name), style="bold underline"),
        RichText(plan.deal_line),
    ]
    for section in prep_sections(plan, lang):
        parts += [RichText(""), RichText(section.title, style="bold")]
        parts += [_line(line) for line in section.lines]
    return Group(*parts)


def _line(line: Line) -> RenderableType:
    prefix = {
        "plain": "  ",
        "item": "  - ",
        "numbered": f"  {line.number}. ",
        "todo": "  [ ] ",
        "why": "     ",
        "sub": "  ",
        "warn": "  ! ",
    }[line.kind]
    return hanging(prefix, line.text, style=STYLE.get(line.kind, ""))
