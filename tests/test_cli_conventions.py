"""What a Python CLI user expects: -V, readable help, shell completion, one exit code per fault."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dealcheck

from .conftest import FRAMEWORK_FIXTURES, ROOT, invoke
from .test_readme import all_commands

EXAMPLES = ROOT / "examples"


def dealcheck_script() -> str:
    found = shutil.which("dealcheck", path=str(Path(sys.executable).parent))
    assert found, "the dealcheck console script is installed beside this Python"
    return found


def complete(words: str, cwd: Path) -> list[str]:
    """What bash completion offers for the last of `words` (as the installed script sees it)."""
    argv = words.split()
    env = {
        **os.environ,
        "_DEALCHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(argv) - (0 if words.endswith(" ") else 1)),
    }
    done = subprocess.run(
        [dealcheck_script()], capture_output=True, text=True, env=env, cwd=cwd, check=True
    )
    return done.stdout.split()


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags_print_the_one_version(flag: str) -> None:
    done = subprocess.run([dealcheck_script(), flag], capture_output=True, text=True, check=True)

    assert done.stdout == f"dealcheck {dealcheck.__version__}\n"


def test_the_version_lives_in_one_place() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    assert "version" not in project and project["dynamic"] == ["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", dealcheck.__version__)


@pytest.mark.parametrize("command", all_commands())
def test_help_shows_metavars_never_python_types(runner: CliRunner, command: str) -> None:
    code, out, _ = invoke(runner, *command.split(), "--help")

    assert code == 0
    assert re.findall(r"<[\w\[\]%|. -]+>|\{\w+\}", out) == []


def test_help_names_files_ids_and_dates(runner: CliRunner) -> None:
    _, score_help, _ = invoke(runner, "score", "--help")
    _, validate_help, _ = invoke(runner, "framework", "validate", "--help")
    _, qualify_help, _ = invoke(runner, "qualify", "--help")

    assert "Usage: dealcheck score [OPTIONS] INPUT..." in score_help
    assert "-f, --framework ID" in score_help and "--today DATE" in score_help
    assert "--rejects FILE" in score_help
    assert "Usage: dealcheck framework validate [OPTIONS] FILE..." in validate_help
    assert "Usage: dealcheck qualify [OPTIONS] [DEAL_FILE]" in qualify_help
    assert "-s, --stage STAGE" in qualify_help


def test_completion_can_be_installed_and_shown(runner: CliRunner) -> None:
    _, top_help, _ = invoke(runner, "--help")
    done = subprocess.run(
        [dealcheck_script(), "--show-completion", "bash"], capture_output=True, text=True
    )

    assert "--install-completion" in top_help and "--show-completion" in top_help
    assert done.returncode == 0
    assert "_DEALCHECK_COMPLETE=complete_bash" in done.stdout


def test_framework_ids_complete_from_built_ins_and_the_team_folder(tmp_path: Path) -> None:
    (tmp_path / "frameworks").mkdir()
    shutil.copy(FRAMEWORK_FIXTURES / "mini.yaml", tmp_path / "frameworks" / "mega-deal.yaml")

    assert complete("dealcheck qualify -f me", tmp_path) == ["meddpicc", "mega-deal"]
    assert complete("dealcheck framework show b", tmp_path) == ["bant"]
    assert "red-flags" in complete("dealcheck score x.csv --framework ", tmp_path)


def test_stage_ids_complete_for_the_chosen_framework(tmp_path: Path) -> None:
    offered = complete("dealcheck qualify -f bant --stage ", tmp_path)
    narrowed = complete("dealcheck qualify -f bant --stage d", tmp_path)

    assert offered[:2] == ["prospecting", "discovery"]
    assert narrowed == ["discovery"]


@pytest.mark.parametrize(
    "args",
    [
        ["qualify", "nope.yaml", "--no-input"],
        ["qualify", "--answers", "nope.yaml"],
        ["report", "nope.yaml"],
        ["archive", "gone/nope.yaml"],
        ["prep", "nope.yaml"],
        ["score", "nope.csv"],
        ["score", str(EXAMPLES / "salesforce-pipeline.csv"), "--map", "nope.map.yaml"],
        ["map", "init", "nope.csv"],
        ["framework", "show", "nope.yaml"],
        ["framework", "validate", "nope.yaml"],
        ["validate", "nope.map.yaml"],
        ["framework", "new", "acme", "--extends", "nope.yaml"],
    ],
)
def test_a_missing_file_exits_2_in_every_command(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    code, out, err = invoke(runner, *args)

    assert code == 2
    assert "nope" in err and err.count("\n") == 1 and "Traceback" not in err


def test_validate_dash_reads_standard_input(runner: CliRunner, in_repo: Path) -> None:
    from dealcheck.cli import app

    broken = "id: acme\nextends: bant\ncriteria:\n  - id: budget\n    wieght: 3\n"
    good = runner.invoke(app, ["framework", "validate", "-"], input=b"id: acme\nextends: bant\n")
    bad = runner.invoke(app, ["framework", "validate", "-"], input=broken.encode())

    assert good.exit_code == 0
    assert bad.exit_code == 1
    assert bad.stdout == "<stdin>:5:5: unknown key 'wieght'; did you mean 'weight'?\n"
