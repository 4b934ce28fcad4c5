"""`dealcheck plan` in a real pseudo-terminal: add a step, Ctrl-C, and resume."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dealcheck.deals import store
from dealcheck.deals.plan_flow import plan_draft_path
from tests.conftest import FIXTURES, ROOT
from tests.pty.test_qualify_pty import ENTER, answer, finish, spawn

pytestmark = pytest.mark.pty

DOWN = "\x1b[B"
OPTIONS = ["--frameworks-dir", str(ROOT / "frameworks"), "--today", "2025-06-13"]


@pytest.fixture
def deal(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "deal.yaml"
    shutil.copy(FIXTURES / "deals" / "prep" / "single-threaded.yaml", path)
    return path


def test_add_a_step_then_ctrl_c_then_resume(deal: Path) -> None:
    child = spawn(deal.parent, "plan", deal.name, *OPTIONS)
    answer(child, "What do you want to do with the close plan?", ENTER)  # Add a step
    answer(child, "Which step?", DOWN + ENTER)  # the second template not yet in the plan
    answer(child, "Whose step is it?", ENTER)
    answer(child, "Who does it (a name)?", "Han So-ra" + ENTER)
    answer(child, "Target date (YYYY-MM-DD)", ENTER)  # today plus the lead time
    answer(child, "What do you want to do with the close plan?", ENTER)  # another one
    answer(child, "Which step?", ENTER)
    answer(child, "Whose step is it?", ENTER)
    answer(child, "Who does it (a name)?", "Kim Dae-ho" + ENTER)
    child.expect_exact("Target date (YYYY-MM-DD)")
    child.sendcontrol("c")
    child.expect_exact("Resume with: dealcheck plan")

    assert finish(child) == 130
    saved = store.load_deal(deal).close_plan
    assert saved is not None
    legal = saved.step("legal-review")
    assert legal is not None and legal.person == "Han So-ra"
    assert legal.target == dt.date(2025, 6, 13) + dt.timedelta(days=14)
    assert saved.step("security-review") is None  # the step being typed is only a draft
    assert plan_draft_path(deal).is_file()

    child = spawn(deal.parent, "plan", deal.name, *OPTIONS)
    answer(child, "Resume the step you were adding (security-review)?", "y")
    answer(child, "Whose step is it?", ENTER)
    answer(child, "Who does it (a name)?", ENTER)  # keeps Kim Dae-ho from before Ctrl-C
    answer(child, "Target date (YYYY-MM-DD)", ENTER)
    answer(child, "What do you want to do with the close plan?", DOWN * 4 + ENTER)  # Done
    child.expect_exact("Mutual close plan")

    assert finish(child) == 0
    security = store.load_deal(deal).close_plan.step("security-review")  # type: ignore[union-attr]
    assert security is not None and security.person == "Kim Dae-ho"
    assert not plan_draft_path(deal).exists()
