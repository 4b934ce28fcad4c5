"""Shared test helpers: paths to fixtures and a CliRunner for the real Typer app."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

if TYPE_CHECKING:
    from dealcheck.language.framework import Framework

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
FRAMEWORK_FIXTURES = FIXTURES / "frameworks"


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed width, no colour, English locale: output is the same on every machine."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("DEALCHECK_NO_CACHE", "1")


@pytest.fixture(scope="session")
def mini() -> Framework:
    """The small framework the batch and mapping tests score with."""
    from dealcheck.language.loading import load_framework

    return load_framework(FRAMEWORK_FIXTURES / "mini.yaml")


@pytest.fixture
def runner() -> CliRunner:
    """A CliRunner for `dealcheck.cli.app`."""
    return CliRunner()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root (relative fixture paths, shipped frameworks)."""
    monkeypatch.chdir(ROOT)
    return ROOT


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Invoke the real app; return exit code, stdout and stderr."""
    from dealcheck.cli import app

    result = runner.invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@contextlib.contextmanager
def lock_held_elsewhere(deal: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding `deal`'s lock (as a second `dealcheck qualify` would)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from dealcheck.deals import store\n"
            "with store.locked(Path(sys.argv[1])):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(deal),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
