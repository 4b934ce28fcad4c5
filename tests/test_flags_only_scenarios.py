"""Red flags alone (the built-in `red-flags`): no score of their own, never an advance.

A coach reads "100 · A · advance" on a deal-breaker check as "this framework says
advance". Red flags say what stops a deal: the row counts the flags checked and
raised, a deal breaker still disqualifies, and otherwise the verdict is dig deeper.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from .conftest import FIXTURES, invoke

SCENARIOS = FIXTURES / "deals" / "scenarios"
CHECKED = str(SCENARIOS / "flags-only.yaml")
BREAKER = str(SCENARIOS / "flags-only-breaker.yaml")


def _flags_only_summary(runner: CliRunner, folder: Path, args: list[str], form: str) -> str:
    """The pipeline summary of `score ARGS -f red-flags` in `form` (json or md)."""
    out = folder / f"summary.{form}"
    options = ["-f", "red-flags", "--format", form, "-o", str(out), "--today", "2026-11-25"]
    code, _, err = invoke(runner, "score", *args, *options)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def _json(runner: CliRunner, deal: str, *options: str) -> dict[str, Any]:
    code, out, err = invoke(runner, "report", deal, "--format", "json", *options)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_red_flags_alone_give_no_score_and_count_what_was_checked(
    runner: CliRunner, in_repo: Path
) -> None:
    code, text, err = invoke(runner, "report", CHECKED)
    assert code == 0, err
    data = _json(runner, CHECKED)

    # Coach: three flags answered, one raised, none stops it: find out more.
    assert (data["score"], data["grade"], data["recommendation"]) == (None, None, "dig-deeper")
    assert [r["code"] for r in data["reasons"]] == ["flags-only"]
    (card,) = data["frameworks"]
    assert (card["score"], card["raw_score"], card["grade"]) == (None, None, None)
    assert card["red_flags_tally"] == {"checked": 3, "total": 11, "raised": 1}
    (raised,) = data["red_flags"]
    assert (raised["id"], raised["points_lost"]) == ("no-compelling-event", 0.0)
    rows = [" ".join(line.split()) for line in text.splitlines() if line.startswith("  ")]
    assert rows[1:3] == [
        "Red flags (deal breakers) — — 3 of 11 red flags checked, 1 raised",
        "Overall — — dig deeper",
    ]
    assert "100" not in text and "advance" not in text
    flat = " ".join(text.split())
    assert "Nothing is scored: red flags only say what stops a deal" in flat


def test_a_deal_breaker_alone_still_disqualifies(runner: CliRunner, in_repo: Path) -> None:
    data = _json(runner, BREAKER)
    code, out, err = invoke(runner, "report", BREAKER, "--format", "md")
    assert code == 0, err

    # Coach: a deal breaker needs no score to stop the deal.
    assert (data["score"], data["grade"], data["recommendation"]) == (None, None, "disqualify")
    assert [r["code"] for r in data["reasons"]] == ["red-flag-disqualifies"]
    row = "| Red flags (deal breakers) | — |  | — | 2 of 11 red flags checked, 1 raised · disqualify |"
    assert row in out
    assert "| **Overall** | **—** |  | **—** | **disqualify** |" in out


def test_the_korean_flags_only_report_counts_flags_in_korean(
    runner: CliRunner, in_repo: Path
) -> None:
    code, out, err = invoke(runner, "report", CHECKED, "--format", "md", "--lang", "ko")
    assert code == 0, err

    assert "| 레드 플래그(딜 브레이커) | — |  | — | 레드 플래그 11개 중 3개 확인, 1개 해당 |" in out
    assert "| **종합** | **—** |  | **—** | **추가 검증 필요** |" in out
    assert "레드 플래그는 딜을 멈출 사유만 알려 주며" in out
    assert "| 진행" not in out and "권고: 진행" not in out
    assert "flags-only" not in out and "red-flags" not in out


def test_the_html_report_shows_no_score_for_red_flags_alone(
    runner: CliRunner, in_repo: Path
) -> None:
    code, out, err = invoke(runner, "report", CHECKED, "--format", "html")
    assert code == 0, err
    page = html.unescape(out)

    assert '<div class="score" id="score">—</div>' in page
    assert '<td>Red flags (deal breakers)</td><td class="num">—</td><td>—</td>' in page
    assert "<td>3 of 11 red flags checked, 1 raised</td>" in page
    assert 'id="recommendation">dig deeper<' in page


def test_beside_a_scoring_framework_red_flags_keep_the_overall_score(
    runner: CliRunner, in_repo: Path
) -> None:
    data = _json(runner, "examples/deals/northwind-hr-suite.yaml")

    by_id = {card["id"]: card for card in data["frameworks"]}
    assert by_id["red-flags"]["score"] is None
    assert by_id["red-flags"]["red_flags_tally"] == {"checked": 2, "total": 11, "raised": 1}
    assert by_id["meddpicc"]["score"] == pytest.approx(13.3)
    # The overall score still averages the criteria and applies every flag.
    assert (data["score"], data["grade"], data["recommendation"]) == (6.7, "F", "disqualify")


def test_a_pipeline_scored_on_red_flags_alone_never_advances(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    scored = tmp_path / "scored.csv"
    code, _, err = invoke(
        runner,
        "score",
        "examples/deals",
        "-f",
        "red-flags",
        "-o",
        str(scored),
        "--today",
        "2026-11-25",
    )
    assert code == 0, err
    with scored.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["name"]: row for row in csv.DictReader(handle)}

    verdicts = {
        name: (row["dealcheck_grade"], row["dealcheck_recommendation"], row["dealcheck_red_flags"])
        for name, row in rows.items()
    }
    # Coach: nothing checked (Acme) or no deal breaker (Hanbit) is dig deeper, not advance;
    # Northwind's column-fodder flag stops it.
    assert verdicts == {
        "Acme Finance Close Automation": ("", "dig-deeper", ""),
        "Northwind HR Suite": ("", "disqualify", "price-leverage-only"),
        "한빛정밀 설비 예지보전": ("", "dig-deeper", "decision-maker-never-in-room"),
    }


def test_a_raised_flag_on_a_deal_with_no_score_costs_no_points(
    runner: CliRunner, in_repo: Path
) -> None:
    # Coach: "−15 points" on a deal with no score reads as a score that dropped.
    # The flag says what it would do to a scored deal.
    code, text, err = invoke(runner, "report", CHECKED)
    assert code == 0, err
    code, md, err = invoke(runner, "report", CHECKED, "--format", "md")
    assert code == 0, err
    code, page, err = invoke(runner, "report", CHECKED, "--format", "html")
    assert code == 0, err
    code, ko, err = invoke(runner, "report", CHECKED, "--lang", "ko")
    assert code == 0, err

    flat = " ".join(text.split())
    assert "No compelling event (−15 points on a scored deal)" in flat
    assert "(−15 points)" not in flat
    assert "**No compelling event** (−15 points on a scored deal)" in md
    assert "(−15 points on a scored deal)" in html.unescape(page)
    assert "(점수를 매기는 딜이면 −15점)" in " ".join(ko.split())


def test_beside_a_scoring_framework_a_flag_still_costs_its_points(
    runner: CliRunner, in_repo: Path
) -> None:
    deal = "examples/deals/한빛정밀-설비-예지보전.yaml"
    code, text, err = invoke(runner, "report", deal)
    assert code == 0, err

    flat = " ".join(text.split())
    assert "Decision maker never in the room (−10 points)" in flat
    assert "on a scored deal" not in flat


def test_requalifying_red_flags_alone_shows_what_moved_without_a_score(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = tmp_path / "answers.yaml"
    first = "deal: {name: Globex renewal, company: Globex, stage: proposal}\n"
    flags = "answers: {red-flags: {red_flags: {champion-left: '%s'}}}\n"
    answers.write_text(first + flags % "yes", encoding="utf-8")
    code, _, err = invoke(runner, "qualify", "-f", "red-flags", "--answers", str(answers))
    assert code == 0, err
    answers.write_text(flags % "no", encoding="utf-8")
    deal = "deals/globex-renewal.yaml"
    code, _, err = invoke(runner, "qualify", deal, "--answers", str(answers))
    assert code == 0, err

    code, text, err = invoke(runner, "report", deal)
    assert code == 0, err
    # Coach: no score moved, since there is none; the answer that moved is the news.
    lines = [line.strip() for line in text.splitlines()]
    since = next(line for line in lines if line.startswith("Since "))
    assert "score" not in since
    assert "Champion left: yes → no" in lines


def test_a_crm_export_with_its_stages_can_be_checked_on_red_flags_alone(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    # A manager's quick deal-breaker sweep with the team's usual mapping: its stage
    # names cannot be checked against red flags (which have no stages), and must not
    # stop the run.
    args = ["examples/salesforce-pipeline.csv", "--map", "examples/salesforce.map.yaml"]
    summary = json.loads(_flags_only_summary(runner, tmp_path, args, "json"))["summary"]
    code, text, err = invoke(runner, "score", *args, "-f", "red-flags", "--today", "2026-11-25")
    assert code == 0, err

    # Nothing is scored, so no deal on a list shows a score of 0 ...
    listed = summary["remove_from_forecast"] + summary["largest"]
    assert listed and all(deal["score"] is None for deal in listed)
    # ... no pipeline is weighted by stage probabilities nobody set ...
    assert summary["weighted"] == {}
    assert "weighted by stage" not in text
    assert "no stage probabilities to weigh it by" in " ".join(text.split())
    # ... and a deal removed from the forecast is explained by the flag that stops it,
    # not by the first flag raised (Northwind's expansion also lacks a compelling event).
    (northwind,) = [d for d in summary["remove_from_forecast"] if d["deal_id"].endswith("25AAA")]
    assert ["red-flag", "price-leverage-only"] in northwind["reasons"]
    assert ["red-flag", "no-compelling-event"] not in northwind["reasons"]


def test_learning_from_red_flags_alone_has_no_score_bands(runner: CliRunner, in_repo: Path) -> None:
    args = ["examples/salesforce-pipeline.csv", "--map", "examples/salesforce.map.yaml"]
    code, out, err = invoke(runner, "learn", *args, "-f", "red-flags", "--format", "json")
    assert code == 0, err
    data = json.loads(out)

    # Coach: eleven deals in a "0-19" band is a score nobody gave them.
    calibration = data["calibration"]
    assert calibration["score_bands"] == []
    assert [r["group"] for r in calibration["recommendations"]] == ["dig-deeper"]


@pytest.mark.parametrize("only", [["-f", "red-flags"], ["--basics-only"]])
def test_the_weekly_review_of_an_unscored_pipeline_finds_last_weeks_deals(
    runner: CliRunner, in_repo: Path, tmp_path: Path, only: list[str]
) -> None:
    # Last week's file has blank scores (nothing was scored): its deals are the same
    # deals, not 49 "new" ones, and a week with no score to move shows "—", not 0.
    args = ["examples/salesforce-pipeline.csv", "--map", "examples/salesforce.map.yaml"]
    last = tmp_path / "last-week.csv"
    code, _, err = invoke(runner, "score", *args, *only, "-o", str(last), "--today", "2026-11-18")
    assert code == 0, err
    code, text, err = invoke(
        runner, "score", *args, *only, "--compare", str(last), "--today", "2026-11-25"
    )
    assert code == 0, err

    assert "49 deals in both · 0 new · 0 left" in text
    assert "skipped" not in err


def test_red_flags_alone_name_the_stages_in_the_teams_own_words(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    # No framework has stages to name them: the summary uses the CRM stages the mapping
    # sends to each, not the ids a Korean team never typed ("qualification").
    args = ["examples/hubspot-ko-pipeline.csv", "--map", "examples/hubspot-ko.map.yaml"]
    text = _flags_only_summary(runner, tmp_path, [*args, "--lang", "ko"], "md")

    assert "| 구매 자격 확인 / 프레젠테이션 예정 | 7 |" in text
    assert "| 미팅 예약 | 4 |" in text
    assert "qualification" not in text and "discovery" not in text
