"""`qualify --story`: the value story and next step asked after the criteria, kept safe."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.qualify import QualifyInterrupted, qualify
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
    "",  # no differentiator yet
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
    assert deal.next_step is not None and deal.next_step.kind == "demo"
    assert deal.next_step.date == dt.date(2025, 5, 20) and deal.next_step.agreed


def test_ctrl_c_in_the_story_keeps_it_for_the_resume(tmp_path: Path, team: Path) -> None:
    first = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *STORY[:4], INTERRUPT])

    with pytest.raises(QualifyInterrupted):
        qualify(request(tmp_path, team, ask_story=True), first)

    path = tmp_path / "deals" / "acme-platform.yaml"
    draft = store.load_draft(path)
    assert draft is not None and draft.story is not None and draft.story.after is not None
    # Resume: keep the draft, every criterion and story answer comes back as the default.
    again = ScriptedPrompter([True, *[ENTER] * 6, ENTER, ENTER, ENTER, ENTER, *STORY[4:]])

    qualify(request(tmp_path, team, deal_file=path), again)  # resumed without --story

    story = store.load_deal(path).story
    assert story is not None and story.after is not None
    assert story.after.text == "Close in 5 days by Q4"
