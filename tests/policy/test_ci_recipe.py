"""The README's GitHub workflow works: its steps run in a scratch git repository.

The pull request branch raises Champion's weight in a team framework built on MEDDPICC;
the base branch is `origin/main` of a clone, as `actions/checkout` with fetch-depth 0
leaves it. The steps that need the network or GitHub (pip install, gh) are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.policy.scratch_git import git

README = (ROOT / "README.md").read_text(encoding="utf-8")
OFFLINE = ("pip install", "gh pr comment")

TEAM_FRAMEWORK = """\
id: acme
name: {en: "Acme MEDDPICC", ko: "애크미 MEDDPICC"}
version: 1.0.0
extends: meddpicc
"""

TEAM_TESTS = """\
framework: ../acme.yaml
examples:
  - name: A first call with little known digs deeper
    stage: discovery
    answers: {identified-pain: assumed}
    expect: {recommendation: dig-deeper}
"""


def _workflow() -> dict[str, Any]:
    block = README.split("```yaml\n# .github/workflows/frameworks.yml\n", 1)[1].split("```", 1)[0]
    loaded: dict[str, Any] = yaml.safe_load(block)
    return loaded


def _run(step: dict[str, Any], folder: Path) -> subprocess.CompletedProcess[str]:
    values = {"github.base_ref": "main", "github.token": "", "github.event_name": "pull_request"}
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DEALCHECK_NO_CACHE": "1",
    }
    for key, value in (step.get("env") or {}).items():
        env[key] = re.sub(r"\$\{\{ *([\w.]+) *\}\}", lambda m: values[m.group(1)], value)
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone of the team's repository on a branch that changes a framework."""
    upstream = tmp_path / "upstream"
    (upstream / "frameworks" / "tests").mkdir(parents=True)
    (upstream / "pipeline").mkdir()
    (upstream / "frameworks" / "acme.yaml").write_text(TEAM_FRAMEWORK, encoding="utf-8")
    (upstream / "frameworks" / "tests" / "acme.yaml").write_text(TEAM_TESTS, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "salesforce.map.yaml", upstream / "pipeline")
    subprocess.run(
        [
            *(sys.executable, "-m", "dealcheck", "score"),
            str(ROOT / "examples" / "salesforce-pipeline.csv"),
            *("--map", "pipeline/salesforce.map.yaml", "-o", "pipeline/last-week-scored.csv"),
        ],
        cwd=upstream,
        check=True,
        capture_output=True,
    )
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", ".")
    git(upstream, "commit", "-qm", "Acme's frameworks and last week's pipeline")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(upstream), str(work))
    git(work, "checkout", "-q", "-b", "champion-first")
    changed = (
        TEAM_FRAMEWORK.replace("1.0.0", "1.1.0") + "criteria:\n  - id: champion\n    weight: 40\n"
    )
    (work / "frameworks" / "acme.yaml").write_text(changed, encoding="utf-8")
    (work / "frameworks" / "acme-emea.yaml").write_text(
        TEAM_FRAMEWORK.replace("id: acme", "id: acme-emea"), encoding="utf-8"
    )
    git(work, "add", ".")
    git(work, "commit", "-qm", "Champion first")
    return work


def test_the_workflow_uses_standard_steps_and_dealcheck_only() -> None:
    steps = _workflow()["jobs"]["review"]["steps"]

    actions = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    commands = [line.split()[0] for step in steps if "run" in step for line in _lines(step["run"])]

    assert actions == ["actions/checkout", "actions/setup-python"]
    assert set(commands) <= {"pip", "dealcheck", "echo", "for", "done", "gh"}


def _lines(script: str) -> list[str]:
    lines = [line.strip() for line in script.replace("\\\n", " ").splitlines()]
    return [line for line in lines if line]


def test_the_steps_check_the_pull_request_and_write_the_review_comment(
    pull_request: Path,
) -> None:
    steps = [step for step in _workflow()["jobs"]["review"]["steps"] if "run" in step]

    results = {
        step.get("name", step["run"]): _run(step, pull_request)
        for step in steps
        if not step["run"].startswith(OFFLINE)
    }

    assert [s["run"].split()[0:2] for s in steps if s["run"].startswith(OFFLINE)] == [
        ["pip", "install"],
        ["gh", "pr"],
    ]
    assert {name: r.returncode for name, r in results.items()} == dict.fromkeys(results, 0), {
        name: r.stderr for name, r in results.items()
    }
    review = (pull_request / "review.md").read_text(encoding="utf-8")
    assert review.startswith("# Framework review\n## Acme MEDDPICC: 1.0.0 → 1.1.0\n")
    assert "- Champion: 15.0 % → 32.0 %" in review
    assert "## Impact on the pipeline (pipeline/last-week-scored.csv)" in review
    assert "- 49 deals scored with both versions: 6 change recommendation" in review
    assert "acme-emea" not in review  # a new file has no old version to compare


def test_a_broken_expectation_fails_the_check(tmp_path: Path) -> None:
    (tmp_path / "frameworks" / "tests").mkdir(parents=True)
    (tmp_path / "frameworks" / "acme.yaml").write_text(TEAM_FRAMEWORK, encoding="utf-8")
    tests = tmp_path / "frameworks" / "tests" / "acme.yaml"
    tests.write_text(TEAM_TESTS.replace("dig-deeper", "advance"), encoding="utf-8")
    step = next(
        s
        for s in _workflow()["jobs"]["review"]["steps"]
        if s.get("name") == "Run the framework tests"
    )

    done = _run(step, tmp_path)

    assert done.returncode == 1
    assert "recommendation: expected advance, got dig-deeper" in done.stdout
