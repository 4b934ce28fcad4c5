"""Walk a rep through the criteria, red flags and stage exit checks of frameworks, one at a time.

Pure logic over the `Prompter` protocol. Every finished answer is handed to
`on_answer` at once (the caller saves a draft), so Ctrl-C loses at most the question
on screen. Previous answers are the defaults: Enter keeps them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from dealcheck.i18n import t
from dealcheck.interview.prompter import BACK, SKIP, Choice, Prompter
from dealcheck.language.framework import UNKNOWN, Criterion, ExitCheck, Framework, RedFlag
from dealcheck.scoring.answers import CriterionAnswer, EvidenceSource, ExitAnswer
from dealcheck.scoring.stages import REP_WORD

Key = tuple[str, str, str]
A = TypeVar("A", CriterionAnswer, ExitAnswer)
"""(framework id, "criteria", "red_flags" or "exit_criteria", criterion, flag or check id)."""
Answer = CriterionAnswer | ExitAnswer | bool | None
"""A criterion answer, an exit check answer, or a red flag answer (True yes, False no,
None unknown)."""

ASKED_SOURCES = (EvidenceSource.BELIEF, EvidenceSource.CUSTOMER, EvidenceSource.DOCUMENT)


@dataclass(frozen=True)
class Step:
    """One question of the interview: a criterion, a red flag or a stage exit check."""

    framework: Framework
    criterion: Criterion | None = None
    flag: RedFlag | None = None
    exit: ExitCheck | None = None

    @property
    def key(self) -> Key:
        """Where the answer is stored."""
        if self.criterion is not None:
            return (self.framework.id, "criteria", self.criterion.id)
        if self.exit is not None:
            return (self.framework.id, "exit_criteria", self.exit.id)
        assert self.flag is not None
        return (self.framework.id, "red_flags", self.flag.id)

    def title(self, lang: str) -> str:
        """Short name for the progress line."""
        if self.criterion is not None:
            return self.criterion.name.get(lang)
        if self.exit is not None:
            return f"{t('interview.exit_check', lang)}: {self.exit.name.get(lang)}"
        assert self.flag is not None
        return f"{t('interview.red_flag', lang)}: {self.flag.name.get(lang)}"


def steps_for(frameworks: list[Framework]) -> list[Step]:
    """Every question of the frameworks, in order: criteria first, then red flags.

    A red flag shared by several frameworks (same id) is asked once, with the first.
    """
    steps: list[Step] = []
    asked: set[str] = set()
    for framework in frameworks:
        steps += [Step(framework, criterion=c) for c in framework.criteria]
        steps += [Step(framework, flag=f) for f in framework.red_flags if f.id not in asked]
        asked.update(f.id for f in framework.red_flags)
    return steps


def exit_steps(
    frameworks: list[Framework], stage: str | None, met: Mapping[Key, Answer]
) -> list[Step]:
    """The stage exit checks to ask, after every other question.

    Those of the deal's stage, and those of earlier stages not yet met (`met` holds
    the answers so far: an earlier check already answered yes, on more than the rep's
    word, is not asked again).
    Only frameworks whose stages carry exit criteria ask anything; a check shared by
    several frameworks (same id) is asked once.
    """
    steps: list[Step] = []
    asked: set[str] = set()
    for framework in frameworks:
        current = framework.stage(stage) if stage else None
        if current is None:
            continue
        for earlier in framework.stages[: framework.stages.index(current) + 1]:
            for check in earlier.exit_criteria:
                said = met.get((framework.id, "exit_criteria", check.id))
                done = (
                    earlier is not current
                    and isinstance(said, ExitAnswer)
                    and said.happened is True
                    and said.source not in REP_WORD
                )
                if check.id not in asked and not done:
                    steps.append(Step(framework, exit=check))
                asked.add(check.id)
    return steps


class _Stopped(Exception):
    """Ctrl-C (or the end of input) part way through an answer, with what was given of it.

    The rep's evidence is kept as the rep's own word: no source was given for it yet.
    """

    def __init__(self, answer: Answer, stop: BaseException) -> None:
        super().__init__()
        self.answer, self.stop = answer, stop


def interview(
    steps: list[Step],
    prompter: Prompter,
    *,
    lang: str,
    today: dt.date,
    defaults: Mapping[Key, Answer] | None = None,
    given: Mapping[Key, Answer] | None = None,
    on_answer: Callable[[dict[Key, Answer], Key | None], None] | None = None,
    resume_at: Key | None = None,
) -> dict[Key, Answer]:
    """Ask every step not yet answered; return all answers.

    Args:
        steps: The questions, from `steps_for`.
        prompter: How to ask.
        lang: Language of the prompts.
        today: The default confirmation date.
        defaults: Answers of the previous qualification (Enter keeps them).
        given: Answers already given in this qualification (a resumed draft); the walk
            starts at the first step without one, and going back reaches them.
        on_answer: Called with all answers so far after each answer, and the step
            stopped in mid-answer (its level kept as the rep's word), if any.
        resume_at: The step a resumed draft stopped in mid-answer: asked again first,
            with what was kept of it.
    """
    answers: dict[Key, Answer] = dict(given or {})
    previous = defaults or {}
    index = next((i for i, s in enumerate(steps) if s.key not in answers), len(steps))
    index = next((i for i, s in enumerate(steps) if s.key == resume_at), index)
    shown_section = ""
    while index < len(steps):
        step = steps[index]
        if step.framework.id != shown_section:
            prompter.note(f"── {step.framework.name.get(lang)} ──")
            shown_section = step.framework.id
        default = answers.get(step.key, previous.get(step.key))
        progress = f"{index + 1}/{len(steps)} · {step.title(lang)}"
        try:
            answer = _ask_step(step, prompter, progress, default, lang, today)
        except _Stopped as stopped:
            # Ctrl-C after the level (or yes) was picked: what was given of it is kept.
            answers[step.key] = stopped.answer
            if on_answer is not None:
                on_answer(dict(answers), step.key)
            raise stopped.stop from None
        if answer == BACK:
            if index == 0:
                prompter.note(t("interview.first", lang))
            index = max(0, index - 1)
            continue
        if answer == SKIP:
            answer = answers.get(step.key, default)
            if answer is None and step.criterion is not None:
                answer = CriterionAnswer()
            elif answer is None and step.exit is not None:
                answer = ExitAnswer()
        assert not isinstance(answer, str)
        answers[step.key] = answer
        if on_answer is not None:
            on_answer(dict(answers), None)
        index += 1
    return answers


def _ask_step(
    step: Step, prompter: Prompter, progress: str, default: Answer, lang: str, today: dt.date
) -> Answer | str:
    if step.criterion is not None:
        return _ask_criterion(
            step.framework, step.criterion, prompter, progress, default, lang, today
        )
    if step.exit is not None:
        return _ask_exit(step.exit, prompter, progress, default, lang, today)
    assert step.flag is not None
    return _ask_yes_no(step.flag.question.get(lang), prompter, progress, default, lang)


def _navigation(lang: str) -> list[Choice]:
    return [
        Choice(BACK, t("interview.back", lang)),
        Choice(SKIP, t("interview.skip", lang)),
    ]


def _ask_criterion(
    framework: Framework,
    criterion: Criterion,
    prompter: Prompter,
    progress: str,
    default: Answer,
    lang: str,
    today: dt.date,
) -> CriterionAnswer | str:
    before = default if isinstance(default, CriterionAnswer) else CriterionAnswer()
    choices = [
        Choice(
            level.id,
            level.label.get(lang),
            (criterion.levels.get(level.id) or level.description).get(lang),
        )
        for level in framework.scale_of(criterion).root
    ]
    choices.append(Choice(UNKNOWN, t("interview.unknown", lang)))
    message = f"{progress}  {criterion.question.get(lang)}"
    level = prompter.select(message, [*choices, *_navigation(lang)], default=before.level)
    if level in (BACK, SKIP):
        return level
    if level == UNKNOWN:
        return CriterionAnswer()
    message = f"{t('interview.evidence', lang)} ({criterion.evidence_prompt.get(lang)})"
    return _ask_evidence(message, prompter, lang, today, before, partial(CriterionAnswer, level))


def _ask_exit(
    check: ExitCheck,
    prompter: Prompter,
    progress: str,
    default: Answer,
    lang: str,
    today: dt.date,
) -> ExitAnswer | str:
    """Yes, no or unknown; a yes then asks what shows it, who vouches for it and when."""
    before = default if isinstance(default, ExitAnswer) else ExitAnswer()
    happened = _ask_yes_no(check.question.get(lang), prompter, progress, before.happened, lang)
    if happened in (BACK, SKIP):
        assert isinstance(happened, str)
        return happened
    if happened is not True:
        return ExitAnswer(happened if isinstance(happened, bool) else None)
    message = t("interview.exit_evidence", lang)
    return _ask_evidence(message, prompter, lang, today, before, partial(ExitAnswer, True))


def _ask_evidence(
    message: str,
    prompter: Prompter,
    lang: str,
    today: dt.date,
    before: CriterionAnswer | ExitAnswer,
    answer: Callable[[str, EvidenceSource, dt.date | None], A],
) -> A:
    """The answer with its evidence, source and (unless the rep's belief) confirmation day.

    `before` offers the evidence, source and date on record; `answer` makes the answer.

    Raises:
        _Stopped: Ctrl-C (or the end of input) on the way, with the answer holding the
            evidence typed so far (the one on record, before it is typed) as the rep's
            own word.
    """
    typed = before.evidence
    try:
        typed = prompter.text(message, default=before.evidence).strip()
        default = before.source if before.source in ASKED_SOURCES else EvidenceSource.BELIEF
        picked = EvidenceSource(
            prompter.select(
                t("interview.source", lang),
                [Choice(s.value, t(f"source.{s.value}", lang)) for s in ASKED_SOURCES],
                default=default.value,
            )
        )
        confirmed = None
        if picked is not EvidenceSource.BELIEF:
            confirmed = _ask_date(prompter, lang, min(before.confirmed_on or today, today), today)
    except (KeyboardInterrupt, EOFError) as stop:
        raise _Stopped(answer(typed, EvidenceSource.BELIEF, None), stop) from None
    return answer(typed, picked, confirmed)


def _ask_date(prompter: Prompter, lang: str, default: dt.date, today: dt.date) -> dt.date:
    """The day the evidence was confirmed: a date, and not after today."""
    while True:
        typed = prompter.text(t("interview.confirmed_on", lang), default=default.isoformat())
        try:
            day = dt.date.fromisoformat(typed.strip())
        except ValueError:
            prompter.note(t("interview.bad_date", lang, typed))
            continue
        if day <= today:
            return day
        prompter.note(t("interview.future_date", lang, day.isoformat(), today.isoformat()))


def _ask_yes_no(
    question: str, prompter: Prompter, progress: str, default: Answer, lang: str
) -> bool | str | None:
    current = (
        {True: "yes", False: "no"}.get(default, UNKNOWN) if isinstance(default, bool) else UNKNOWN
    )
    choices = [
        Choice("yes", t("yes", lang)),
        Choice("no", t("no", lang)),
        Choice(UNKNOWN, t("interview.flag_unknown", lang)),
        *_navigation(lang),
    ]
    picked = prompter.select(f"{progress}  {question}", choices, default=current)
    if picked in (BACK, SKIP):
        return picked
    return None if picked == UNKNOWN else picked == "yes"
