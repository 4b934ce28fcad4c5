"""Scenarios a sales coach signs: a deal file, its answers, and the verdict a coach gives.

Each deal lives in tests/fixtures/deals/scenarios/ and is read through the real CLI.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import FIXTURES, ROOT, invoke

SCENARIOS = FIXTURES / "deals" / "scenarios"


def report(runner: CliRunner, deal: str, *options: str) -> tuple[str, dict[str, object]]:
    """The text report and the JSON report of a scenario deal."""
    path = str(SCENARIOS / deal)
    code, text, err = invoke(runner, "report", path, *options)
    assert code == 0, err
    code, out, err = invoke(runner, "report", path, "--format", "json", *options)
    assert code == 0, err
    return text, json.loads(out)


def verdict_line(text: str) -> str:
    """The report's 'Recommendation: …' line, without the panel border."""
    found = [
        line.strip(" │")
        for line in text.splitlines()
        if "Recommendation:" in line or "권고:" in line
    ]
    assert len(found) == 1, text
    return found[0]


@pytest.mark.parametrize(("lang", "word"), [("en", "lost"), ("ko", "실주")])
def test_a_closed_lost_deal_is_lost_never_advance(
    runner: CliRunner, in_repo: Path, lang: str, word: str
) -> None:
    text, data = report(runner, "closed-lost.yaml", "--lang", lang)

    assert data["recommendation"] == "lost"
    assert data["score"] == 100  # the answers stay, to learn from
    label = "Recommendation" if lang == "en" else "권고"
    assert verdict_line(text) == f"{label}: {word}"
    assert "advance" not in text and "진행" not in text


def test_the_scored_file_says_won_or_lost_for_closed_deals(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    scored = tmp_path / "scored.csv"
    code, _, err = invoke(
        runner,
        "score",
        "examples/salesforce-pipeline.csv",
        "--map",
        "examples/salesforce.map.yaml",
        "-o",
        str(scored),
    )
    assert code == 0, err

    with scored.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_stage = {(r["Stage"], r["dealcheck_recommendation"]) for r in rows}
    closed = {pair for pair in by_stage if pair[0].startswith("Closed")}
    assert closed == {("Closed Won", "won"), ("Closed Lost", "lost")}
    assert ROOT.exists()
