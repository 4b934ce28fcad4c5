"""`framework test` with stage exit checks: answers with evidence, and the stage they support.

A team that uses The Model's stages (seed 004) beside its framework states, per example
deal, which stage the exit criteria support: "stage says proposal; exit criteria
support discovery". A yes on the rep's belief alone does not count (seed 001).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke

TESTS = """\
framework: [meddpicc, the-model]
examples:
  - name: Proposal in the CRM, but no demo yet
    stage: proposal
    exit_criteria:
      problem-we-solve: "yes"
      decides-in-period: {happened: "yes", evidence: Budget for Q1, source: customer}
      demo-or-trial-started: "no"
    expect:
      stage_supported: discovery
  - name: Selected in the rep's belief only
    stage: negotiation
    exit_criteria:
      problem-we-solve: "yes"
      decides-in-period: "yes"
      demo-or-trial-started: "yes"
      comparison-started: {happened: "yes", source: document, confirmed_on: 2026-11-10}
      we-are-selected: {happened: "yes", evidence: They loved the demo, source: belief}
    expect:
      stage_supported: evaluation
"""


@pytest.fixture
def tests_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "frameworks" / "tests").mkdir(parents=True)
    path = tmp_path / "frameworks" / "tests" / "stages.yaml"
    path.write_text(TESTS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


def test_the_stage_the_exit_criteria_support_is_checked(
    runner: CliRunner, tests_file: Path
) -> None:
    code, out, _ = invoke(runner, "framework", "test", str(tests_file))

    assert code == 0, out
    assert "  PASS Proposal in the CRM, but no demo yet" in out
    assert "  PASS Selected in the rep's belief only" in out


def test_a_wrong_stage_expectation_fails_with_both_stages(
    runner: CliRunner, tests_file: Path
) -> None:
    tests_file.write_text(
        TESTS.replace("stage_supported: evaluation", "stage_supported: negotiation"),
        encoding="utf-8",
    )

    code, out, _ = invoke(runner, "framework", "test", str(tests_file))

    assert code == 1
    assert "  FAIL Selected in the rep's belief only" in out
    # negotiation is the-model's "decision" stage (an alias): ids are shown.
    assert "      stage the exit criteria support: expected decision, got evaluation" in out


def test_the_stage_mismatch_reads_in_korean(runner: CliRunner, tests_file: Path) -> None:
    tests_file.write_text(
        TESTS.replace("stage_supported: discovery", "stage_supported: proposal"),
        encoding="utf-8",
    )

    code, out, _ = invoke(runner, "framework", "test", str(tests_file), "--lang", "ko")

    assert code == 1
    assert "      종료 기준으로 본 단계: 기대 evaluation, 결과 problem-recognised" in out


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            ('      demo-or-trial-started: "no"', '      demo-started: "no"'),
            "8:7: no stage exit check 'demo-started' (checks: comparison-started,",
        ),
        (("stage_supported: discovery", "stage_supported: closing-soon"), "10:24: no stage"),
        (
            ("    stage: proposal\n", ""),
            "9:24: stage_supported needs the example's `stage` and a framework whose stages "
            "have exit criteria",
        ),
        (('      demo-or-trial-started: "no"', "      demo-or-trial-started: maybe"), "8:30:"),
    ],
)
def test_a_bad_exit_answer_or_stage_expectation_is_one_located_line(
    runner: CliRunner, tests_file: Path, broken: tuple[str, str], message: str
) -> None:
    tests_file.write_text(TESTS.replace(*broken), encoding="utf-8")

    code, out, _ = invoke(runner, "framework", "test", str(tests_file))

    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("  error: ")]
    assert len(errors) == 1, out
    assert errors[0].startswith(f"  error: {tests_file}:")
    assert message in errors[0]


def test_the_readme_stage_example_passes(tests_file: Path) -> None:
    from dealcheck.policy.testing import run_file
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = "```yaml\nframework: [meddpicc, the-model]\n"
    example = readme.split(start, 1)[1].split("```", 1)[0]
    tests_file.write_text("framework: [meddpicc, the-model]\n" + example, encoding="utf-8")

    result = run_file(tests_file, team_dir=tests_file.parent.parent)

    assert result.problems == []
    assert [(e.name, e.passed) for e in result.examples] == [
        ("Proposal in the CRM, but no demo yet", True)
    ]
