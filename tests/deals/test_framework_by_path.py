"""A deal qualified with `-f ./team.yaml` can be reported and re-qualified later."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.deals import store
from tests.conftest import FRAMEWORK_FIXTURES, invoke


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding its own framework file, qualified from there."""
    (tmp_path / ".git").mkdir()  # stop the config search here
    folder = tmp_path / "proj"
    folder.mkdir()
    mini = (FRAMEWORK_FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    (folder / "team.yaml").write_text(mini.replace("id: mini", "id: team"), encoding="utf-8")
    answers = folder / "answers.yaml"
    answers.write_text(
        "deal: {name: Acme, stage: discovery}\nanswers: {team: {criteria: {pain: partial}}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(folder)
    code, _, err = invoke(CliRunner(), "qualify", "--answers", "answers.yaml", "-f", "./team.yaml")
    assert code == 0 and err.startswith("Saved deals/acme.yaml"), err
    return folder


def test_the_deal_records_the_path_from_its_own_folder(project: Path) -> None:
    deal = store.load_deal(project / "deals/acme.yaml")
    assert deal.qualifications[-1].frameworks == ["../team.yaml@1.0.0"]


def test_report_finds_the_framework_from_the_project_and_from_above(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = invoke(runner, "report", "deals/acme.yaml", "--format", "md")
    assert (code, err) == (0, "") and "Acme" in out and "pain" in out.lower()

    monkeypatch.chdir(project.parent)
    code, other, err = invoke(runner, "report", "proj/deals/acme.yaml", "--format", "md")
    assert (code, err) == (0, "") and other == out.replace(
        "deals/acme.yaml", "proj/deals/acme.yaml"
    )


def test_requalify_keeps_the_framework_given_by_path(runner: CliRunner, project: Path) -> None:
    again = project / "more.yaml"
    again.write_text("answers: {team: {criteria: {champion: assumed}}}\n", encoding="utf-8")
    code, _, err = invoke(runner, "qualify", "deals/acme.yaml", "--answers", str(again))
    assert code == 0 and err.startswith("Saved deals/acme.yaml"), err
    history = store.load_deal(project / "deals/acme.yaml").qualifications
    assert [q.frameworks for q in history] == [["../team.yaml@1.0.0"], ["../team.yaml@1.0.0"]]


def test_a_framework_outside_reach_is_one_located_line_with_the_fix(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, _, err = invoke(runner, "report", "../proj/deals/acme.yaml")
    assert code == 3, err
    assert err.startswith("error: ../proj/deals/acme.yaml:") and "'../team.yaml@1'" not in err
    assert "'../team.yaml'" in err and "outside" in err and "frameworks_dir" in err
    assert len(err.strip().splitlines()) == 1


def test_a_framework_moved_into_the_frameworks_folder_is_found_there(
    runner: CliRunner, project: Path
) -> None:
    code, before, _ = invoke(runner, "report", "deals/acme.yaml", "--format", "md")
    (project / "frameworks").mkdir()
    (project / "team.yaml").rename(project / "frameworks/team.yaml")
    code, after, err = invoke(runner, "report", "deals/acme.yaml", "--format", "md")
    assert (code, err, after) == (0, "", before)


def test_a_deleted_framework_is_one_located_line_with_the_fix(
    runner: CliRunner, project: Path
) -> None:
    (project / "team.yaml").unlink()
    code, _, err = invoke(runner, "report", "deals/acme.yaml")
    assert code == 3 and err.startswith("error: deals/acme.yaml:"), err
    assert "'../team.yaml'" in err and "missing" in err
    assert "copy it into the frameworks folder as team.yaml" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["prep", "plan"])
def test_prep_and_plan_find_it_from_above(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    (project / "steps.yaml").write_text("steps: []\n", encoding="utf-8")
    monkeypatch.chdir(project.parent)
    options = ["--answers", "proj/steps.yaml"] if command == "plan" else []
    code, out, err = invoke(runner, command, "proj/deals/acme.yaml", *options)
    assert code == 0, err
    assert ("Mutual close plan" if command == "plan" else "Acme") in out
