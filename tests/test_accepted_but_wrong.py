"""Files that used to be accepted and then gave wrong results are refused, located."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from tests.batch.conftest import MINI_HEADER, MINI_MAP, score_beside
from tests.conftest import FRAMEWORK_FIXTURES, invoke


def _team(tmp_path: Path) -> Path:
    team = tmp_path / "frameworks"
    team.mkdir()
    shutil.copy(FRAMEWORK_FIXTURES / "mini.yaml", team / "mini.yaml")
    return team


def test_weight_true_is_not_a_weight_of_one(runner: CliRunner, tmp_path: Path) -> None:
    team = _team(tmp_path)
    text = (team / "mini.yaml").read_text(encoding="utf-8").replace("weight: 40", "weight: true")
    (team / "mini.yaml").write_text(text, encoding="utf-8")
    code, stdout, _ = invoke(
        runner, "framework", "validate", str(team / "mini.yaml"), "--frameworks-dir", str(team)
    )
    assert code == 1
    assert f"{team / 'mini.yaml'}:15:13: " in stdout and "valid number" in stdout


def test_two_team_frameworks_cannot_claim_one_id(runner: CliRunner, tmp_path: Path) -> None:
    team = _team(tmp_path)
    shutil.copy(team / "mini.yaml", team / "mini-copy.yaml")
    code, stdout, _ = invoke(
        runner, "framework", "validate", str(team / "mini-copy.yaml"), "--frameworks-dir", str(team)
    )
    assert code == 1
    assert f"{team / 'mini-copy.yaml'}:2:5: id 'mini' differs from the file name" in stdout


def test_removing_every_criterion_is_reported_in_the_users_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    team = _team(tmp_path)
    (team / "empty.yaml").write_text(
        "id: empty\nextends: mini\nname: {en: Empty, ko: 빈}\nversion: 1.0.0\n"
        "remove: [pain, champion, budget]\n",
        encoding="utf-8",
    )
    code, stdout, _ = invoke(
        runner, "framework", "validate", str(team / "empty.yaml"), "--frameworks-dir", str(team)
    )
    assert code == 1
    assert stdout.startswith(f"{team / 'empty.yaml'}:5:9: remove takes away every criterion")


def test_a_date_format_that_reads_nothing_is_refused_before_scoring(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "m.yaml").write_text(MINI_MAP + 'date_formats: ["%Q %Z %"]\n', encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text(
        MINI_HEADER + "\nD1,Acme,1200,Descubrimiento,2026-07-01,2026-01-02,Demo,,yes,,no\n",
        encoding="utf-8",
    )
    code, _, stderr = score_beside(runner, export)
    assert code == 3
    assert "m.yaml:20:16: date_formats.0: '%Q %Z %' is not a date format" in stderr
