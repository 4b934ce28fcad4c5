"""Helpers for the batch tests: the mini framework and a small mapping for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.summarise.builder import PipelineSummary
from dealcheck.batch.write.outputs import CsvWriter
from dealcheck.language.framework import Framework
from dealcheck.mapping.loading import load_mapping
from dealcheck.mapping.model import Mapping
from tests.conftest import FRAMEWORK_FIXTURES, invoke

TODAY = date(2026, 6, 1)
MINI_MAP = """\
frameworks: [mini]
columns:
  deal_id: ID
  name: Deal
  amount: Amount
  stage: Stage
  close_date: Close
  created_date: Created
  next_step: Next Step
values: {Confirmed: 3, Partial: partial, "Sí": yes}
stages: {Descubrimiento: discovery, Ganada: won}
criteria:
  mini:
    pain: {column: Pain, kind: text, level: partial}
    champion: {column: Champion, kind: yes-no, yes: confirmed}
    budget: {column: Budget}
red_flags:
  mini:
    price-only: {column: Price Only}
"""
MINI_HEADER = "ID,Deal,Amount,Stage,Close,Created,Next Step,Pain,Champion,Budget,Price Only"


@pytest.fixture
def mini_map(tmp_path: Path) -> Path:
    path = tmp_path / "mini.map.yaml"
    path.write_text(MINI_MAP, encoding="utf-8")
    return path


def run(
    inputs: list[Path],
    frameworks: list[Framework],
    mapping: Path | None,
    out: Path | None = None,
    **options: object,
) -> PipelineSummary:
    """Score `inputs` into `out` (CSV) and return the summary."""
    loaded: tuple[Mapping | None, object] = load_mapping(mapping) if mapping else (None, None)
    job = ScoreJob([str(p) for p in inputs], frameworks, loaded[0], loaded[1], TODAY, **options)  # type: ignore[arg-type]
    if out is None:
        return score_pipeline(job, None)
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = CsvWriter(stream)
        summary = score_pipeline(job, writer)
        writer.finish(summary)
    return summary


def score_beside(runner: CliRunner, export: Path, *extra: str) -> tuple[int, str, str]:
    """`dealcheck score EXPORT` with the mini mapping `m.yaml` beside it and fixed today."""
    return invoke(
        runner,
        "score",
        str(export),
        "--map",
        str(export.parent / "m.yaml"),
        "--frameworks-dir",
        str(FRAMEWORK_FIXTURES),
        "--today",
        "2026-06-01",
        *extra,
    )
