"""`dealcheck framework test`: example deals with the verdict a coach expects."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from dealcheck.language.catalog import builtin_dir, builtin_ids
from tests.conftest import ROOT, invoke

TEAM_FRAMEWORK = """\
id: acme
name: {en: Acme MEDDPICC, ko: 애크미 MEDDPICC}
version: 1.0.0
extends: meddpicc
languages: [en, ko]
criteria:
  - id: champion
    weight: 30
"""

TEAM_TESTS = """\
framework: ../acme.yaml
examples:
  - name: A confirmed champion alone is not enough
    stage: discovery
    answers:
      champion: {level: confirmed, source: customer, confirmed_on: 2026-11-02}
    expect:
      recommendation: dig-deeper
      flags: []
"""


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team repository: frameworks/acme.yaml extending MEDDPICC, and its tests."""
    (tmp_path / "frameworks" / "tests").mkdir(parents=True)
    (tmp_path / "frameworks" / "acme.yaml").write_text(TEAM_FRAMEWORK, encoding="utf-8")
    (tmp_path / "frameworks" / "tests" / "acme.yaml").write_text(TEAM_TESTS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_builtin_frameworks_pass_their_own_tests(runner: CliRunner, in_repo: Path) -> None:
    code, out, _ = invoke(runner, "framework", "test", "--builtin")

    assert code == 0, out
    tested = {line.split("  (")[0] for line in out.splitlines() if line.startswith("/")}
    assert {Path(p).stem for p in tested} == set(builtin_ids())
    assert "FAIL" not in out
    assert out.splitlines()[-1].endswith(" passed, 0 failed")


def test_the_builtin_tests_ship_inside_the_frameworks_folder() -> None:
    assert sorted(p.stem for p in (builtin_dir() / "tests").glob("*.yaml")) == builtin_ids()


def test_a_changed_expectation_fails_with_what_was_expected_and_what_came_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = (ROOT / "frameworks" / "tests" / "meddpicc.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "meddpicc.yaml"
    changed.write_text(
        source.replace(
            "recommendation: advance\n      grade: A",
            "recommendation: disqualify\n      grade: B",
            1,
        ),
        encoding="utf-8",
    )
    line = (
        source.splitlines().index("  - name: A strong, verified deal in negotiation advances") + 1
    )

    code, out, _ = invoke(runner, "framework", "test", str(changed))

    assert code == 1
    assert (
        f"  FAIL A strong, verified deal in negotiation advances\n      {changed}:{line}:5\n" in out
    )
    assert "      recommendation: expected disqualify, got advance\n" in out
    assert "      grade: expected B, got A\n" in out
    assert out.splitlines()[-1].endswith("1 failed")


def test_a_team_runs_its_tests_from_the_team_folder_by_default(
    runner: CliRunner, team: Path
) -> None:
    code, out, _ = invoke(runner, "framework", "test")

    assert code == 0, out
    assert out.splitlines()[0] == f"{Path('frameworks/tests/acme.yaml')}  (acme@1.0.0)"
    assert "  PASS A confirmed champion alone is not enough" in out


def test_gaps_and_flags_are_compared_as_sets_and_shown_sorted(
    runner: CliRunner, team: Path
) -> None:
    tests = team / "frameworks" / "tests" / "acme.yaml"
    tests.write_text(
        TEAM_TESTS.replace("flags: []", "gaps: [metrics]\n      flags: [champion-left]"),
        encoding="utf-8",
    )

    code, out, _ = invoke(runner, "framework", "test")

    assert code == 1
    assert (
        "      gaps: expected metrics, got competition, decision-criteria, identified-pain, metrics\n"
        in out
    )
    assert "      red flags: expected champion-left, got -\n" in out


def test_failures_read_in_korean(runner: CliRunner, team: Path) -> None:
    tests = team / "frameworks" / "tests" / "acme.yaml"
    tests.write_text(TEAM_TESTS.replace("dig-deeper", "advance"), encoding="utf-8")

    code, out, _ = invoke(runner, "framework", "test", "--lang", "ko")

    assert code == 1
    assert "  실패 A confirmed champion alone is not enough" in out
    assert "      권고: 기대 advance, 결과 dig-deeper" in out
    assert out.splitlines()[-1] == "예시 1개: 통과 0개, 실패 1개"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            ("champion: {level", "champ: {level"),
            "6:7: no criterion 'champ' (criteria: champion, competition, decision-criteria,",
        ),
        (("champion: {level: confirmed", "champion: {level: certain"), "6:17: no level 'certain'"),
        (
            ("stage: discovery", "stage: discovry"),
            "4:12: no stage 'discovry' (stages: prospecting,",
        ),
        (
            ("recommendation: dig-deeper", "recomendation: dig-deeper"),
            "8:7: unknown key 'recomendation'; did you mean 'recommendation'?",
        ),
        (
            ("recommendation: dig-deeper", "recommendation: maybe"),
            "8:23: no recommendation 'maybe'",
        ),
        (("flags: []", "flags: [champion-gone]"), "9:15: no red flag 'champion-gone'"),
        (("framework: ../acme.yaml", "framework: ../acne.yaml"), "1:12: ../acne.yaml: no such"),
        (("    expect:", "    expect:\n\t"), "tab character"),
    ],
)
def test_a_malformed_test_file_is_one_located_line_and_exit_1(
    runner: CliRunner, team: Path, broken: tuple[str, str], message: str
) -> None:
    tests = team / "frameworks" / "tests" / "acme.yaml"
    tests.write_text(TEAM_TESTS.replace(*broken), encoding="utf-8")

    code, out, _ = invoke(runner, "framework", "test")

    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("  error: ")]
    assert len(errors) == 1, out
    assert errors[0].startswith(f"  error: {Path('frameworks/tests/acme.yaml')}:")
    assert message in errors[0]
    assert out.splitlines()[-1].endswith("; 1 file(s) could not run")


def test_one_broken_file_does_not_stop_the_others(runner: CliRunner, team: Path) -> None:
    (team / "frameworks" / "tests" / "broken.yaml").write_text("examples: []\n", encoding="utf-8")

    code, out, _ = invoke(runner, "framework", "test")

    assert code == 1
    assert "  PASS A confirmed champion alone is not enough" in out
    assert "broken.yaml:1:1: missing required key 'framework'" in out


def test_no_test_files_is_a_usage_error(runner: CliRunner, team: Path) -> None:
    shutil.rmtree(team / "frameworks" / "tests")

    code, _, err = invoke(runner, "framework", "test")

    assert code == 2
    assert err.startswith(f"error: no framework test files in {Path('frameworks/tests')};")


def test_pre_commit_validates_frameworks_and_tests_them_on_any_change() -> None:
    hooks = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    }
    validate, run = hooks["dealcheck-validate-frameworks"], hooks["dealcheck-test-frameworks"]

    def fires(hook: dict[str, Any], path: str) -> bool:
        excluded = "exclude" in hook and re.search(hook["exclude"], path)
        yaml_file = "yaml" not in hook.get("types", []) or path.endswith((".yaml", ".yml"))
        return bool(re.search(hook.get("files", ""), path)) and yaml_file and not excluded

    assert run["entry"] == "dealcheck framework test"
    assert run["pass_filenames"] is False
    # The validate hook sees every YAML file; --team-only keeps the team folder's
    # frameworks and skips its tests/ (tests/test_pre_commit.py runs it).
    assert validate["entry"] == "dealcheck framework validate --team-only"
    assert [fires(run, p) for p in ("frameworks/acme.yaml", "frameworks/tests/acme.yaml")] == [
        True,
        True,
    ]


def test_the_readme_example_test_file_runs_against_a_team_framework(team: Path) -> None:
    from dealcheck.policy.testing import run_file

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n# frameworks/tests/acme.yaml\n", 1)[1].split("```", 1)[0]
    path = team / "frameworks" / "tests" / "acme.yaml"
    path.write_text(example, encoding="utf-8")

    result = run_file(path, team_dir=team / "frameworks")

    assert result.problems == []
    assert [e.name for e in result.examples] == ["A verified deal in negotiation advances"]
