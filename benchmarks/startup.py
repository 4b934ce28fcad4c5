"""Start-up benchmark: dealcheck against plain Typer, measured side by side in one run.

Usage: python benchmarks/startup.py [--runs 30]

Reports the median wall time of each command and its ratio to its baseline:
`dealcheck --version` and `--help` against `python -c "import typer"`, and
`dealcheck framework validate frameworks/meddpicc.yaml` against a do-nothing Typer
subcommand that takes a path, both as a pre-commit hook sees it (the file validated
before, so the verdict cache answers) and cold (DEALCHECK_NO_CACHE=1: read, parse and
validate every time). Runs are interleaved so machine noise hits all alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
TARGETS = {"--version": 1.25, "--help": 2.3, "validate": 1.3, "validate (cold)": 1.3}


def dealcheck_command() -> list[str]:
    script = shutil.which("dealcheck") or str(Path(sys.executable).with_name("dealcheck"))
    return [script] if Path(script).exists() else [sys.executable, "-m", "dealcheck"]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=False
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    dealcheck = dealcheck_command()
    with tempfile.TemporaryDirectory() as folder:
        noop = Path(folder) / "noop_app.py"
        noop.write_text(NOOP_APP, encoding="utf-8")
        commands = {
            "import typer": [sys.executable, "-c", "import typer"],
            "--version": [*dealcheck, "--version"],
            "--help": [*dealcheck, "--help"],
            "typer noop subcommand": [
                sys.executable,
                str(noop),
                "noop",
                "frameworks/meddpicc.yaml",
            ],
            "validate": [*dealcheck, "framework", "validate", "frameworks/meddpicc.yaml"],
            "validate (cold)": [
                *dealcheck,
                "framework",
                "validate",
                "frameworks/meddpicc.yaml",
                "--no-cache",
            ],
        }
        for command in commands.values():
            timed(command)  # warm the file cache and byte-code
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(timed(command))
    median = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    baselines = {
        "--version": "import typer",
        "--help": "import typer",
        "validate": "typer noop subcommand",
    }
    print(f"{'command':<28}{'median ms':>10}")
    for name, value in median.items():
        print(f"{name:<28}{value:>10.1f}")
    print()
    for name, baseline in baselines.items():
        ratio = median[name] / median[baseline]
        verdict = "ok" if ratio <= TARGETS[name] else "OVER TARGET"
        print(f"{name:<16} / {baseline:<22} = {ratio:.2f}x  (target <= {TARGETS[name]}x) {verdict}")


if __name__ == "__main__":
    main()
