"""The pre-commit hooks, run the way pre-commit runs them, in a team repo with its own layout."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import FRAMEWORK_FIXTURES, ROOT

HOOKS = {
    hook["id"]: hook
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
}


def selected(hook: dict[str, Any], files: list[str]) -> list[str]:
    """The staged files pre-commit hands to a hook: `files`/`exclude` (re.search) and `types`."""
    chosen = []
    for path in files:
        if not re.search(hook.get("files", ""), path):
            continue
        if "exclude" in hook and re.search(hook["exclude"], path):
            continue
        if "yaml" in hook.get("types", []) and not path.endswith((".yaml", ".yml")):
            continue
        chosen.append(path)
    return chosen


def run_hook(hook_id: str, repo: Path, staged: list[str]) -> subprocess.CompletedProcess[str]:
    hook = HOOKS[hook_id]
    script = shutil.which("dealcheck", path=str(Path(sys.executable).parent))
    assert script is not None
    entry = shlex.split(hook["entry"])
    assert entry[0] == "dealcheck"
    files = selected(hook, staged) if hook.get("pass_filenames", True) else []
    return subprocess.run(
        [script, *entry[1:], *files], capture_output=True, text=True, cwd=repo, check=False
    )


@pytest.fixture
def sales_repo(tmp_path: Path) -> Path:
    """A team repo keeping frameworks in sales/frameworks, with problems in several files."""
    (tmp_path / ".dealcheck.yaml").write_text(
        "frameworks_dir: sales/frameworks\nframeworks: [acme]\n", encoding="utf-8"
    )
    team = tmp_path / "sales" / "frameworks"
    (team / "tests").mkdir(parents=True)
    shutil.copy(FRAMEWORK_FIXTURES / "mini.yaml", team / "mini.yaml")
    (team / "acme.yaml").write_text(
        "id: acme\nextends: mini.yaml\ncriteria:\n  - id: champion\n    wieght: 5\n",
        encoding="utf-8",
    )
    (team / "beta.yaml").write_text(
        "id: beta\nextends: mini.yaml\nversion: one\ncritera: []\n", encoding="utf-8"
    )
    (team / "tests" / "acme.yaml").write_text("framework: ../acme.yaml\nexamples: []\n")
    (tmp_path / "crm").mkdir()
    (tmp_path / "crm" / "export.map.yaml").write_text(
        "frameworks: [meddpicc]\ncriteria:\n  meddpicc:\n    champoin: {column: Champion}\n",
        encoding="utf-8",
    )
    (tmp_path / "deals").mkdir()
    (tmp_path / "deals" / "acme.yaml").write_text("deal: {name: Acme}\n", encoding="utf-8")
    return tmp_path


STAGED = [
    ".dealcheck.yaml",
    "sales/frameworks/mini.yaml",
    "sales/frameworks/acme.yaml",
    "sales/frameworks/beta.yaml",
    "sales/frameworks/tests/acme.yaml",
    "crm/export.map.yaml",
    "deals/acme.yaml",
    "README.md",
]


def test_no_hook_hard_codes_the_frameworks_folder() -> None:
    patterns = [hook.get("files", "") for hook in HOOKS.values()]

    assert not any("frameworks" in pattern for pattern in patterns)


def test_the_framework_hook_checks_the_configured_folder_and_reports_every_problem(
    sales_repo: Path,
) -> None:
    done = run_hook("dealcheck-validate-frameworks", sales_repo, STAGED)

    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "sales/frameworks/acme.yaml:5:5: unknown key 'wieght'; did you mean 'weight'?",
        "sales/frameworks/beta.yaml:3:10: version: 'one' is not a semantic version; write it like 1.2.0",
        "sales/frameworks/beta.yaml:4:1: unknown key 'critera'; did you mean 'criteria'?",
    ]
    assert done.stderr.strip().endswith("3 file(s) checked, 2 invalid")


def test_the_framework_hook_passes_once_the_files_are_fixed(sales_repo: Path) -> None:
    team = sales_repo / "sales" / "frameworks"
    (team / "acme.yaml").write_text(
        "id: acme\nextends: mini.yaml\ncriteria:\n  - id: champion\n    weight: 5\n",
        encoding="utf-8",
    )
    (team / "beta.yaml").unlink()

    done = run_hook("dealcheck-validate-frameworks", sales_repo, STAGED[:3])

    assert (done.returncode, done.stdout) == (0, "")


def test_the_config_hook_checks_mappings_and_the_project_config(sales_repo: Path) -> None:
    (sales_repo / ".dealcheck.yaml").write_text(
        "frameworks_dir: sales/frameworks\nframeworks_dri: x\n", encoding="utf-8"
    )

    done = run_hook("dealcheck-validate-config", sales_repo, STAGED)

    assert selected(HOOKS["dealcheck-validate-config"], STAGED) == [
        ".dealcheck.yaml",
        "crm/export.map.yaml",
    ]
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        ".dealcheck.yaml:2:1: unknown key 'frameworks_dri'; did you mean 'frameworks_dir'?",
        "crm/export.map.yaml:4:5: meddpicc has no criterion 'champoin' (metrics, economic-buyer, "
        "decision-criteria, decision-process, paper-process, identified-pain, champion, "
        "competition)",
    ]
    assert "Traceback" not in done.stderr


def test_the_config_hook_accepts_the_shipped_examples() -> None:
    examples = ROOT / "examples"
    staged = [p.relative_to(ROOT).as_posix() for p in sorted(examples.glob("*.map.yaml"))]

    done = run_hook("dealcheck-validate-config", ROOT, staged)

    assert len(staged) == 2
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def test_the_readme_pre_commit_example_names_a_real_revision_and_real_hooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if "repos:" in b)
    (repo,) = yaml.safe_load(block)["repos"]
    used = [hook["id"] for hook in repo["hooks"]]

    assert re.fullmatch(r"[0-9a-f]{40}", repo["rev"]), (
        "a full commit hash until releases are tagged"
    )
    assert sorted(used) == sorted(HOOKS)
    history = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{repo['rev']}:.pre-commit-hooks.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    shallow = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    )
    if (ROOT / ".git").exists() and shallow.stdout.strip() == "false":
        # In a clone with history (not an unpacked sdist): the revision has these hooks.
        assert history.returncode == 0, history.stderr
        assert {h["id"] for h in yaml.safe_load(history.stdout)} >= set(used)
