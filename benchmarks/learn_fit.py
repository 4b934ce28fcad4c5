"""Benchmark `dealcheck learn --suggest` (fit + backtest) against `dealcheck learn` alone.

Writes the synthetic history of the learning tests (`tests/learn/synthetic.py`; every
deal a fresh draw of MEDDPICC levels and red flags, so nearly every deal is a new
answer pattern for the fit and for scoring) with --deals closed deals (default
100,000) and 5 % open ones, then times, each in its own process, in interleaved rounds
(--repeat, default 3; the best of each is kept):

* learn   - `python -m dealcheck learn FILE --map MAP --format json -o OUT`
* suggest - the same with `--suggest learned.yaml --force` (time split, fit on the
  older 70 %, overlay written, both frameworks scored and compared on the newest 30 %)

and prints both, what the suggestion adds (suggest - learn) and the ratio. The target
is the whole `learn --suggest` run within about 10 s for 100,000 deals on the
project's 2-core machine. CPU seconds are printed beside wall time: on a machine
shared with other work they say more than the wall clock. `--parts` also times the fit and the backtest in this
process (CPU seconds, so other load on the machine counts less).

    python benchmarks/learn_fit.py --deals 100000 --parts
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

from tests.learn.synthetic import synthetic_deals, write_export  # noqa: E402

TARGET_SECONDS = 10.0


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds one command takes, and the CPU seconds (user + system) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def parts(deals: int) -> None:
    """CPU seconds of the split, the fit and the backtest, in this process."""
    from dealcheck.language.loading import load_framework
    from dealcheck.learn.backtest import backtest, time_split
    from dealcheck.learn.fit import suggest_changes

    history = synthetic_deals(deals, seed=1)
    framework = load_framework("meddpicc")
    started = time.process_time()
    split = time_split(history)
    split_done = time.process_time()
    suggestion = suggest_changes(framework, split.train)
    fit_done = time.process_time()
    backtest(framework, suggestion.apply(), split, min_deals=30)
    done = time.process_time()
    print(
        f"in process (CPU s): split {split_done - started:.2f}, fit {fit_done - split_done:.2f}"
        f" ({len(split.train):,} deals), backtest {done - fit_done:.2f} (2 frameworks x "
        f"{deals:,} deals scored, {len(split.test):,} compared)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--parts", action="store_true", help="also time fit and backtest")
    args = parser.parse_args()
    compile_dealcheck()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        export, mapping = write_export(work, args.deals, open_deals=args.deals // 20, seed=1)
        print(f"{args.deals:,} closed deals (+{args.deals // 20:,} open)")
        learn = [
            *(sys.executable, "-m", "dealcheck", "learn", str(export)),
            *("--map", str(mapping), "--format", "json", "-o", str(work / "learn.json")),
        ]
        commands = {
            "learn": learn,
            "suggest": [*learn, "--suggest", str(work / "learned.yaml"), "--force"],
        }
        best = {name: float("inf") for name in commands}
        cpu = {name: float("inf") for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                elapsed, used = timed(command)
                best[name], cpu[name] = min(best[name], elapsed), min(cpu[name], used)
    verdict = "ok" if best["suggest"] <= TARGET_SECONDS else "OVER TARGET"
    print("                           wall s   CPU s")
    print(f"dealcheck learn            {best['learn']:6.2f}  {cpu['learn']:6.2f}")
    print(
        f"dealcheck learn --suggest  {best['suggest']:6.2f}  {cpu['suggest']:6.2f}  "
        f"(target <= {TARGET_SECONDS:g} s wall) {verdict}"
    )
    print(
        f"fit + backtest + overlay   {best['suggest'] - best['learn']:6.2f}  "
        f"{cpu['suggest'] - cpu['learn']:6.2f}  "
        f"(suggest / learn = {best['suggest'] / best['learn']:.2f}x wall, "
        f"{cpu['suggest'] / cpu['learn']:.2f}x CPU)"
    )
    if args.parts:
        parts(args.deals)


if __name__ == "__main__":
    main()
