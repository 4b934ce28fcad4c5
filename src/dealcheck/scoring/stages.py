"""Honest stages: whether a deal's CRM stage is ahead of what its exit criteria support.

A stage's exit criteria are events (seed 004, The Model: a demo or trial started, we
are selected, …). A deal is really in the first stage whose exit criteria have not all
happened; a CRM stage past it is ahead of the facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dealcheck.language.framework import ExitCheck, Framework, Stage
from dealcheck.scoring.answers import Answers


@dataclass(frozen=True, slots=True)
class StageCheck:
    """The deal's stage, the stage its exit criteria support, and the events missing."""

    framework_id: str
    stage: Stage
    supported: Stage
    missing: tuple[ExitCheck, ...]


def stage_check(
    frameworks: list[Framework], answers: Mapping[str, Answers], stage: str | None
) -> StageCheck | None:
    """Where the CRM stage runs ahead of the exit criteria, per the first framework with them.

    Exit checks are answered under any framework in play (by id); only a `yes` counts.
    """
    said: dict[str, bool | None] = {}
    for given in answers.values():
        said.update({k: v for k, v in given.exits.items() if v is not None})
    for framework in frameworks:
        if not stage or not any(s.exit_criteria for s in framework.stages):
            continue
        current = framework.stage(stage)
        if current is None:
            return None
        for earlier in framework.stages[: framework.stages.index(current)]:
            missing = tuple(c for c in earlier.exit_criteria if said.get(c.id) is not True)
            if missing:
                return StageCheck(framework.id, current, earlier, missing)
        return None
    return None
