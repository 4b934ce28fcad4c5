"""Close plan step templates a team keeps in `.dealcheck.yaml` (beside the frameworks').

A team whose security reviews take 45 days, not the framework's 21, says so once; every
`plan`, `report` and `prep` then holds the close date against 45 days. A team step the
frameworks lack (a paid pilot) is offered by `plan` under its own name, in both languages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.deals.close_plan import step_templates
from dealcheck.language.framework import StepTemplate, Text
from dealcheck.language.loading import load_framework
from tests.conftest import ROOT, invoke

ACME = ROOT / "examples" / "deals" / "acme-finance-close-automation.yaml"
TODAY = ("--today", "2025-05-05")
TEAM = """\
close_plan:
  - id: security-review
    name: {en: "Security review (ISMS-P)", ko: "보안 심사(ISMS-P)"}
    side: theirs
    lead_days: 180
  - id: pilot
    name: {en: Paid pilot, ko: 유료 파일럿}
    side: ours
    lead_days: 30
"""


def template(step_id: str, days: int) -> StepTemplate:
    return StepTemplate(id=step_id, name=Text(step_id), side="ours", lead_days=days)


def test_a_team_template_replaces_the_framework_one_in_place_and_new_ones_follow() -> None:
    meddpicc = load_framework("meddpicc", team_dir=ROOT / "frameworks")
    framework_ids = [s.id for s in meddpicc.close_plan]
    assert "security-review" in framework_ids

    merged = step_templates([meddpicc], [template("security-review", 45), template("pilot", 30)])

    assert [s.id for s in merged] == [*framework_ids, "pilot"]
    by_id = {s.id: s for s in merged}
    assert by_id["security-review"].lead_days == 45 and by_id["pilot"].lead_days == 30


def test_without_team_templates_the_first_framework_wins_an_id() -> None:
    meddpicc = load_framework("meddpicc", team_dir=ROOT / "frameworks")
    model = load_framework("the-model", team_dir=ROOT / "frameworks")
    merged = step_templates([meddpicc, model])
    shared = {s.id for s in meddpicc.close_plan} & {s.id for s in model.close_plan}
    for step in merged:
        if step.id in shared:
            assert step == next(s for s in meddpicc.close_plan if s.id == step.id)
    assert len({s.id for s in merged}) == len(merged)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (its own git root) with the team config and the Acme deal."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "deals").mkdir()
    (tmp_path / ".dealcheck.yaml").write_text(TEAM, encoding="utf-8")
    shutil.copy(ACME, tmp_path / "deals" / ACME.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "deals" / ACME.name


def test_report_holds_the_close_date_against_the_team_lead_time(
    runner: CliRunner, project: Path
) -> None:
    code, out, err = invoke(runner, "report", str(project), *TODAY)
    assert code == 0, err
    text = " ".join(out.split())
    assert (
        "'Security review (ISMS-P)' has not started and takes 180 days: done 2025-11-01 at "
        "the earliest, after the close date 2025-09-30." in text
    )


def test_without_the_team_config_the_framework_lead_time_fits(
    runner: CliRunner, project: Path
) -> None:
    (project.parent.parent / ".dealcheck.yaml").unlink()
    code, out, err = invoke(runner, "report", str(project), *TODAY)
    assert code == 0, err
    assert "has not started and takes" not in out and "Security review" in out


def test_plan_and_prep_use_the_team_step_in_korean(runner: CliRunner, project: Path) -> None:
    answers = project.parent / "plan.yaml"
    answers.write_text("steps:\n  - {id: pilot, target: 2025-06-02}\n", encoding="utf-8")

    code, out, err = invoke(
        runner, "plan", str(project), "--answers", str(answers), *TODAY, "--lang", "ko"
    )
    assert code == 0, err
    assert "2025-06-02  유료 파일럿" in out and "pilot" not in out

    code, out, err = invoke(runner, "prep", str(project), "--today", "2025-05-20", "--lang", "ko")
    assert code == 0, err
    goal = "서명까지 갈 수 있는 클로즈 플랜 합의: '보안 심사(ISMS-P)' 미착수(통상 180일 소요)"
    assert goal in " ".join(out.split())

    code, out, err = invoke(runner, "report", str(project), "--today", "2025-06-20", "--lang", "ko")
    assert code == 0, err
    assert "'유료 파일럿' 지연: 목표일 2025-06-02에서 18일 지남" in " ".join(out.split())


@pytest.mark.parametrize(
    ("config", "where", "message"),
    [
        (
            TEAM + "  - {id: pilot, name: Again, side: ours, lead_days: 3}\n",
            "10:10",
            "listed twice",
        ),
        (TEAM.replace("side: ours", "side: both"), "8:11", "'ours' or 'theirs'"),
        (TEAM.replace("lead_days: 30", "lead_days: soon"), "9:16", "valid integer"),
    ],
)
def test_a_bad_team_template_is_a_located_error(
    runner: CliRunner, project: Path, config: str, where: str, message: str
) -> None:
    config_file = project.parent.parent / ".dealcheck.yaml"
    config_file.write_text(config, encoding="utf-8")
    before = project.read_text(encoding="utf-8")

    code, out, err = invoke(runner, "validate", ".dealcheck.yaml")
    assert code == 1 and f".dealcheck.yaml:{where}: " in out + err and message in out + err

    code, _, err = invoke(runner, "report", str(project))
    assert code != 0 and f".dealcheck.yaml:{where}: " in err and "Traceback" not in err
    assert project.read_text(encoding="utf-8") == before
