"""End-to-end runs of the installed `dealcheck` in a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from dealcheck.deals import store
from tests.conftest import FRAMEWORK_FIXTURES

pytestmark = pytest.mark.pty

UP = "\x1b[A"
DOWN = "\x1b[B"
ENTER = "\r"
TIMEOUT = 30
MINI = ["-f", "mini", "--frameworks-dir", str(FRAMEWORK_FIXTURES)]


def command() -> list[str]:
    installed = shutil.which("dealcheck", path=str(Path(sys.executable).parent))
    return [installed] if installed else [sys.executable, "-m", "dealcheck"]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def spawn(workdir: Path, *args: str, columns: int = 100) -> pexpect.spawn:
    # No cursor-position requests: pexpect does not answer them, prompt_toolkit would wait 1 s.
    env = {**os.environ, "TERM": "xterm", "LINES": "40", "LANG": "en_US.UTF-8"}
    env["COLUMNS"] = str(columns)
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.pop("NO_COLOR", None)
    program, *rest = command()
    return pexpect.spawn(
        program,
        [*rest, *args],
        cwd=str(workdir),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, columns),
    )


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0))


def basics(child: pexpect.spawn, name: str = "Acme") -> None:
    for prompt, keys in [
        ("Deal name", name + ENTER),
        ("Customer company", "Acme Corp" + ENTER),
        ("Amount", "1000" + ENTER),
        ("Currency", ENTER),
        ("Stage", ENTER),
        ("Expected close date", ENTER),
        ("Owner", "Jane" + ENTER),
    ]:
        answer(child, prompt, keys)


def qualify_from_file(workdir: Path, answers: Path) -> None:
    """A first qualification recorded without prompts, as a script would."""
    subprocess.run(
        [*command(), "qualify", "--answers", str(answers), *MINI],
        cwd=workdir,
        check=True,
        capture_output=True,
    )


def test_full_qualification(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI)
    basics(child)
    answer(child, "1/6 · Pain", UP + UP + ENTER)  # from `unknown` up to `partial`
    answer(child, "Evidence", "Close takes 12 days" + ENTER)
    answer(child, "Where does this come from?", ENTER)  # my belief
    for prompt in ("2/6 · Champion", "3/6 · Budget", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    deal = store.load_deal(workdir / "deals" / "acme.yaml")
    pain = deal.qualifications[0].answers["mini"].criteria["pain"]
    assert (pain.level, pain.evidence, pain.source) == ("partial", "Close takes 12 days", "belief")


def test_ctrl_c_after_third_answer_then_resume(workdir: Path) -> None:
    child = spawn(workdir, "qualify", *MINI)
    basics(child)
    for prompt in ("1/6 · Pain", "2/6 · Champion", "3/6 · Budget"):
        answer(child, prompt, ENTER)
    answer(child, "4/6", "\x03")
    child.expect_exact("Resume with: dealcheck qualify deals/acme.yaml")
    assert finish(child) == 130
    assert store.load_draft(workdir / "deals" / "acme.yaml") is not None

    child = spawn(workdir, "qualify", "deals/acme.yaml", *MINI)
    answer(child, "Resume the qualification", ENTER)
    answer(child, "4/6", "\x1b[A" * 2 + ENTER)  # from `unknown` up to `yes`
    answer(child, "5/6", ENTER)
    answer(child, "6/6", ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    deal = store.load_deal(workdir / "deals" / "acme.yaml")
    assert deal.qualifications[0].answers["mini"].red_flags["price-only"] == "yes"
    assert not store.draft_path(workdir / "deals" / "acme.yaml").exists()


def test_requalify_keeps_previous_answers_with_enter(workdir: Path) -> None:
    answers = workdir / "answers.yaml"
    answers.write_text(
        "deal: {name: Acme, stage: discovery}\n"
        "answers:\n  mini:\n    criteria:\n"
        "      pain: {level: confirmed, evidence: CFO said, source: customer, confirmed_on: 2025-05-01}\n"
        "      champion: {level: assumed, evidence: Kim, source: belief}\n"
        "    red_flags: {price-only: 'no'}\n",
        encoding="utf-8",
    )
    qualify_from_file(workdir, answers)
    child = spawn(
        workdir, "qualify", "deals/acme.yaml", "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )
    for prompt in (
        "Do the stage, close date and amount still hold?",
        "Stage",
        "Expected close date",
        "Amount",
        "1/6 · Pain",
        "Evidence",
        "Where does",
        "Confirmed on",
        "2/6 · Champion",
        "Evidence",
        "Where does",
        "3/6 · Budget",
        "4/6",
        "5/6",
        "6/6",
    ):
        answer(child, prompt, ENTER)
    child.expect_exact("score +0.0")
    child.expect_exact("no answer changed")
    assert finish(child) == 0
    first, second = store.load_deal(workdir / "deals" / "acme.yaml").qualifications
    assert first.answers == second.answers


def test_stage_exit_checks_answered_no_show_the_crm_stage_ahead(workdir: Path) -> None:
    child = spawn(workdir, "qualify", "-f", "the-model", columns=160)
    for prompt, keys in [
        ("Deal name", "Acme" + ENTER),
        ("Customer company", "Acme Corp" + ENTER),
        ("Amount", "1000" + ENTER),
        ("Currency", ENTER),
        ("Stage", DOWN + DOWN + ENTER),  # stage 3: evaluation
        ("Expected close date", ENTER),
        ("Owner", "Jane" + ENTER),
        ("1/5 · Stage exit: a business problem we can solve", UP + UP + ENTER),  # yes
        ("What shows it happened", "Close takes 12 days, CFO said" + ENTER),
        ("Where does this come from?", DOWN + ENTER),  # the customer
        ("Confirmed on", ENTER),
        ("2/5 · Stage exit: a decision within a set period", UP + UP + ENTER),
        ("What shows it happened", "Board meets in March" + ENTER),
        ("Where does this come from?", DOWN + DOWN + ENTER),  # a document
        ("Confirmed on", ENTER),
        ("3/5 · Stage exit: a demo or trial started", UP + ENTER),  # no
        ("4/5 · Stage exit: a comparison with others started", UP + UP + ENTER),
        ("What shows it happened", "They also talk to Globex" + ENTER),
        ("Where does this come from?", ENTER),  # my belief
        ("5/5 · Stage exit: we are selected", ENTER),  # unknown
    ]:
        answer(child, prompt, keys)
    child.expect_exact("the exit criteria support Stage 2: problem recognised")
    child.expect_exact("not yet: a demo or trial started")
    child.expect_exact("✓ a business problem we can solve: yes · confirmed by the customer")
    child.expect_exact("! a comparison with others started: yes · rep's belief")
    child.expect_exact("rep's word only: not counted for the stage")
    assert finish(child) == 0
    exits = store.load_deal(workdir / "deals" / "acme.yaml").qualifications[0].answers
    checks = exits["the-model"].exit_criteria
    assert checks["demo-or-trial-started"].happened == "no"
    assert (checks["problem-we-solve"].evidence, checks["problem-we-solve"].source) == (
        "Close takes 12 days, CFO said",
        "customer",
    )
    assert checks["comparison-started"].source == "belief"
