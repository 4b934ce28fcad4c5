"""Ask the basics of a new deal: name, company, amount and currency, stage, close date, owner."""

from __future__ import annotations

import datetime as dt

from dealcheck.deals.model import DealBasics
from dealcheck.i18n import t
from dealcheck.interview.prompter import Choice, Prompter


def ask_basics(
    prompter: Prompter, *, lang: str, stages: list[Choice], default_stage: str | None = None
) -> DealBasics:
    """Ask for a new deal's basics; the name is required, everything else may stay blank.

    Args:
        prompter: How to ask.
        lang: Language of the prompts.
        stages: Stage choices (id and display name), empty when no framework has stages.
        default_stage: Stage preselected (e.g. from `--stage`).
    """
    prompter.note(t("basics.title", lang))
    name = ""
    while not name:
        name = prompter.text(t("basics.name", lang)).strip()
    company = prompter.text(t("basics.company", lang)).strip()
    amount = _ask_amount(prompter, lang)
    currency = prompter.text(t("basics.currency", lang), default="KRW" if lang == "ko" else "USD")
    stage = default_stage
    if stages and stage is None:
        stage = prompter.select(t("basics.stage", lang), stages, default=stages[0].value)
    close_date = _ask_optional_date(prompter, lang)
    owner = prompter.text(t("basics.owner", lang)).strip()
    return DealBasics(
        name=name,
        company=company,
        amount=amount,
        currency=currency.strip().upper() or None,
        stage=stage,
        close_date=close_date,
        owner=owner,
    )


def _ask_amount(prompter: Prompter, lang: str) -> float | None:
    while True:
        typed = prompter.text(t("basics.amount", lang)).strip().replace(",", "")
        if not typed:
            return None
        try:
            value = float(typed)
        except ValueError:
            value = -1.0
        if value >= 0:
            return value
        prompter.note(t("basics.bad_amount", lang, typed))


def _ask_optional_date(prompter: Prompter, lang: str) -> dt.date | None:
    while True:
        typed = prompter.text(t("basics.close_date", lang)).strip()
        if not typed:
            return None
        try:
            return dt.date.fromisoformat(typed)
        except ValueError:
            prompter.note(t("interview.bad_date", lang, typed))
