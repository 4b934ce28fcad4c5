"""Time from launching `dealcheck qualify` to the first question on screen, in a real pty.

Re-qualifies a copy of an example deal against three built-in frameworks (the heavy
path: config, deal file, three frameworks, questionary) and waits for "1/N ·".
Prints the median of N runs. Target: under 0.5 s.

    python benchmarks/first_question.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect
from precompile import compile_dealcheck  # benchmarks/precompile.py

ROOT = Path(__file__).resolve().parents[1]
DEAL = ROOT / "examples" / "deals" / "acme-finance-close-automation.yaml"


def one_run(folder: Path) -> float:
    program = shutil.which("dealcheck", path=str(Path(sys.executable).parent))
    command, args = (program, []) if program else (sys.executable, ["-m", "dealcheck"])
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "PROMPT_TOOLKIT_NO_CPR": "1"}
    started = time.perf_counter()
    child = pexpect.spawn(
        command,
        [*args, "qualify", "deal.yaml", "--frameworks-dir", str(ROOT / "frameworks")],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect(r"1/\d+ ·")
    elapsed = time.perf_counter() - started
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    compile_dealcheck()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()
        for _ in range(runs):
            shutil.copy(DEAL, folder / "deal.yaml")
            for leftover in folder.glob(".deal.*"):
                leftover.unlink()
            times.append(one_run(folder))
    median = statistics.median(times)
    print(
        f"time to first question: median {median:.3f} s over {runs} runs "
        f"(min {min(times):.3f}, max {max(times):.3f}); target < 0.5 s"
    )


if __name__ == "__main__":
    main()
