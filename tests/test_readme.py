"""The README stays true: its examples work, every command is documented, CI runs its test command."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from dealcheck.language.loading import load_framework

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def all_commands() -> list[str]:
    from typer.main import get_command

    from dealcheck.cli import app

    root = get_command(app)
    found: list[str] = []

    def walk(group: object, prefix: str) -> None:
        for name, sub in getattr(group, "commands", {}).items():
            if getattr(sub, "commands", None):
                walk(sub, f"{prefix} {name}")
            else:
                found.append(f"{prefix} {name}".strip())

    walk(root, "")
    return found


def test_the_framework_example_is_a_valid_framework(tmp_path: Path) -> None:
    example = next(
        block for block in code_blocks("yaml") if block.startswith("# yaml-language-server")
    )
    path = tmp_path / "mini.yaml"
    path.write_text(example, encoding="utf-8")

    framework = load_framework(path)

    assert framework.id == "mini"
    assert framework.criteria[0].questions[0].get("ko") == "솔루션을 찾게 된 계기는 무엇인가요?"


def test_every_command_is_documented() -> None:
    missing = [command for command in all_commands() if f"dealcheck {command}" not in README]

    assert missing == []


def test_exactly_two_set_up_commands_and_ci_runs_the_test_one() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)\n```", setup, flags=re.DOTALL)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

    assert len(commands) == 2
    assert all(
        c.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ")
        for c in commands
    )
    assert "-r requirements/ci.txt" in commands[1], "tests run with the locked versions, as CI does"
    test_command = commands[1].rsplit("&& ", 1)[1]
    assert test_command == "python -m pytest -q"
    assert test_command in ci.splitlines()


def test_the_mapping_example_binds_to_the_salesforce_example_export(tmp_path: Path) -> None:
    from dealcheck.mapping.binding import bind
    from dealcheck.mapping.loading import load_mapping

    example = next(block for block in code_blocks("yaml") if block.startswith("crm: salesforce"))
    path = tmp_path / "salesforce.map.yaml"
    path.write_text(example, encoding="utf-8")
    header = (
        (ROOT / "examples" / "salesforce-pipeline.csv")
        .read_text(encoding="utf-8")
        .splitlines()[0]
        .split(",")
    )

    mapping, tree = load_mapping(path)
    binding = bind(
        mapping,
        tree,
        header,
        [load_framework(i) for i in mapping.frameworks],
        "salesforce-pipeline.csv",
    )

    assert mapping.criteria["meddpicc"]["champion"].kind.value == "yes-no"
    assert binding.roles["next_step"] >= 0


def test_every_command_help_shows_examples_one_per_line(runner: CliRunner) -> None:
    from tests.conftest import invoke

    missing = []
    for command in all_commands():
        _, out, _ = invoke(runner, *command.split(), "--help")
        if f"Examples:\n    dealcheck {command}" not in out:
            missing.append(command)

    assert missing == []
