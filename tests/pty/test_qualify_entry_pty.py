"""Typing into `qualify` in a real terminal: defaults are replaced, not appended to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dealcheck.deals import store
from tests.pty.test_qualify_pty import DOWN, ENTER, MINI, UP, answer, basics, finish, spawn, workdir

pytestmark = pytest.mark.pty

__all__ = ["workdir"]  # the fixture, shared with the other pty tests

DEAL = "deals/acme.yaml"


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
