"""The mutual close plan in the terminal: a dated timeline and its checks."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from dealcheck.deals.close_plan import ClosePlan
from dealcheck.i18n import t
from dealcheck.language.framework import StepTemplate
from dealcheck.render.timeline import COLUMNS, timeline_rows


def close_plan_renderable(
    plan: ClosePlan | None, templates: list[StepTemplate], checks: list[str], lang: str
) -> Group:
    """The timeline as a table, then each problem the plan has."""
    parts: list[RenderableType] = [RichText(t("plan.title", lang), style="bold")]
    rows = timeline_rows(plan, templates, lang)
    if rows:
        table = Table(box=None, pad_edge=False, show_edge=False)
        for column in COLUMNS:
            table.add_column(t(f"timeline.{column}", lang), overflow="fold")
        for row in rows:
            table.add_row(*row)
        parts.append(table)
    else:
        parts.append(RichText("  " + t("plan.empty", lang)))
    if plan is not None and plan.agreed_on:
        parts.append(RichText(f"  {t('plan.agreed', lang, plan.agreed_by, plan.agreed_on)}"))
    parts += [RichText(f"  ! {line}", style="yellow") for line in checks]
    return Group(*parts)
