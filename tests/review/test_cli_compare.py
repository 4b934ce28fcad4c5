"""`dealcheck score … --compare LAST_WEEK` and `--format html`, end to end through the CLI."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.render.html.parsing import assert_safe, find, text_of

SF = ("--map", "examples/salesforce.map.yaml")


def _this_week(tmp_path: Path) -> Path:
    """Last week's example export with one deal gone, one new, a slip and a new flag."""
    with Path("examples/salesforce-pipeline.csv").open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream))
    header, body = rows[0], rows[1:]
    close, flag = header.index("Close Date"), header.index("Price Only")
    body[0][close] = "12/31/2027"
    body[1][flag] = "TRUE"
    new = list(body[2])
    new[0], new[1] = "0065gNEW000000AAA", "Initech – <b>New</b> | Deal"
    path = tmp_path / "this.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *body[1:2], body[0], *body[3:], new])
    return path


@pytest.fixture
def last_week(runner: CliRunner, in_repo: Path, tmp_path: Path) -> Path:
    scored = tmp_path / "last-scored.csv"
    code, _, _ = invoke(
        runner,
        "score",
        "examples/salesforce-pipeline.csv",
        *SF,
        "--today",
        "2026-11-16",
        "-o",
        str(scored),
    )
    assert code == 0
    return scored


def test_compare_against_last_weeks_scored_csv(
    runner: CliRunner, last_week: Path, tmp_path: Path
) -> None:
    review = tmp_path / "review.md"
    code, stdout, stderr = invoke(
        runner,
        "score",
        str(_this_week(tmp_path)),
        *SF,
        "--today",
        "2026-11-23",
        "--compare",
        str(last_week),
        "--review-output",
        str(review),
    )
    assert (code, stderr) == (0, "")
    assert "Pipeline summary" in stdout and "Weekly pipeline review" in stdout
    assert "48 deals in both · 1 new · 1 left" in stdout
    text = review.read_text(encoding="utf-8")
    assert "## Close dates that slipped (1)" in text
    assert (
        "| Northwind Logistics – Fleet Analytics | Priya Natarajan | 2026-10-26 | 2027-12-31 |"
        in text
    )
    assert "## New red flags (1)" in text and "price-leverage-only" in text
    assert "Initech – \\<b\\>New\\</b\\> \\| Deal" in text
    assert "## Left the pipeline (1)" in text and "Contoso Retail – Data Platform" in text


def test_compare_writes_an_html_review(runner: CliRunner, last_week: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.html"
    code, _, _ = invoke(
        runner,
        "score",
        str(_this_week(tmp_path)),
        *SF,
        "--compare",
        str(last_week),
        "--review-output",
        str(review),
        "--format",
        "jsonl",
        "-o",
        str(tmp_path / "x.jsonl"),
    )
    assert code == 0
    html = review.read_text(encoding="utf-8")
    assert_safe(html)
    [appeared] = find(html, "section", id="appeared")
    assert "Initech – <b>New</b> | Deal" in text_of(appeared)


def test_compare_with_deal_folders(runner: CliRunner, in_repo: Path, tmp_path: Path) -> None:
    code, stdout, _ = invoke(runner, "score", "examples/deals", "--compare", "examples/deals")
    assert code == 0
    assert "3 deals in both · 0 new · 0 left" in stdout and "Nothing changed." in stdout


def test_rows_on_stdout_push_the_review_to_stderr(
    runner: CliRunner, last_week: Path, in_repo: Path
) -> None:
    code, stdout, stderr = invoke(
        runner,
        "score",
        "examples/salesforce-pipeline.csv",
        *SF,
        "--format",
        "jsonl",
        "--compare",
        str(last_week),
    )
    assert code == 0
    assert "Weekly pipeline review" in stderr and "Weekly pipeline review" not in stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--compare", "nowhere.csv"], "--compare nowhere.csv: no such file or folder"),
        (["--compare", "examples/salesforce-pipeline.csv"], "not a scored file"),
        (["--review-output", "r.md"], "--review-output needs --compare"),
        (["--compare", "examples/deals", "--review-output", "r.pdf"], "use a .md or .html"),
    ],
)
def test_compare_usage_errors(
    runner: CliRunner, in_repo: Path, args: list[str], message: str
) -> None:
    code, _, stderr = invoke(runner, "score", "examples/salesforce-pipeline.csv", *SF, *args)
    assert code == 2
    assert message in stderr


def test_score_format_html(runner: CliRunner, in_repo: Path, tmp_path: Path) -> None:
    page = tmp_path / "pipeline.html"
    code, stdout, _ = invoke(
        runner,
        "score",
        "examples/salesforce-pipeline.csv",
        *SF,
        "--format",
        "html",
        "-o",
        str(page),
    )
    assert code == 0 and "Pipeline summary" in stdout  # the terminal summary still shows
    html = page.read_text(encoding="utf-8")
    assert_safe(html)
    [counts] = find(html, "p", id="counts")
    assert text_of(counts) == "52 rows read: 49 scored, 3 rejected"
    code, stdout, _ = invoke(
        runner, "score", "examples/salesforce-pipeline.csv", *SF, "--format", "html"
    )
    assert code == 0 and stdout.startswith("<!DOCTYPE html>")


def test_the_review_lists_forecast_moves(
    runner: CliRunner, last_week: Path, tmp_path: Path
) -> None:
    with last_week.open(encoding="utf-8-sig") as stream:
        scored = list(csv.DictReader(stream))
    best_case = next(  # a negotiation deal (best case) with no red flag, not disqualified
        r
        for r in scored
        if r["dealcheck_stage"] == "negotiation"
        and not r["dealcheck_red_flags"]
        and r["dealcheck_recommendation"] != "disqualify"
    )
    with Path("examples/salesforce-pipeline.csv").open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream))
    header, body = rows[0], rows[1:]
    flag, name = header.index("Price Only"), header.index("Opportunity Name")
    proposal = next(r for r in body if r[0] == best_case["Opportunity ID"])
    proposal[flag] = "TRUE"
    this_week = tmp_path / "this.csv"
    with this_week.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *body])
    review = tmp_path / "review.md"

    code, _, stderr = invoke(
        runner,
        "score",
        str(this_week),
        *SF,
        "--today",
        "2026-11-23",
        "--compare",
        str(last_week),
        "--review-output",
        str(review),
    )

    assert (code, stderr) == (0, "")
    text = review.read_text(encoding="utf-8")
    assert "## Forecast moves (category changed, commit added or removed) (1)" in text
    # The flag disqualifies the deal: it leaves the forecast.
    assert f"| {proposal[name]} |" in text and "| best case | omitted |" in text
