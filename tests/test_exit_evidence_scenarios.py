"""Exit checks with evidence, as a sales coach reads them (seeds 001, 004).

The Model judges a stage by events the customer takes part in. A "yes" the customer
or a document confirms moves the stage; a "yes" on the rep's word alone (belief, or
what the CRM says) is shown beside the check but does not: "am I the only one who
believes this?" (seed 001). Each scenario is a deal file (and an answers file) read
through the real CLI.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.deals import store

from .conftest import FIXTURES, invoke

SCENARIO = FIXTURES / "deals" / "scenarios" / "selected-on-belief.yaml"


@pytest.fixture
def deal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scenario deal copied into a scratch project (qualify writes to it)."""
    (tmp_path / ".git").mkdir()  # stop the config search here
    (tmp_path / "deals").mkdir()
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copy(SCENARIO, tmp_path / "deals" / "initech.yaml"))


def _report(runner: CliRunner, path: Path, *options: str) -> str:
    code, out, err = invoke(runner, "report", str(path), *options)
    assert code == 0, err
    return out


def test_selected_on_the_reps_belief_alone_does_not_support_the_crm_stage(
    runner: CliRunner, deal: Path
) -> None:
    out = _report(runner, deal, "--format", "md")

    # Coach: "negotiation" needs "we are selected"; only the rep says so.
    assert (
        "The CRM stage says Stage 4: final negotiation and decision; the exit criteria support "
        "Stage 3: evaluation and selection (not yet: we are selected (rep's word only))."
    ) in out
    assert (
        "- ! we are selected: yes · rep's belief · They loved the demo · rep's word only: "
        "not counted for the stage"
    ) in out
    # Customer- and document-backed events count, shown with their evidence.
    assert (
        "- ✓ a demo or trial started: yes · confirmed by the customer 2026-11-04 · "
        "Pilot kicked off with the ops team on 11/04"
    ) in out
    assert "- ✓ a comparison with others started: yes · a document 2026-11-10 ·" in out
    # Answers written before exit checks took evidence still count.
    assert "- ✓ a business problem we can solve: yes\n" in out
    assert "- ✗ the contract signed: not yet" in out


def test_the_json_report_carries_each_check_with_its_evidence(
    runner: CliRunner, deal: Path
) -> None:
    data = json.loads(_report(runner, deal, "--format", "json"))

    assert data["stage_check"] == {
        "stage": "decision",
        "supported": "evaluation",
        "missing": ["we-are-selected"],
        "rep_word_only": ["we-are-selected"],
    }
    selected = next(c for c in data["exit_checks"] if c["id"] == "we-are-selected")
    assert selected == {
        "id": "we-are-selected",
        "name": "we are selected",
        "stage": "evaluation",
        "happened": True,
        "evidence": "They loved the demo",
        "source": "belief",
        "confirmed_on": None,
        "counts": False,
    }
    assert [c["counts"] for c in data["exit_checks"]] == [True, True, True, True, False, False]


def test_the_korean_report_names_the_check_the_rep_alone_vouches_for(
    runner: CliRunner, deal: Path
) -> None:
    out = _report(runner, deal, "--format", "md", "--lang", "ko")

    assert "## 단계 종료 기준" in out
    assert "(아직 안 됨: 자사 제품 선정 (담당자 추정뿐))." in out
    assert (
        "- ! 자사 제품 선정: 예 · 담당자 추정 · They loved the demo · "
        "담당자 추정뿐이라 단계 근거로 인정하지 않음"
    ) in out
    assert "- ✗ 계약 체결: 아직 아님" in out
    assert "rep_word" not in out and "we-are-selected" not in out


def test_the_html_report_lists_the_checks(runner: CliRunner, deal: Path) -> None:
    out = _report(runner, deal, "--format", "html")

    section = out.split('id="exit-checks"', 1)[1].split("</section>", 1)[0]
    assert "Stage exit checks" in section
    assert "! we are selected: yes · rep's belief · They loved the demo" in html.unescape(section)


def test_a_selection_letter_in_the_answers_file_moves_the_stage(
    runner: CliRunner, deal: Path, tmp_path: Path
) -> None:
    confirmed = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "answers:\n"
        "  the-model:\n"
        "    exit_criteria:\n"
        "      we-are-selected:\n"
        "        happened: 'yes'\n"
        "        evidence: Selection letter from procurement\n"
        "        source: document\n"
        f"        confirmed_on: {confirmed}\n",
        encoding="utf-8",
    )

    code, out, err = invoke(runner, "qualify", str(deal), "--answers", str(answers))

    assert code == 0, err
    flat = " ".join(out.split())
    assert "The exit criteria support the CRM stage, Stage 4: final negotiation and decision." in (
        flat
    )
    assert "The CRM stage says" not in flat
    assert f"✓ we are selected: yes · a document {confirmed} · Selection letter" in flat
    saved = store.load_deal(deal).qualifications[-1].answers["the-model"].exit_criteria
    assert saved["we-are-selected"].source == "document"
    # The bare answers stay bare in the file: old files keep their shape.
    text = deal.read_text(encoding="utf-8")
    assert (
        "problem-we-solve: 'yes'" in text
        or 'problem-we-solve: "yes"' in text
        or ("problem-we-solve: yes" in text)
    )
    assert "happened: yes" in text or "happened: 'yes'" in text or 'happened: "yes"' in text


@pytest.mark.parametrize(
    ("entry", "where", "message"),
    [
        (
            "      we-are-selected: {happened: 'yes', source: customer, confirmed_on: 2999-01-01}\n",
            ":4:",
            "confirmed_on 2999-01-01 is in the future",
        ),
        ("      we-are-selected: {happened: maybe}\n", ":4:", "happened"),
        ("      we-are-selected: {happened: 'yes', source: gossip}\n", ":4:", "source"),
    ],
)
def test_a_bad_exit_answer_is_one_located_line(
    runner: CliRunner, deal: Path, tmp_path: Path, entry: str, where: str, message: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  the-model:\n    exit_criteria:\n" + entry, encoding="utf-8")
    before = deal.read_text(encoding="utf-8")

    code, _, err = invoke(runner, "qualify", str(deal), "--answers", str(answers))

    assert code == 3, err
    line = err.strip()
    assert "\n" not in line and "Traceback" not in line
    assert f"{answers}{where}" in line and message in line
    assert deal.read_text(encoding="utf-8") == before


STAGES_ONLY = str(FIXTURES / "deals" / "scenarios" / "stages-only.yaml")


def test_the_model_stages_alone_give_stage_support_not_a_score(
    runner: CliRunner, in_repo: Path
) -> None:
    code, text, err = invoke(runner, "report", STAGES_ONLY)
    assert code == 0, err
    code, out, err = invoke(runner, "report", STAGES_ONLY, "--format", "json")
    assert code == 0, err
    data = json.loads(out)

    # Coach: no fake 100 and no advance from events alone.
    assert (data["score"], data["grade"], data["recommendation"]) == (None, None, "dig-deeper")
    assert [r["code"] for r in data["reasons"]] == ["stages-only"]
    assert data["frameworks"][0]["score"] is None
    assert data["stage_check"]["supported"] == "problem-recognised"
    rows = [line.split() for line in text.splitlines() if line.startswith("  ")][1:3]
    assert rows == [
        ["The", "Model", "stages", "—", "—", "stage", "set,", "not", "scored"],
        ["Overall", "—", "—", "dig", "deeper"],
    ]
    assert "100" not in text
    flat = " ".join(text.split())
    assert "the exit criteria support Stage 2: problem recognised" in flat
    reason = " ".join(data["reasons"][0]["text"].split())
    assert reason.startswith("Nothing is scored: stage exit checks only say which stage")
    assert "Nothing is scored" in flat


def test_the_korean_stages_only_report_says_it_is_not_scored(
    runner: CliRunner, in_repo: Path
) -> None:
    code, out, err = invoke(runner, "report", STAGES_ONLY, "--format", "md", "--lang", "ko")
    assert code == 0, err

    assert "| 더 모델 영업 단계 | — |  | — | 단계 기준, 채점 안 함 |" in out
    assert "| **종합** | **—** |  | **—** | **추가 검증 필요** |" in out
    assert "채점한 항목이 없습니다." in out
