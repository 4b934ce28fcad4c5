"""A Korean rep types the deal amount as they say it, in a real terminal: `3억 5000` is
refused with why, `3억 5천만` is saved as 350,000,000.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.deals import store
from tests.pty.test_qualify_pty import ENTER, MINI, answer, finish, spawn, workdir

pytestmark = pytest.mark.pty

__all__ = ["workdir"]  # the fixture, shared with the other pty tests


def test_a_korean_amount_is_read_and_an_ambiguous_one_asked_again(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI, "--lang", "ko")
    answer(child, "딜 이름", "한빛" + ENTER)
    answer(child, "고객사", ENTER)
    answer(child, "금액", "3억 5000" + ENTER)
    child.expect_exact("5000만인지 5000인지 알 수 없습니다")
    answer(child, "금액", "3억 5천만" + ENTER)
    for prompt in ("통화", "단계", "예상 계약일", "담당자"):
        answer(child, prompt, ENTER)
    for prompt in ("1/6", "2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("권고")
    assert finish(child) == 0

    (saved,) = (workdir / "deals").glob("*.yaml")
    assert store.load_deal(saved).amount == 350_000_000
