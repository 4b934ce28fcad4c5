"""Terminal views of frameworks: `framework show` and `framework list`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from dealcheck.errors import worded
from dealcheck.i18n import t
from dealcheck.language.framework import Framework, RedFlag

if TYPE_CHECKING:
    from dealcheck.language.inventory import InventoryEntry


def framework_renderable(framework: Framework, lang: str) -> Group:
    """A framework as rich renderables: header, scale, criteria, stages, flags, grades."""
    parts: list[object] = []
    title = f"{framework.name.get(lang)}  ·  {framework.id}@{framework.version}"
    body = framework.description.get(lang) if framework.description else ""
    parts.append(Panel(body or title, title=title if body else None, expand=False))
    scale = Table(title=t("framework.scale", lang), title_justify="left")
    for column in ("col.level", "col.label", "col.description"):
        scale.add_column(t(column, lang))
    for level in framework.scale.root:
        scale.add_row(
            f"{level.value} {level.id}", level.label.get(lang), level.description.get(lang)
        )
    parts.append(scale)
    if framework.criteria:
        parts.append(_criteria_table(framework, lang))
    if framework.stages:
        parts.append(_stage_table(framework, lang))
    if framework.red_flags:
        parts.append(_flag_table(framework.red_flags, lang))
    grades = " · ".join(f"{band.grade} ≥ {band.min:g}" for band in framework.grades)
    rule = framework.recommendation
    summary = t(
        "framework.rule",
        lang,
        advance=f"{rule.advance_at:g}",
        disqualify=f"{rule.disqualify_below:g}",
    )
    if rule.disqualify_when_absent:
        summary += t("framework.rule_absent", lang, count=rule.disqualify_when_absent)
    parts.append(RichText(f"{t('framework.grades', lang)}: {grades}\n{summary}"))
    return Group(*parts)  # type: ignore[arg-type]


def resolved_yaml(framework: Framework) -> str:
    """The merged framework as YAML (`framework show --resolved`)."""
    import yaml

    data = framework.model_dump(
        mode="json", by_alias=True, exclude_none=True, exclude={"extends", "remove"}
    )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def inventory_json(entries: list[InventoryEntry], lang: str) -> str:
    """`framework list --json`."""
    rows = [
        {
            "id": e.id,
            "name": e.framework.name.get(lang) if e.framework else None,
            "version": e.framework.version if e.framework else None,
            "origin": e.origin,
            "path": e.path,
            "criteria": len(e.framework.criteria) if e.framework else None,
            "red_flags": len(e.framework.red_flags) if e.framework else None,
            "languages": e.framework.languages if e.framework else None,
            "valid": e.problem is None,
            "problem": None if e.problem is None else worded(e.problem, lang),
        }
        for e in entries
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def inventory_table(entries: list[InventoryEntry], lang: str) -> Table:
    """`framework list` as a table."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("col.id", "col.version", "col.origin", "col.criteria", "col.flags"):
        table.add_column(t(column, lang), no_wrap=True)
    table.add_column(t("col.name", lang), min_width=20)
    broken = any(e.problem for e in entries)
    if broken:
        table.add_column(t("col.status", lang), overflow="fold", min_width=24)
    for e in entries:
        fw = e.framework
        table.add_row(
            e.id,
            fw.version if fw else "",
            t(f"origin.{e.origin}", lang),
            str(len(fw.criteria)) if fw else "",
            str(len(fw.red_flags)) if fw else "",
            fw.name.get(lang) if fw else "",
            *(
                [
                    t("status.ok", lang)
                    if e.problem is None
                    else RichText(worded(e.problem, lang), style="red")
                ]
                if broken
                else []
            ),
        )
    return table


def _criteria_table(framework: Framework, lang: str) -> Table:
    total = sum(c.weight for c in framework.criteria)
    table = Table(title=t("framework.criteria", lang), title_justify="left")
    for column in ("col.id", "col.name", "col.weight", "col.critical", "col.question"):
        table.add_column(t(column, lang), overflow="fold")
    for c in framework.criteria:
        table.add_row(
            c.id,
            c.name.get(lang),
            f"{100 * c.weight / total:.0f}%",
            "✱" if c.critical else "",
            c.question.get(lang),
        )
    return table


def _stage_table(framework: Framework, lang: str) -> Table:
    table = Table(title=t("framework.stages", lang), title_justify="left")
    table.add_column(t("col.name", lang))
    for stage in framework.stages:
        table.add_column(stage.name.get(lang), overflow="fold")
    for c in framework.criteria:
        cells = [
            (lv.label.get(lang) if (lv := framework.expected_level(c, s)) else "·")
            for s in framework.stages
        ]
        table.add_row(c.name.get(lang), *cells)
    return table


def _flag_table(flags: list[RedFlag], lang: str) -> Table:
    table = Table(title=t("framework.red_flags", lang), title_justify="left")
    for column in ("col.id", "col.name", "col.effect", "col.question"):
        table.add_column(t(column, lang), overflow="fold")
    for flag in flags:
        effect = t(f"effect.{flag.effect.value}", lang, points=f"{flag.points or 0:g}")
        table.add_row(flag.id, flag.name.get(lang), effect, flag.question.get(lang))
    return table
