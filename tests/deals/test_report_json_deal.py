"""`report --format json` carries what a deal file holds beyond the scores.

A team's dashboard reads the value story, the people and the mutual close plan with
its checks from the JSON report, keyed by stable ids, with the same coach's lines the
text report prints (in the report's language).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, ROOT, invoke

PREP = FIXTURES / "deals" / "prep"
FRAMEWORKS = ("--frameworks-dir", str(ROOT / "frameworks"))
TODAY = ("--today", "2025-06-13")
DEAL_KEYS = {"today", "story", "next_step", "contacts", "people", "close_plan"}
STEP_KEYS = {
    "id",
    "name",
    "side",
    "person",
    "target",
    "first_target",
    "status",
    "evidence",
    "done_on",
    "lead_days",
    "after_close",
    "history",
}


def report_json(runner: CliRunner, deal: Path, *args: str) -> dict[str, Any]:
    code, out, err = invoke(runner, "report", str(deal), "--format", "json", *FRAMEWORKS, *args)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_the_late_stage_deal_says_its_close_date_cannot_be_met(runner: CliRunner) -> None:
    data = report_json(runner, PREP / "late-stage.yaml", *TODAY)

    assert set(data) >= DEAL_KEYS and data["schema_version"] == 1
    assert data["today"] == "2025-06-13"
    plan = data["close_plan"]
    assert plan["agreed_by"] == "Choi Minho" and plan["agreed_on"] == "2025-05-28"
    assert [s["id"] for s in plan["steps"]] == [
        "security-review",
        "legal-review",
        "vendor-setup",
        "signature",
    ]
    assert all(set(s) == STEP_KEYS for s in plan["steps"])
    vendor = plan["steps"][2]
    assert (vendor["status"], vendor["lead_days"], vendor["target"]) == (
        "not-started",
        21,
        "2025-06-27",
    )
    assert plan["checks"] == [
        {
            "code": "lead-time",
            "step": "vendor-setup",
            "dates": ["2025-07-04", "2025-06-30"],
            "days": 21,
            "text": "'Procurement vendor set-up' has not started and takes 21 days: done "
            "2025-07-04 at the earliest, after the close date 2025-06-30.",
        }
    ]


def test_a_slipped_step_follows_today(runner: CliRunner) -> None:
    data = report_json(runner, PREP / "late-stage.yaml", "--today", "2025-07-01")
    slipped = [c for c in data["close_plan"]["checks"] if c["code"] == "slipped"]
    assert [(c["step"], c["days"]) for c in slipped] == [
        ("legal-review", 11),
        ("vendor-setup", 4),
        ("signature", 1),
    ]


def test_the_single_threaded_deal_names_its_people_problems(runner: CliRunner) -> None:
    data = report_json(runner, PREP / "single-threaded.yaml", *TODAY, "--lang", "ko")

    people = data["people"]
    assert [(a["code"], a["about"]) for a in people["alerts"]] == [
        ("single-threaded", ["Min-jun Park"]),
        ("economic-buyer-not-met", ["Oh Seung-woo"]),
        ("champion-fails", ["Min-jun Park", "power", "sells"]),
    ]
    assert [(m["person"], m["reason"]) for m in people["meet_next"]] == [
        ("Oh Seung-woo", "buyer"),
        ("Min-jun Park", "test-champion"),
    ]
    assert [a["text"] for a in people["alerts"]] == [
        "싱글 스레드: 접촉 중인 사람이 Min-jun Park뿐입니다.",
        "경제적 구매자(Oh Seung-woo)를 아직 만나지 못했습니다. 이 단계에서는 만나야 합니다.",
        "챔피언 Min-jun Park: 챔피언 테스트 미통과 (권한 없음, 우리가 없을 때 대신 설득하지 않음)",
    ]
    champion = next(c for c in data["contacts"] if c["role"] == "champion")
    assert champion["name"] == "Min-jun Park"
    assert champion["champion_test_failed"] == ["power", "sells"]


def test_story_and_next_step_keep_the_deal_file_shape(runner: CliRunner) -> None:
    data = report_json(runner, ROOT / "examples" / "deals" / "acme-finance-close-automation.yaml")

    story = data["story"]
    assert story["after"] == {
        "text": "Close in 5 days by Q4 without the manual reconciliation",
        "source": "customer",
        "confirmed_on": None,
    }
    assert story["value_driver"] == "lower-cost"
    assert [c["text"] for c in story["capabilities"]] == [
        "ERP connector",
        "Audit trail",
        "Korean support",
    ]
    assert data["next_step"]["kind"] == "demo" and data["next_step"]["date"] == "2025-05-20"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_deal_without_story_people_or_plan_has_empty_parts(runner: CliRunner, lang: str) -> None:
    deal = FIXTURES / "deals" / "scenarios" / "hanbit-mid-stage.yaml"
    data = report_json(runner, deal, *TODAY, "--lang", lang)

    assert (data["story"], data["next_step"], data["contacts"]) == (None, None, [])
    assert [a["code"] for a in data["people"]["alerts"]] == ["no-contacts"]
    plan = data["close_plan"]
    assert (plan["expected"], plan["steps"]) == (True, [])
    assert [c["code"] for c in plan["checks"]] == ["no-plan"]
    expected = {
        "en": "No close plan, and this stage expects one.",
        "ko": "이 단계에는 클로즈 플랜이 필요하지만 아직 없습니다.",
    }
    assert plan["checks"][0]["text"] == expected[lang]
