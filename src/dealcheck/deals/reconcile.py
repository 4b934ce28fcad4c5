"""Move answers between the deal file shape and the interview's keyed shape.

When a framework changed since a draft or the last qualification (a criterion added
or removed), answers are matched by id: matching ones are kept, new questions are
asked, and answers to questions that no longer exist are dropped and reported.
"""

from __future__ import annotations

from collections.abc import Mapping

from dealcheck.deals.model import AnswerRecord, ExitRecord, FlagAnswer, FrameworkAnswers
from dealcheck.interview.walk import Answer, Key
from dealcheck.language.framework import Framework
from dealcheck.scoring.answers import CriterionAnswer, ExitAnswer


def to_keyed(answers: Mapping[str, FrameworkAnswers]) -> dict[Key, Answer]:
    """Deal-file answers as (framework, kind, id) -> answer."""
    keyed: dict[Key, Answer] = {}
    for framework_id, given in answers.items():
        for criterion_id, record in given.criteria.items():
            keyed[(framework_id, "criteria", criterion_id)] = record.to_answer()
        for flag_id, flag in given.red_flags.items():
            keyed[(framework_id, "red_flags", flag_id)] = {"yes": True, "no": False}.get(flag)
        for check_id, check in given.exit_criteria.items():
            keyed[(framework_id, "exit_criteria", check_id)] = check.to_answer()
    return keyed


def from_keyed(
    keyed: Mapping[Key, Answer], frameworks: list[Framework]
) -> dict[str, FrameworkAnswers]:
    """Keyed answers back in the deal-file shape, in framework order; ids only."""
    shaped: dict[str, FrameworkAnswers] = {}
    for framework in frameworks:
        criteria = {
            c.id: AnswerRecord.of(answer)
            for c in framework.criteria
            if isinstance(answer := keyed.get((framework.id, "criteria", c.id)), CriterionAnswer)
        }
        flags = _yes_no(keyed, framework.id, "red_flags", [f.id for f in framework.red_flags])
        exits = {
            check_id: ExitRecord.of(answer)
            for check_id in exit_ids(framework)
            if isinstance(
                answer := keyed.get((framework.id, "exit_criteria", check_id)), ExitAnswer
            )
        }
        shaped[framework.id] = FrameworkAnswers(
            criteria=criteria, red_flags=flags, exit_criteria=exits
        )
    return shaped


def exit_ids(framework: Framework) -> list[str]:
    """The ids of every stage exit check of a framework, in stage order."""
    return [c.id for stage in framework.stages for c in stage.exit_criteria]


def _yes_no(
    keyed: Mapping[Key, Answer], framework_id: str, kind: str, ids: list[str]
) -> dict[str, FlagAnswer]:
    said: dict[str, FlagAnswer] = {}
    for item in ids:
        if (key := (framework_id, kind, item)) in keyed:
            value = keyed[key]
            said[item] = "unknown" if value is None else "yes" if value is True else "no"
    return said


def reconcile(
    keyed: Mapping[Key, Answer], frameworks: list[Framework]
) -> tuple[dict[Key, Answer], list[str]]:
    """Keep the answers whose question still exists; return them and the dropped ids.

    Dropped ids read `framework/criterion` so the rep can tell where they came from.
    Answers to frameworks not asked this time are left out silently.
    """
    known = {
        (f.id, kind, item)
        for f in frameworks
        for kind, items in (
            ("criteria", [c.id for c in f.criteria]),
            ("red_flags", [r.id for r in f.red_flags]),
            ("exit_criteria", exit_ids(f)),
        )
        for item in items
    }
    asked = {f.id for f in frameworks}
    kept = {k: v for k, v in keyed.items() if k in known}
    dropped = [f"{k[0]}/{k[2]}" for k in keyed if k not in known and k[0] in asked]
    return kept, dropped
