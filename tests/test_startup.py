"""Start-up stays light: --help/--version and the core import nothing they do not need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PROBE = """
import json, sys
sys.argv = {argv!r}
try:
    {call}
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(call: str, argv: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(call=call, argv=argv)],
        capture_output=True,
        text=True,
        check=False,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str], *roots: str) -> set[str]:
    return {m for m in modules if m.split(".")[0] in roots}


# Subcommand help builds typer's pydantic-based parameter adapters; only the top level is promised light.
@pytest.mark.parametrize("argv", [["dealcheck", "--version"], ["dealcheck", "--help"]])
def test_help_and_version_import_no_pydantic_yaml_or_questionary(argv: list[str]) -> None:
    modules = modules_after("from dealcheck.__main__ import main; main()", argv)

    assert heavy(modules, "pydantic", "yaml", "questionary", "prompt_toolkit") == set()


def test_version_does_not_import_rich() -> None:
    modules = modules_after(
        "from dealcheck.__main__ import main; main()", ["dealcheck", "--version"]
    )

    assert heavy(modules, "rich") == set()


def test_core_api_imports_no_cli_terminal_or_prompt_library() -> None:
    modules = modules_after(
        "from dealcheck import load_framework, score, Answers, CriterionAnswer\n"
        "    import dealcheck.scoring.assessment, dealcheck.scoring.report_json\n"
        "    score(load_framework('meddpicc'), Answers({'champion': CriterionAnswer('partial')}))",
        ["python"],
    )

    assert heavy(modules, "typer", "rich", "questionary", "prompt_toolkit", "click") == set()
    assert "dealcheck.scoring.score" in modules


def test_a_cached_framework_validate_reads_no_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-commit hook's second run: the verdict cache answers, no parser is loaded."""
    (tmp_path / ".git").mkdir()  # no project config above
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DEALCHECK_NO_CACHE", raising=False)
    argv = ["dealcheck", "framework", "validate", str(ROOT / "frameworks" / "meddpicc.yaml")]
    call = "from dealcheck.__main__ import main; main()"
    first = modules_after(call, argv)

    again = modules_after(call, argv)

    assert "yaml" in first  # the first run parses and validates
    assert heavy(again, "yaml") == set()
    # Nor the framework language's models: with no project config there is no config
    # to build one of (its language comes from the locale).
    assert "dealcheck.language.framework" in first
    assert {"dealcheck.language.framework", "dealcheck.language.config"}.isdisjoint(again)


def test_scoring_an_export_loads_no_deal_file_models() -> None:
    """A CRM export's run needs no deal-file models: they cost memory on the worst case.

    The every-framework benchmark runs within about 1 MB of its 50 MB memory target,
    and importing the deal-file models for one formatting helper took that megabyte.
    """
    example = ROOT / "examples"
    argv = [
        "dealcheck",
        "score",
        str(example / "salesforce-pipeline.csv"),
        "--map",
        str(example / "salesforce.map.yaml"),
        "--today",
        "2026-11-23",
    ]
    modules = modules_after("from dealcheck.__main__ import main; main()", argv)

    assert "dealcheck.batch.row_loop" in modules  # it did score
    assert {"dealcheck.deals.model", "dealcheck.render.deal_format"}.isdisjoint(modules)
