"""Each benchmark distribution scores exactly as before, and as `assess` scores it.

The batch benchmark's four distributions (answer profiles, every row a fresh
combination, free-text evidence mapped as `kind: text`, and every built-in framework
combined, one column per criterion and per red flag) are generated small and scored
to CSV. The scored file must be byte for byte the golden one, made by the
engine before score tables; `combined`'s, added later, by the engine of its day
(regenerate, after an intended change only, with
`UPDATE_GOLDEN=1 python -m pytest tests/batch/test_distributions.py` and review the
diff). Larger runs, past every cache bound, must give each row the verdict the
per-deal path (`assess`, as JSON Lines reports use it) gives.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, invoke

GOLDEN = ROOT / "tests" / "golden" / "batch"
DISTRIBUTIONS = ("profiles", "fresh", "text", "combined")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/batch.py, whose generator makes the distributions."""
    folder = str(ROOT / "benchmarks")
    sys.path.insert(0, folder)  # it imports its neighbour precompile.py
    try:
        spec = importlib.util.spec_from_file_location("batch_bench", ROOT / "benchmarks/batch.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


def _export(bench: ModuleType, folder: Path, distribution: str, rows: int) -> tuple[Path, Path]:
    data, mapping = folder / f"{distribution}.csv", folder / f"{distribution}.map.yaml"
    bench.generate(data, rows, distribution, 0.02)
    mapping.write_text(bench.mapping(distribution), encoding="utf-8")
    return data, mapping


def _score(runner: CliRunner, data: Path, mapping: Path, out: Path, fmt: str) -> None:
    code, _, stderr = invoke(
        runner, "score", str(data), "--map", str(mapping), "-o", str(out),
        "--format", fmt, "--today", "2026-11-23",
    )  # fmt: skip
    assert code == 0, stderr


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_scored_csv_is_byte_identical_to_the_golden(
    runner: CliRunner, bench: ModuleType, tmp_path: Path, distribution: str
) -> None:
    data, mapping = _export(bench, tmp_path, distribution, 150)
    out = tmp_path / "scored.csv"

    _score(runner, data, mapping, out, "csv")

    golden = GOLDEN / f"{distribution}.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(out.read_bytes())
    assert out.read_bytes() == golden.read_bytes()


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_every_row_gets_the_verdict_of_the_per_deal_path(
    runner: CliRunner,
    bench: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    distribution: str,
) -> None:
    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", str(1 << 40))  # one process: rows in order
    data, mapping = _export(bench, tmp_path, distribution, 6_000)  # past the caches' bounds
    scored, reports = tmp_path / "scored.csv", tmp_path / "reports.jsonl"

    _score(runner, data, mapping, scored, "csv")
    _score(runner, data, mapping, reports, "jsonl")

    rows = list(csv.DictReader(io.StringIO(scored.read_text(encoding="utf-8-sig"))))
    lines = reports.read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(lines) == 6_000
    for row, line in zip(rows, lines, strict=True):
        report = json.loads(line)
        assert (
            row["dealcheck_score"],
            row["dealcheck_grade"],
            row["dealcheck_recommendation"],
            row["dealcheck_gaps"],
            row["dealcheck_red_flags"],
        ) == (
            f"{report['score']:g}",
            report["grade"],
            report["recommendation"],
            "; ".join(dict.fromkeys(g["criterion"] for g in report["gaps"])),
            "; ".join(f["id"] for f in report["red_flags"]),
        ), row["Opportunity ID"]
