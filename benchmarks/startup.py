"""Start-up benchmark: dealcheck against plain Typer, measured side by side in one run.

Usage: python benchmarks/startup.py [--runs 30]

Reports the median wall time of each command and its ratio to its baseline:
`dealcheck --version` and `--help` against `python -c "import typer"`, and
`dealcheck framework validate frameworks/meddpicc.yaml` against a do-nothing Typer
subcommand that takes a path. Validate is measured twice: as a pre-commit hook sees
it (the file validated before, so the verdict cache answers) and cold
(DEALCHECK_NO_CACHE=1: read, parse and validate every time). Runs are interleaved so
machine noise hits all alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from precompile import compile_dealcheck  # benchmarks/precompile.py

ROOT = Path(__file__).resolve().parents[1]
NOOP_APP = """
from pathlib import Path
import typer
app = typer.Typer()

@app.command()
def noop(paths: list[Path]) -> None:
    pass

@app.command()
def other() -> None:
    pass

app()
"""
# command -> (baseline, target ratio)
TARGETS = {
    "--version": ("import typer", 1.25),
    "--help": ("import typer", 2.3),
    "validate": ("typer noop subcommand", 1.3),
    "validate (cold)": ("typer noop subcommand", 1.3),
}


def dealcheck_command() -> list[str]:
    script = shutil.which("dealcheck") or str(Path(sys.executable).with_name("dealcheck"))
    return [script] if Path(script).exists() else [sys.executable, "-m", "dealcheck"]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        check=False,
        env=env,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    compile_dealcheck()
    dealcheck = dealcheck_command()
    validate = [*dealcheck, "framework", "validate", "frameworks/meddpicc.yaml"]
    with tempfile.TemporaryDirectory() as folder:
        noop = Path(folder) / "noop_app.py"
        noop.write_text(NOOP_APP, encoding="utf-8")
        warm = {**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")}
        warm.pop("DEALCHECK_NO_CACHE", None)
        cold = {**warm, "DEALCHECK_NO_CACHE": "1"}
        commands = {
            "import typer": ([sys.executable, "-c", "import typer"], warm),
            "--version": ([*dealcheck, "--version"], warm),
            "--help": ([*dealcheck, "--help"], warm),
            "typer noop subcommand": (
                [sys.executable, str(noop), "noop", "frameworks/meddpicc.yaml"],
                warm,
            ),
            "validate": (validate, warm),
            "validate (cold)": (validate, cold),
        }
        for command, env in commands.values():
            timed(command, env)  # warm the file cache and byte-code (and the verdict cache)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, (command, env) in commands.items():
                samples[name].append(timed(command, env))
    median = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    print(f"{'command':<28}{'median ms':>10}")
    for name, value in median.items():
        print(f"{name:<28}{value:>10.1f}")
    print()
    for name, (baseline, target) in TARGETS.items():
        ratio = median[name] / median[baseline]
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(f"{name:<16} / {baseline:<22} = {ratio:.2f}x  (target <= {target}x) {verdict}")


if __name__ == "__main__":
    main()
