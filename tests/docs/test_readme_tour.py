"""The README's tour runs as written: every console block, in order, in a fresh folder.

The folder holds what a clone gives a new user (`examples/`, and a `.git` so the project
config is looked up no higher); each `$` line runs with bash and the installed
`dealcheck` at 80 columns without colour, and prints what the README shows. See
`tests/docs/tour.py` for the rules (elisions, today's date) and for `UPDATE_README=1`.
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.docs import tour

README = ROOT / "README.md"


@pytest.fixture
def fresh_folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / ".git").mkdir()
    return tmp_path


def bin_dir() -> Path:
    installed = shutil.which("dealcheck", path=str(Path(sys.executable).parent))
    assert installed, "the tour runs the installed `dealcheck`: pip install -e ."
    return Path(installed).parent


def test_the_tour_runs_as_written(fresh_folder: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    env = tour.environment(bin_dir())
    updating = os.environ.get("UPDATE_README") == "1"
    rewritten: list[tuple[int, int, str]] = []
    failures: list[str] = []
    for block in tour.blocks(readme):
        lines: list[str] = []
        for example in tour.examples(block.group(1)):
            code, actual = tour.run(example.command, fresh_folder, env)
            assert code == 0, f"$ {example.command} exited {code}:\n" + "\n".join(actual)
            if not tour.matches(example.expected, actual):
                diff = difflib.unified_diff(example.expected, actual, "README", "run", lineterm="")
                failures.append(f"$ {example.command}\n" + "\n".join(diff))
            shown = tour.regenerate(example.expected, actual) if updating else example.expected
            lines += [f"$ {example.command}", *shown]
        rewritten.append((block.start(1), block.end(1), "".join(f"{x}\n" for x in lines)))
    assert rewritten, "the README has console blocks"
    if updating:
        for start, end, text in reversed(rewritten):
            readme = readme[:start] + text + readme[end:]
        README.write_text(readme, encoding="utf-8")
        return
    assert not failures, "README output differs (UPDATE_README=1 rewrites it):\n\n" + "\n\n".join(
        failures
    )


@pytest.mark.parametrize(
    ("expected", "actual", "same"),
    [
        (["a", "…", "d"], ["a", "b", "c", "d"], True),
        (["a", "…", "d"], ["a", "d"], True),
        (["a", "… more rows …", "d"], ["a", "x", "d"], True),
        (["a", "…", "d"], ["a", "b", "c"], False),
        (["a", "b"], ["a", "b", "c"], False),
        (["a.b"], ["axb"], False),
    ],
)
def test_elisions_stand_for_any_lines_and_nothing_else(
    expected: list[str], actual: list[str], same: bool
) -> None:
    assert tour.matches(expected, actual) is same


def test_regenerating_keeps_elisions_and_takes_the_rest_from_the_run() -> None:
    expected = ["Title 1", "score 59", "…", "Ask next", "  1. old question", "…", "Saved x"]
    actual = ["Title 1", "score 61", "table", "Ask next", "  1. new question", "more", "Saved x"]

    rewritten = tour.regenerate(expected, actual)

    assert rewritten == [
        "Title 1",
        "score 61",
        "…",
        "Ask next",
        "  1. new question",
        "…",
        "Saved x",
    ]
    assert tour.matches(rewritten, actual)
