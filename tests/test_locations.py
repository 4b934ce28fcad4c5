"""Every refusal of a user's file names FILE:LINE:COL: deals, answers, NUL bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, invoke

GOLDEN = (FIXTURES / "deals" / "golden-deal.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ("level: confirmed", "level: superb", ":27:23: ", "no level 'superb'"),
        ("mini@1.0.0]", "nosuch@1.0.0]", ":23:16: ", "no framework 'nosuch'"),
    ],
    ids=["unknown-level", "unknown-framework"],
)
def test_a_deal_naming_what_its_frameworks_lack_is_located(
    runner: CliRunner, tmp_path: Path, old: str, new: str, where: str, says: str
) -> None:
    deal = tmp_path / "acme.yaml"
    deal.write_text(GOLDEN.replace(old, new), encoding="utf-8")

    code, _, stderr = invoke(
        runner, "report", str(deal), "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )

    assert code == 3
    assert stderr.startswith(f"error: {deal}{where}") and says in stderr


def test_a_bad_level_in_an_answers_file_is_located(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "deal:\n  name: Acme\nanswers:\n  mini:\n    criteria:\n      pain: {level: superb}\n",
        encoding="utf-8",
    )

    code, _, stderr = invoke(
        runner,
        "qualify",
        "--answers",
        str(answers),
        "-f",
        "mini",
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
    )

    assert code == 3
    assert stderr.startswith(f"error: {answers}:6:21: pain: no level 'superb'")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_a_control_byte_in_yaml_is_reported_where_it_is(
    runner: CliRunner, tmp_path: Path, char: str
) -> None:
    deal = tmp_path / "acme.yaml"
    deal.write_text(f"name: Acme\ncompany: Acme{char}Corp\n", encoding="utf-8")

    code, _, stderr = invoke(
        runner, "report", str(deal), "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )

    assert code == 3 and "Traceback" not in stderr
    assert stderr.startswith(f"error: {deal}:2:14: character U+{ord(char):04X} is not allowed")
