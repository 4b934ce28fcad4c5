"""What a careful rep does in a real terminal: ←, Ctrl-C in the basics or at a source,
no to resume, a Korean resume, a re-qualify that moves the stage, and level definitions
read in full.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dealcheck.deals import store
from tests.conftest import FRAMEWORK_FIXTURES
from tests.pty.test_qualify_pty import (
    ENTER,
    MINI,
    UP,
    answer,
    basics,
    finish,
    qualify_from_file,
    spawn,
    workdir,
)

pytestmark = pytest.mark.pty

__all__ = ["workdir"]  # the fixture, shared with the other pty tests

LEFT = "\x1b[D"
DOWN = "\x1b[B"
CTRL_C = "\x03"
DEAL = "deals/acme.yaml"
BASICS_EN = ("Deal name", "Customer company", "Amount", "Currency", "Stage", "close date", "Owner")
BASICS_KO = ("딜 이름", "고객사", "금액", "통화", "단계", "예상 계약일", "담당자")


def test_left_arrow_goes_back_to_the_previous_question(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI)
    basics(child)
    answer(child, "1/6 · Pain", UP + UP + ENTER)  # partial
    answer(child, "Evidence", "Slow close" + ENTER)
    answer(child, "Where does this come from?", ENTER)
    answer(child, "2/6 · Champion", LEFT)  # back to pain, its answer preselected
    answer(child, "1/6 · Pain", DOWN + ENTER)  # partial -> confirmed
    answer(child, "Evidence", ENTER)  # keeps "Slow close"
    answer(child, "Where does this come from?", ENTER)
    for prompt in ("2/6 · Champion", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    pain = store.load_deal(workdir / DEAL).qualifications[0].answers["mini"].criteria["pain"]
    assert (pain.level, pain.evidence) == ("confirmed", "Slow close")


def test_ctrl_c_while_typing_the_basics_then_resume(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI)
    answer(child, "Deal name", "Acme" + ENTER)
    answer(child, "Customer company", "Acme Corp" + ENTER)
    answer(child, "Amount", "120000" + ENTER)
    answer(child, "Currency", CTRL_C)
    child.expect_exact(f"Resume with: dealcheck qualify {DEAL}")
    assert finish(child) == 130

    child = spawn(workdir, "qualify", DEAL, *MINI)
    answer(child, "(deal basics saved, no answers yet)", ENTER)  # asked like any draft: yes
    # Every basic typed before comes back as the default: Enter keeps it.
    for prompt in ("Deal name", "Customer company", "Amount", "Currency", "Stage"):
        answer(child, prompt, ENTER)
    answer(child, "Expected close date", ENTER)
    answer(child, "Owner", "Jane" + ENTER)
    for prompt in ("1/6", "2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    deal = store.load_deal(workdir / DEAL)
    assert (deal.name, deal.company, deal.amount, deal.currency, deal.owner) == (
        "Acme",
        "Acme Corp",
        120000,
        "USD",
        "Jane",
    )


def interrupt_after_pain(workdir: Path, *options: str) -> None:
    child = spawn(workdir, "qualify", *MINI, *options)
    basics(child)
    answer(child, "1/6", UP + UP + ENTER)
    answer(child, "Evidence" if not options else "근거", "x" + ENTER)
    answer(child, "Where does this come from?" if not options else "출처", ENTER)
    answer(child, "2/6", CTRL_C)
    assert finish(child) == 130


def test_ctrl_c_at_the_source_then_resume_asks_that_question_again(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI)
    basics(child)
    answer(child, "1/6 · Pain", UP + UP + ENTER)  # partial
    answer(child, "Evidence", "Slow close, CFO confirmed" + ENTER)
    answer(child, "Where does this come from?", CTRL_C)
    child.expect_exact(f"Resume with: dealcheck qualify {DEAL}")
    assert finish(child) == 130

    child = spawn(workdir, "qualify", DEAL, *MINI)
    answer(child, "Resume the qualification", ENTER)
    # The half-answered question comes back first, with what was typed.
    answer(child, "1/6 · Pain", ENTER)  # partial, kept
    answer(child, "Evidence", ENTER)  # keeps the text
    answer(child, "Where does this come from?", DOWN + ENTER)  # confirmed by the customer
    answer(child, "Confirmed on", ENTER)
    for prompt in ("2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    pain = store.load_deal(workdir / DEAL).qualifications[0].answers["mini"].criteria["pain"]
    assert (pain.level, pain.evidence, pain.source) == (
        "partial",
        "Slow close, CFO confirmed",
        "customer",
    )


def test_declining_resume_asks_before_the_draft_is_thrown_away(workdir: Path) -> None:
    interrupt_after_pain(workdir)
    child = spawn(workdir, "qualify", DEAL, *MINI)
    answer(child, "Resume the qualification", "n")
    answer(child, "Discard the draft and its 1 answers? This cannot be undone.", ENTER)  # no
    for prompt in ("2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    pain = store.load_deal(workdir / DEAL).qualifications[0].answers["mini"].criteria["pain"]
    assert pain.level == "partial", "the draft's answer was kept"


def test_declining_resume_twice_starts_over(workdir: Path) -> None:
    interrupt_after_pain(workdir)
    child = spawn(workdir, "qualify", DEAL, *MINI)
    answer(child, "Resume the qualification", "n")
    answer(child, "Discard the draft", "y")
    basics(child)
    for prompt in ("1/6", "2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    pain = store.load_deal(workdir / DEAL).qualifications[0].answers["mini"].criteria["pain"]
    assert pain.level == "unknown"


def test_a_korean_draft_resumes_in_korean_without_lang(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI, "--lang", "ko")
    for prompt, keys in [
        ("딜 이름", "Acme" + ENTER),
        ("고객사", ENTER),
        ("금액", ENTER),
        ("통화", ENTER),
        ("단계", ENTER),
        ("예상 계약일", ENTER),
        ("담당자", ENTER),
    ]:
        answer(child, prompt, keys)
    answer(child, "1/6 · 페인", ENTER)
    answer(child, "2/6 · 챔피언", CTRL_C)
    child.expect_exact(f"중단됨. 답 1개가 저장되었습니다. 이어서 하려면: dealcheck qualify {DEAL}")
    rest = child.read()
    assert finish(child) == 130
    assert "error" not in rest

    child = spawn(workdir, "qualify", DEAL, "--frameworks-dir", str(FRAMEWORK_FIXTURES))
    answer(child, "시작한 검증을 이어서 할까요?", ENTER)  # 예 is preselected
    for prompt in ("2/6 · 챔피언", "3/6 · 예산", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("권고")
    child.expect_exact("저장됨 (검증 1회차)")
    assert finish(child) == 0
    assert store.load_deal(workdir / DEAL).qualifications[0].frameworks == ["mini@1.0.0"]


def test_requalify_moves_the_stage_and_flags_a_passed_close_date(workdir: Path) -> None:
    answers = workdir / "answers.yaml"
    answers.write_text(
        "deal: {name: Acme, stage: discovery, close_date: 2020-01-31, amount: 5000}\n"
        "answers: {mini: {criteria: {pain: partial}}}\n",
        encoding="utf-8",
    )
    qualify_from_file(workdir, answers)
    child = spawn(workdir, "qualify", DEAL, *MINI)
    answer(child, "Stage", DOWN + ENTER)  # discovery -> proposal
    child.expect_exact("The expected close date 2020-01-31 has passed")
    answer(child, "Expected close date", "\x7f" * 10 + "2030-06-30" + ENTER)
    answer(child, "Amount", ENTER)  # keeps 5000
    for prompt in ("1/6", "Evidence", "Where does", "2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("stage Proposal")
    assert finish(child) == 0
    deal = store.load_deal(workdir / DEAL)
    assert (deal.stage, str(deal.close_date), deal.amount) == ("proposal", "2030-06-30", 5000)
    assert [q.stage for q in deal.qualifications] == ["discovery", "proposal"]


@pytest.mark.parametrize(("columns", "lang"), [(60, "en"), (60, "ko"), (120, "en"), (120, "ko")])
def test_level_definitions_are_shown_in_full(workdir: Path, columns: int, lang: str) -> None:
    from dealcheck.language.loading import load_framework

    metrics = load_framework("meddpicc").criteria[0]
    child = spawn(workdir, "qualify", "-f", "meddpicc", "--lang", lang, columns=columns)
    prompts = BASICS_KO if lang == "ko" else BASICS_EN
    for prompt, typed in zip(
        prompts, ("Acme", "Acme Corp", "1000", "", "", "", "Jane"), strict=True
    ):
        answer(child, prompt, typed + ENTER)
    child.expect_exact("1/")
    child.expect_exact("← ")
    screen = child.before
    child.send(CTRL_C)
    finish(child)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    flat = " ".join(shown.split())
    for level_id, text in metrics.levels.items():
        assert " ".join(text.get(lang).split()) in flat, f"{level_id} is cut short"
    assert all(len(line) <= columns for line in shown.splitlines())
