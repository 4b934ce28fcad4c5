"""The inlined row loop for plain CSV writes exactly what the general per-row path writes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from dealcheck.batch import pipeline
from dealcheck.batch.plan import RowPlan
from dealcheck.language.loading import load_framework
from tests.batch.conftest import run
from tests.batch.test_parallel import NO_SPLIT
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "salesforce-pipeline.csv"
MAP = ROOT / "examples" / "salesforce.map.yaml"


def salesforce_export(path: Path, copies: int) -> None:
    """The Salesforce example many times over, with formulas, quotes and Hangul mixed in."""
    header, *rows = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines = [header]
    for copy in range(copies):
        for n, row in enumerate(rows):
            cells = row.split(",")
            cells[0] = f"{cells[0]}-{copy}"
            if len(cells) > 10 and n % 7 == 0:
                cells[10] = ["=SUM(A1)", "-call CFO", '"Two lines\nof next step"', "한빛 미팅"][
                    copy % 4
                ]
            lines.append(",".join(cells))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def test_inlined_loop_matches_the_general_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export.csv"
    salesforce_export(export, copies=40)
    frameworks = [load_framework("meddpicc"), load_framework("red-flags")]
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", NO_SPLIT)
    used: list[bool] = []
    real = pipeline.score_plain_rows

    def spy(*args: Any) -> None:
        used.append(True)
        real(*args)

    monkeypatch.setattr(pipeline, "score_plain_rows", spy)
    inlined = run([export], frameworks, MAP, tmp_path / "inlined.csv")
    monkeypatch.setattr(RowPlan, "plain_fields", lambda self: None)  # forces the general path

    general = run([export], frameworks, MAP, tmp_path / "general.csv")

    assert used == [True]
    assert (tmp_path / "inlined.csv").read_bytes() == (tmp_path / "general.csv").read_bytes()
    assert dataclasses.replace(inlined, distinct_answers=0) == dataclasses.replace(
        general, distinct_answers=0
    )
    assert general.rejected >= 3 * 40
    assert general.scored > 1800
