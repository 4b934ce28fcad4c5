"""A first qualification with `-f ./team.yaml` stopped by Ctrl-C resumes without `-f`."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.deals import store
from tests.conftest import FRAMEWORK_FIXTURES
from tests.pty.test_qualify_pty import ENTER, answer, basics, finish, spawn

pytestmark = pytest.mark.pty

CTRL_C = "\x03"
DEAL = "deals/acme.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose team framework is a file beside the deals folder."""
    (tmp_path / ".git").mkdir()  # stop the config search here
    mini = (FRAMEWORK_FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    (tmp_path / "team.yaml").write_text(mini.replace("id: mini", "id: team"), encoding="utf-8")
    return tmp_path


def _finish_resumed(project: Path, cwd: Path, deal: str) -> None:
    child = spawn(cwd, "qualify", deal)  # no -f: the draft must know the file
    answer(child, "Resume the qualification", ENTER)
    for prompt in ("2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0
    history = store.load_deal(project / DEAL).qualifications
    assert [q.frameworks for q in history] == [["../team.yaml@1.0.0"]]


def test_ctrl_c_in_the_basics_then_resume_from_above_and_report(project: Path) -> None:
    child = spawn(project, "qualify", "-f", "./team.yaml")
    answer(child, "Deal name", "Acme" + ENTER)
    answer(child, "Customer company", CTRL_C)
    child.expect_exact(f"Resume with: dealcheck qualify {DEAL}")
    assert finish(child) == 130
    assert store.load_draft(project / DEAL).frameworks == ["../team.yaml@1.0.0"]

    child = spawn(project.parent, "qualify", f"{project.name}/{DEAL}")
    answer(child, "(deal basics saved, no answers yet)", ENTER)  # resume: yes
    answer(child, "Deal name", ENTER)
    answer(child, "Customer company", "Acme Corp" + ENTER)
    for prompt in ("Amount", "Currency", "Stage", "Expected close date"):
        answer(child, prompt, ENTER)
    answer(child, "Owner", "Jane" + ENTER)
    answer(child, "1/6", ENTER)
    for prompt in ("2/6", "3/6", "4/6", "5/6", "6/6"):
        answer(child, prompt, ENTER)
    child.expect_exact("Recommendation")
    assert finish(child) == 0

    child = spawn(project.parent, "report", f"{project.name}/{DEAL}")
    child.expect_exact("Acme")
    assert finish(child) == 0


def test_ctrl_c_at_a_criterion_then_resume_without_f(project: Path) -> None:
    child = spawn(project, "qualify", "-f", "./team.yaml")
    basics(child)
    answer(child, "1/6", ENTER)
    answer(child, "2/6", CTRL_C)
    assert finish(child) == 130
    assert store.load_draft(project / DEAL).frameworks == ["../team.yaml@1.0.0"]

    _finish_resumed(project, project, DEAL)
