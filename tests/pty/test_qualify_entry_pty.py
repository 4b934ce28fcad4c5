"""Typing into `qualify` in a real terminal: defaults are replaced, not appended to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dealcheck.deals import store
from tests.conftest import FRAMEWORK_FIXTURES
from tests.pty.test_qualify_pty import DOWN, ENTER, MINI, UP, answer, basics, finish, spawn, workdir

pytestmark = pytest.mark.pty

__all__ = ["workdir"]  # the fixture, shared with the other pty tests

DEAL = "deals/acme.yaml"
CTRL_C = "\x03"


def test_typing_a_date_replaces_the_default_of_today(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI)
    basics(child)
    answer(child, "1/6 · Pain", UP + UP + ENTER)  # partial
    answer(child, "Evidence", "Close takes 12 days" + ENTER)
    answer(child, "Where does this come from?", DOWN + ENTER)  # the customer
    child.expect_exact("Confirmed on")
    child.expect_exact(dt.date.today().isoformat())  # today is shown as the default
    child.send("2025-01-15" + ENTER)
    for prompt in ("2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    pain = store.load_deal(workdir / DEAL).qualifications[0].answers["mini"].criteria["pain"]
    assert pain.confirmed_on == dt.date(2025, 1, 15)


def test_a_contact_and_a_proof_point_in_korean_ctrl_c_and_resume(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI, "--people", "--story", "--lang", "ko", columns=160)
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
    for prompt in ("1/6", "2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    for prompt, keys in [
        ("고칠 사람을 고르거나 새로 추가하세요", ENTER),  # + 고객 측 담당자 추가 is preselected
        ("이름 (비워 두면 취소)", "박민준" + ENTER),
        ("직함", "재무팀장" + ENTER),
        ("이 딜에서의 역할", ENTER),  # 챔피언
        ("만난 적이 있나요?", UP + ENTER),  # 만남
        ("마지막으로 만난 날", "2025-04-28" + ENTER),  # replaces today's date
        ("공식 권한", ENTER),
        ("영향력", UP + UP + UP + ENTER),  # 높음
        ("어떤 성과로 인정받게 되나요?", "결산 단축으로 승진" + ENTER),
        ("우리를 위해 설득해 주나요?", UP + UP + ENTER),  # 예
        ("고칠 사람을 고르거나 새로 추가하세요", ENTER),  # 완료 is preselected now
        ("현재(Before)", "결산에 12일" + ENTER),
        ("누가 한 말인가요?", ENTER),
        ("목표(After)", ENTER),
        ("측정 지표", ENTER),
        ("가치 유형", ENTER),
        ("필요한 기능", ENTER),
        ("제공 방식", ENTER),
        ("우리의 차별점", ENTER),
        ("입증 사례", "한미: 결산 4일" + ENTER),
        ("어디에서 확인할 수 있나요?", CTRL_C),
    ]:
        answer(child, prompt, keys)
    child.expect_exact(f"이어서 하려면: dealcheck qualify {DEAL}")
    assert "error" not in child.read()  # no English prefix in Korean
    assert finish(child) == 130
    draft = store.load_draft(workdir / DEAL)
    assert draft is not None and draft.contacts is not None and draft.story is not None
    assert [p.text for p in draft.story.proof_points] == ["한미: 결산 4일"]

    child = spawn(workdir, "qualify", DEAL, "--frameworks-dir", str(FRAMEWORK_FIXTURES))
    answer(child, "시작한 검증을 이어서 할까요?", ENTER)
    # The people were finished before the Ctrl-C: not asked again.
    # The story continues at the question it stopped on: the proof points, as typed.
    answer(child, "입증 사례", ENTER)
    answer(child, "어디에서 확인할 수 있나요?", "한미 사례집" + ENTER)
    assert "고칠 사람을 고르거나" not in child.before
    answer(child, "합의한 다음 단계", ENTER)
    child.expect_exact("저장됨 (검증 1회차)")
    assert finish(child) == 0
    deal = store.load_deal(workdir / DEAL)
    (champion,) = deal.contacts
    assert (champion.name, champion.met_on, champion.influence, champion.sells_for_us) == (
        "박민준",
        dt.date(2025, 4, 28),
        "high",
        "yes",
    )
    assert deal.story is not None
    assert [(p.text, p.reference) for p in deal.story.proof_points] == [
        ("한미: 결산 4일", "한미 사례집")
    ]
