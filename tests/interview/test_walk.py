from __future__ import annotations

import datetime as dt

import pytest

from dealcheck.interview.prompter import BACK, SKIP
from dealcheck.interview.walk import Answer, Key, interview, steps_for
from dealcheck.language.framework import UNKNOWN
from dealcheck.language.loading import load_framework
from dealcheck.scoring.answers import CriterionAnswer, EvidenceSource
from tests.conftest import FRAMEWORK_FIXTURES
from tests.interview.scripted import ENTER, INTERRUPT, ScriptedPrompter

TODAY = dt.date(2025, 5, 2)
PAIN: Key = ("mini", "criteria", "pain")
CHAMPION: Key = ("mini", "criteria", "champion")
BUDGET: Key = ("mini", "criteria", "budget")
PRICE: Key = ("mini", "red_flags", "price-only")
LEFT: Key = ("mini", "red_flags", "champion-left")
EVENT: Key = ("mini", "red_flags", "no-event")


@pytest.fixture(scope="module")
def steps():  # type: ignore[no-untyped-def]
    return steps_for([load_framework(FRAMEWORK_FIXTURES / "mini.yaml")])


def run(steps, script, **kwargs):  # type: ignore[no-untyped-def]
    prompter = ScriptedPrompter(list(script))
    saved: list[dict[Key, Answer]] = []
    answers = interview(
        steps, prompter, lang="en", today=TODAY, on_answer=lambda a, _: saved.append(a), **kwargs
    )
    assert not prompter.script, f"unused script: {prompter.script}"
    return answers, prompter, saved


# level, evidence, source, date for one criterion confirmed by the customer
CONFIRMED = ["confirmed", "They said so", "customer", ENTER]
ALL_FLAGS_NO = ["no", "no", "no"]


def test_full_walk_records_levels_evidence_sources_and_flags(steps) -> None:
    script = [*CONFIRMED, "partial", "Min-jun", "belief", UNKNOWN, "yes", "no", UNKNOWN]
    answers, prompter, saved = run(steps, script)
    assert answers[PAIN] == CriterionAnswer(
        "confirmed", "They said so", EvidenceSource.CUSTOMER, TODAY
    )
    assert answers[CHAMPION] == CriterionAnswer("partial", "Min-jun", EvidenceSource.BELIEF, None)
    assert answers[BUDGET] == CriterionAnswer()
    assert (answers[PRICE], answers[LEFT], answers[EVENT]) == (True, False, None)
    assert len(saved) == 6, "a draft is saved after every answer"
    assert prompter.asked[0][1].startswith("1/6 · Pain")
    assert prompter.notes[0] == "── Mini ──"


@pytest.mark.parametrize(
    ("script", "expected_pain", "expected_champion"),
    [
        pytest.param(
            [
                *CONFIRMED,
                BACK,
                "absent",
                "No pain at all",
                "customer",
                "2025-04-01",
                UNKNOWN,
                UNKNOWN,
                *ALL_FLAGS_NO,
            ],
            CriterionAnswer(
                "absent", "No pain at all", EvidenceSource.CUSTOMER, dt.date(2025, 4, 1)
            ),
            CriterionAnswer(),
            id="back-then-change",
        ),
        pytest.param(
            [SKIP, SKIP, SKIP, *ALL_FLAGS_NO],
            CriterionAnswer(),
            CriterionAnswer(),
            id="skip-leaves-unknown",
        ),
        pytest.param(
            [BACK, UNKNOWN, "absent", "", "belief", UNKNOWN, *ALL_FLAGS_NO],
            CriterionAnswer(),
            CriterionAnswer("absent", "", EvidenceSource.BELIEF),
            id="back-on-first-stays",
        ),
        pytest.param(
            [
                "partial",
                "x",
                "document",
                "not a date",
                "2025-01-31",
                UNKNOWN,
                UNKNOWN,
                *ALL_FLAGS_NO,
            ],
            CriterionAnswer("partial", "x", EvidenceSource.DOCUMENT, dt.date(2025, 1, 31)),
            CriterionAnswer(),
            id="bad-date-asked-again",
        ),
    ],
)
def test_navigation(steps, script, expected_pain, expected_champion) -> None:
    answers, _, _ = run(steps, script)
    assert answers[PAIN] == expected_pain
    assert answers[CHAMPION] == expected_champion


def test_unknown_is_not_absent(steps) -> None:
    answers, _, _ = run(steps, [UNKNOWN, "absent", "gone", "belief", UNKNOWN, *ALL_FLAGS_NO])
    assert answers[PAIN].level == UNKNOWN  # type: ignore[union-attr]
    assert answers[CHAMPION].level == "absent"  # type: ignore[union-attr]


def test_requalify_enter_keeps_previous_answers(steps) -> None:
    previous: dict[Key, Answer] = {
        PAIN: CriterionAnswer(
            "partial", "Close is slow", EvidenceSource.CUSTOMER, dt.date(2025, 1, 5)
        ),
        CHAMPION: CriterionAnswer("assumed", "Maybe Kim", EvidenceSource.BELIEF),
        PRICE: False,
        LEFT: True,
    }
    script = [ENTER] * 4 + [ENTER] * 3 + [UNKNOWN] + [ENTER] * 3
    answers, prompter, _ = run(steps, script, defaults=previous)
    assert {k: answers[k] for k in previous} == previous
    assert answers[BUDGET] == CriterionAnswer()
    assert answers[EVENT] is None
    assert prompter.asked[0][2] == "partial" and prompter.asked[1][2] == "Close is slow"


def test_skip_keeps_previous_answer(steps) -> None:
    previous: dict[Key, Answer] = {
        PAIN: CriterionAnswer("confirmed", "yes", EvidenceSource.CUSTOMER, TODAY)
    }
    answers, _, _ = run(steps, [SKIP, UNKNOWN, UNKNOWN, *ALL_FLAGS_NO], defaults=previous)
    assert answers[PAIN] == previous[PAIN]


def test_resume_starts_at_first_unanswered_and_back_reaches_given(steps) -> None:
    given: dict[Key, Answer] = {
        PAIN: CriterionAnswer("partial", "p", EvidenceSource.BELIEF),
        CHAMPION: CriterionAnswer(),
    }
    answers, prompter, _ = run(steps, [BACK, ENTER, UNKNOWN, *ALL_FLAGS_NO], given=given)
    assert prompter.asked[0][1].startswith("3/6 · Budget")
    assert prompter.asked[1][1].startswith("2/6 · Champion")
    assert answers[PAIN] == given[PAIN]


def test_interrupt_propagates_after_saving_earlier_answers(steps) -> None:
    prompter = ScriptedPrompter([UNKNOWN, UNKNOWN, INTERRUPT])
    saved: list[tuple[dict[Key, Answer], Key | None]] = []
    with pytest.raises(KeyboardInterrupt):
        interview(steps, prompter, lang="en", today=TODAY, on_answer=lambda *a: saved.append(a))
    assert set(saved[-1][0]) == {PAIN, CHAMPION}
    assert saved[-1][1] is None, "stopped between questions: nothing half-answered"


@pytest.mark.parametrize(
    ("script", "kept"),
    [
        pytest.param(
            [UNKNOWN, "confirmed", "CFO said budget is approved", INTERRUPT],
            CriterionAnswer("confirmed", "CFO said budget is approved", EvidenceSource.BELIEF),
            id="at-the-source",
        ),
        pytest.param(
            [UNKNOWN, "confirmed", "CFO said so", "customer", INTERRUPT],
            CriterionAnswer("confirmed", "CFO said so", EvidenceSource.BELIEF),
            id="at-the-date",
        ),
        pytest.param(
            [UNKNOWN, "partial", INTERRUPT],
            CriterionAnswer("partial", "", EvidenceSource.BELIEF),
            id="at-the-evidence",
        ),
    ],
)
def test_ctrl_c_inside_an_answer_keeps_the_level_and_evidence_as_the_reps_word(
    steps, script: list[object], kept: CriterionAnswer
) -> None:
    # A rep who picked a level and typed the evidence loses neither to a Ctrl-C at the
    # source; with no source given, it counts as the rep's own word until re-asked.
    prompter = ScriptedPrompter(script)
    saved: list[tuple[dict[Key, Answer], Key | None]] = []
    with pytest.raises(KeyboardInterrupt):
        interview(steps, prompter, lang="en", today=TODAY, on_answer=lambda *a: saved.append(a))
    answers, unfinished = saved[-1]
    assert answers[CHAMPION] == kept
    assert answers[PAIN] == CriterionAnswer()
    assert unfinished == CHAMPION


def test_a_resume_asks_the_half_answered_question_again_with_what_was_kept(steps) -> None:
    # The rep stopped at "where did this come from?": a resume must not file the
    # answer as the rep's own word and move on; it asks it again, level and evidence
    # offered as typed, so the customer's confirmation can still be recorded.
    given: dict[Key, Answer] = {
        PAIN: CriterionAnswer(),
        CHAMPION: CriterionAnswer("confirmed", "CFO said so", EvidenceSource.BELIEF),
    }
    script = [ENTER, ENTER, "customer", ENTER, UNKNOWN, *ALL_FLAGS_NO]
    answers, prompter, _ = run(steps, script, given=given, resume_at=CHAMPION)

    assert prompter.asked[0][1].startswith("2/6 · Champion")
    assert answers[CHAMPION] == CriterionAnswer(
        "confirmed", "CFO said so", EvidenceSource.CUSTOMER, TODAY
    )


def test_korean_prompts(steps) -> None:
    prompter = ScriptedPrompter([UNKNOWN] * 3 + ALL_FLAGS_NO)
    interview(steps, prompter, lang="ko", today=TODAY)
    assert prompter.asked[0][1] == "1/6 · 페인  무엇이 문제인가요?"
