"""Move answers between the deal file shape and the interview's keyed shape.

When a framework changed since a draft or the last qualification (a criterion added
or removed), answers are matched by id: matching ones are kept, new questions are
asked, and answers to questions that no longer exist are dropped and reported.
"""

from __future__ import annotations

from collections.abc import Mapping

from dealcheck.deals.model import AnswerRecord, FlagAnswer, FrameworkAnswers
from dealcheck.interview.walk import Answer, Key
from dealcheck.language.framework import Framework
from dealcheck.scoring.answers import CriterionAnswer


def to_keyed(answers: Mapping[str, FrameworkAnswers]) -> dict[Key, Answer]:
    """Deal-file answers as (framework, kind, id) -> answer."""
    keyed: dict[Key, Answer] = {}
    for framework_id, given in answers.items():
        for criterion_id, record in given.criteria.items():
            keyed[(framework_id, "criteria", criterion_id)] = record.to_answer()
        for flag_id, flag in given.red_flags.items():
            keyed[(framework_id, "red_flags", flag_id)] = {"yes": True, "no": False}.get(flag)
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
        flags: dict[str, FlagAnswer] = {}
        for flag in framework.red_flags:
            key = (framework.id, "red_flags", flag.id)
            if key in keyed:
                value = keyed[key]
                flags[flag.id] = "unknown" if value is None else "yes" if value is True else "no"
        shaped[framework.id] = FrameworkAnswers(criteria=criteria, red_flags=flags)
    return shaped


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
        for kind, items in (("criteria", f.criteria), ("red_flags", f.red_flags))
        for item in (i.id for i in items)
    }
    asked = {f.id for f in frameworks}
    kept = {k: v for k, v in keyed.items() if k in known}
    dropped = [f"{k[0]}/{k[2]}" for k in keyed if k not in known and k[0] in asked]
    return kept, dropped
