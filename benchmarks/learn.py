"""Benchmark `dealcheck learn` on a large history against a bare csv read of the same file.

Writes the synthetic history of the learning tests (`tests/learn/synthetic.py`: MEDDPICC
levels, red flags, stage reached, loss reasons, owner and product; every deal a fresh
draw, so nearly every row is a new combination of answers to score) with --deals closed
deals (default 100,000) and 5 % open ones, then times, each in its own process, in
interleaved rounds (--repeat, default 3; the best time of each is kept):

* bare  - `for row in csv.reader(f): pass`
* learn - `python -m dealcheck learn FILE --map MAP --format json -o OUT`

and prints both times (wall and CPU: on a shared machine the CPU time is the steadier
figure) and their ratios. The target is about 10 s for 100,000 deals on the project's
2-core machine.

    python benchmarks/learn.py --deals 100000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from precompile import compile_dealcheck  # benchmarks/precompile.py

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.learn.synthetic import write_export  # noqa: E402

BARE = "import csv, sys\nwith open(sys.argv[1], newline='') as f:\n    for row in csv.reader(f): pass\n"
TARGET_SECONDS = 10.0


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds one command takes, and the CPU seconds it used (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compile_dealcheck()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        export, mapping = write_export(work, args.deals, open_deals=args.deals // 20, seed=1)
        size = export.stat().st_size / 1e6
        print(f"{args.deals:,} closed deals (+{args.deals // 20:,} open), {size:.1f} MB")
        commands = {
            "bare": [sys.executable, "-c", BARE, str(export)],
            "learn": [
                *(sys.executable, "-m", "dealcheck", "learn", str(export)),
                *("--map", str(mapping), "--format", "json", "-o", str(work / "learn.json")),
            ],
        }
        best = {name: (float("inf"), float("inf")) for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                best[name] = min(best[name], timed(command))
    verdict = "ok" if best["learn"][0] <= TARGET_SECONDS else "OVER TARGET"
    for name, label in (("bare", "bare csv read"), ("learn", "dealcheck learn")):
        wall, cpu = best[name]
        print(f"{label:<16} {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    print(f"target: learn <= {TARGET_SECONDS:g} s wall: {verdict}")
    print(
        f"learn / bare = {best['learn'][0] / best['bare'][0]:.1f}x wall, "
        f"{best['learn'][1] / best['bare'][1]:.1f}x CPU"
    )


if __name__ == "__main__":
    main()
