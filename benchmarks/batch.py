"""Benchmark `dealcheck score` against plain csv iteration and a csv copy.

Generates a synthetic Salesforce-style export (default 1,000,000 rows x 25 columns) in a
temporary folder and times, each in its own process, in interleaved rounds (--repeat,
default 3; the best time of each is kept):

* bare   - `for row in csv.reader(f): pass`
* copy   - csv.reader -> csv.writer, no scoring
* score  - `python -m dealcheck score FILE --map MAP -o OUT`

It also measures dealcheck's peak RSS at 100k rows and at the full size (when larger),
in runs of their own so the sampling does not slow the timed runs. dealcheck scores
large files in two worker processes, so memory is measured over the whole process
tree, sampled from /proc every 20 ms: the largest single process's peak
(VmHWM; the target applies to it) and the peak of the summed RSS of all processes (a
forked worker's pages shared with its parent count in both, so the sum overstates
real use).

The answers are drawn the way real pipelines look: most deals share one of a few
hundred answer profiles (picklists, mostly blank), and a share of rows (--random,
default 2 %) get fully random answers, so the verdict cache also sees misses. The
script prints how many distinct (stage, answers, red flags) combinations the data holds.

    python benchmarks/batch.py --rows 200000
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from precompile import compile_dealcheck  # benchmarks/precompile.py

LEVELS = ["Confirmed", "Partial", "Assumed", "None", ""]
STAGES = [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
]
CRITERIA = [
    "Metrics",
    "Economic Buyer",
    "Decision Criteria",
    "Decision Process",
    "Paper Process",
    "Identified Pain",
    "Champion",
    "Competition",
]
HEADER = [
    "Opportunity ID",
    "Opportunity Name",
    "Account Name",
    "Amount",
    "Opportunity Currency",
    "Stage",
    "Close Date",
    "Created Date",
    "Last Stage Change Date",
    "Opportunity Owner",
    "Next Step",
    *CRITERIA,
    "Price Only",
    "No Compelling Event",
    "Lead Source",
    "Region",
    "Industry",
    "Type",
]
MAPPING = """\
frameworks: [meddpicc, red-flags]
columns: {deal_id: Opportunity ID, name: Opportunity Name, company: Account Name, amount: Amount,
  currency: Opportunity Currency, stage: Stage, close_date: Close Date, created_date: Created Date,
  stage_since: Last Stage Change Date, owner: Opportunity Owner, next_step: Next Step}
values: {Confirmed: confirmed, Partial: partial, Assumed: assumed, None: absent}
stages: {Prospecting: prospecting, Qualification: qualification, Needs Analysis: discovery,
  Proposal/Price Quote: proposal, Negotiation/Review: negotiation, Closed Won: won, Closed Lost: lost}
criteria:
  meddpicc:
    metrics: {column: Metrics}
    economic-buyer: {column: Economic Buyer}
    decision-criteria: {column: Decision Criteria}
    decision-process: {column: Decision Process}
    paper-process: {column: Paper Process}
    identified-pain: {column: Identified Pain}
    champion: {column: Champion}
    competition: {column: Competition}
red_flags:
  red-flags:
    price-leverage-only: {column: Price Only}
    no-compelling-event: {column: No Compelling Event}
"""
BARE = "import csv,sys\nfor r in csv.reader(open(sys.argv[1],newline='',encoding='utf-8')): pass\n"
COPY = (
    "import csv,sys\nw=csv.writer(open(sys.argv[2],'w',newline='',encoding='utf-8'))\n"
    "for r in csv.reader(open(sys.argv[1],newline='',encoding='utf-8')): w.writerow(r)\n"
)


def generate(path: Path, rows: int, random_share: float, seed: int = 1) -> int:
    """Write the export; return its number of distinct answer combinations."""
    rng = random.Random(seed)
    profiles = [[rng.choice(LEVELS) for _ in CRITERIA] for _ in range(300)]
    weights = [1 / (n + 1) for n in range(len(profiles))]  # Zipf-like: a few profiles dominate
    picks = rng.choices(range(len(profiles)), weights, k=4096)
    owners = [f"Rep {n}" for n in range(40)]
    steps = ["Demo", "Send quote", "", "Security review", '=HYPERLINK("x")', "Call CFO"]
    combinations: set[tuple[object, ...]] = set()
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for n in range(rows):
            levels = (
                [rng.choice(LEVELS) for _ in CRITERIA]
                if rng.random() < random_share
                else profiles[picks[n % 4096]]
            )
            created = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
            combinations.add((n % len(STAGES), n % 53 == 0, n % 17 == 0, *levels))
            writer.writerow(
                [
                    f"006{n:012d}",
                    f"Deal {n}",
                    f"Company {n % 5000}",
                    f"{(n * 7919) % 500000 + 1000}.00",
                    "USD",
                    STAGES[n % len(STAGES)],
                    f"2027-{1 + n % 12:02d}-{1 + (n * 3) % 28:02d}",
                    created,
                    created,
                    owners[n % 40],
                    steps[n % len(steps)],
                    *levels,
                    "TRUE" if n % 53 == 0 else "FALSE",
                    "TRUE" if n % 17 == 0 else "FALSE",
                    "Web",
                    "EMEA",
                    "Manufacturing",
                    "New Business",
                ]
            )
    return len(combinations)


def _tree(pid: int) -> list[int]:
    """The pid and all its live descendants."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    queue += [int(c) for c in children.read().split()]
        except OSError:
            continue
    return found


def _rss_mb(pid: int, field: str = "VmRSS:") -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(command: list[str]) -> tuple[float, float, float, int, str]:
    """Wall seconds, peak RSS of the largest process (MB), peak summed RSS of the process
    tree (MB, sampled), most processes seen at once, and stderr of one run.

    The largest process's peak is the highest VmHWM sampled from /proc over the tree,
    or `wait4`'s ru_maxrss where /proc is missing (that one also counts the pages the
    child shared with this script between fork and exec, so it reads high).
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_sum, peak_one, most = [0.0], [0.0], [1]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            pids = _tree(child.pid)
            peak_sum[0] = max(peak_sum[0], sum(_rss_mb(p) for p in pids))
            peak_one[0] = max([peak_one[0], *(_rss_mb(p, "VmHWM:") for p in pids)])
            most[0] = max(most[0], len(pids))

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc").is_dir():
        sampler.start()
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{command[:4]} failed ({child.returncode}):\n{err}")
    largest = peak_one[0] if peak_one[0] else usage.ru_maxrss / 1024
    return seconds, largest, peak_sum[0], most[0], err


def score_command(data: Path, mapping: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dealcheck",
        "score",
        str(data),
        "--map",
        str(mapping),
        "-o",
        str(out),
        "--today",
        "2026-11-23",
        "--format",
        "csv",
    ]


def wall(command: list[str]) -> float:
    """Wall seconds of one run, with nothing else watching it."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--random", type=float, default=0.02, help="share of rows with random answers"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed rounds (interleaved; the best is kept)"
    )
    args = parser.parse_args()
    compile_dealcheck()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        mapping = tmp / "bench.map.yaml"
        mapping.write_text(MAPPING, encoding="utf-8")
        data = tmp / "export.csv"
        started = time.perf_counter()
        distinct = generate(data, args.rows, args.random)
        size = data.stat().st_size / 1e6
        print(
            f"generated {args.rows:,} rows x {len(HEADER)} columns ({size:.0f} MB) "
            f"in {time.perf_counter() - started:.1f}s; {distinct:,} distinct answer combinations"
        )
        copied, scored_csv = tmp / "copy.csv", tmp / "scored.csv"
        commands = {
            "bare": [sys.executable, "-c", BARE, str(data)],
            "copy": [sys.executable, "-c", COPY, str(data), str(copied)],
            "score": score_command(data, mapping, scored_csv),
        }
        # Rounds interleave the three commands so that a slow spell of the machine
        # hits them alike; each keeps its best time. Outputs are removed between runs:
        # ext4 flushes a file rewritten in place when it is closed, which would charge
        # copy and score (not bare) for the round before.
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                copied.unlink(missing_ok=True)
                scored_csv.unlink(missing_ok=True)
                times[name].append(wall(command))
        for name, values in times.items():
            print(
                f"{name:>6}: {min(values):7.2f} s   (runs: {', '.join(f'{v:.2f}' for v in values)})"
            )
        bare, copy, scored = (min(times[k]) for k in ("bare", "copy", "score"))
        print(
            f"score / copy = {scored / copy:.2f}x (target <= 2.0)   "
            f"score / bare = {scored / bare:.2f}x (target <= 3.0)"
        )
        print(f"rows per second: {args.rows / scored:,.0f}")
        # Memory in runs of their own: the /proc sampler costs CPU the timed runs
        # should not pay. VmHWM is each process's own peak, so sampling only has to
        # see every process once.
        full = measure(commands["score"])
        print(
            f"peak RSS of dealcheck score: {full[1]:.1f} MB (largest process; tree sum "
            f"{full[2]:.1f} MB over up to {full[3]} processes)"
        )
        if args.rows > 100_000:
            small = tmp / "small.csv"
            generate(small, 100_000, args.random)
            small_run = measure(score_command(small, mapping, tmp / "small-scored.csv"))
            print(
                f"peak RSS (largest process): {small_run[1]:.1f} MB at 100,000 rows, "
                f"{full[1]:.1f} MB at {args.rows:,} rows (+{full[1] - small_run[1]:.1f} MB; "
                f"targets <= 50 MB, <= +10 MB); tree sum {small_run[2]:.1f} MB and "
                f"{full[2]:.1f} MB"
            )
        print("dealcheck stderr:", full[4].strip() or "(none)")


if __name__ == "__main__":
    main()
