"""The Model (seed 004): a stage-1 lead is not yet an opportunity, so `score` keeps it
out of the pipeline figures and says how many deals and how much it left out."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import FIXTURES, invoke

MAPPING = """\
frameworks: [meddpicc]
columns:
  deal_id: Id
  name: Deal
  amount: Amount
  stage: Stage
  close_date: Close
  owner: Owner
values: {Confirmed: confirmed, Partial: partial, Assumed: assumed, None: absent}
criteria:
  meddpicc:
    metrics: {column: Metrics}
    identified-pain: {column: Pain}
    champion: {column: Champion}
"""
EXPORT = """\
Id,Deal,Amount,Stage,Close,Owner,Metrics,Pain,Champion
1,Acme renewal,1000,Negotiation,2026-12-15,Kim,Confirmed,Confirmed,Confirmed
2,Globex rollout,500,Discovery,2026-12-20,Kim,Partial,Partial,Assumed
3,Initech lead,9000,Prospecting,2026-12-28,Lee,Assumed,Assumed,None
"""
TODAY = ("--today", "2026-12-01")


def _score(runner: CliRunner, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    (tmp_path / "deals.map.yaml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(EXPORT, encoding="utf-8")
    return invoke(
        runner,
        "score",
        str(tmp_path / "deals.csv"),
        "--map",
        str(tmp_path / "deals.map.yaml"),
        *TODAY,
        "-o",
        str(tmp_path / "scored.csv"),
        *extra,
    )


def test_a_prospecting_lead_is_out_of_the_pipeline_and_the_summary_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, stdout, stderr = _score(runner, tmp_path)

    assert (code, stderr) == (0, "")
    # The 9,000 lead would be six times the real pipeline: a manager must not see it there.
    assert "Open pipeline: 2 deals, 1,500" in stdout
    assert "Left out of the pipeline figures as leads not yet opportunities: 1 deals, 9,000" in (
        stdout
    )
    assert "Open pipeline 1,500 ·" in stdout
    # Still scored: the lead is in the output file and in the stage table.
    assert "Initech lead" in (tmp_path / "scored.csv").read_text(encoding="utf-8-sig")


def test_the_lead_is_omitted_from_forecast_weighted_and_coverage_in_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "deals.map.yaml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(EXPORT, encoding="utf-8")
    json_out = tmp_path / "s.json"
    code, _, stderr = invoke(
        runner,
        "score",
        str(tmp_path / "deals.csv"),
        "--map",
        str(tmp_path / "deals.map.yaml"),
        *TODAY,
        "--quota",
        "3000",
        "--format",
        "json",
        "-o",
        str(json_out),
    )
    assert (code, stderr) == (0, "")
    summary = json.loads(json_out.read_text(encoding="utf-8"))["summary"]

    assert summary["open"] == {"deals": 2, "amounts": {"": 1500.0}}
    assert summary["leads"] == {"deals": 1, "amounts": {"": 9000.0}}
    assert summary["forecast"]["omitted"] == {"deals": 1, "amounts": {"": 9000.0}}
    assert sum(t["amounts"][""] for k, t in summary["forecast"].items() if k != "omitted") == 1500
    assert summary["weighted"][""] < 1500  # only the two opportunities, by stage
    assert summary["by_stage"]["prospecting"]["deals"] == 1
    assert [(c["period"], c["pipeline"]) for c in summary["coverage"]] == [("2026-12", 1500.0)]


def test_the_korean_summary_says_it_in_korean(runner: CliRunner, tmp_path: Path) -> None:
    code, stdout, _ = _score(runner, tmp_path, "--lang", "ko")

    assert code == 0
    assert "아직 딜이 되지 않은 리드는 파이프라인 집계에서 제외: 딜 1개, 9,000" in stdout


def test_in_pipeline_must_be_true_or_false_and_the_error_is_located(
    runner: CliRunner, tmp_path: Path
) -> None:
    mini = (FIXTURES / "frameworks" / "mini.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "mini.yaml"
    bad.write_text(
        mini.replace(
            "    name: {en: Discovery, ko: 발굴}\n",
            "    name: {en: Discovery, ko: 발굴}\n    in_pipeline: sometimes\n",
        ),
        encoding="utf-8",
    )

    code, out, _ = invoke(
        runner, "framework", "validate", str(bad), "--frameworks-dir", str(tmp_path)
    )

    assert code == 1
    assert out.startswith(f"{bad}:40:18: ") and "in_pipeline" in out
