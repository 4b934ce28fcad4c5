"""Golden output of `dealcheck map check` on two corpus layouts, through the real command.

Regenerate after an intended change with `UPDATE_GOLDEN=1 python -m pytest tests/render`
and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, invoke

GOLDEN = ROOT / "tests" / "golden" / "map-check"
CORPUS = ROOT / "tests" / "fixtures" / "exports"


def _golden(name: str, out: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_a_fresh_draft_shows_its_todos_and_exits_1(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(CORPUS / "salesforce-report-es" / "export.csv", tmp_path / "oportunidades.csv")
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(
        runner,
        "map",
        "init",
        "oportunidades.csv",
        "-f",
        "meddpicc",
        "--crm",
        "salesforce",
        "-o",
        "oportunidades.map.yaml",
    )
    assert code == 0, err

    code, out, _ = invoke(
        runner, "map", "check", "oportunidades.csv", "--map", "oportunidades.map.yaml"
    )

    assert code == 1
    _golden("en-salesforce-es-draft.txt", out)


def test_a_finished_korean_mapping_is_ready(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(CORPUS / "hubspot-ko" / "export.csv", tmp_path / "거래.csv")
    shutil.copy(CORPUS / "hubspot-ko" / "expected.map.yaml", tmp_path / "거래.map.yaml")
    monkeypatch.chdir(tmp_path)

    code, out, _ = invoke(
        runner, "map", "check", "거래.csv", "--map", "거래.map.yaml", "--lang", "ko"
    )

    assert code == 0
    _golden("ko-hubspot-ready.txt", out)
