"""`qualify --story`: ask the value story after the criteria, in seed 000's order.

Before and after, the metric, the value driver, the capabilities agreed, how we
deliver, our differentiators, proof points with where each is shown (the order of
seed 000's chapters and its closing mantra), then the next step agreed (seed 001: a
call ends with one). Every
statement is followed by who said it, because only what the customer said or wrote
is recapped to them as agreed. Each answer is saved through `save` as it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dealcheck.deals.story import NextStep, ProofPoint, Statement, ValueDriver, ValueStory
from dealcheck.i18n import t
from dealcheck.interview.prompter import BACK, Choice, Prompter
from dealcheck.scoring.answers import EvidenceSource

NONE = "none"
KINDS = ("meeting", "demo", "proposal", "negotiation", "signature")


FIELDS = (
    "before",
    "after",
    "metric",
    "value_driver",
    "capabilities",
    "delivery",
    "differentiators",
    "proof_points",
    "next_step",
)
"""The story's questions in the order asked; a draft counts how many were answered."""


def ask_story(
    prompter: Prompter,
    lang: str,
    story: ValueStory | None,
    next_step: NextStep | None,
    save: Callable[[dict[str, Any]], None],
    start: int = 0,
) -> dict[str, Any]:
    """Ask the value story and next step; return the deal fields to update.

    `save` gets the story, the next step and `story_asked` (how many questions are
    answered) after every answer; a resumed draft passes that count as `start`, so the
    walk continues at the question it stopped on. `←` in the value driver menu goes back
    to the metric; in "who said it?" it goes back to the statement.
    """
    current = story.model_copy(deep=True) if story else ValueStory()
    index = min(max(start, 0), len(FIELDS))
    values: dict[str, Any] = {"story": current, "next_step": next_step, "story_asked": index}
    prompter.note(t("story.title", lang))
    while index < len(FIELDS):
        field = FIELDS[index]
        if field == "value_driver":
            driver = _value_driver(prompter, lang, current.value_driver)
            if driver == BACK:
                index -= 1
                continue
            current.value_driver = None if driver == NONE else ValueDriver(driver)
        elif field in ("capabilities", "differentiators"):
            setattr(current, field, _statements(prompter, lang, field, getattr(current, field)))
        elif field == "proof_points":
            current.proof_points = _proof_points(prompter, lang, current.proof_points, values, save)
        elif field == "next_step":
            values["next_step"] = _next_step(prompter, lang, values["next_step"])
        else:
            setattr(current, field, _statement(prompter, lang, field, getattr(current, field)))
        index += 1
        values["story_asked"] = index
        save(values)
    step = values["next_step"]
    return {"story": current, **({"next_step": step} if step is not None else {})}


def _value_driver(prompter: Prompter, lang: str, current: ValueDriver | None) -> str:
    drivers = [Choice(d.value, t(f"driver.{d.value}", lang)) for d in ValueDriver]
    drivers.append(Choice(NONE, t("story.not_known", lang)))
    drivers.append(Choice(BACK, t("interview.back", lang)))
    was = current.value if current else NONE
    return prompter.select(t("story.ask.value_driver", lang), drivers, default=was)


def _source(
    prompter: Prompter, lang: str, default: EvidenceSource | None, *, back: bool = False
) -> EvidenceSource | None:
    """Who said it; None when the rep picks ← (only offered with `back`)."""
    sources = (EvidenceSource.CUSTOMER, EvidenceSource.DOCUMENT, EvidenceSource.BELIEF)
    choices = [Choice(s.value, t(f"story.source.{s.value}", lang)) for s in sources]
    if back:
        choices.append(Choice(BACK, t("interview.back", lang)))
    picked = prompter.select(
        t("story.ask.source", lang), choices, default=(default or EvidenceSource.BELIEF).value
    )
    return None if picked == BACK else EvidenceSource(picked)


def _statement(
    prompter: Prompter, lang: str, field: str, current: Statement | None
) -> Statement | None:
    text = current.text if current else ""
    while True:
        text = prompter.text(t(f"story.ask.{field}", lang), default=text).strip()
        if not text:
            return None
        source = _source(prompter, lang, current.source if current else None, back=True)
        if source is not None:
            return Statement(text=text, source=source)


def _statements(
    prompter: Prompter, lang: str, field: str, current: list[Statement]
) -> list[Statement]:
    shown = "; ".join(s.text for s in current)
    text = prompter.text(t(f"story.ask.{field}", lang), default=shown)
    items = [part.strip() for part in text.split(";") if part.strip()]
    if not items:
        return []
    if [s.text for s in current] == items:
        return current
    source = _source(prompter, lang, current[0].source if current else None)
    return [Statement(text=item, source=source or EvidenceSource.BELIEF) for item in items]


def _proof_points(
    prompter: Prompter,
    lang: str,
    current: list[ProofPoint],
    values: dict[str, Any],
    save: Callable[[dict[str, Any]], None],
) -> list[ProofPoint]:
    """Reference customers or results, then where each is shown (its source)."""
    shown = "; ".join(p.text for p in current)
    text = prompter.text(t("story.ask.proof_points", lang), default=shown)
    items = [part.strip() for part in text.split(";") if part.strip()]
    known = {p.text: p.reference for p in current}
    points = [ProofPoint(text=item, reference=known.get(item)) for item in items]
    story: ValueStory = values["story"]
    for index, point in enumerate(points):
        story.proof_points = points
        save(values)
        where = prompter.text(
            t("story.ask.proof_reference", lang, point.text), default=point.reference or ""
        ).strip()
        points[index] = point.model_copy(update={"reference": where or None})
    return points


def _next_step(prompter: Prompter, lang: str, current: NextStep | None) -> NextStep | None:
    text = prompter.text(t("story.ask.next_step", lang), default=current.text if current else "")
    if not text.strip():
        return None
    date = _date(prompter, lang, current.date if current else None)
    kinds = [Choice(k, t(f"story.kind.{k}", lang)) for k in KINDS]
    kind = prompter.select(
        t("story.ask.kind", lang), kinds, default=current.kind if current else "meeting"
    )
    source = _source(prompter, lang, current.source if current else None)
    return NextStep(text=text.strip(), date=date, kind=kind, source=source)  # type: ignore[arg-type]


def _date(prompter: Prompter, lang: str, current: dt.date | None) -> dt.date | None:
    while True:
        answer = prompter.text(
            t("story.ask.date", lang), default=current.isoformat() if current else ""
        )
        if not answer.strip():
            return None
        try:
            return dt.date.fromisoformat(answer.strip())
        except ValueError:
            prompter.note(t("plan.bad_date", lang, answer.strip()))
