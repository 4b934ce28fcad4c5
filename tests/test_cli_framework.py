"""`dealcheck framework …` through the real Typer app and the installed entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dealcheck.language.catalog import builtin_ids
from dealcheck.language.loading import load_framework

from .conftest import FRAMEWORK_FIXTURES, ROOT, invoke

BAD = FRAMEWORK_FIXTURES / "bad"


def test_version_through_the_installed_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dealcheck", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0
    assert done.stdout.strip() == "dealcheck 0.1.0"


def test_validate_prints_one_located_line_per_problem_and_exits_1(
    runner: CliRunner, in_repo: Path
) -> None:
    bad = "tests/fixtures/frameworks/bad/unknown-key.yaml"
    good = "tests/fixtures/frameworks/mini.yaml"

    code, out, err = invoke(runner, "framework", "validate", good, bad)

    assert code == 1
    assert out.splitlines() == [f"{bad}:25:5: unknown key 'critcal'; did you mean 'critical'?"]
    assert "2 file(s) checked, 1 invalid" in err


def test_validate_accepts_valid_files_with_exit_0(runner: CliRunner, in_repo: Path) -> None:
    code, out, err = invoke(
        runner,
        "framework",
        "validate",
        "tests/fixtures/frameworks/mini.yaml",
        "tests/fixtures/frameworks/team/acme.yaml",
    )

    assert (code, out) == (0, "")
    assert "2 file(s) valid" in err


def test_validate_a_missing_file_is_a_usage_error_like_everywhere(
    runner: CliRunner, in_repo: Path
) -> None:
    code, out, err = invoke(runner, "framework", "validate", "frameworks/bant.yaml", "nope.yaml")

    assert code == 2
    assert out == ""
    assert err.strip() == "error: nope.yaml: no such file"


def test_validate_in_a_fresh_process_never_shows_a_traceback(in_repo: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dealcheck",
            "framework",
            "validate",
            *sorted(str(p.relative_to(ROOT)) for p in BAD.glob("*.yaml")),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert len(done.stdout.splitlines()) >= len(list(BAD.glob("*.yaml")))
    strays = [
        line
        for line in done.stdout.splitlines()
        if not line.startswith("tests/fixtures/frameworks/bad/")
    ]
    assert strays == []


def test_show_resolved_prints_the_merged_yaml(runner: CliRunner, in_repo: Path) -> None:
    code, out, _ = invoke(
        runner, "framework", "show", "tests/fixtures/frameworks/team/acme.yaml", "--resolved"
    )

    assert code == 0
    merged = yaml.safe_load(out)
    assert merged["id"] == "acme"
    assert "extends" not in merged and "remove" not in merged
    assert [c["id"] for c in merged["criteria"]] == ["pain", "champion", "timing"]


def test_show_in_korean(runner: CliRunner, in_repo: Path) -> None:
    code, out, _ = invoke(
        runner, "framework", "show", "tests/fixtures/frameworks/mini.yaml", "--lang", "ko"
    )

    assert code == 0
    assert "무엇이 문제인가요?" in out and "레드 플래그" in out and "챔피언" in out


def test_show_unknown_id_is_a_one_line_usage_error(runner: CliRunner, in_repo: Path) -> None:
    code, out, err = invoke(runner, "framework", "show", "medpic")

    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: no framework 'medpic'")


def test_schema_is_json_schema_usable_by_editors(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "framework", "schema")

    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"id", "name", "version", "scale", "criteria"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_new_writes_a_valid_starter_with_the_schema_modeline(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, out, _ = invoke(
        runner,
        "framework",
        "new",
        "acme-sales",
        "--extends",
        "meddpicc",
        "--frameworks-dir",
        str(tmp_path),
    )

    starter = tmp_path / "acme-sales.yaml"
    assert code == 0, out
    assert starter.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=framework.schema.json"
    )
    assert json.loads((tmp_path / "framework.schema.json").read_text(encoding="utf-8"))[
        "title"
    ].startswith("dealcheck")
    framework = load_framework(starter)
    assert framework.extends == "meddpicc" and framework.criteria
    again, _, err = invoke(
        runner, "framework", "new", "acme-sales", "--frameworks-dir", str(tmp_path)
    )
    assert again == 2 and "already exists; pass --force" in err


def test_list_shows_builtins_and_team_files_with_status(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\nname: x\nversion: 1\n", encoding="utf-8")

    code, out, _ = invoke(runner, "framework", "list", "--json", "--frameworks-dir", str(tmp_path))

    rows = {row["id"]: row for row in json.loads(out)}
    assert code == 0
    assert {"meddpicc", "bant", "why-buy-now-us", "red-flags", "icp-fit"} <= set(rows)
    assert all(rows[i]["valid"] and rows[i]["origin"] == "built-in" for i in builtin_ids())
    assert rows["broken"]["valid"] is False and "broken.yaml:" in rows["broken"]["problem"]


def test_config_sets_the_team_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".dealcheck.yaml").write_text("frameworks_dir: team-frameworks\n", encoding="utf-8")
    (tmp_path / "team-frameworks").mkdir()
    (tmp_path / "team-frameworks" / "mini.yaml").write_bytes(
        (FRAMEWORK_FIXTURES / "mini.yaml").read_bytes()
    )
    monkeypatch.chdir(tmp_path)

    code, out, _ = invoke(runner, "framework", "show", "mini")

    assert code == 0 and "Mini" in out


def test_config_errors_are_located(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".dealcheck.yaml").write_text("frameworks_dri: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    code, _, err = invoke(runner, "framework", "show", "meddpicc")

    assert code == 3
    assert (
        ".dealcheck.yaml:1:1: unknown key 'frameworks_dri'; did you mean 'frameworks_dir'?" in err
    )


def test_validate_remembers_valid_files_and_rechecks_changed_ones(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEALCHECK_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    framework = tmp_path / "mini.yaml"
    framework.write_bytes((FRAMEWORK_FIXTURES / "mini.yaml").read_bytes())

    first, _, _ = invoke(runner, "framework", "validate", str(framework))
    cached = list((tmp_path / "cache" / "dealcheck" / "valid").iterdir())
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("weight: 40", "weight: -4"), encoding="utf-8"
    )
    second, out, _ = invoke(runner, "framework", "validate", str(framework))

    assert first == 0
    assert len(cached) == 1
    assert second == 1
    assert "weight: Input should be greater than 0" in out


def test_new_with_a_built_in_id_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, "framework", "new", "meddpicc", "--frameworks-dir", str(tmp_path))

    assert code == 2
    assert err == (
        "error: 'meddpicc' is a built-in framework; pick another id (e.g. team-meddpicc) "
        "and build on it with --extends meddpicc\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_never_writes_into_the_shipped_frameworks_folder(
    runner: CliRunner, in_repo: Path
) -> None:
    from dealcheck.language.catalog import builtin_dir

    before = sorted(p.name for p in builtin_dir().iterdir())
    code, _, err = invoke(
        runner, "framework", "new", "acme-sales", "--frameworks-dir", str(builtin_dir())
    )

    assert code == 2
    assert "holds the built-in frameworks shipped with dealcheck" in err
    assert sorted(p.name for p in builtin_dir().iterdir()) == before
