"""The README's console blocks as runnable examples: parse, run, compare, regenerate.

A console block is a run of `$ COMMAND` lines, each followed by the output the README
promises. Output is stdout then stderr (messages such as "Saved …" go to stderr), each
line right-stripped. A line that is `…` (indented or not), or starts with `…` and a space (an elision
note such as `…  by grade, by stage …`), stands for any number of lines, none included.

Only what must vary is normalised: today's date is written as `TOUR_DATE` in the README.

`UPDATE_README=1 python -m pytest tests/docs` rewrites the blocks from real runs: the
commands and the elisions stay, every other line is taken from the run (each run of
shown lines is matched to the stretch of output it resembles most). Review the diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TOUR_DATE = "2026-11-23"
"""How the README writes the date of the day the tour runs."""

BLOCK = re.compile(r"```console\n(.*?)```", flags=re.DOTALL)


@dataclass
class Example:
    """One `$ command` and the output the README shows for it."""

    command: str
    expected: list[str]


def examples(block: str) -> list[Example]:
    """The commands of one console block with their expected output lines."""
    found: list[Example] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append(Example(line[2:], []))
        elif found:
            found[-1].expected.append(line.rstrip())
    return found


def blocks(readme: str) -> Iterator[re.Match[str]]:
    """Every console block of the README, in order."""
    return BLOCK.finditer(readme)


def is_elision(line: str) -> bool:
    """`…` alone, or `…` followed by a note about what is left out."""
    line = line.strip()
    return line == "…" or line.startswith("… ")


def run(command: str, folder: Path, env: dict[str, str]) -> tuple[int, list[str]]:
    """Run a command with bash in `folder`; its exit code and its normalised output lines."""
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return done.returncode, normalise(done.stdout + done.stderr)


def normalise(output: str) -> list[str]:
    """Output lines, right-stripped, with today's date written as TOUR_DATE."""
    today = dt.date.today().isoformat()
    return [line.rstrip().replace(today, TOUR_DATE) for line in output.splitlines()]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the actual lines are the expected ones, elisions standing for any lines."""
    pattern = "".join(
        "(?:[^\n]*\n)*?" if is_elision(line) else re.escape(line) + "\n" for line in expected
    )
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in actual)) is not None


def regenerate(expected: list[str], actual: list[str]) -> list[str]:
    """The expected lines rewritten from `actual`, keeping the elisions where they are.

    Lines are aligned with difflib; equal lines stay, and every changed stretch is taken
    from the run. In a changed stretch around an elision, the shown lines before it take
    as many lines from the start of the stretch and those after it from its end.
    """
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    result: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        shown, run = expected[i1:i2], actual[j1:j2]
        if op == "equal":
            result += shown
            continue
        elided = [i for i, line in enumerate(shown) if is_elision(line)]
        if not elided:
            result += run
            continue
        head = elided[0]
        tail = len(shown) - elided[-1] - 1
        result += run[: min(head, len(run))]
        result += shown[elided[0] : elided[-1] + 1]
        result += run[max(min(head, len(run)), len(run) - tail) :]
    return result


def environment(bin_dir: Path) -> dict[str, str]:
    """A fixed terminal: 80 columns, no colour, English locale, dealcheck on the PATH."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LC_ALL", "LC_MESSAGES", "FORCE_COLOR", "VIRTUAL_ENV"}
    }
    env.update(
        COLUMNS="80",
        NO_COLOR="1",
        LANG="en_US.UTF-8",
        TERM="dumb",
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        DEALCHECK_NO_CACHE="1",
    )
    return env
