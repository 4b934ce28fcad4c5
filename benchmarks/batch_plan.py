"""Benchmark the close plan columns of `dealcheck score`: what checking them costs.

Generates the synthetic export of `batch.py` (default 200,000 rows), then a copy with
four close plan columns (next step date, legal due, procurement due and started), and
times in interleaved rounds (--repeat, default 3; the best time of each is kept):

* plain  - `dealcheck score` of the export with the benchmark mapping
* plan   - the same export with plan columns, the mapping with `close_plan:`

An export without plan columns takes the fast paths (plain-row loop, two processes);
one with them takes the general row path in one process. The ratio says what a team
pays for the checks. Whether unmapped exports are slowed is measured by running
`batch.py` on this tree and on the tree before the change (same machine, same run).

    python benchmarks/batch_plan.py --rows 200000
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from precompile import compile_dealcheck  # benchmarks/precompile.py

from batch import MAPPING, generate, score_command, wall  # benchmarks/batch.py

PLAN_HEADER = ["Next Step Date", "Legal Due", "Procurement Due", "Procurement Started"]
PLAN_MAPPING = """\
close_plan:
  next_step_date: Next Step Date
  steps:
    legal-review: {target: Legal Due}
    vendor-setup: {target: Procurement Due, started: Procurement Started}
"""


def add_plan_columns(source: Path, target: Path) -> None:
    """Copy the export with plan dates spread around the benchmark's --today."""
    with (
        source.open(encoding="utf-8", newline="") as read,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        writer = csv.writer(out)
        rows = csv.reader(read)
        writer.writerow([*next(rows), *PLAN_HEADER])
        for n, row in enumerate(rows):
            month, day = 1 + n % 12, 1 + (n * 7) % 28
            writer.writerow(
                [
                    *row,
                    f"2026-{month:02d}-{day:02d}",
                    f"2026-{1 + (n + 3) % 12:02d}-{day:02d}" if n % 3 else "",
                    f"2027-{month:02d}-{day:02d}" if n % 4 else "",
                    "yes" if n % 5 == 0 else "",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compile_dealcheck()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        plain_map, plan_map = tmp / "plain.map.yaml", tmp / "plan.map.yaml"
        plain_map.write_text(MAPPING, encoding="utf-8")
        plan_map.write_text(MAPPING + PLAN_MAPPING, encoding="utf-8")
        export, with_plan = tmp / "export.csv", tmp / "export-plan.csv"
        generate(export, args.rows, "profiles", 0.02)
        add_plan_columns(export, with_plan)
        out = tmp / "scored.csv"
        commands = {
            "plain": score_command(export, plain_map, out),
            "plan": score_command(with_plan, plan_map, out),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                out.unlink(missing_ok=True)
                seconds, used = wall(command)
                times[name].append(seconds)
                cpu[name].append(used)
        for name, values in times.items():
            runs = ", ".join(f"{v:.2f}" for v in values)
            print(
                f"{name:>6}: {min(values):7.2f} s wall, {min(cpu[name]):.2f} s CPU (runs: {runs})"
            )
        plain, plan = min(times["plain"]), min(times["plan"])
        print(
            f"plan / plain = {plan / plain:.2f}x wall, "
            f"{min(cpu['plan']) / min(cpu['plain']):.2f}x CPU at {args.rows:,} rows"
        )
        print(f"rows per second with plan columns: {args.rows / plan:,.0f}")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
