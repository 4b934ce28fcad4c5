"""`dealcheck framework diff`: a semantic diff, with `extends` resolved and git versions read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.language.diff import diff_frameworks
from dealcheck.language.loading import load_framework
from tests.conftest import FRAMEWORK_FIXTURES, invoke
from tests.policy.scratch_git import git

HISTORY = FRAMEWORK_FIXTURES / "history"

PARENT = """\
id: acme-base
name: {en: Acme base}
languages: [en]
version: 1.0.0
extends: meddpicc
criteria:
  - id: champion
    weight: WEIGHT
"""

CHILD = """\
id: acme-emea
name: {en: Acme EMEA}
version: 1.0.0
extends: ./acme-base.yaml
recommendation:
  advance_at: 72
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team repository whose EMEA framework extends a team base that extends MEDDPICC."""
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "acme-base.yaml").write_text(PARENT.replace("WEIGHT", "15"), encoding="utf-8")
    (folder / "acme-emea.yaml").write_text(CHILD, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "frameworks as merged")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_shares_are_of_the_100_points_and_move_for_every_criterion() -> None:
    old = load_framework(HISTORY / "v1" / "acme.yaml")
    new = load_framework(HISTORY / "v2" / "acme.yaml")

    changes = {c.criterion.id: (c.before, c.after) for c in diff_frameworks(old, new).shares}

    assert changes["champion"] == (14.7, 22.7)  # 15 of 102, then 25 of 110
    assert changes["security-review"] == (None, 7.3)
    assert changes["decision-process"] == (9.8, None)
    assert sum(after for _, after in changes.values() if after) <= 100.0


def test_identical_versions_say_nothing_changed(runner: CliRunner, in_repo: Path) -> None:
    code, out, _ = invoke(runner, "framework", "diff", "meddpicc", "meddpicc")

    assert code == 0
    assert out.splitlines() == [
        "MEDDPICC: 1.0.0 → 1.0.0",
        "",
        "Nothing a deal or a reader would notice changed.",
    ]


def test_the_old_version_is_read_from_git_and_a_parent_change_shows_in_the_child(
    runner: CliRunner, repo: Path
) -> None:
    (repo / "frameworks" / "acme-base.yaml").write_text(
        PARENT.replace("WEIGHT", "30"), encoding="utf-8"
    )

    code, out, err = invoke(
        runner,
        "framework",
        "diff",
        "git:HEAD:frameworks/acme-emea.yaml",
        "frameworks/acme-emea.yaml",
    )

    assert code == 0, err
    assert "  Champion: 15.0 % → 26.1 %" in out.splitlines()
    assert "Recommendation thresholds" not in out  # the child's own rule did not change


def test_git_paths_are_read_from_the_current_folder(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = repo / "frameworks" / "acme-emea.yaml"
    child.write_text(CHILD.replace("72", "75"), encoding="utf-8")
    monkeypatch.chdir(repo / "frameworks")

    code, out, err = invoke(
        runner, "framework", "diff", "git:HEAD:acme-emea.yaml", "acme-emea.yaml"
    )

    assert code == 0, err
    assert "  Advance from score: 72 → 75" in out.splitlines()


def test_a_broken_old_version_is_located_at_its_revision(runner: CliRunner, repo: Path) -> None:
    base = repo / "frameworks" / "acme-base.yaml"
    base.write_text(PARENT.replace("WEIGHT", "-1"), encoding="utf-8")
    git(repo, "commit", "-qam", "a broken weight")
    base.write_text(PARENT.replace("WEIGHT", "20"), encoding="utf-8")

    code, _, err = invoke(
        runner,
        "framework",
        "diff",
        "git:HEAD:frameworks/acme-emea.yaml",
        "frameworks/acme-emea.yaml",
    )

    assert code == 3
    assert err.startswith("error: HEAD:frameworks/acme-base.yaml:8:13: ")


@pytest.mark.parametrize(
    ("old", "message"),
    [
        (
            "git:HEAD:frameworks/nope.yaml",
            "error: git:HEAD:frameworks/nope.yaml: no such file at HEAD",
        ),
        ("git:no-such-branch:frameworks/acme-emea.yaml", "Not a valid object name no-such-branch"),
        (
            "git:HEAD",
            "error: 'git:HEAD': write git:REV:PATH, e.g. git:origin/main:frameworks/acme.yaml",
        ),
        ("git:HEAD:../outside.yaml", "the path leaves the repository"),
    ],
)
def test_a_bad_git_reference_is_one_line_and_exit_2(
    runner: CliRunner, repo: Path, old: str, message: str
) -> None:
    code, out, err = invoke(runner, "framework", "diff", old, "frameworks/acme-emea.yaml")

    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert message in err


def test_an_unknown_format_is_a_usage_error(runner: CliRunner, in_repo: Path) -> None:
    code, _, err = invoke(runner, "framework", "diff", "bant", "bant", "--format", "html")

    assert code == 2
    assert err == "error: --format 'html': use text or md\n"


def test_markdown_escapes_what_the_framework_author_wrote(
    runner: CliRunner, tmp_path: Path
) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text("id: x\nname: X\nversion: 1.0.0\nextends: bant\n", encoding="utf-8")
    new.write_text(
        "id: x\nname: X\nversion: 1.0.1\nextends: bant\ncriteria:\n  - id: need\n"
        "    name: {en: '<script>alert(1)</script> | [x](javascript:y)', ko: 필요성}\n",
        encoding="utf-8",
    )

    code, out, _ = invoke(runner, "framework", "diff", str(old), str(new), "--format", "md")

    assert code == 0
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\[x\\](javascript:y)" in out
