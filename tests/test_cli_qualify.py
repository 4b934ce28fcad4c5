from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.deals import store
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, ROOT, invoke, lock_held_elsewhere

MINI = ["-f", "mini", "--frameworks-dir", str(FRAMEWORK_FIXTURES)]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # stop the config search here
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_answers(folder: Path, text: str) -> Path:
    path = folder / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_qualify_with_answers_then_report_in_every_format(runner: CliRunner, workdir: Path) -> None:
    answers = write_answers(
        workdir,
        "deal: {name: Acme, stage: discovery}\nanswers: {mini: {criteria: {pain: assumed}}}\n",
    )
    code, out, err = invoke(runner, "qualify", "--answers", str(answers), *MINI)
    assert code == 0, err
    assert "Saved deals/acme.yaml (qualification 1)" in err
    assert "Recommendation" in out
    code, out, _ = invoke(
        runner,
        "report",
        "deals/acme.yaml",
        "--format",
        "json",
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
    )
    data = json.loads(out)
    assert code == 0 and data["schema_version"] == 1 and data["deal"]["name"] == "Acme"
    assert {g["criterion"] for g in data["gaps"]} and all("id" in f for f in data["red_flags"])
    assert isinstance(data["next_questions"], list)
    code, out, _ = invoke(
        runner,
        "report",
        "deals/acme.yaml",
        "--format",
        "md",
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
    )
    assert code == 0 and out.startswith("# Acme · qualification 1 of 1")
    code, out, _ = invoke(
        runner,
        "prep",
        "deals/acme.yaml",
        "--lang",
        "ko",
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
    )
    assert code == 0 and "콜 플랜 · Acme" in out


def test_no_input_with_nothing_changed_appends_nothing(runner: CliRunner, workdir: Path) -> None:
    answers = write_answers(
        workdir, "deal: {name: Acme}\nanswers: {mini: {criteria: {pain: partial}}}\n"
    )
    invoke(runner, "qualify", "--answers", str(answers), *MINI)
    before = (workdir / "deals" / "acme.yaml").read_bytes()
    code, out, err = invoke(
        runner,
        "qualify",
        "deals/acme.yaml",
        "--no-input",
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
    )
    assert code == 0, err
    assert out == ""
    assert err.startswith("No change since qualification 1 (")
    assert (workdir / "deals" / "acme.yaml").read_bytes() == before


def test_answers_that_change_something_are_appended(runner: CliRunner, workdir: Path) -> None:
    first = write_answers(
        workdir, "deal: {name: Acme}\nanswers: {mini: {criteria: {pain: partial}}}\n"
    )
    invoke(runner, "qualify", "--answers", str(first), *MINI)
    second = workdir / "second.yaml"
    second.write_text("answers: {mini: {criteria: {champion: assumed}}}\n", encoding="utf-8")
    code, _, err = invoke(runner, "qualify", "deals/acme.yaml", "--answers", str(second), *MINI)
    assert code == 0, err
    history = store.load_deal(workdir / "deals" / "acme.yaml").qualifications
    assert [q.answers["mini"].criteria["pain"].level for q in history] == ["partial", "partial"]
    assert history[1].answers["mini"].criteria["champion"].level == "assumed"


def test_a_misspelt_stage_gets_did_you_mean_and_the_usage_code(
    runner: CliRunner, workdir: Path
) -> None:
    answers = write_answers(workdir, "deal: {name: Acme}\nanswers: {}\n")
    code, _, err = invoke(runner, "qualify", "--answers", str(answers), "--stage", "proposl", *MINI)
    assert code == 2
    assert err == (
        "error: --stage 'proposl': no such stage; did you mean 'proposal'? "
        "(stages: discovery, proposal, closing)\n"
    )
    assert not (workdir / "deals" / "acme.yaml").exists()


def test_answers_for_a_framework_not_in_play_agree_with_a_misspelt_criterion(
    runner: CliRunner, workdir: Path
) -> None:
    outside = write_answers(
        workdir, "deal: {name: Acme}\nanswers:\n  bant: {criteria: {budget: partial}}\n"
    )
    code_outside, _, err_outside = invoke(runner, "qualify", "--answers", str(outside), *MINI)
    misspelt = workdir / "misspelt.yaml"
    misspelt.write_text(
        "deal: {name: Acme}\nanswers:\n  mini: {criteria: {pian: partial}}\n", encoding="utf-8"
    )
    code_misspelt, _, err_misspelt = invoke(runner, "qualify", "--answers", str(misspelt), *MINI)
    assert code_outside == code_misspelt == 3
    assert err_outside.startswith(f"error: {outside}:3:3: answers for framework 'bant'")
    assert (
        "add it with -f bant" in err_outside and "`frameworks:` in .dealcheck.yaml" in err_outside
    )
    assert (
        err_misspelt
        == f"error: {misspelt}:3:21: mini has no criterion 'pian'; did you mean 'pain'?\n"
    )
    assert not (workdir / "deals" / "acme.yaml").exists()


def test_without_terminal_or_answers_fails_at_once(runner: CliRunner, workdir: Path) -> None:
    code, out, err = invoke(runner, "qualify", *MINI)
    assert code == 2
    assert err.strip() == "error: no terminal to ask questions in; use --answers FILE or --no-input"
    assert "questionary" not in sys.modules or out == ""


def test_without_terminal_does_not_import_questionary(workdir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dealcheck", "qualify", *MINI],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "questionary" not in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["report", "nope.yaml"], 2, "no such deal file"),
        (["report", "deal.yaml", "--at", "3"], 2, "--at 3: deal.yaml has qualifications 1 to 2"),
        (["report", "deal.yaml", "--format", "pdf"], 2, "--format 'pdf': use text, md, json, html"),
        (["prep", "deal.yaml", "--format", "json"], 2, "use text, md"),
        (["report", "broken.yaml"], 3, "broken.yaml:2:1"),
    ],
)
def test_report_errors(
    runner: CliRunner, workdir: Path, args: list[str], code: int, message: str
) -> None:
    shutil.copy(FIXTURES / "deals" / "golden-deal.yaml", workdir / "deal.yaml")
    (workdir / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    got, _, err = invoke(runner, *args, "--frameworks-dir", str(FRAMEWORK_FIXTURES))
    assert got == code and message in err


def test_report_at_earlier_qualification(runner: CliRunner, workdir: Path) -> None:
    shutil.copy(FIXTURES / "deals" / "golden-deal.yaml", workdir / "deal.yaml")
    code, out, _ = invoke(
        runner,
        "report",
        "deal.yaml",
        "--at",
        "1",
        "--format",
        "json",
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
    )
    first = json.loads(out)
    assert code == 0
    assert first["recommendation"] == "dig-deeper"
    assert "too-little-known" in [reason["code"] for reason in first["reasons"]]


def test_locked_deal_is_refused_with_exit_4(runner: CliRunner, workdir: Path) -> None:
    shutil.copy(FIXTURES / "deals" / "golden-deal.yaml", workdir / "deal.yaml")
    with lock_held_elsewhere(workdir / "deal.yaml") as holder:
        code, _, err = invoke(
            runner,
            "qualify",
            "deal.yaml",
            "--no-input",
            "--frameworks-dir",
            str(FRAMEWORK_FIXTURES),
        )
    assert code == 4
    assert f"is open in another dealcheck process (pid {holder.pid})" in err


def test_unparsable_deal_is_not_touched(runner: CliRunner, workdir: Path) -> None:
    broken = workdir / "deal.yaml"
    broken.write_text("name: Acme\nqualifications: [\n", encoding="utf-8")
    code, _, _ = invoke(runner, "qualify", "deal.yaml", "--no-input", *MINI)
    assert code == 3
    assert broken.read_text(encoding="utf-8") == "name: Acme\nqualifications: [\n"


@pytest.mark.parametrize("command", ["qualify", "report", "prep"])
def test_help_has_examples(runner: CliRunner, command: str) -> None:
    code, out, _ = invoke(runner, command, "--help")
    assert code == 0 and f"dealcheck {command} deals/acme.yaml" in out


def test_example_answers_files_and_config_are_valid(tmp_path: Path) -> None:
    from dealcheck.deals.model import AnswersFile
    from dealcheck.language.config import ProjectConfig
    from dealcheck.language.validation import validate_located
    from dealcheck.language.yamlfile import read_yaml

    for path in sorted((ROOT / "examples" / "answers").glob("*.yaml")):
        validate_located(AnswersFile, read_yaml(path))
    validate_located(ProjectConfig, read_yaml(ROOT / "examples" / "dealcheck.example.yaml"))


@pytest.mark.parametrize(
    "not_a_deal",
    ["examples/salesforce.map.yaml", "examples/dealcheck.example.yaml", "README.md", "FRAMEWORK"],
)
@pytest.mark.parametrize("command", ["report", "prep", "qualify"])
def test_a_file_that_is_not_a_deal_file_gets_one_line(
    runner: CliRunner, in_repo: Path, not_a_deal: str, command: str
) -> None:
    from dealcheck.language.catalog import builtin_dir

    path = str(builtin_dir() / "meddpicc.yaml") if not_a_deal == "FRAMEWORK" else not_a_deal
    extra = ["--no-input"] if command == "qualify" else []
    code, out, err = invoke(runner, command, path, *extra)
    assert code == 3
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {path} is not a deal file: ")


def test_a_misspelt_stage_in_korean_has_no_english(runner: CliRunner, workdir: Path) -> None:
    answers = write_answers(workdir, "deal: {name: Acme}\nanswers: {}\n")
    code, _, err = invoke(
        runner, "qualify", "--answers", str(answers), "--stage", "proposl", "--lang", "ko", *MINI
    )
    assert code == 2
    assert err == (
        "오류: --stage 'proposl': 없는 단계입니다. 혹시 'proposal' 단계를 말씀하신 건가요? "
        "(단계: 'discovery'(발굴), 'proposal'(제안), 'closing'(계약))\n"
    )


def test_stage_exit_answers_are_saved_and_the_report_says_the_stage_is_ahead(
    runner: CliRunner, workdir: Path
) -> None:
    answers = write_answers(
        workdir,
        "deal: {name: Acme, stage: proposal}\n"
        "answers:\n  the-model:\n    exit_criteria:\n"
        "      problem-we-solve: 'yes'\n      decides-in-period: 'yes'\n"
        "      demo-or-trial-started: 'no'\n      comparison-started: 'yes'\n",
    )
    code, _, err = invoke(
        runner, "qualify", "--answers", str(answers), "-f", "meddpicc", "-f", "the-model"
    )
    assert code == 0, err
    saved = store.load_deal(workdir / "deals" / "acme.yaml").qualifications[0]
    assert saved.answers["the-model"].exit_criteria["demo-or-trial-started"].happened == "no"
    code, out, _ = invoke(runner, "report", "deals/acme.yaml", "--format", "md")
    assert code == 0
    assert "the exit criteria support Stage 2: problem recognised" in out
    assert "not yet: a demo or trial started" in out


def test_a_misspelt_stage_exit_check_in_an_answers_file_is_refused(
    runner: CliRunner, workdir: Path
) -> None:
    answers = write_answers(
        workdir,
        "deal: {name: Acme, stage: proposal}\n"
        "answers:\n  the-model:\n    exit_criteria: {demo-started: 'yes'}\n",
    )
    code, _, err = invoke(runner, "qualify", "--answers", str(answers), "-f", "the-model")
    assert code == 3
    assert (
        "answers.yaml:4:21: the-model has no stage exit check 'demo-started'; did you mean 'demo-or-trial-started'?"
        in err
    )
