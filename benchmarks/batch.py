"""Benchmark `dealcheck score` against plain csv iteration and a csv copy.

Generates a synthetic Salesforce-style export (default 1,000,000 rows x 25 columns) in a
temporary folder and times, each in its own process:

* bare   - `for row in csv.reader(f): pass`
* copy   - csv.reader -> csv.writer, no scoring
* score  - `python -m dealcheck score FILE --map MAP -o OUT`

It also measures dealcheck's peak RSS at 100k rows and at the full size (when larger).

The answers are drawn the way real pipelines look: most deals share one of a few
hundred answer profiles (picklists, mostly blank), and a share of rows (--random,
default 2 %) get fully random answers, so the verdict cache also sees misses. The
script prints how many distinct combinations dealcheck actually scored.

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
import time
from pathlib import Path

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


def generate(path: Path, rows: int, random_share: float, seed: int = 1) -> None:
    rng = random.Random(seed)
    profiles = [[rng.choice(LEVELS) for _ in CRITERIA] for _ in range(300)]
    weights = [1 / (n + 1) for n in range(len(profiles))]  # Zipf-like: a few profiles dominate
    picks = rng.choices(range(len(profiles)), weights, k=4096)
    owners = [f"Rep {n}" for n in range(40)]
    steps = ["Demo", "Send quote", "", "Security review", '=HYPERLINK("x")', "Call CFO"]
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


def measure(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stderr of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{command[:4]} failed ({child.returncode}):\n{err}")
    return seconds, usage.ru_maxrss / 1024, err


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--random", type=float, default=0.02, help="share of rows with random answers"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (best is kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        mapping = tmp / "bench.map.yaml"
        mapping.write_text(MAPPING, encoding="utf-8")
        data = tmp / "export.csv"
        started = time.perf_counter()
        generate(data, args.rows, args.random)
        size = data.stat().st_size / 1e6
        print(
            f"generated {args.rows:,} rows x {len(HEADER)} columns ({size:.0f} MB) "
            f"in {time.perf_counter() - started:.1f}s"
        )
        runs = {}
        for name, command in (
            ("bare", [sys.executable, "-c", BARE, str(data)]),
            ("copy", [sys.executable, "-c", COPY, str(data), str(tmp / "copy.csv")]),
            ("score", score_command(data, mapping, tmp / "scored.csv")),
        ):
            runs[name] = min((measure(command) for _ in range(args.repeat)), key=lambda r: r[0])
            print(f"{name:>6}: {runs[name][0]:7.2f} s   peak RSS {runs[name][1]:6.1f} MB")
        bare, copy, scored = (runs[k][0] for k in ("bare", "copy", "score"))
        print(
            f"score / copy = {scored / copy:.2f}x (target <= 2.0)   "
            f"score / bare = {scored / bare:.2f}x (target <= 3.0)"
        )
        print(f"rows per second: {args.rows / scored:,.0f}")
        rss_full = runs["score"][1]
        if args.rows > 100_000:
            small = tmp / "small.csv"
            generate(small, 100_000, args.random)
            rss_small = measure(score_command(small, mapping, tmp / "small-scored.csv"))[1]
            print(
                f"peak RSS: {rss_small:.1f} MB at 100,000 rows, {rss_full:.1f} MB at "
                f"{args.rows:,} rows (+{rss_full - rss_small:.1f} MB; targets <= 50 MB, <= +10 MB)"
            )
        summary = runs["score"][2]
        print("dealcheck stderr:", summary.strip() or "(none)")


if __name__ == "__main__":
    main()
