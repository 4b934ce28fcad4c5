"""Close plan checks in `dealcheck score`, where the export has the plan's dates.

A sales manager's Monday review: which deals cannot close when the CRM says, because
the plan's steps (security review, legal, procurement, signature) say otherwise, which
steps have slipped, and which late-stage deals have no plan at all. The checks are the
ones `report` and `prep` run on a deal file (deals.close_plan.plan_checks).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, ROOT, invoke

HERE = FIXTURES / "close-plan"
EXPORT, MAPPING = HERE / "pipeline.csv", HERE / "pipeline.map.yaml"
TODAY = ("--today", "2025-06-13")
EXPECTED_CODES = {
    "Late procurement": "lead-time:vendor-setup",
    "Slipped legal": "slipped:legal-review; not-agreed",
    "No plan yet": "no-plan",
    "Signature after close": "close-before-plan:signature",
    "Early discovery": "",
    "Won already": "",  # closed: its plan is history
    "Next step slipped": "slipped:next-step",
}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # the project root: no .dealcheck.yaml above it
    shutil.copy(EXPORT, tmp_path / EXPORT.name)
    shutil.copy(MAPPING, tmp_path / MAPPING.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def score(runner: CliRunner, *args: str) -> tuple[str, str]:
    code, out, err = invoke(runner, "score", EXPORT.name, "--map", MAPPING.name, *TODAY, *args)
    assert code == 0, err
    return out, err


def scored_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_each_row_carries_its_plan_problems(runner: CliRunner, work: Path) -> None:
    score(runner, "-o", "scored.csv")

    rows = scored_rows(work / "scored.csv")
    header = list(rows[0])
    assert header.index("dealcheck_close_plan") == header.index("dealcheck_score") - 1
    assert {r["Opportunity Name"]: r["dealcheck_close_plan"] for r in rows} == EXPECTED_CODES


def test_a_plan_date_that_cannot_be_read_rejects_the_row(runner: CliRunner, work: Path) -> None:
    out, _ = score(runner, "-o", "scored.csv", "--rejects", "rejects.csv")

    assert "8 rows read: 7 scored, 1 rejected" in out
    text = " ".join(out.split())
    assert (
        "pipeline.csv:9: date 'soon' in close plan column 'Security Review Due' is not a "
        "date this mapping reads" in text
    )
    assert "Bad plan date" in (work / "rejects.csv").read_text(encoding="utf-8-sig")


def section(out: str, title: str) -> list[str]:
    lines = [line.rstrip() for line in out.splitlines()]
    start = next(n for n, line in enumerate(lines) if line.startswith(title))
    end = next(n for n in range(start + 1, len(lines)) if lines[n] and lines[n][0] not in "┏┃┡│└")
    return lines[start : end + 2]


def test_the_summary_section_a_manager_reads(runner: CliRunner, work: Path) -> None:
    out, _ = score(runner, "-o", "scored.csv")

    assert section(out, "Close plan (dates in the export)") == [
        "Close plan (dates in the export)",
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━━━━━┓",
        "┃ check                                  ┃ deals ┃ amount (USD) ┃",
        "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━━━━━┩",
        "│ close date before the plan's last step │     1 │       70,000 │",
        "│ lead times cannot meet the close date  │     1 │      120,000 │",
        "│ a step has slipped                     │     2 │      120,000 │",
        "│ no plan at a stage that expects one    │     1 │       50,000 │",
        "│ plan not agreed with the customer      │     1 │       80,000 │",
        "└────────────────────────────────────────┴───────┴──────────────┘",
        "6 open deals checked against their close plan dates.",
        "Slipped most: Legal review of the contract (1), Agreed next step (1)",
    ]


def test_the_summary_section_in_korean(runner: CliRunner, work: Path) -> None:
    out, _ = score(runner, "-o", "scored.csv", "--lang", "ko")

    lines = section(out, "클로즈 플랜 (내보내기 파일의 날짜 기준)")
    rows = [line.strip("│ ").split("│")[0].strip() for line in lines if line.startswith("│")]
    assert rows == [
        "예상 계약일이 플랜의 마지막 단계보다 빠름",
        "통상 소요 기간으로는 예상 계약일을 맞출 수 없음",
        "지연된 단계 있음",
        "플랜이 필요한 단계인데 플랜 없음",
        "고객과 합의하지 않은 플랜",
    ]
    assert lines[-2:] == [
        "진행 중인 딜 6건의 클로즈 플랜 날짜를 점검했습니다.",
        "가장 많이 지연된 단계: 계약서 법무 검토 (1), 합의한 다음 단계 (1)",
    ]
    for id_ in ("lead-time", "vendor-setup", "legal-review", "next-step", "no-plan"):
        assert id_ not in "\n".join(lines)


def test_json_and_markdown_summaries_carry_the_section(runner: CliRunner, work: Path) -> None:
    score(runner, "--format", "json", "-o", "scored.json")
    data: dict[str, Any] = json.loads((work / "scored.json").read_text(encoding="utf-8"))
    plan = data["summary"]["close_plan"]
    assert plan["checked"] == 6
    assert {k: v["deals"] for k, v in plan["issues"].items()} == {
        "close-before-plan": 1,
        "lead-time": 1,
        "slipped": 2,
        "no-plan": 1,
        "not-agreed": 1,
    }
    assert plan["issues"]["lead-time"]["amounts"] == {"USD": 120000.0}
    assert plan["slipped_steps"] == [["legal-review", 1], ["next-step", 1]]
    assert plan["step_names"]["vendor-setup"] == "Procurement vendor set-up"

    score(runner, "--format", "md", "-o", "summary.md", "--lang", "ko")
    markdown = (work / "summary.md").read_text(encoding="utf-8")
    assert "## 클로즈 플랜 (내보내기 파일의 날짜 기준)" in markdown
    assert "| 통상 소요 기간으로는 예상 계약일을 맞출 수 없음 | 1 | 120,000 |" in markdown


def test_batch_and_report_agree_on_the_same_deal(runner: CliRunner, work: Path) -> None:
    # Row 1 is the late-stage deal file of the prep scenarios, as a CRM row.
    score(runner, "-o", "scored.csv")
    row = next(r for r in scored_rows(work / "scored.csv") if r["Opportunity ID"] == "1")
    deal = FIXTURES / "deals" / "prep" / "late-stage.yaml"
    code, out, err = invoke(
        runner,
        "report",
        str(deal),
        "--format",
        "json",
        *TODAY,
        "--frameworks-dir",
        str(ROOT / "frameworks"),
    )
    assert code == 0, err
    checks = json.loads(out)["close_plan"]["checks"]
    assert "; ".join(f"{c['code']}:{c['step']}" for c in checks) == row["dealcheck_close_plan"]


def test_an_export_without_plan_columns_is_unchanged(runner: CliRunner, work: Path) -> None:
    mapping = (work / MAPPING.name).read_text(encoding="utf-8")
    (work / MAPPING.name).write_text(mapping.split("close_plan:")[0], encoding="utf-8")

    out, _ = score(runner, "-o", "scored.csv")
    assert "dealcheck_close_plan" not in scored_rows(work / "scored.csv")[0]
    assert "Close plan" not in out
    score(runner, "--format", "json", "-o", "scored.json")
    summary = json.loads((work / "scored.json").read_text(encoding="utf-8"))["summary"]
    assert summary["close_plan"] is None


def test_the_team_lead_time_from_the_config_is_used(runner: CliRunner, work: Path) -> None:
    (work / ".dealcheck.yaml").write_text(
        "close_plan:\n"
        "  - {id: vendor-setup, name: {en: Vendor set-up, ko: 업체 등록}, side: theirs, "
        "lead_days: 5}\n",
        encoding="utf-8",
    )
    score(runner, "-o", "scored.csv")
    row = next(r for r in scored_rows(work / "scored.csv") if r["Opportunity ID"] == "1")
    assert row["dealcheck_close_plan"] == ""


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (("vendor-setup: {", "vendor-onboarding: {"), "26:5", "'vendor-onboarding' is not a "),
        (("target: Signature Date", "target: Signed On"), "27:25", "column 'Signed On' is not"),
    ],
)
def test_a_plan_column_mistake_is_located_in_the_mapping(
    runner: CliRunner, work: Path, change: tuple[str, str], where: str, message: str
) -> None:
    mapping = work / MAPPING.name
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(*change), encoding="utf-8")

    code, out, err = invoke(runner, "score", EXPORT.name, "--map", MAPPING.name, *TODAY)

    assert code != 0 and not out.startswith("Pipeline summary")
    assert f"{MAPPING.name}:{where}: " in err and message in err and "Traceback" not in err


def test_validate_finds_an_unknown_step_without_an_export(runner: CliRunner, work: Path) -> None:
    mapping = work / MAPPING.name
    text = mapping.read_text(encoding="utf-8").replace("vendor-setup: {", "vendor-onboarding: {")
    mapping.write_text(text, encoding="utf-8")

    code, out, err = invoke(runner, "validate", MAPPING.name)

    assert code == 1
    assert (
        f"{MAPPING.name}:26:5: 'vendor-onboarding' is not a close plan step template" in out + err
    )


def test_json_lines_rows_carry_their_codes(runner: CliRunner, work: Path) -> None:
    score(runner, "--format", "jsonl", "-o", "scored.jsonl")

    lines = (work / "scored.jsonl").read_text(encoding="utf-8").splitlines()
    found = {d["deal"]["name"]: d["close_plan"] for d in map(json.loads, lines)}
    expected = {k: v.split("; ") if v else [] for k, v in EXPECTED_CODES.items()}
    expected["Won already"] = None  # closed: not checked
    assert found == expected


def test_json_lines_rows_without_plan_columns_have_no_close_plan_key(
    runner: CliRunner, work: Path
) -> None:
    mapping = (work / MAPPING.name).read_text(encoding="utf-8")
    (work / MAPPING.name).write_text(mapping.split("close_plan:")[0], encoding="utf-8")
    score(runner, "--format", "jsonl", "-o", "scored.jsonl")
    lines = (work / "scored.jsonl").read_text(encoding="utf-8").splitlines()
    assert all("close_plan" not in json.loads(line) for line in lines)
