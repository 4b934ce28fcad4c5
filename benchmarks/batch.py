"""Benchmark `dealcheck score` against plain csv iteration and a csv copy, per distribution.

Generates synthetic Salesforce-style exports in a temporary folder, one per
distribution of answers (25 columns: MEDDPICC and two red flags; `combined`: 51 with
today's built-ins), and times, each in its own process, in interleaved rounds
(--repeat, default 3; the best time of each is kept):

* bare   - `for row in csv.reader(f): pass`
* copy   - csv.reader -> csv.writer, no scoring
* score  - `python -m dealcheck score FILE --map MAP -o OUT` (two processes from 8 MB)
* one    - the same in one process (DEALCHECK_SPLIT_BYTES): what the split is worth
* floor  - the least a scorer in Python does per row (`FLOOR`: a lookup per run of
  answer columns, a sum, a cached suffix, the row written), in one process: how far
  below dealcheck pure Python could go, and how far the targets are from Python itself

The distributions (--only picks some):

* profiles - most deals share one of a few hundred answer profiles (picklists, mostly
  blank); a share of rows (--random, default 2 %) get fully random answers;
* fresh    - every row a new combination: independent uniform levels (blanks included),
  random red flags (yes, no, blank), random stages;
* text     - four criteria hold free-text evidence (long, varied, Hangul included),
  mapped as `kind: text`; the rest as in `fresh`;
* combined - every built-in framework at once, as a team scoring several does
  (`-f meddpicc -f bant -f icp-fit -f red-flags -f the-model -f why-buy-now-us`): one
  column per criterion (21) with a uniform level of its scale or a blank, one per red
  flag id (15) with yes, no or blank, random stages the frameworks share. The layout
  and its mapping are read from the built-ins (combined_layout.py), so a new built-in
  joins it. The Model scores nothing but joins: its aliases name every shared stage,
  and a team runs it beside the others for its stage checks. With 15 flags each
  answered yes a third of the time, a row raises 5 on average and most raise a
  disqualifying one: about 90 % of open deals are disqualified and none advances (the
  others: 40-55 %), a verdict mix no team has; what it measures is width, every row a
  new combination of 36 answers.

It also measures dealcheck's peak RSS, in runs of their own so the sampling does not
slow the timed runs, at each size of --growth (default 100,000 and 1,000,000 rows;
`--growth none` skips it). dealcheck scores large files in two worker processes, so
memory is measured over the whole process tree, sampled from /proc every 20 ms: the
largest single process's peak (VmHWM; the target applies to it) and the peak of the
summed RSS of all processes (a forked worker's pages shared with its parent count in
both, so the sum overstates real use).

    python benchmarks/batch.py --rows 200000
    python benchmarks/batch.py --rows 1000000 --repeat 1 --growth none
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from combined_layout import combined_layout, combined_mapping  # benchmarks/combined_layout.py
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
#: The deal basics every distribution's export starts with.
BASICS = [
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
]
#: Columns no mapping reads, after the answers.
UNREAD = ["Lead Source", "Region", "Industry", "Type"]
HEADER = [*BASICS, *CRITERIA, "Price Only", "No Compelling Event", *UNREAD]
COLUMNS = """\
columns: {deal_id: Opportunity ID, name: Opportunity Name, company: Account Name, amount: Amount,
  currency: Opportunity Currency, stage: Stage, close_date: Close Date, created_date: Created Date,
  stage_since: Last Stage Change Date, owner: Opportunity Owner, next_step: Next Step}
"""
MAPPING = (
    "frameworks: [meddpicc, red-flags]\n"
    + COLUMNS
    + """\
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
)
#: Criteria columns that hold free text in the `text` distribution.
TEXT_CRITERIA = ("Metrics", "Identified Pain", "Champion", "Decision Criteria")
DISTRIBUTIONS = ("profiles", "fresh", "text", "combined")
#: The same mapping with those columns read as free-text evidence.
TEXT_MAPPING = (
    MAPPING.replace("{column: Metrics}", "{column: Metrics, kind: text}")
    .replace("{column: Identified Pain}", "{column: Identified Pain, kind: text}")
    .replace("{column: Champion}", "{column: Champion, kind: text}")
    .replace("{column: Decision Criteria}", "{column: Decision Criteria, kind: text}")
)
BARE = "import csv,sys\nfor r in csv.reader(open(sys.argv[1],newline='',encoding='utf-8')): pass\n"
COPY = (
    "import csv,sys\nw=csv.writer(open(sys.argv[2],'w',newline='',encoding='utf-8'))\n"
    "for r in csv.reader(open(sys.argv[1],newline='',encoding='utf-8')): w.writerow(r)\n"
)

#: The least a scorer written in Python does per row, for scale: per run of up to four
#: answer columns (stage first) one dict lookup, filled the first time a key is met (a
#: free-text cell keyed as blank or not), the points summed, a grade and a cached
#: suffix, the row written with it. No amounts, dates, hygiene, summary, lists or
#: formula checks: what dealcheck does beyond this costs what `score / floor` says.
FLOOR = """\
import csv, json, sys
from operator import itemgetter
spec = json.loads(sys.argv[3])
stage, texts = spec["stage"], set(spec["texts"])
def key_of(run):
    if texts.isdisjoint(run):
        return itemgetter(stage, *run)
    return lambda row: (row[stage], *[bool(row[c].strip()) if c in texts else row[c] for c in run])
runs = [(key_of(run), {}) for run in spec["runs"]]
suffixes = {}
with open(sys.argv[1], newline="", encoding="utf-8") as source, open(
    sys.argv[2], "w", newline="", encoding="utf-8"
) as out:
    reader, writer = csv.reader(source), csv.writer(out)
    writer.writerow(next(reader) + ["score", "grade", "gaps"])
    for row in reader:
        total, gaps = 0, 0
        for key, table in runs:
            k = key(row)
            found = table.get(k)
            if found is None:
                found = table[k] = (len(k), 1 << len(table) % 16)
            total += found[0]
            gaps |= found[1]
        suffix = suffixes.get((total, gaps))
        if suffix is None:
            suffix = suffixes[(total, gaps)] = [str(total), "ABCDF"[total % 5], f"{gaps:x}"]
        writer.writerow(row + suffix)
"""


def floor_spec(distribution: str) -> str:
    """The floor's columns (JSON): stage, runs of answer columns, free-text columns."""
    columns = header(distribution)
    answers = list(range(len(BASICS), len(columns) - len(UNREAD)))
    texts = [columns.index(name) for name in TEXT_CRITERIA] if distribution == "text" else []
    runs = [answers[n : n + 4] for n in range(0, len(answers), 4)]
    return json.dumps({"stage": columns.index("Stage"), "runs": runs, "texts": texts})


FLAG_ANSWERS = ["TRUE", "FALSE", ""]


def header(distribution: str) -> list[str]:
    """The header row of a distribution's export."""
    if distribution != "combined":
        return HEADER
    layout = combined_layout()
    answers = [c.header for c in layout.criteria] + [f.header for f in layout.flags]
    return [*BASICS, *answers, *UNREAD]


def mapping(distribution: str) -> str:
    """The mapping (YAML) a distribution's export is scored with."""
    if distribution == "combined":
        return combined_mapping(combined_layout(), COLUMNS)
    return TEXT_MAPPING if distribution == "text" else MAPPING


def generate(path: Path, rows: int, distribution: str, random_share: float, seed: int = 1) -> int:
    """Write the export; return its number of distinct answer combinations."""
    owners = [f"Rep {n}" for n in range(40)]
    steps = ["Demo", "Send quote", "", "Security review", '=HYPERLINK("x")', "Call CFO"]
    combinations: set[tuple[str, ...]] = set()
    if distribution == "combined":
        answers = _combined_answers(random.Random(seed))
    else:
        answers = _answers(random.Random(seed), distribution, random_share)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header(distribution))
        for n, (stage, cells) in zip(range(rows), answers, strict=False):
            created = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
            combinations.add((stage, *cells))
            writer.writerow(
                [
                    f"006{n:012d}",
                    f"Deal {n}",
                    f"Company {n % 5000}",
                    f"{(n * 7919) % 500000 + 1000}.00",
                    "USD",
                    stage,
                    f"2027-{1 + n % 12:02d}-{1 + (n * 3) % 28:02d}",
                    created,
                    created,
                    owners[n % 40],
                    steps[n % len(steps)],
                    *cells,
                    "Web",
                    "EMEA",
                    "Manufacturing",
                    "New Business",
                ]
            )
    return len(combinations)


def _answers(
    rng: random.Random, distribution: str, random_share: float
) -> Iterator[tuple[str, list[str]]]:
    """Each row's stage and answer cells (criteria, then the two flags), row after row."""
    profiles = [[rng.choice(LEVELS) for _ in CRITERIA] for _ in range(300)]
    weights = [1 / (n + 1) for n in range(len(profiles))]  # Zipf-like: a few profiles dominate
    picks = rng.choices(range(len(profiles)), weights, k=4096)
    texts = [i for i, name in enumerate(CRITERIA) if name in TEXT_CRITERIA]
    fresh = distribution != "profiles"
    n = 0
    while True:
        if fresh or rng.random() < random_share:
            levels = [rng.choice(LEVELS) for _ in CRITERIA]
        else:
            levels = profiles[picks[n % 4096]]
        if distribution == "text":
            for i in texts:
                levels[i] = _evidence(rng) if rng.random() < 0.7 else ""
        if fresh:
            stage = rng.choice(STAGES)
            flags = [rng.choice(FLAG_ANSWERS), rng.choice(FLAG_ANSWERS)]
        else:
            stage = STAGES[n % len(STAGES)]
            flags = ["TRUE" if n % 53 == 0 else "FALSE", "TRUE" if n % 17 == 0 else "FALSE"]
        yield stage, [*levels, *flags]
        n += 1


def _combined_answers(rng: random.Random) -> Iterator[tuple[str, list[str]]]:
    """`combined` rows: every criterion a uniform pick over its scale and a blank, every
    red flag TRUE, FALSE or blank, a random stage."""
    layout = combined_layout()
    stages = [name for name, _ in layout.stages]
    while True:
        cells = [rng.choice(column.cells) for column in layout.criteria]
        cells += [rng.choice(FLAG_ANSWERS) for _ in layout.flags]
        yield rng.choice(stages), cells


_PHRASES = (
    "CFO confirmed budget",
    "saves 3 FTE",
    "pilot in Q3",
    "예산 확정",
    "구매팀 검토 중",
    "champion: VP Ops",
    "ROI 18 months",
    "legal review, redlines",
    "경쟁사 대비 우위",
    "needs SSO, audit log",
    "고객이 직접 확인",
    "renewal risk",
)


def _evidence(rng: random.Random) -> str:
    """A note as reps write them: a few phrases, a date, sometimes a comma or a quote."""
    note = "; ".join(rng.sample(_PHRASES, rng.randint(2, 6)))
    note += f" ({rng.randint(1, 28)}/{rng.randint(1, 12)}, #{rng.randint(1, 99999)})"
    return note + ', said "yes"' if rng.random() < 0.2 else note


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


#: The environment of the one-process score run: no input is large enough to split.
ONE_PROCESS = {**os.environ, "DEALCHECK_SPLIT_BYTES": str(1 << 60)}


def wall(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds of one run, with nothing else watching it, and its CPU seconds.

    CPU seconds (user + system, of the process and the workers it waited for) hold on
    a machine that other jobs share, where wall time does not.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu


def _sizes(text: str) -> list[int]:
    return [] if text == "none" else [int(size) for size in text.split(",")]


def _what(distribution: str) -> str:
    """What the columns answer, where it is not the 25-column MEDDPICC export."""
    if distribution != "combined":
        return ""
    layout = combined_layout()
    return (
        f", not {len(HEADER)}: {len(layout.criteria)} criteria and {len(layout.flags)} red flags"
        f" of {', '.join(layout.frameworks)}"
    )


def bench(tmp: Path, distribution: str, args: argparse.Namespace) -> dict[str, float]:
    """Time one distribution at --rows and measure its memory at each --growth size."""
    mapping_file = tmp / f"{distribution}.map.yaml"
    mapping_file.write_text(mapping(distribution), encoding="utf-8")
    data = tmp / f"{distribution}.csv"
    started = time.perf_counter()
    distinct = generate(data, args.rows, distribution, args.random)
    size = data.stat().st_size / 1e6
    print(
        f"[{distribution}] {args.rows:,} rows x {len(header(distribution))} columns{_what(distribution)}"
        f" ({size:.0f} MB, made in {time.perf_counter() - started:.1f}s); "
        f"{distinct:,} distinct answer combinations"
    )
    copied, scored_csv = tmp / "copy.csv", tmp / "scored.csv"
    commands = {
        "bare": [sys.executable, "-c", BARE, str(data)],
        "copy": [sys.executable, "-c", COPY, str(data), str(copied)],
        "floor": [sys.executable, "-c", FLOOR, str(data), str(copied), floor_spec(distribution)],
        "score": score_command(data, mapping_file, scored_csv),
        # The same run in one process: what the two-process split is worth.
        "one": score_command(data, mapping_file, scored_csv),
    }
    # Rounds interleave the three commands so that a slow spell of the machine hits
    # them alike; each keeps its best time. Outputs are removed between runs: ext4
    # flushes a file rewritten in place when it is closed, which would charge copy and
    # score (not bare) for the round before.
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            copied.unlink(missing_ok=True)
            scored_csv.unlink(missing_ok=True)
            seconds, cpu = wall(command, ONE_PROCESS if name == "one" else None)
            times[name].append(seconds)
            cpus[name].append(cpu)
    for name, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:>6}: {min(values):7.2f} s, {min(cpus[name]):7.2f} s CPU   (runs: {runs})")
    bare, copy, scored = (min(times[k]) for k in ("bare", "copy", "score"))
    cpu_bare, cpu_copy, cpu_scored = (min(cpus[k]) for k in ("bare", "copy", "score"))
    result = {
        "x_bare": scored / bare,
        "x_copy": scored / copy,
        "cpu_bare": cpu_scored / cpu_bare,
        "cpu_copy": cpu_scored / cpu_copy,
        "split": min(times["one"]) / scored,
        "floor_bare": min(times["floor"]) / bare,
        "one_floor": min(times["one"]) / min(times["floor"]),
    }
    print(
        f"  score / bare = {scored / bare:.2f}x (target <= 3.0)   "
        f"score / copy = {scored / copy:.2f}x (target <= 2.0)   "
        f"{args.rows / scored:,.0f} rows/s"
    )
    print(
        f"  CPU time: score / bare = {cpu_scored / cpu_bare:.2f}x   "
        f"score / copy = {cpu_scored / cpu_copy:.2f}x   (both workers counted)"
    )
    print(
        f"  two processes: {result['split']:.2f}x faster than one (wall), "
        f"{min(cpus['one']):.2f} s CPU in one against {cpu_scored:.2f} s in two"
    )
    print(
        f"  Python floor (one process): floor / bare = {result['floor_bare']:.2f}x, "
        f"score in one process / floor = {result['one_floor']:.2f}x"
    )
    data.unlink()
    copied.unlink(missing_ok=True)
    # Memory in runs of their own: the /proc sampler costs CPU the timed runs should
    # not pay. VmHWM is each process's own peak, so sampling sees every process once.
    peaks: list[tuple[int, float, float, int]] = []
    for rows in _sizes(args.growth):
        sized = tmp / f"{distribution}-{rows}.csv"
        generate(sized, rows, distribution, args.random)
        _, largest, total, most, err = measure(score_command(sized, mapping_file, scored_csv))
        sized.unlink()
        scored_csv.unlink(missing_ok=True)
        peaks.append((rows, largest, total, most))
        print(
            f"  peak RSS at {rows:,} rows: {largest:.1f} MB largest process (target <= 50); "
            f"tree sum {total:.1f} MB over up to {most} processes"
        )
        if err.strip():
            print("  dealcheck stderr:", err.strip())
    if peaks:
        result["peak"] = max(peak[1] for peak in peaks)
    if len(peaks) > 1:
        result["growth"] = peaks[-1][1] - peaks[0][1]
        print(
            f"  RSS growth {peaks[0][0]:,} -> {peaks[-1][0]:,} rows: {result['growth']:+.1f} MB "
            "(target <= +10)"
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="rows of the timed runs")
    parser.add_argument(
        "--random", type=float, default=0.02, help="share of random rows in `profiles`"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed rounds (interleaved; the best is kept)"
    )
    parser.add_argument(
        "--growth",
        default="100000,1000000",
        help="row counts whose peak RSS is measured, comma-separated (none: skip)",
    )
    parser.add_argument(
        "--only", default=",".join(DISTRIBUTIONS), help="distributions to run, comma-separated"
    )
    args = parser.parse_args()
    wanted = args.only.split(",")
    unknown = [name for name in wanted if name not in DISTRIBUTIONS]
    if unknown:
        parser.error(f"unknown distribution {unknown[0]!r} (known: {', '.join(DISTRIBUTIONS)})")
    compile_dealcheck()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for distribution in wanted:
            results[distribution] = bench(Path(folder), distribution, args)
    print(
        f"\n{args.rows:,} rows  {'x bare':>7}{'x copy':>7}{'CPU x bare':>11}{'CPU x copy':>11}"
        f"{'peak MB':>9}{'growth MB':>11}{'2 procs':>9}{'floor x bare':>14}"
    )
    for distribution, result in results.items():
        peak = f"{result['peak']:.1f}" if "peak" in result else "-"
        growth = f"{result['growth']:+.1f}" if "growth" in result else "-"
        print(
            f"{distribution:<13}{result['x_bare']:>7.2f}{result['x_copy']:>7.2f}"
            f"{result['cpu_bare']:>11.2f}{result['cpu_copy']:>11.2f}{peak:>9}{growth:>11}"
            f"{result['split']:>8.2f}x{result['floor_bare']:>13.2f}x"
        )


if __name__ == "__main__":
    main()
