"""`qualify --story`: the value story and next step asked after the criteria, kept safe."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.qualify import QualifyInterrupted, qualify
from dealcheck.interview.prompter import BACK
from dealcheck.scoring.answers import EvidenceSource
from tests.conftest import FRAMEWORK_FIXTURES
from tests.deals.test_qualify import BASICS, SIX_UNKNOWN, request
from tests.interview.scripted import ENTER, INTERRUPT, ScriptedPrompter


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(FRAMEWORK_FIXTURES / "mini.yaml", folder / "mini.yaml")
    return folder


STORY = [
    "Close takes 12 days",
    "customer",
    "Close in 5 days by Q4",
    "customer",
    "close 12 → 5 days",
    "belief",
    "lower-cost",
    "ERP connector; audit trail",
    "document",
    "Phased rollout: finance first, then subsidiaries",
    "belief",
    "",  # no differentiator yet
    "Hanmi: close in 4 days; 30% less overtime",
    "Hanmi case study",
    "",  # where the second result is shown: not known yet
    "Demo to finance ops",
    "2025-05-20",
    "demo",
    "customer",
]


def test_the_story_is_asked_after_the_criteria_and_saved(tmp_path: Path, team: Path) -> None:
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *STORY])

    qualify(request(tmp_path, team, ask_story=True), prompter)

    deal = store.load_deal(tmp_path / "deals" / "acme-platform.yaml")
    assert deal.story is not None and deal.story.after is not None
    assert (deal.story.after.text, deal.story.after.source) == (
        "Close in 5 days by Q4",
        EvidenceSource.CUSTOMER,
    )
    assert deal.story.metric is not None and not deal.story.metric.confirmed  # only we said it
    assert [c.text for c in deal.story.capabilities] == ["ERP connector", "audit trail"]
    assert deal.story.differentiators == []
    assert deal.story.delivery is not None and not deal.story.delivery.confirmed
    assert deal.story.delivery.text == "Phased rollout: finance first, then subsidiaries"
    assert [(p.text, p.reference) for p in deal.story.proof_points] == [
        ("Hanmi: close in 4 days", "Hanmi case study"),
        ("30% less overtime", None),
    ]
    assert deal.next_step is not None and deal.next_step.kind == "demo"
    assert deal.next_step.date == dt.date(2025, 5, 20) and deal.next_step.agreed


def test_ctrl_c_in_the_story_keeps_it_for_the_resume(tmp_path: Path, team: Path) -> None:
    first = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *STORY[:4], INTERRUPT])

    with pytest.raises(QualifyInterrupted):
        qualify(request(tmp_path, team, ask_story=True), first)

    path = tmp_path / "deals" / "acme-platform.yaml"
    draft = store.load_draft(path)
    assert draft is not None and draft.story is not None and draft.story.after is not None
    # Resume: keep the draft; the criteria are all answered and the story continues at
    # the question it stopped on (the metric), keeping before and after as typed.
    again = ScriptedPrompter([True, *STORY[4:]])

    qualify(request(tmp_path, team, deal_file=path), again)  # resumed without --story

    story = store.load_deal(path).story
    assert story is not None and story.after is not None
    assert story.after.text == "Close in 5 days by Q4"
    assert story.metric is not None and story.metric.text == "close 12 → 5 days"
    assert not again.script, "every scripted answer was asked for"


def test_requalify_offers_the_story_on_file_as_defaults(tmp_path: Path, team: Path) -> None:
    qualify(
        request(tmp_path, team, ask_story=True), ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *STORY])
    )
    path = tmp_path / "deals" / "acme-platform.yaml"
    again = ScriptedPrompter([ENTER] * 4 + [ENTER] * 6 + [ENTER] * 40)

    qualify(request(tmp_path, team, deal_file=path, ask_story=True), again)

    asked = {message: default for _, message, default in again.asked}
    assert asked["How we deliver it: the approach and the rollout"] == (
        "Phased rollout: finance first, then subsidiaries"
    )
    proof = "Proof points: reference customers or results (separate with ;)"
    assert asked[proof] == "Hanmi: close in 4 days; 30% less overtime"
    where = "Where is «Hanmi: close in 4 days» shown? (case study, reference call, report)"
    assert asked[where] == "Hanmi case study"
    first, second = store.load_deal(path).qualifications
    assert first.answers == second.answers


def test_ctrl_c_at_a_proof_point_source_keeps_it(tmp_path: Path, team: Path) -> None:
    cut = STORY.index("Hanmi case study")
    first = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *STORY[:cut], INTERRUPT])

    with pytest.raises(QualifyInterrupted):
        qualify(request(tmp_path, team, ask_story=True), first)

    draft = store.load_draft(tmp_path / "deals" / "acme-platform.yaml")
    assert draft is not None and draft.story is not None
    assert [p.text for p in draft.story.proof_points] == [
        "Hanmi: close in 4 days",
        "30% less overtime",
    ]
    assert draft.story.delivery is not None


def test_back_in_the_story_menus(tmp_path: Path, team: Path) -> None:
    back = [
        "Close takes 12 days",
        BACK,  # who said it? back to the statement, typed text as the default
        ENTER,
        "customer",
        "",  # no after
        "close 12 → 5 days",
        "belief",
        BACK,  # value driver: back to the metric
        ENTER,
        "customer",
        "faster",
        *[""] * 4,  # capabilities, delivery, differentiators, proof points
        "",  # no next step
    ]
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *back])

    qualify(request(tmp_path, team, ask_story=True), prompter)

    story = store.load_deal(tmp_path / "deals" / "acme-platform.yaml").story
    assert story is not None and story.before is not None and story.metric is not None
    assert story.before.source == EvidenceSource.CUSTOMER
    assert (story.metric.text, story.metric.source) == (
        "close 12 → 5 days",
        EvidenceSource.CUSTOMER,
    )
    before = [d for _, m, d in prompter.asked if m.startswith("Before")]
    assert before == ["", "Close takes 12 days"]
