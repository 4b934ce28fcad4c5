""" "Ask next" on a partly confirmed criterion: refer to what is known, ask what is missing.

Budget confirmed by the customer on the amount but not on approval used to get the
bank's opening question ("Has budget been set aside…?") as if nothing were known.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke

OPENING = "Has budget been set aside for solving this problem this year?"
DEEPER = "Which team's budget would this come from, and who manages it?"
KNOWN = "200M set aside by the CFO; approval not yet"


def _deal(tmp_path: Path, source: str) -> Path:
    deal = tmp_path / "deal.yaml"
    deal.write_text(
        "name: Hanbit ERP\nstage: proposal\nqualifications:\n"
        "- date: 2025-05-02\n  stage: proposal\n  frameworks: [bant@1.0.0]\n"
        "  answers:\n    bant:\n      criteria:\n"
        f"        budget: {{level: partial, evidence: '{KNOWN}', source: {source}}}\n"
        "        authority: confirmed\n        need: confirmed\n        timeframe: confirmed\n",
        encoding="utf-8",
    )
    return deal


def test_a_partly_confirmed_budget_is_asked_what_is_missing(
    runner: CliRunner, tmp_path: Path, in_repo: Path
) -> None:
    code, out, err = invoke(runner, "report", str(_deal(tmp_path, "customer")), "--format", "md")

    assert code == 0, err
    asked = [line for line in out.splitlines() if "budget" in line.lower() and "?" in line]
    assert not any(OPENING in line for line in asked)
    assert any(f"{DEEPER} (on record: «{KNOWN}»)" in line for line in asked), asked


def test_json_carries_what_is_known(runner: CliRunner, tmp_path: Path, in_repo: Path) -> None:
    code, out, err = invoke(runner, "report", str(_deal(tmp_path, "document")), "--format", "json")

    assert code == 0, err
    budget = [q for q in json.loads(out)["next_questions"] if q["about"] == "budget"]
    assert budget and budget[0]["text"] == DEEPER and budget[0]["known"] == KNOWN


@pytest.mark.parametrize("source", ["belief", "crm"])
def test_what_only_we_believe_is_still_asked_from_the_start(
    runner: CliRunner, tmp_path: Path, in_repo: Path, source: str
) -> None:
    code, out, err = invoke(runner, "report", str(_deal(tmp_path, source)), "--format", "md")

    assert code == 0, err
    assert OPENING in out and "on record" not in out
