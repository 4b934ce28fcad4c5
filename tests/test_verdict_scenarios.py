"""Scenarios a sales coach signs: a deal file, its answers, and the verdict a coach gives.

Each deal lives in tests/fixtures/deals/scenarios/ and is read through the real CLI.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from .conftest import FIXTURES, ROOT, invoke

SCENARIOS = FIXTURES / "deals" / "scenarios"


def markdown(runner: CliRunner, deal: str, *options: str) -> str:
    """The Markdown report of a scenario deal (table cells unwrapped)."""
    code, out, err = invoke(runner, "report", str(SCENARIOS / deal), "--format", "md", *options)
    assert code == 0, err
    return out


def report(runner: CliRunner, deal: str, *options: str) -> tuple[str, dict[str, Any]]:
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


def test_happy_ears_is_not_advance_and_says_only_the_rep_believes_it(
    runner: CliRunner, in_repo: Path
) -> None:
    text, data = report(runner, "happy-ears.yaml")

    assert data["recommendation"] != "advance"
    assert data["verified_share"] == 0
    flags = {f["id"]: f for f in data["red_flags"]}
    assert flags["only-believer"]["from_evidence"] is True  # though the rep ticked "no"
    criteria = data["frameworks"][0]["criteria"]
    assert {(c["claimed"], c["level"], c["credited_because"]) for c in criteria} == {
        ("confirmed", "assumed", "belief")
    }
    assert "| Confirmed claimed, credited as Assumed: rep belief only |" in markdown(
        runner, "happy-ears.yaml"
    )
    assert "0% of the weight verified by the customer" in text
    assert "⚑ Only the rep believes it (capped at 40)" in text


def test_a_strong_customer_verified_late_stage_deal_advances(
    runner: CliRunner, in_repo: Path
) -> None:
    text, data = report(runner, "verified-late-stage.yaml")

    assert data["recommendation"] == "advance"
    assert data["verified_share"] == 1
    assert data["red_flags"] == []
    assert verdict_line(text) == "Recommendation: advance"
    assert "100% of the weight verified by the customer" in text


def test_stale_evidence_counts_a_level_lower_and_says_so(runner: CliRunner, in_repo: Path) -> None:
    text, data = report(runner, "stale-evidence.yaml")

    criteria = data["frameworks"][0]["criteria"]
    assert {(c["claimed"], c["level"], c["credited_because"]) for c in criteria} == {
        ("confirmed", "partial", "stale")
    }
    assert data["recommendation"] == "dig-deeper"
    shown = markdown(runner, "stale-evidence.yaml")
    assert "| Confirmed claimed, credited as Partly confirmed: the evidence is stale |" in shown


def test_advance_needs_enough_weight_verified_by_the_customer() -> None:
    from dealcheck.language.framework import EvidenceRule
    from dealcheck.language.loading import load_framework
    from dealcheck.scoring.answers import Answers, CriterionAnswer, EvidenceSource
    from dealcheck.scoring.score import score

    mini = load_framework(FIXTURES / "frameworks" / "mini.yaml")
    customer, belief = EvidenceSource.CUSTOMER, EvidenceSource.BELIEF
    answers = Answers(
        {
            "pain": CriterionAnswer("confirmed", "", customer),
            "champion": CriterionAnswer("confirmed", "", customer),
            "budget": CriterionAnswer("confirmed", "", belief),
        }
    )
    # 70 % of the weight is verified: enough under the default rule (50 %).
    assert score(mini, answers).recommendation.value == "advance"

    strict = mini.model_copy(update={"evidence": EvidenceRule(verified_share_to_advance=0.8)})
    card = score(strict, answers)

    assert card.score >= 70
    assert card.recommendation.value == "dig-deeper"
    assert [(r.code, r.values) for r in card.reasons] == [("too-little-verified", ("70", "80"))]


@pytest.mark.parametrize(("lang", "word"), [("en", "not now"), ("ko", "보류")])
def test_no_budget_and_no_compelling_event_is_not_now(
    runner: CliRunner, in_repo: Path, lang: str, word: str
) -> None:
    text, data = report(runner, "no-budget-no-event.yaml", "--lang", lang)

    assert data["recommendation"] == "not-now"
    [reason] = data["reasons"]
    assert reason["code"] == "not-now" and reason["values"][0] == "no-budget-this-period"
    label = "Recommendation" if lang == "en" else "권고"
    assert verdict_line(text) == f"{label}: {word}"
    out_of_forecast = "leave it out of the forecast" if lang == "en" else "포캐스트에서는 빼고"
    assert out_of_forecast in " ".join(text.split())
    # The flag that made it "not now" is what the rep checks first.
    first = data["next_questions"][0]
    assert first["about"] == "no-budget-no-path"


def test_an_incumbent_written_rfp_disqualifies_and_its_questions_come_first(
    runner: CliRunner, in_repo: Path
) -> None:
    text, data = report(runner, "incumbent-rfp.yaml")

    assert data["recommendation"] == "disqualify"
    assert data["score"] >= 50  # a strong score does not save it
    asked = [q["text"] for q in data["next_questions"]]
    assert "Who wrote the requirements, and could we review them with you?" in asked[:3]
    assert {q["about"] for q in data["next_questions"][:3]} == {"price-leverage-only"}
    assert verdict_line(text) == "Recommendation: disqualify"


def test_disqualified_not_now_and_closed_deals_are_listed_apart_from_the_at_risk() -> None:
    from datetime import date

    from dealcheck.batch.pipeline import ScoreJob, score_pipeline
    from dealcheck.language.loading import load_framework

    frameworks = [load_framework("meddpicc"), load_framework("red-flags")]
    job = ScoreJob([str(SCENARIOS)], frameworks, None, None, date(2026, 11, 23))

    summary = score_pipeline(job, None)

    assert {"disqualify", "not-now"} <= set(summary.by_recommendation)
    ranked = {deal.recommendation for deal in summary.at_risk}
    assert ranked and not ranked & {"disqualify", "not-now", "lost", "won"}
    # They have a list of their own: out of the forecast.
    removed = {deal.recommendation for deal in summary.remove_from_forecast}
    assert removed == {"disqualify", "not-now"}


def test_batch_scoring_of_the_deal_files_gives_the_reports_verdicts(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    scored = tmp_path / "scored.csv"
    code, out, err = invoke(
        runner, "score", str(SCENARIOS), "--today", "2026-11-23", "-o", str(scored)
    )
    assert code == 0, err

    with scored.open(encoding="utf-8-sig", newline="") as handle:
        batch = {row["file"]: row["dealcheck_recommendation"] for row in csv.DictReader(handle)}
    reports = {deal: report(runner, deal)[1]["recommendation"] for deal in batch}
    assert batch == reports
    assert batch["happy-ears.yaml"] == "dig-deeper"  # sources carried: rep belief is judged
    assert "Evidence sources unknown" not in out


#: English a Korean report may show: the seeds' own terms, units and the deal's data.
ALLOWED_LATIN = {"MEDDPICC", "Why", "Buy", "Now", "Us", "RFP", "KRW", "dealcheck", "plan", "DEAL"}


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_korean_mid_stage_deal_reads_korean_throughout(
    runner: CliRunner, in_repo: Path, fmt: str
) -> None:
    from dealcheck.language.loading import load_framework

    path = str(SCENARIOS / "hanbit-mid-stage.yaml")
    code, out, err = invoke(runner, "report", path, "--lang", "ko", "--format", fmt)
    assert code == 0, err
    if fmt == "html":  # the text a reader sees, without markup, attributes or styles
        body = out.split("<body", 1)[1]
        # The note on installing a Hangul font is English on purpose (lang="en"): it is
        # for a machine that cannot show Hangul.
        body = re.sub(r'<p [^>]*lang="en"[^>]*>.*?</p>', "", body, flags=re.S)
        out = html.unescape(re.sub(r"<[^>]*>", " ", body))

    words = set(re.findall(r"[A-Za-z][A-Za-z_-]+", out))
    assert words <= ALLOWED_LATIN, words - ALLOWED_LATIN
    ids = {"dig-deeper", "proposal", "partial", "assumed", "confirmed"}
    for name in ("meddpicc", "red-flags", "why-buy-now-us"):
        framework = load_framework(name)
        ids |= {c.id for c in framework.criteria} | {f.id for f in framework.red_flags}
    assert not {i for i in ids if i in out}
    assert "권고: 추가 검증 필요" in out or "추가 검증 필요" in out
    if fmt != "text":  # the terminal table wraps it across lines
        assert "입력은 확인됨, 인정은 추정: 담당자 추정뿐" in out
    assert "가중치의 57%를 고객이 확인했습니다" in out


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "The CRM stage says Stage 3: evaluation and selection; the exit criteria "
            "support Stage 2: problem recognised (not yet: a demo or trial started; a "
            "comparison with others started).",
        ),
        (
            "ko",
            "CRM 단계는 '3단계: 평가·선정'이지만 종료 기준으로는 '2단계: 비즈니스 과제 "
            "인식' 단계입니다 (아직 안 됨: 데모·시범 사용 시작; 타사 제품과의 비교 시작).",
        ),
    ],
)
def test_a_crm_stage_ahead_of_its_exit_criteria_is_said_so(
    runner: CliRunner, in_repo: Path, lang: str, said: str
) -> None:
    _, data = report(runner, "stage-ahead.yaml", "--lang", lang)

    assert data["stage_check"] == {
        "stage": "evaluation",  # the-model's id for the CRM's "proposal"
        "supported": "problem-recognised",
        "missing": ["demo-or-trial-started", "comparison-started"],
        "rep_word_only": [],
    }
    assert said in markdown(runner, "stage-ahead.yaml", "--lang", lang)


def test_a_stage_whose_exit_criteria_are_met_is_not_flagged() -> None:
    from dealcheck.language.loading import load_framework
    from dealcheck.scoring.answers import Answers, ExitAnswer
    from dealcheck.scoring.assessment import assess

    frameworks = [load_framework("meddpicc"), load_framework("the-model")]
    checks = ("problem-we-solve", "decides-in-period", "demo-or-trial-started")
    exits = dict.fromkeys(checks, ExitAnswer(True))

    ahead = assess(frameworks, {"the-model": Answers(exits=exits)}, "proposal")
    exits["comparison-started"] = ExitAnswer(True)
    honest = assess(frameworks, {"the-model": Answers(exits=exits)}, "proposal")

    assert ahead.stage_check is not None
    assert [c.id for c in ahead.stage_check.missing] == ["comparison-started"]
    assert honest.stage_check is None
