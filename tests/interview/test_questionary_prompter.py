"""Real key handling in-process: prompt_toolkit pipe input around Typer's CliRunner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from dealcheck.cli import qualify as qualify_cli
from dealcheck.deals import store
from tests.conftest import FRAMEWORK_FIXTURES, invoke

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
MINI = ["-f", "mini", "--frameworks-dir", str(FRAMEWORK_FIXTURES)]
BASICS = ["Acme", "Acme Corp", "1000", "", "", "", "Jane"]  # stage select: Enter on default


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PipeInput]:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(qualify_cli, "has_terminal", lambda: True)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def type_lines(pipe: PipeInput, lines: list[str]) -> None:
    pipe.send_text("".join(line + ENTER for line in lines))


def test_full_qualification_with_arrow_keys(
    keys: PipeInput, runner: CliRunner, tmp_path: Path
) -> None:
    type_lines(keys, BASICS)
    # pain: default `unknown`; two ups reach `partial`; evidence; source: down to `customer`; date
    keys.send_text(UP + UP + ENTER + "Slow close" + ENTER + DOWN + ENTER + ENTER)
    keys.send_text(ENTER + ENTER)  # champion, budget: unknown
    keys.send_text(ENTER + ENTER + ENTER)  # three red flags: unknown
    code, out, err = invoke(runner, "qualify", *MINI)
    assert code == 0, err
    answer = store.load_deal(tmp_path / "deals" / "acme.yaml").qualifications[0].answers["mini"]
    assert answer.criteria["pain"].level == "partial"
    assert answer.criteria["pain"].source == "customer"
    assert answer.criteria["champion"].level == "unknown"
    assert "Recommendation" in out


def test_ctrl_c_keeps_draft_and_exits_130(
    keys: PipeInput, runner: CliRunner, tmp_path: Path
) -> None:
    type_lines(keys, BASICS)
    keys.send_text(ENTER + ENTER + ENTER + CTRL_C)
    code, _, err = invoke(runner, "qualify", *MINI)
    assert code == 130
    assert err.strip().splitlines()[-1] == (
        "error: interrupted; answers saved: 3. Resume with: dealcheck qualify deals/acme.yaml"
    )
    draft = store.load_draft(tmp_path / "deals" / "acme.yaml")
    assert draft is not None and draft.answered() == 3


def _ask_text(pipe: PipeInput, typed: str, default: str) -> str:
    from dealcheck.interview.questionary_prompter import QuestionaryPrompter

    pipe.send_text(typed)
    return QuestionaryPrompter().text("Confirmed on", default=default)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-15" + ENTER, "2026-12-15"),  # typing replaces the default
        (ENTER, "2026-12-01"),  # Enter keeps it
        ("\x1b[C" + "\x7f" * 2 + "15" + ENTER, "2026-12-15"),  # → edits it
        ("\x7f" + ENTER, ""),  # Backspace clears it
    ],
)
def test_a_text_default_is_replaced_by_typing(keys: PipeInput, typed: str, expected: str) -> None:
    assert _ask_text(keys, typed, "2026-12-01") == expected
