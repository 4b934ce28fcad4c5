"""The terminal call plan (rich): goal, questions, why buy/now/us, next actions, recap."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from dealcheck.deals.call_plan import CallPlan
from dealcheck.i18n import t

WHY_STYLE = {"ok": "green", "weak": "yellow", "unassessed": "dim"}


def call_plan_renderable(plan: CallPlan, lang: str) -> Group:
    """The call plan as one rich renderable, readable without colour."""
    parts: list[RenderableType] = [
        RichText(t("prep.title", lang, name=plan.deal_name), style="bold underline"),
        RichText(""),
        RichText(t("prep.goal", lang), style="bold"),
        RichText(f"  {plan.goal}"),
        RichText(""),
        RichText(t("prep.questions", lang), style="bold"),
    ]
    parts += [RichText(f"  {i}. {q}") for i, q in enumerate(plan.questions, 1)]
    parts.append(RichText(f"  {t('prep.why', lang)}", style="bold"))
    for theme in plan.why:
        parts.append(
            RichText.assemble(
                f"    {t(f'prep.{theme.theme}', lang)}: ",
                (t(f"prep.why_{theme.state}", lang), WHY_STYLE[theme.state]),
            )
        )
        parts += [RichText(f"      - {q}") for q in theme.questions]
    parts += [RichText(""), RichText(t("prep.actions", lang), style="bold")]
    for key, actions in (("prep.ours", plan.ours), ("prep.theirs", plan.theirs)):
        parts.append(RichText(f"  {t(key, lang)}"))
        parts += [RichText(f"    [ ] {a}") for a in actions]
    parts += [RichText(""), RichText(t("prep.mantra", lang), style="bold")]
    for i, part in enumerate(plan.mantra, 1):
        label = f"  {i}. {t(f'mantra.{part.part}', lang)}: "
        if part.evidence:
            parts.append(RichText(label + part.evidence))
        else:
            parts.append(
                RichText.assemble(label, (t("prep.missing", lang, part.ask), "italic yellow"))
            )
    return Group(*parts)
