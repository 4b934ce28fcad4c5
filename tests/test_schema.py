"""The editor schema accepts every framework the tool accepts or writes, and stays current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

import dealcheck
from dealcheck.errors import DealcheckError
from dealcheck.language.catalog import builtin_ids
from dealcheck.language.loading import load_framework
from dealcheck.language.schema import framework_schema_json
from dealcheck.language.yamlfile import read_yaml

from .conftest import FIXTURES, ROOT, invoke

PUBLISHED = ROOT / "schema" / "framework.schema.json"


def published() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    return schema


def schema_errors(path: Path, schema: dict[str, Any] | None = None) -> list[str]:
    """What an editor would flag: the file read as YAML 1.2, as yaml-language-server does."""
    validator = jsonschema.Draft202012Validator(schema or published())
    return [error.message for error in validator.iter_errors(read_yaml(path))]


def accepted_framework_files() -> list[Path]:
    """Every YAML file in the repo's framework folders and examples that the tool loads."""
    candidates = [
        *sorted((ROOT / "frameworks").glob("*.yaml")),
        *sorted((ROOT / "examples").rglob("*.yaml")),
        *sorted((FIXTURES / "frameworks").rglob("*.yaml")),
    ]
    accepted = []
    for path in candidates:
        try:
            load_framework(path)
        except DealcheckError:
            continue  # not a framework (a mapping, a deal) or a deliberately broken one
        accepted.append(path)
    return accepted


def test_the_published_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(published())


@pytest.mark.locked
def test_the_published_schema_is_what_the_models_generate() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == framework_schema_json(), (
        "run: python -m dealcheck.language.schema > schema/framework.schema.json"
    )


def test_every_framework_the_tool_accepts_passes_the_schema() -> None:
    files = accepted_framework_files()
    names = {p.relative_to(ROOT).as_posix() for p in files}

    assert {f"frameworks/{i}.yaml" for i in builtin_ids()} <= names
    # Extending files: override by id, add, remove; YAML 1.2 words kept as text.
    assert {
        "tests/fixtures/frameworks/team/acme.yaml",
        "tests/fixtures/frameworks/team/norway.yaml",
    } <= names
    assert {p.as_posix(): schema_errors(p) for p in files} == {p.as_posix(): [] for p in files}


@pytest.mark.parametrize("parent", builtin_ids())
def test_every_file_framework_new_writes_passes_the_schema_it_writes(
    runner: CliRunner, tmp_path: Path, parent: str
) -> None:
    code, out, _ = invoke(
        runner, "framework", "new", "acme", "--extends", parent, "--frameworks-dir", str(tmp_path)
    )
    written_schema = json.loads((tmp_path / "framework.schema.json").read_text(encoding="utf-8"))
    starter = tmp_path / "acme.yaml"

    assert code == 0, out
    assert written_schema == published()
    assert schema_errors(starter, written_schema) == []


def test_a_starter_with_its_commented_override_switched_on_passes(
    runner: CliRunner, tmp_path: Path
) -> None:
    invoke(runner, "framework", "new", "acme", "--frameworks-dir", str(tmp_path))
    starter = tmp_path / "acme.yaml"
    text = starter.read_text(encoding="utf-8")
    for line in ("# criteria:", "#   - id: metrics", "#     weight: 25", "#     critical: true"):
        text = text.replace(line, line.replace("# ", "", 1))
    starter.write_text(text, encoding="utf-8")

    assert "  - id: metrics\n    weight: 25" in text
    load_framework(starter, team_dir=tmp_path)
    assert schema_errors(starter) == []


def test_the_schema_still_catches_what_an_editor_should_flag() -> None:
    validator = jsonschema.Draft202012Validator(published())

    def flagged(data: dict[str, Any]) -> list[str]:
        return [error.message for error in validator.iter_errors(data)]

    no_scale = dict(read_yaml(ROOT / "frameworks" / "bant.yaml"))
    del no_scale["scale"]
    half_criterion = dict(read_yaml(ROOT / "frameworks" / "bant.yaml"))
    half_criterion["criteria"] = [*half_criterion["criteria"], {"id": "timing"}]
    misspelt = {"id": "acme", "extends": "bant", "criteria": [{"id": "budget", "wieght": 3}]}

    assert flagged(no_scale) == ["'scale' is a required property"]
    assert "'name' is a required property" in flagged(half_criterion)
    assert any("'wieght' was unexpected" in message for message in flagged(misspelt))


def test_framework_schema_prints_and_writes_the_shipped_schema(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "framework.schema.json"
    printed, out, _ = invoke(runner, "framework", "schema")
    written, _, _ = invoke(runner, "framework", "schema", "-o", str(target))

    assert (printed, written) == (0, 0)
    assert out == target.read_text(encoding="utf-8") == PUBLISHED.read_text(encoding="utf-8")
    assert json.loads(out)["title"] == f"dealcheck framework (dealcheck {dealcheck.__version__})"


def copy_of_version(version: str) -> str:
    return PUBLISHED.read_text(encoding="utf-8").replace(
        f"(dealcheck {dealcheck.__version__})", f"(dealcheck {version})"
    )


def test_validate_warns_when_the_teams_schema_copy_is_older(
    runner: CliRunner, tmp_path: Path
) -> None:
    invoke(runner, "framework", "new", "acme", "--frameworks-dir", str(tmp_path))
    copy = tmp_path / "framework.schema.json"
    copy.write_text(copy_of_version("0.0.1"), encoding="utf-8")
    starter = str(tmp_path / "acme.yaml")

    code, _, err = invoke(
        runner, "framework", "validate", starter, "--frameworks-dir", str(tmp_path)
    )
    invoke(runner, "framework", "schema", "-o", str(copy))
    after, _, quiet = invoke(
        runner, "framework", "validate", starter, "--frameworks-dir", str(tmp_path)
    )

    assert code == 0
    assert (
        f"warning: {copy} is the schema of dealcheck 0.0.1, older than the installed "
        f"{dealcheck.__version__}; refresh it: dealcheck framework schema -o {copy}"
    ) in err
    assert after == 0 and "warning" not in quiet


def test_validate_follows_the_modeline_to_a_copy_elsewhere_and_says_when_it_is_newer(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "dealcheck.json").write_text(
        copy_of_version("99.0.0"), encoding="utf-8"
    )
    framework = tmp_path / "acme.yaml"
    framework.write_text(
        "# yaml-language-server: $schema=schemas/dealcheck.json\nid: acme\nextends: bant\n",
        encoding="utf-8",
    )

    code, _, err = invoke(runner, "framework", "validate", str(framework))

    assert code == 0
    assert "dealcheck.json is the schema of dealcheck 99.0.0, newer than the installed" in err
    assert err.rstrip().endswith("1 file(s) valid")
