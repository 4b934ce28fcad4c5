"""Ask the basics of a deal: name, company, amount and currency, stage, close date, owner.

A new deal's basics are handed to `on_change` after every field (the caller saves them
to the draft), so Ctrl-C halfway through loses nothing. Re-qualifying asks only what
moves between calls: the stage, the expected close date and the amount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dealcheck.deals.amounts import AmountError, read_amount
from dealcheck.deals.model import DealBasics
from dealcheck.errors import worded
from dealcheck.i18n import t
from dealcheck.interview.prompter import Choice, Prompter

BasicsSaver = Callable[[DealBasics], None]


def ask_basics(
    prompter: Prompter,
    *,
    lang: str,
    stages: list[Choice],
    default_stage: str | None = None,
    typed: DealBasics | None = None,
    on_change: BasicsSaver | None = None,
) -> DealBasics:
    """Ask for a new deal's basics; the name is required, everything else may stay blank.

    Args:
        prompter: How to ask.
        lang: Language of the prompts.
        stages: Stage choices (id and display name), empty when no framework has stages.
        default_stage: Stage preselected (e.g. from `--stage`); not asked then.
        typed: Basics typed before an interruption: each is the default of its question.
        on_change: Called with the basics so far after each answer, from the name on.
    """
    prompter.note(t("basics.title", lang))
    name = ""
    while not name:
        name = prompter.text(t("basics.name", lang), default=typed.name if typed else "").strip()
    basics = typed.model_copy(update={"name": name}) if typed else DealBasics(name=name)

    def keep(**changes: object) -> None:
        nonlocal basics
        basics = basics.model_copy(update=changes)
        if on_change is not None:
            on_change(basics)

    keep()
    keep(company=prompter.text(t("basics.company", lang), default=basics.company).strip())
    keep(amount=_ask_amount(prompter, lang, basics.amount))
    currency = basics.currency or ("KRW" if lang == "ko" else "USD")
    keep(
        currency=prompter.text(t("basics.currency", lang), default=currency).strip().upper() or None
    )
    stage = default_stage or basics.stage
    if stages and default_stage is None:
        stage = prompter.select(t("basics.stage", lang), stages, default=stage or stages[0].value)
    keep(stage=stage)
    keep(close_date=_ask_optional_date(prompter, lang, basics.close_date))
    keep(owner=prompter.text(t("basics.owner", lang), default=basics.owner).strip())
    return basics


def confirm_basics(
    prompter: Prompter,
    basics: DealBasics,
    *,
    lang: str,
    stages: list[Choice],
    today: dt.date,
    stage_given: bool = False,
) -> DealBasics:
    """Ask whether the stage, close date and amount still hold; Enter keeps each.

    Args:
        prompter: How to ask.
        basics: The deal's current basics (the defaults).
        lang: Language of the prompts.
        stages: Stage choices; the stage is not asked when empty or `stage_given`.
        today: To flag a close date that has passed.
        stage_given: `--stage` was given on the command line.
    """
    prompter.note(t("basics.still_hold", lang))
    stage = basics.stage
    if stages and not stage_given:
        known = {c.value for c in stages}
        stage = prompter.select(
            t("basics.stage", lang), stages, default=stage if stage in known else stages[0].value
        )
    if basics.close_date is not None and close_date_passed(basics, today=today):
        prompter.note(t("basics.close_passed", lang, basics.close_date.isoformat()))
    close_date = _ask_optional_date(prompter, lang, basics.close_date)
    amount = _ask_amount(prompter, lang, basics.amount)
    return basics.model_copy(update={"stage": stage, "close_date": close_date, "amount": amount})


CLOSED_STAGES = ("won", "lost", "closed")
"""Stage ids of a deal that is over: its close date is history, not a warning."""


def close_date_passed(
    basics: DealBasics, stage: str | None = None, today: dt.date | None = None
) -> bool:
    """Whether an open deal's expected close date is before today."""
    if basics.close_date is None or (stage or basics.stage) in CLOSED_STAGES:
        return False
    return basics.close_date < (today or dt.date.today())


def _ask_amount(prompter: Prompter, lang: str, current: float | None) -> float | None:
    shown = (
        "" if current is None else f"{current:g}" if current != int(current) else str(int(current))
    )
    while True:
        typed = prompter.text(t("basics.amount", lang), default=shown).strip()
        try:
            value = read_amount(typed, in_mapping=False)
        except AmountError as error:
            prompter.note(t("basics.bad_amount", lang, typed, worded(error.args[0], lang)))
            continue
        if value is None:
            return None
        if value >= 0:
            return int(value) if value == int(value) else value
        prompter.note(t("basics.negative_amount", lang, typed))


def _ask_optional_date(prompter: Prompter, lang: str, current: dt.date | None) -> dt.date | None:
    shown = current.isoformat() if current else ""
    while True:
        typed = prompter.text(t("basics.close_date", lang), default=shown).strip()
        if not typed:
            return None
        try:
            return dt.date.fromisoformat(typed)
        except ValueError:
            prompter.note(t("interview.bad_date", lang, typed))
