"""`framework diff --impact`: a framework change re-scored on the shipped Salesforce pipeline.

The expected moves are not taken on trust: the same export is scored with each version
by `dealcheck score`, and the impact report must agree with those two scored files.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.policy.impact import ranked_right
from tests.conftest import FRAMEWORK_FIXTURES, ROOT, invoke

EXPORT = str(ROOT / "examples" / "salesforce-pipeline.csv")
MAPPING = str(ROOT / "examples" / "salesforce.map.yaml")

# A team's MEDDPICC that weighs the champion 40 instead of 15. Named meddpicc and kept in
# the team folder, it extends the built-in one and `dealcheck score` uses it directly.
CHAMPION_HEAVY = FRAMEWORK_FIXTURES / "champion-first" / "meddpicc.yaml"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team folder holding the champion-heavy MEDDPICC."""
    (tmp_path / "frameworks").mkdir()
    shutil.copy(CHAMPION_HEAVY, tmp_path / "frameworks" / "meddpicc.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _diff(runner: CliRunner, team: Path, *options: str) -> tuple[int, str, str]:
    """`framework diff` of the built-in MEDDPICC and the team's, with more options."""
    nowhere = str(team / "nowhere")  # OLD is the built-in, not the team's file of that name
    return invoke(
        runner,
        "framework",
        "diff",
        "meddpicc",
        "frameworks/meddpicc.yaml",
        "--frameworks-dir",
        nowhere,
        *options,
    )


def _rows(runner: CliRunner, team: Path, version: str) -> list[dict[str, str]]:
    """The export scored by `dealcheck score` with the built-in (before) or team (after) MEDDPICC."""
    folder = "nowhere" if version == "before" else "frameworks"
    output = team / f"{version}.csv"
    code, _, err = invoke(
        runner,
        "score",
        EXPORT,
        "--map",
        MAPPING,
        "-o",
        str(output),
        "--frameworks-dir",
        str(team / folder),
    )
    assert code == 0, err
    with output.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_weight_change_moves_the_deals_that_scoring_both_versions_moves(
    runner: CliRunner, team: Path
) -> None:
    pairs = list(zip(_rows(runner, team, "before"), _rows(runner, team, "after"), strict=True))
    rec, score = "dealcheck_recommendation", "dealcheck_score"
    moved = Counter((b[rec], a[rec]) for b, a in pairs if b[rec] != a[rec])
    biggest = max(pairs, key=lambda p: abs(float(p[1][score]) - float(p[0][score])))

    code, out, err = _diff(runner, team, "--impact", EXPORT, "--map", MAPPING)

    assert code == 0, err
    assert sum(moved.values()) == 6  # the known effect of weighing the champion 40
    assert "  49 deals scored with both versions: 6 change recommendation" in out
    labels = {"advance": "advance", "dig-deeper": "dig deeper", "disqualify": "disqualify"}
    for (was, now), count in moved.items():
        amount = sum(float(b["Amount"] or 0) for b, a in pairs if (b[rec], a[rec]) == (was, now))
        assert f"  {labels[was]} → {labels[now]}: {count} deals, {amount:,.0f}" in out
    largest = out.split("Largest score moves\n", 1)[1].splitlines()[0]
    name, was_score, now_score = (
        biggest[0]["Opportunity Name"],
        biggest[0][score],
        biggest[1][score],
    )
    assert largest.startswith(f"  {name}: {float(was_score):g} → {float(now_score):g} ")


def test_closed_deals_say_whether_won_and_lost_separate_better(
    runner: CliRunner, team: Path
) -> None:
    pairs = list(zip(_rows(runner, team, "before"), _rows(runner, team, "after"), strict=True))
    scores = {
        outcome: [
            (float(b["dealcheck_score"]), float(a["dealcheck_score"]))
            for b, a in pairs
            if a["dealcheck_recommendation"] == outcome
        ]
        for outcome in ("won", "lost")
    }
    won, lost = scores["won"], scores["lost"]
    right_before = ranked_right([b for b, _ in won], [b for b, _ in lost])
    right_after = ranked_right([a for _, a in won], [a for _, a in lost])

    code, out, _ = _diff(runner, team, "--impact", EXPORT, "--map", MAPPING)

    assert code == 0
    assert f"  {len(won)} won, {len(lost)} lost" in out
    assert (
        f"  A won deal outscores a lost one in {100 * right_before:.0f} % → "
        f"{100 * right_after:.0f} % of pairs" in out
    )
    verdict = "better" if right_after > right_before else "worse"
    assert f"  The new version separates won from lost deals {verdict}." in out


def test_a_scored_csv_from_last_week_gives_the_same_impact_as_the_export(
    runner: CliRunner, team: Path
) -> None:
    _rows(runner, team, "before")

    _, from_export, _ = _diff(runner, team, "--map", MAPPING, "--impact", EXPORT)
    code, from_scored, err = _diff(
        runner, team, "--map", MAPPING, "--impact", str(team / "before.csv")
    )

    assert code == 0, err
    assert from_scored.split("Deals\n", 1)[1] == from_export.split("Deals\n", 1)[1]


def test_a_folder_of_deal_files_is_scored_with_both_versions(runner: CliRunner, team: Path) -> None:
    code, out, err = _diff(
        runner,
        team,
        "--impact",
        str(ROOT / "examples" / "deals"),
        "--lang",
        "ko",
    )

    assert code == 0, err
    assert "  두 버전으로 채점한 딜 3개 중 권고가 바뀌는 딜 0개" in out
    assert "  Northwind HR Suite: " in out


def test_impact_in_markdown_escapes_deal_names(runner: CliRunner, team: Path) -> None:
    export = team / "pipeline.csv"
    rows = (ROOT / "examples" / "salesforce-pipeline.csv").read_text(encoding="utf-8-sig")
    # The deal that moves most under the champion-heavy version gets a hostile name.
    export.write_text(rows.replace("Contoso Retail – Expansion", "<b>Evil</b> | co"), "utf-8")

    code, out, _ = _diff(
        runner,
        team,
        "--impact",
        str(export),
        "--map",
        MAPPING,
        "--format",
        "md",
    )

    assert code == 0
    assert "<b>" not in out
    assert "- &lt;b&gt;Evil&lt;/b&gt; \\| co: 73.3 → 58.7 (-14.6)" in out


def test_a_pipeline_scored_with_other_frameworks_is_a_usage_error(
    runner: CliRunner, team: Path
) -> None:
    code, _, err = invoke(
        runner, "framework", "diff", "bant", "bant", "--impact", EXPORT, "--map", MAPPING
    )

    assert code == 2
    assert (
        "the pipeline is scored with meddpicc, red-flags, not with bant nor a framework it extends"
        in err
    )


def test_map_without_impact_is_a_usage_error(runner: CliRunner, team: Path) -> None:
    code, _, err = invoke(runner, "framework", "diff", "bant", "bant", "--map", MAPPING)

    assert code == 2
    assert "--map is for the pipeline given with --impact; add --impact FILE" in err


@pytest.mark.parametrize(
    ("won", "lost", "share"),
    [([80, 70], [20, 30], 1.0), ([20], [80], 0.0), ([50], [50], 0.5), ([60, 40], [50], 0.5)],
)
def test_ranked_right_is_the_share_of_pairs_the_scores_order_right(
    won: list[float], lost: list[float], share: float
) -> None:
    assert ranked_right(won, lost) == share


@pytest.mark.parametrize("option", [["--encoding", "cp949"], ["--today", "2026-01-05"]])
def test_reading_options_without_impact_are_a_usage_error(
    runner: CliRunner, team: Path, option: list[str]
) -> None:
    code, _, err = invoke(runner, "framework", "diff", "bant", "bant", *option)

    assert code == 2
    assert f"{option[0]} is for the pipeline given with --impact" in err


def _northwind_score(runner: CliRunner, team: Path, today: str) -> str:
    """Northwind's score as `dealcheck score --today` gives it with the built-in MEDDPICC."""
    code, out, err = invoke(
        runner,
        "score",
        str(ROOT / "examples" / "deals"),
        "--format",
        "md",
        "--today",
        today,
        "--frameworks-dir",
        str(team / "nowhere"),
    )
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("| Northwind HR Suite |"))
    return row.split(" | ")[3]


@pytest.mark.parametrize("today", ["2025-05-22", "2031-06-01"])
def test_today_dates_the_evidence_as_score_does(runner: CliRunner, team: Path, today: str) -> None:
    before = _northwind_score(runner, team, today)

    code, out, err = _diff(
        runner, team, "--impact", str(ROOT / "examples" / "deals"), "--today", today
    )

    assert code == 0, err
    assert f"  Northwind HR Suite: {float(before):g} → " in out


def test_today_changes_what_aged_evidence_is_worth(runner: CliRunner, team: Path) -> None:
    assert _northwind_score(runner, team, "2025-05-22") != _northwind_score(
        runner, team, "2031-06-01"
    )


def test_encoding_reads_an_export_detection_would_misread(runner: CliRunner, team: Path) -> None:
    export = team / "pipeline.csv"
    rows = (ROOT / "examples" / "salesforce-pipeline.csv").read_text(encoding="utf-8-sig")
    # The deal that moves most under the champion-heavy version, named in Russian and saved
    # as KOI8-R: detection (UTF-8, then CP949, then CP1252) cannot name that encoding.
    rows = rows.replace("Contoso Retail – Expansion", "Ромашка").replace("–", "-")
    export.write_bytes(rows.encode("koi8_r"))

    _, guessed, _ = _diff(runner, team, "--impact", str(export), "--map", MAPPING)
    code, out, err = _diff(
        runner, team, "--impact", str(export), "--map", MAPPING, "--encoding", "koi8_r"
    )

    assert code == 0, err
    assert "Ромашка" not in guessed
    assert "  Ромашка: " in out.split("Largest score moves\n", 1)[1]
