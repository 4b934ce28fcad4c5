"""Honest stages in `qualify`: the deal stage's exit checks are asked after the criteria.

The Model (seed 004) names, per stage, the events that must have happened to leave
it. A rep who says stage 2 is asked whether stage 1 and stage 2 events happened;
on re-qualify the previous answers are the defaults and met checks of earlier stages
are not asked again.
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


def test_exit_checks_of_the_stage_and_earlier_stages_are_asked_and_saved(
    tmp_path: Path,
) -> None:
    prompter = ScriptedPrompter([*BASICS, "yes", "yes", "no", "unknown"])
    outcome = qualify(request(tmp_path), prompter)

    assert [q.split("  ")[0] for q in asked_questions(prompter)] == [
        "1/4 · Stage exit: a business problem we can solve",
        "2/4 · Stage exit: a decision within a set period",
        "3/4 · Stage exit: a demo or trial started",
        "4/4 · Stage exit: a comparison with others started",
    ]
    saved = store.load_deal(outcome.report.path).qualifications[0]
    assert saved.answers["the-model"].exit_criteria == {
        "problem-we-solve": "yes",
        "decides-in-period": "yes",
        "demo-or-trial-started": "no",
        "comparison-started": "unknown",
    }
    # Stage 2's own events are still to come: the CRM stage is not ahead.
    assert outcome.report.assessment.stage_check is None


def test_requalify_keeps_met_checks_and_offers_previous_answers(tmp_path: Path) -> None:
    first = qualify(request(tmp_path), ScriptedPrompter([*BASICS, "yes", "yes", "no", "unknown"]))
    path = first.report.path

    again = ScriptedPrompter([ENTER] * 20)
    qualify(request(tmp_path, deal_file=path, frameworks=[]), again)

    exits = [(m.split("  ")[0], d) for k, m, d in again.asked if "Stage exit" in m]
    assert exits == [
        ("1/2 · Stage exit: a demo or trial started", "no"),
        ("2/2 · Stage exit: a comparison with others started", "unknown"),
    ]
    latest = store.load_deal(path).qualifications[-1].answers["the-model"].exit_criteria
    assert latest["problem-we-solve"] == "yes" and latest["demo-or-trial-started"] == "no"


def test_ctrl_c_in_the_exit_checks_keeps_the_answers_given(tmp_path: Path) -> None:
    with pytest.raises(QualifyInterrupted):
        qualify(request(tmp_path), ScriptedPrompter([*BASICS, "yes", "no", INTERRUPT]))

    draft = store.load_draft(tmp_path / "deals" / "acme-platform.yaml")
    assert draft is not None
    assert draft.answers["the-model"].exit_criteria == {
        "problem-we-solve": "yes",
        "decides-in-period": "no",
    }
