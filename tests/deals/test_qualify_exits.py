"""Honest stages in `qualify`: the deal stage's exit checks are asked after the criteria.

The Model (seed 004) names, per stage, the events that must have happened to leave
it. A rep who says stage 2 is asked whether stage 1 and stage 2 events happened;
on re-qualify the previous answers are the defaults and met checks of earlier stages
are not asked again. A "yes" asks what shows it, who vouches for it and when; a "yes"
on the rep's belief alone is not a met check: it is asked again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.qualify import QualifyInterrupted, QualifyRequest, qualify
from tests.interview.scripted import ENTER, INTERRUPT, ScriptedPrompter

TODAY = dt.date(2025, 5, 2)
BASICS = ["Acme Platform", "Acme", "120000", ENTER, "problem-recognised", "2025-09-30", "Jane"]


def request(tmp_path: Path, **changes: object) -> QualifyRequest:
    values: dict[str, object] = {
        "deal_file": None,
        "frameworks": ["the-model"],
        "default_frameworks": ["the-model"],
        "deals_dir": tmp_path / "deals",
        "team_dir": None,
        "today": TODAY,
        **changes,
    }
    return QualifyRequest(**values)  # type: ignore[arg-type]


def asked_questions(prompter: ScriptedPrompter) -> list[str]:
    return [message for kind, message, _ in prompter.asked if "Stage exit" in message]


def said(exit_criteria: dict[str, object]) -> dict[str, str]:
    """Check id -> yes / no / unknown, whatever evidence came with it."""
    return {k: v.happened for k, v in exit_criteria.items()}  # type: ignore[attr-defined]


# A yes the customer confirmed: evidence, source, date; a yes on belief: evidence, source.
CUSTOMER_YES = ["yes", "Budget owner named Q3 as the deadline", "customer", "2025-04-28"]
BELIEF_YES = ["yes", "I think so", "belief"]


def test_exit_checks_of_the_stage_and_earlier_stages_are_asked_and_saved(
    tmp_path: Path,
) -> None:
    prompter = ScriptedPrompter([*BASICS, *CUSTOMER_YES, *BELIEF_YES, "no", "unknown"])
    outcome = qualify(request(tmp_path), prompter)

    assert [q.split("  ")[0] for q in asked_questions(prompter)] == [
        "1/4 · Stage exit: a business problem we can solve",
        "2/4 · Stage exit: a decision within a set period",
        "3/4 · Stage exit: a demo or trial started",
        "4/4 · Stage exit: a comparison with others started",
    ]
    saved = store.load_deal(outcome.report.path).qualifications[0]
    checks = saved.answers["the-model"].exit_criteria
    assert said(checks) == {
        "problem-we-solve": "yes",
        "decides-in-period": "yes",
        "demo-or-trial-started": "no",
        "comparison-started": "unknown",
    }
    assert checks["problem-we-solve"].model_dump(mode="json", exclude_none=True) == {
        "happened": "yes",
        "evidence": "Budget owner named Q3 as the deadline",
        "source": "customer",
        "confirmed_on": "2025-04-28",
    }
    assert checks["decides-in-period"].source == "belief"
    assert checks["demo-or-trial-started"].model_dump(mode="json", exclude_none=True) == "no"
    # Stage 1's decision timeframe rests on the rep's belief alone: stage 2 is ahead of it.
    check = outcome.report.assessment.stage_check
    assert check is not None
    assert (check.supported.id, [c.id for c in check.rep_word_only]) == (
        "lead",
        ["decides-in-period"],
    )


def test_requalify_keeps_met_checks_and_offers_previous_answers(tmp_path: Path) -> None:
    first = qualify(
        request(tmp_path),
        ScriptedPrompter([*BASICS, *CUSTOMER_YES, *BELIEF_YES, "no", "unknown"]),
    )
    path = first.report.path

    again = ScriptedPrompter([ENTER] * 20)
    qualify(request(tmp_path, deal_file=path, frameworks=[]), again)

    exits = [(m.split("  ")[0], d) for k, m, d in again.asked if "Stage exit" in m]
    # The customer-confirmed stage-1 event is met; the one only the rep believes is not.
    assert exits == [
        ("1/3 · Stage exit: a decision within a set period", "yes"),
        ("2/3 · Stage exit: a demo or trial started", "no"),
        ("3/3 · Stage exit: a comparison with others started", "unknown"),
    ]
    evidence = [d for k, m, d in again.asked if m.startswith("What shows it happened")]
    assert evidence == ["I think so"]  # the previous evidence is the default
    latest = store.load_deal(path).qualifications[-1].answers["the-model"].exit_criteria
    assert said(latest)["problem-we-solve"] == "yes"
    assert latest["problem-we-solve"].source == "customer"
    assert said(latest)["demo-or-trial-started"] == "no"


def test_ctrl_c_in_the_exit_checks_keeps_the_answers_given(tmp_path: Path) -> None:
    with pytest.raises(QualifyInterrupted):
        qualify(request(tmp_path), ScriptedPrompter([*BASICS, *CUSTOMER_YES, "no", INTERRUPT]))

    draft = store.load_draft(tmp_path / "deals" / "acme-platform.yaml")
    assert draft is not None
    assert draft.answers["the-model"].exit_criteria["problem-we-solve"].source == "customer"
    assert said(draft.answers["the-model"].exit_criteria) == {
        "problem-we-solve": "yes",
        "decides-in-period": "no",
    }
