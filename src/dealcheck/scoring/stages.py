"""Honest stages: whether a deal's CRM stage is ahead of what its exit criteria support.

A stage's exit criteria are events (seed 004, The Model: a demo or trial started, we
are selected, …). A deal is really in the first stage whose exit criteria have not all
happened; a CRM stage past it is ahead of the facts.

Evidence counts here as in scoring: a `yes` that rests on the rep's word alone (source
`belief` or `crm`) does not move the stage. Seed 001's fact check ("am I the only one
who believes this deal will close?") is exactly a stage the rep alone believes in, and
seed 004 judges a stage by events the customer takes part in (a demo, a comparison, a
selection, a signature), which the customer or a document can confirm. A `yes` with no
source at all (files written before exit checks took evidence) still counts. Events do
not go stale: a demo that started has started.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dealcheck.language.framework import ExitCheck, Framework, Stage
from dealcheck.scoring.answers import REP_WORD, Answers, ExitAnswer

__all__ = ["REP_WORD", "ExitStatus", "StageCheck", "exit_statuses", "stage_check"]


@dataclass(frozen=True, slots=True)
class ExitStatus:
    """One exit check of the deal's stage or an earlier one, with its answer."""

    check: ExitCheck
    stage: Stage
    answer: ExitAnswer

    @property
    def rep_word_only(self) -> bool:
        """Answered yes, on the rep's word alone: claimed, not counted."""
        return self.answer.happened is True and self.answer.source in REP_WORD

    @property
    def counts(self) -> bool:
        """Whether the event counts as having happened for the stage."""
        return self.answer.happened is True and not self.rep_word_only


@dataclass(frozen=True, slots=True)
class StageCheck:
    """The deal's stage, the stage its exit criteria support, and the events missing.

    `rep_word_only` are the missing events answered yes on the rep's word alone.
    """

    framework_id: str
    stage: Stage
    supported: Stage
    missing: tuple[ExitCheck, ...]
    rep_word_only: tuple[ExitCheck, ...] = ()


def exit_statuses(
    frameworks: list[Framework], answers: Mapping[str, Answers], stage: str | None
) -> tuple[ExitStatus, ...]:
    """The exit checks up to the deal's stage, per the first framework with them.

    Exit checks are answered under any framework in play (by id); the first answer
    that says yes or no wins.
    """
    said = _said(answers)
    for framework in frameworks:
        if not stage or not any(s.exit_criteria for s in framework.stages):
            continue
        current = framework.stage(stage)
        if current is None:
            return ()
        upto = framework.stages[: framework.stages.index(current) + 1]
        return tuple(
            ExitStatus(check, each, said.get(check.id, _UNKNOWN))
            for each in upto
            for check in each.exit_criteria
        )
    return ()


def stage_check(
    frameworks: list[Framework], answers: Mapping[str, Answers], stage: str | None
) -> StageCheck | None:
    """Where the CRM stage runs ahead of the exit criteria, per the first framework with them.

    Exit checks are answered under any framework in play (by id); only a `yes` that is
    not the rep's word alone counts.
    """
    said = _said(answers)
    for framework in frameworks:
        if not stage or not any(s.exit_criteria for s in framework.stages):
            continue
        current = framework.stage(stage)
        if current is None:
            return None
        for earlier in framework.stages[: framework.stages.index(current)]:
            statuses = [
                ExitStatus(c, earlier, said.get(c.id, _UNKNOWN)) for c in earlier.exit_criteria
            ]
            missing = tuple(s.check for s in statuses if not s.counts)
            if missing:
                believed = tuple(s.check for s in statuses if s.rep_word_only)
                return StageCheck(framework.id, current, earlier, missing, believed)
        return None
    return None


_UNKNOWN = ExitAnswer()


def _said(answers: Mapping[str, Answers]) -> dict[str, ExitAnswer]:
    said: dict[str, ExitAnswer] = {}
    for given in answers.values():
        for check_id, answer in given.exits.items():
            if answer.happened is not None:
                said.setdefault(check_id, answer)
    return said
