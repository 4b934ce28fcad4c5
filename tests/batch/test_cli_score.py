from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, invoke

SF = ("examples/salesforce-pipeline.csv", "--map", "examples/salesforce.map.yaml")
KO = ("examples/hubspot-ko-pipeline.csv", "--map", "examples/hubspot-ko.map.yaml")
TODAY = ("--today", "2026-11-23")


def test_salesforce_example_scores_with_a_summary(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    out, rejects = tmp_path / "scored.csv", tmp_path / "rejects.csv"
    code, stdout, stderr = invoke(
        runner, "score", *SF, *TODAY, "-o", str(out), "--rejects", str(rejects)
    )
    assert (code, stderr) == (0, "")
    assert "52 rows read: 49 scored, 3 rejected" in stdout
    for section in (
        "Forecast (open deals)",
        "By owner",
        "By close period",
        "By recommendation",
        "By stage (funnel order)",
        "Most common gaps",
        "At risk: closing within 30 days",
        "Remove from the forecast",
        "Update the close date",
        "Pipeline hygiene",
        "Closed deals (counted apart)",
    ):
        assert section in stdout
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 1 + 49
    cells = [c for row in rows for c in row]
    assert "'+1 call with procurement" in cells and "-1500.00" in cells
    assert not any(c.startswith("=") for c in cells)
    rejected = list(csv.reader(rejects.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[1] for r in rejected[1:]] == ["7", "26", "32"]


def test_strict_fails_on_rejections(runner: CliRunner, in_repo: Path) -> None:
    code, _, stderr = invoke(runner, "score", *SF, *TODAY, "--strict")
    assert code == 1
    assert "3 rows rejected (--strict)" in stderr


def test_korean_cp949_example(runner: CliRunner, in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ko.csv"
    code, stdout, _ = invoke(runner, "score", *KO, *TODAY, "--lang", "ko", "-o", str(out))
    assert code == 0
    assert "읽은 행 26개: 채점 25개, 거부 1개" in stdout and "cp949" in stdout
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("레코드 ID,거래 이름") and header.endswith("dealcheck_hygiene")


def test_markdown_summary_on_stdout(runner: CliRunner, in_repo: Path) -> None:
    code, stdout, _ = invoke(runner, "score", *SF, *TODAY, "--format", "md")
    assert code == 0
    assert stdout.startswith("# Pipeline summary")
    assert "| dig deeper |" in stdout


def test_json_output_holds_deals_and_summary(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "scored.json"
    code, _, _ = invoke(runner, "score", *SF, *TODAY, "-o", str(out))
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["deals"]) == data["summary"]["scored"] == 49
    assert data["summary"]["rows"] == data["summary"]["scored"] + data["summary"]["rejected"]


def test_errors_are_one_line_without_traceback(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.map.yaml"
    bad.write_text("columns:\n  amount: Amonut\n", encoding="utf-8")
    code, _, stderr = invoke(
        runner, "score", "examples/salesforce-pipeline.csv", "--map", str(bad), "-f", "meddpicc"
    )
    assert code == 3
    assert (
        f"error: {bad}:2:11: column 'Amonut' is not in examples/salesforce-pipeline.csv; did you mean 'Amount'?"
        in stderr
    )
    code, _, stderr = invoke(
        runner,
        "score",
        "examples/salesforce-pipeline.csv",
        "--encoding",
        "klingon",
        "--map",
        "salesforce",
    )
    assert (code, stderr.strip()) == (2, "error: --encoding 'klingon': unknown encoding")


def test_map_init_drafts_a_mapping_that_scores(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.map.yaml"
    code, stdout, _ = invoke(runner, "map", "init", *KO[:1], "-f", "bant", "-o", str(draft))
    assert (
        code == 0
        and "(2 TODO to fill in); see how each column reads: dealcheck map check" in stdout
    )
    text = draft.read_text(encoding="utf-8")
    assert 'amount: "금액"' in text and 'stage: "거래 단계"' in text and "TODO" in text
    assert '"성사": won' in text and '"실패": lost' in text
    code, _, stderr = invoke(runner, "score", KO[0], "--map", str(draft), "-f", "bant")
    # the picklist values 확인/일부 are no level names: a person says what they mean first
    todo_line = next(n for n, line in enumerate(text.splitlines(), 1) if '"확인": TODO' in line)
    column = text.splitlines()[todo_line - 1].index('"확인": TODO') + len('"확인": ') + 1
    assert code == 3
    assert (
        f"error: {draft}:{todo_line}:{column}: TODO left at criteria.bant.budget.values.확인"
        in stderr
    )
    assert f"dealcheck map check {KO[0]} --map {draft}" in stderr


def test_map_init_with_a_crm_preset(runner: CliRunner, in_repo: Path) -> None:
    code, stdout, _ = invoke(runner, "map", "init", SF[0], "-f", "meddpicc", "--crm", "salesforce")
    assert code == 0
    assert 'deal_id: "Opportunity ID"' in stdout and '"Closed Won": won' in stdout
    assert 'champion: {column: "Champion", kind: yes-no}' in stdout
    assert 'identified-pain: {column: "Identified Pain", kind: text}' in stdout


def test_help_has_examples(runner: CliRunner) -> None:
    code, stdout, _ = invoke(runner, "score", "--help")
    assert code == 0
    assert "Examples:\n    dealcheck score examples/salesforce-pipeline.csv" in stdout


def test_installed_entry_point_reads_stdin() -> None:
    data = (ROOT / SF[0]).read_bytes()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dealcheck",
            "score",
            "-",
            "--map",
            SF[2],
            *TODAY,
            "--format",
            "jsonl",
        ],
        input=data,
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 49 and json.loads(lines[0])["schema_version"] == 1
    assert (
        b"49 scored, 3 rejected" in result.stderr
    )  # summary goes to stderr when rows are on stdout
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["salesforce", "hubspot", "pipedrive"])
def test_a_preset_without_qualification_columns_refuses_to_score_blind(
    runner: CliRunner, in_repo: Path, name: str
) -> None:
    code, stdout, stderr = invoke(runner, "score", SF[0], "--map", name, "-f", "meddpicc", *TODAY)

    assert code == 2 and stdout == ""
    [message] = stderr.strip().splitlines()
    assert f"mapping '{name}' maps no column to the criteria of meddpicc" in message
    assert "dealcheck map init" in message and "--basics-only" in message


@pytest.mark.parametrize("name", ["salesforce", "hubspot", "pipedrive"])
def test_basics_only_checks_the_pipeline_without_qualifying(
    runner: CliRunner, in_repo: Path, name: str
) -> None:
    code, stdout, _ = invoke(
        runner, "score", SF[0], "--map", name, "-f", "meddpicc", "--basics-only", *TODAY
    )

    assert code == 0 and "rows read" in stdout
    assert "Qualification not scored (--basics-only)" in stdout
    assert "Most common gaps" not in stdout and "By grade" not in stdout


@pytest.mark.parametrize(
    ("options", "recommendation"),
    [(["-f", "meddpicc", "--basics-only"], "unscored"), (["-f", "the-model"], "dig-deeper")],
    ids=["basics-only", "stage-set"],
)
def test_a_row_with_nothing_scored_shows_no_score(
    runner: CliRunner, in_repo: Path, tmp_path: Path, options: list[str], recommendation: str
) -> None:
    out = tmp_path / "scored.csv"
    code, _, stderr = invoke(
        runner, "score", SF[0], "--map", "salesforce", *options, "-o", str(out), *TODAY
    )

    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    open_rows = [r for r in rows if r["dealcheck_recommendation"] not in ("won", "lost")]
    assert code == 0, stderr
    assert open_rows and {r["dealcheck_recommendation"] for r in open_rows} == {recommendation}
    # A 0 would read as a deal that scored nothing: the cell is blank, as the grade.
    assert {(r["dealcheck_score"], r["dealcheck_grade"]) for r in rows} == {("", "")}


def test_free_text_in_a_level_column_is_reported_per_column_and_fails_strict(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "notes.map.yaml"
    mapping.write_text(
        (ROOT / SF[2])
        .read_text(encoding="utf-8")
        .replace(
            "identified-pain: {column: Identified Pain, kind: text, level: partial}",
            "identified-pain: {column: Identified Pain}",
        ),
        encoding="utf-8",
    )

    code, stdout, _ = invoke(runner, "score", SF[0], "--map", str(mapping), *TODAY)
    strict, _, stderr = invoke(runner, "score", SF[0], "--map", str(mapping), *TODAY, "--strict")

    assert code == 0
    assert "Values that are not levels (read as unknown)" in stdout
    assert "Identified Pain" in stdout and "kind: text" in stdout
    assert "'Manual routing costs 3 FTE; CFO wants it gone by Q3'" in stdout.replace("\n", "")
    assert strict == 1 and "are not levels (--strict)" in stderr and "Identified Pain" in stderr


def test_output_without_a_known_extension_is_csv(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "scored.txt"

    code, _, _ = invoke(runner, "score", *SF, *TODAY, "-o", str(out))

    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert code == 0
    assert header[-7:] == [
        "dealcheck_score",
        "dealcheck_grade",
        "dealcheck_recommendation",
        "dealcheck_stage",
        "dealcheck_gaps",
        "dealcheck_red_flags",
        "dealcheck_hygiene",
    ]


@pytest.mark.parametrize(
    ("name", "data", "forced"),
    [
        ("no-bom.csv", b"ID,Deal\r\nD1,Acme\r\n", "utf-16"),  # not a decode error
        ("bad.jsonl", b'{"ID": "D1"}\n{"ID": "\xff"}\n', "utf-8"),
    ],
)
def test_a_wrong_forced_encoding_is_a_one_line_error(
    runner: CliRunner, tmp_path: Path, name: str, data: bytes, forced: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, _, stderr = invoke(
        runner, "score", str(path), "--map", "salesforce", "--encoding", forced
    )
    assert code == 3
    assert stderr.startswith(f"error: {path}") and f"not valid {forced}" in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr


def test_an_export_without_amounts_is_not_a_pipeline_worth_0(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    # A plain export whose open deals carry no value (the Maven CRM data's open deals):
    # "Open pipeline: 2 deals, 0" reads as a verdict on the deals, not on the data.
    export = tmp_path / "open.csv"
    export.write_text(
        "Opportunity ID,Stage,Owner,Amount,Close Date\n"
        "A1,Needs Analysis,Kim,,2026-12-31\n"
        "A2,Proposal/Price Quote,Lee,,2027-01-31\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "open.map.yaml"
    mapping.write_text(
        "columns: {deal_id: Opportunity ID, stage: Stage, owner: Owner, amount: Amount, "
        "close_date: Close Date}\n"
        "stages: {Needs Analysis: discovery, Proposal/Price Quote: proposal}\n",
        encoding="utf-8",
    )
    args = ["score", str(export), "--map", str(mapping), "--basics-only", *TODAY]

    code, out, err = invoke(runner, *args)
    code_ko, out_ko, _ = invoke(runner, *args, "--lang", "ko")

    assert code == 0 and code_ko == 0, err
    flat = " ".join(out.split())
    assert "Open pipeline: 2 deals, no amounts in the export" in flat
    assert "weighted by stage" not in flat
    assert "진행 중인 파이프라인: 딜 2개, 금액 정보 없음" in " ".join(out_ko.split())
    # With amounts the pipeline has its value, weighted by stage as before.
    code, priced, err = invoke(runner, "score", *SF, *TODAY)
    assert code == 0, err
    assert "no amounts in the export" not in priced and "weighted by stage" in priced
