"""`dealcheck report --today`: the reference date `score --today` and `prep --today` use.

A coach reading the same deal on the same day gets the same story from all three:
stale evidence, a passed close date and slipped close plan steps are judged on
`--today`, not on the day the qualification was saved, nor on the wall clock.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, invoke

ACME = ROOT / "examples" / "deals" / "acme-finance-close-automation.yaml"
EARLY, LATE = "2025-05-05", "2026-12-01"


@pytest.fixture
def deal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "deals"
    folder.mkdir()
    shutil.copy(ACME, folder / ACME.name)
    monkeypatch.chdir(tmp_path)
    return folder / ACME.name


def report(runner: CliRunner, deal: Path, *args: str) -> str:
    code, stdout, stderr = invoke(
        runner, "report", str(deal), "--frameworks-dir", str(ROOT / "frameworks"), *args
    )
    assert (code, stderr) == (0, ""), stderr
    return stdout


def test_a_passed_close_date_and_a_slipped_step_follow_today(runner: CliRunner, deal: Path) -> None:
    before = report(runner, deal, "--today", EARLY)
    after = report(runner, deal, "--today", LATE)
    assert "close 2025-09-30 ·" in before and "(passed)" not in before
    assert "close 2025-09-30 (passed)" in after
    slipped = "'Business case agreed with the champion' has slipped: due 2025-05-16"
    assert slipped not in before
    assert f"{slipped}, 564 days ago" in " ".join(after.split())


def test_stale_evidence_is_judged_on_today_as_score_judges_it(
    runner: CliRunner, deal: Path
) -> None:
    early = json.loads(report(runner, deal, "--today", EARLY, "--format", "json"))
    late = json.loads(report(runner, deal, "--today", LATE, "--format", "json"))
    credits = {c["credited_because"] for fw in late["frameworks"] for c in fw["criteria"]}
    assert late["score"] < early["score"] and "stale" in credits
    for day, shown in ((EARLY, early), (LATE, late)):
        out = deal.parent.parent / f"scored-{day}.csv"
        code, _, stderr = invoke(runner, "score", str(deal.parent), "--today", day, "-o", str(out))
        assert code == 0, stderr
        with out.open(encoding="utf-8-sig", newline="") as scored:
            [row] = csv.DictReader(scored)
        assert row["dealcheck_recommendation"] == shown["recommendation"]
        assert ("past-close-date" in row["dealcheck_hygiene"]) == (day == LATE)


def test_today_is_carried_into_the_korean_report(runner: CliRunner, deal: Path) -> None:
    text = report(runner, deal, "--today", LATE, "--lang", "ko")
    assert "예상 계약일 2025-09-30 (경과)" in " ".join(text.split())


@pytest.mark.parametrize("bad", ["2025-13-01", "tomorrow", "05/05/2025"])
def test_a_bad_date_is_a_one_line_usage_error(runner: CliRunner, deal: Path, bad: str) -> None:
    code, stdout, stderr = invoke(runner, "report", str(deal), "--today", bad)
    assert code == 2 and stdout == ""
    assert "--today" in stderr and "Traceback" not in stderr
