"""Coverage against quota: one amount for the team's current period, or a file per owner."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dealcheck.batch.run import ScoreRequest, run_score
from tests.conftest import invoke

SF = ("examples/salesforce-pipeline.csv", "--map", "examples/salesforce.map.yaml")


def _request(quota: str) -> ScoreRequest:
    from datetime import date

    return ScoreRequest(
        inputs=[SF[0]],
        frameworks=[],
        mapping=SF[2],
        output=None,
        format="csv",
        rejects=None,
        encoding=None,
        delimiter=None,
        today=date(2026, 11, 23),
        lang="en",
        bom=True,
        team_dir=None,
        default_frameworks=[],
        quota=quota,
    )


def test_a_quota_file_gives_coverage_per_owner_and_period(in_repo: Path, tmp_path: Path) -> None:
    quotas = tmp_path / "quota.csv"
    quotas.write_text(
        "owner,period,quota\nDana Whitfield,2026-12,300000\n,2026-12,1000000\n", encoding="utf-8"
    )

    summary = run_score(_request(str(quotas)))

    coverage = {(c.owner, c.period): c for c in summary.coverage}
    dana, team = coverage[("Dana Whitfield", "2026-12")], coverage[("", "2026-12")]
    assert dana.currency == team.currency == "USD"
    # Open pipeline closing in December, omitted deals left out, per owner and in all.
    december = summary.by_period["2026-12"]
    in_forecast = sum(t.amounts["USD"] for c, t in december.items() if c != "omitted")
    assert team.pipeline == in_forecast and team.ratio == in_forecast / 1_000_000
    assert 0 < dana.pipeline <= team.pipeline


def test_a_bad_quota_is_one_line_naming_the_file_and_line(
    runner: CliRunner, in_repo: Path, tmp_path: Path
) -> None:
    quotas = tmp_path / "quota.csv"
    quotas.write_text("owner,period,quota\nDana,next month,300000\n", encoding="utf-8")

    code, _, stderr = invoke(runner, "score", *SF, "--quota", str(quotas))
    missing, _, missing_err = invoke(runner, "score", *SF, "--quota", "lots")

    assert code == 3 and stderr.strip().splitlines() == [
        f"error: {quotas}:2:1: period 'next month' is not like 2026-11 or 2026-Q4"
    ]
    assert missing == 2 and "give an amount (1500000, 15억) or a quota CSV file" in missing_err
