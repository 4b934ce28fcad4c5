"""`qualify --people`: contacts typed in the walk-through, saved as typed, resumed, edited."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.people import Role, champion_test
from dealcheck.deals.people_asks import ADD, DONE
from dealcheck.deals.qualify import QualifyInterrupted, qualify
from dealcheck.interview.prompter import BACK
from tests.conftest import FRAMEWORK_FIXTURES
from tests.deals.test_qualify import BASICS, SIX_UNKNOWN, request
from tests.interview.scripted import ENTER, INTERRUPT, ScriptedPrompter

CHAMPION = [
    ADD,
    "Min-jun Park",
    "Finance ops lead",
    "champion",
    "yes",
    "2025-04-28",
    "medium",
    "high",
    "Promotion if close is fast",
    "yes",
]
BUYER = [ADD, "Lee Su-jin", "CFO", "economic-buyer", "no", "high", ""]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(FRAMEWORK_FIXTURES / "mini.yaml", folder / "mini.yaml")
    return folder


def deal_path(tmp_path: Path) -> Path:
    return tmp_path / "deals" / "acme-platform.yaml"


def test_people_are_asked_after_the_criteria_and_saved(tmp_path: Path, team: Path) -> None:
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *CHAMPION, *BUYER, DONE])

    qualify(request(tmp_path, team, ask_people=True), prompter)

    champion, buyer = store.load_deal(deal_path(tmp_path)).contacts
    assert (champion.name, champion.title, champion.role) == (
        "Min-jun Park",
        "Finance ops lead",
        Role.CHAMPION,
    )
    assert (champion.met, champion.met_on) == (True, dt.date(2025, 4, 28))
    assert champion_test(champion) == []  # power, influence, a personal win, sells for us
    assert (buyer.role, buyer.met, buyer.met_on, buyer.power) == (
        Role.ECONOMIC_BUYER,
        False,
        None,
        "high",
    )
    # Only a champion is asked the rest of the champion test.
    assert (buyer.influence, buyer.sells_for_us) == ("unknown", "unknown")
    criteria = [m for kind, m, _ in prompter.asked if kind == "select" and "·" in m]
    first_people = next(i for i, (_, m, _) in enumerate(prompter.asked) if m.startswith("Contacts"))
    assert len(criteria) == 6 and prompter.asked[first_people - 1][1].startswith("6/6")


def test_back_in_a_menu_returns_to_the_question_before(tmp_path: Path, team: Path) -> None:
    script = [ADD, "Kim", "Buyer", BACK, "IT director", "influencer", "no", "low", "", DONE]
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *script])

    qualify(request(tmp_path, team, ask_people=True), prompter)

    (kim,) = store.load_deal(deal_path(tmp_path)).contacts
    assert (kim.title, kim.role, kim.power) == ("IT director", Role.INFLUENCER, "low")
    titles = [default for _, message, default in prompter.asked if message.startswith("Job title")]
    assert titles == ["", "Buyer"]  # asked again, with what was typed as the default


def test_ctrl_c_keeps_every_field_and_resume_continues(tmp_path: Path, team: Path) -> None:
    first = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *CHAMPION, *BUYER[:5], INTERRUPT])

    with pytest.raises(QualifyInterrupted):
        qualify(request(tmp_path, team, ask_people=True), first)

    draft = store.load_draft(deal_path(tmp_path))
    assert draft is not None and draft.contacts is not None
    assert [(c.name, c.met) for c in draft.contacts] == [
        ("Min-jun Park", True),
        ("Lee Su-jin", False),
    ]
    # Resumed without --people: Lee's entry continues at the field it stopped on (power),
    # then the menu.
    again = ScriptedPrompter([True, "high", "Board seat", DONE])

    qualify(request(tmp_path, team, deal_file=deal_path(tmp_path)), again)

    assert again.asked[1][1] == "Their formal power over the decision"

    contacts = store.load_deal(deal_path(tmp_path)).contacts
    assert [(c.name, c.power, c.personal_win) for c in contacts] == [
        ("Min-jun Park", "medium", "Promotion if close is fast"),
        ("Lee Su-jin", "high", "Board seat"),
    ]
    assert not store.draft_path(deal_path(tmp_path)).exists()


def test_requalify_defaults_to_the_people_on_file(tmp_path: Path, team: Path) -> None:
    qualify(
        request(tmp_path, team, ask_people=True),
        ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *CHAMPION, *BUYER, DONE]),
    )
    # Re-qualify: basics hold (3), criteria kept (6); remove Lee, meet nobody new.
    again = ScriptedPrompter([*[ENTER] * 9, "1", "", DONE])

    qualify(request(tmp_path, team, deal_file=deal_path(tmp_path), ask_people=True), again)

    menus = [(m, d) for _, m, d in again.asked if m.startswith("Contacts")]
    assert [d for _, d in menus] == [DONE, DONE]  # with people on file, Enter means done
    assert [c.name for c in store.load_deal(deal_path(tmp_path)).contacts] == ["Min-jun Park"]


def test_a_meeting_date_after_today_is_refused(tmp_path: Path, team: Path) -> None:
    script = [ADD, "Kim", "", "user", "yes", "2030-01-01", "2025-05-01", ENTER, "", DONE]
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *script])

    qualify(request(tmp_path, team, ask_people=True), prompter)

    (kim,) = store.load_deal(deal_path(tmp_path)).contacts
    assert kim.met_on == dt.date(2025, 5, 1)
    assert any("2030-01-01" in note for note in prompter.notes)


def test_without_the_flag_no_one_is_asked(tmp_path: Path, team: Path) -> None:
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN])

    qualify(request(tmp_path, team), prompter)

    assert not any(m.startswith("Contacts") for _, m, _ in prompter.asked)


def test_a_new_person_defaults_to_the_role_the_list_lacks(tmp_path: Path, team: Path) -> None:
    people = [ADD, "A", "", ENTER, "no", ENTER, ENTER, "", ENTER]  # a champion (the default)
    people += [ADD, "B", "", ENTER, "no", ENTER, ""]  # then the economic buyer
    people += [ADD, "C", "", ENTER, "no", ENTER, "", DONE]  # then an influencer
    prompter = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *people])

    qualify(request(tmp_path, team, ask_people=True), prompter)

    roles = [c.role for c in store.load_deal(deal_path(tmp_path)).contacts]
    assert roles == [Role.CHAMPION, Role.ECONOMIC_BUYER, Role.INFLUENCER]


def test_people_finished_before_a_ctrl_c_in_the_story_are_not_asked_again(
    tmp_path: Path, team: Path
) -> None:
    first = ScriptedPrompter([*BASICS, *SIX_UNKNOWN, *CHAMPION, DONE, INTERRUPT])

    with pytest.raises(QualifyInterrupted):  # at the story's first question
        qualify(request(tmp_path, team, ask_people=True, ask_story=True), first)

    again = ScriptedPrompter([True, "", "", "", ENTER, "", "", "", "", ""])  # story left blank
    qualify(request(tmp_path, team, deal_file=deal_path(tmp_path), ask_story=True), again)

    assert not any(m.startswith("Contacts") for _, m, _ in again.asked)
    assert [c.name for c in store.load_deal(deal_path(tmp_path)).contacts] == ["Min-jun Park"]
