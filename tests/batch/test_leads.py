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
    assert "as leads not yet opportunities: 1 deals, 9,000" in " ".join(stdout.split())
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
    assert "데이터 점검에서 제외: 딜 1개, 9,000" in " ".join(stdout.split())


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


HYGIENE_MAPPING = (
    MAPPING.replace("  owner: Owner\n", "  owner: Owner\n  created_date: Created\n")
    + "hygiene:\n  checks: [missing-amount, past-close-date]\n"
)
# Two opportunities, fully qualified and clean; one lead with no amount, a passed close
# date and an unknown champion: everything wrong with it is the lead's, not the pipeline's.
HYGIENE_EXPORT = """\
Id,Deal,Amount,Stage,Close,Owner,Created,Metrics,Pain,Champion
1,Acme renewal,1000,Negotiation,2026-12-15,Kim,2026-06-01,Confirmed,Confirmed,Confirmed
2,Globex rollout,500,Negotiation,2026-12-20,Kim,2026-09-01,Confirmed,Confirmed,Confirmed
3,Initech lead,,Prospecting,2026-11-01,Lee,2025-01-01,Assumed,Assumed,
"""


def _score_hygiene(runner: CliRunner, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    (tmp_path / "deals.map.yaml").write_text(HYGIENE_MAPPING, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(HYGIENE_EXPORT, encoding="utf-8")
    return invoke(
        runner,
        "score",
        str(tmp_path / "deals.csv"),
        "--map",
        str(tmp_path / "deals.map.yaml"),
        *TODAY,
        *extra,
    )


def test_a_lead_counts_in_no_gap_flag_hygiene_or_aging_figure_of_the_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "s.json"
    code, _, stderr = _score_hygiene(runner, tmp_path, "--format", "json", "-o", str(out))
    assert (code, stderr) == (0, "")
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]

    assert summary["leads"]["deals"] == 1
    # The two opportunities are clean and complete: the lead's problems are not theirs.
    assert summary["hygiene"] == []
    # Unmapped criteria are gaps of the two opportunities; the lead's weak answers are not.
    assert {criterion for criterion, _ in summary["gaps"]}.isdisjoint(
        {"metrics", "identified-pain", "champion"}
    )
    assert all(count == 2 for _, count in summary["gaps"])
    assert [a["stage"] for a in summary["aging"]] == ["negotiation"]
    assert summary["by_stage"]["prospecting"]["deals"] == 1  # still counted by stage
    assert [(o["owner"], o["gaps"]) for o in summary["by_owner"] if o["owner"] == "Lee"] in (
        [],
        [("Lee", [])],
    )


def test_percentages_are_of_the_opportunities_and_the_line_says_leads_are_left_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    export = HYGIENE_EXPORT.replace("1,Acme renewal,1000,", "1,Acme renewal,,")
    (tmp_path / "deals.map.yaml").write_text(HYGIENE_MAPPING, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(export, encoding="utf-8")
    code, stdout, stderr = invoke(
        runner,
        "score",
        str(tmp_path / "deals.csv"),
        "--map",
        str(tmp_path / "deals.map.yaml"),
        *TODAY,
        "--format",
        "md",
    )
    assert (code, stderr) == (0, "")

    assert (
        "Left out of the pipeline figures, aging, gaps, red flags and hygiene as leads "
        "not yet opportunities: 1 deals, 0" in stdout
    )
    hygiene = stdout.split("Pipeline hygiene", 1)[1].split("\n#", 1)[0]
    # One of the two opportunities has no amount: 50 %, not one in three (the lead's
    # missing amount and passed close date are not counted).
    assert "| no amount | 1 | 50 |" in hygiene
    assert hygiene.count("\n|") == 3  # header, rule, one check: no passed close date


def test_the_korean_line_names_every_figure_the_leads_are_left_out_of(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, stdout, _ = _score_hygiene(runner, tmp_path, "--lang", "ko")

    assert code == 0
    assert (
        "아직 딜이 되지 않은 리드는 파이프라인 집계·체류 기간·공백·레드 플래그·데이터 점검에서 "
        "제외: 딜 1개" in " ".join(stdout.split()).replace("· ", "·")
    )
    assert "파이프라인 데이터 점검" not in stdout  # nothing left to check once the lead is out


def test_a_lead_is_on_no_list_of_deals(runner: CliRunner, tmp_path: Path) -> None:
    # The lead: disqualified-looking (absent answers), no amount, close date passed.
    export = HYGIENE_EXPORT.replace(",,Prospecting,", ",700000,Prospecting,").replace(
        "Assumed,Assumed,\n", "None,None,None\n"
    )
    (tmp_path / "deals.map.yaml").write_text(HYGIENE_MAPPING, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(export, encoding="utf-8")
    out = tmp_path / "s.json"
    code, _, stderr = invoke(
        runner,
        "score",
        str(tmp_path / "deals.csv"),
        "--map",
        str(tmp_path / "deals.map.yaml"),
        *TODAY,
        "--format",
        "json",
        "-o",
        str(out),
    )
    assert (code, stderr) == (0, "")
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]

    listed = {
        deal["name"]
        for key in ("at_risk", "remove_from_forecast", "commit_at_risk", "update_close_date")
        for deal in summary[key]
    } | {deal["name"] for deal in summary["largest"]}
    assert "Initech lead" not in listed
    assert "Acme renewal" in {deal["name"] for deal in summary["largest"]}
