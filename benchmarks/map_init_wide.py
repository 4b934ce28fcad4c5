"""`map init` on a very wide export: linear in the columns, under 2 s for 100,000.

Usage: python benchmarks/map_init_wide.py [--columns 100000] [--rows 20] [--runs 3]

Writes a CSV whose header holds a Salesforce report's columns among COLUMNS custom
fields, then times, in one run and interleaved:

- baseline: Python's `csv` reading the whole file (header and rows);
- `draft_mapping`: the whole of `map init` but printing (layouts, header matching,
  sniffing the rows, writing the draft).

Reports the median of each, their ratio, and whether `map init` stays under 2 s. A second
size (a tenth of the columns) shows the time grows linearly with the columns.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dealcheck.drafting.draft import draft_mapping
from dealcheck.language.loading import load_framework

KNOWN = ["Opportunity Name", "Account Name", "Amount", "Stage", "Close Date", "Champion"]
LIMIT_SECONDS = 2.0


def write_export(path: Path, columns: int, rows: int) -> None:
    """A CSV with the known columns spread among `columns` custom fields."""
    header = [f"Custom Field {n} (Region {n % 97})" for n in range(columns)]
    step = max(columns // len(KNOWN), 1)
    for k, name in enumerate(KNOWN):
        header[k * step] = name
    values = {
        "Opportunity Name": "Acme – Platform",
        "Account Name": "Acme",
        "Amount": "24500.00",
        "Stage": "Prospecting",
        "Close Date": "2026-03-16",
        "Champion": "Yes",
    }
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        row = [values.get(name, str(n % 7)) for n, name in enumerate(header)]
        for _ in range(rows):
            writer.writerow(row)


def read_with_csv(path: Path) -> int:
    """The baseline: every row through `csv.reader`."""
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(len(row) for row in csv.reader(stream))


def median_seconds(function: Callable[[], object], runs: int) -> float:
    """Median wall time of `function()` over `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Measure both sizes and print the report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--columns", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    meddpicc = [load_framework("meddpicc")]
    draft_mapping(str(Path(__file__)), meddpicc)  # warm: layouts, frameworks, imports
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for columns in (args.columns // 10, args.columns):
            path = Path(folder) / f"wide-{columns}.csv"
            write_export(path, columns, args.rows)
            baseline = median_seconds(lambda p=path: read_with_csv(p), args.runs)
            drafted = median_seconds(lambda p=path: draft_mapping(str(p), meddpicc), args.runs)
            results.append((columns, baseline, drafted))
            text = draft_mapping(str(path), meddpicc)
            assert 'amount: "Amount"' in text and 'champion: {column: "Champion"' in text
    print(f"{'columns':>8} {'csv read':>9} {'map init':>9} {'ratio':>6}")
    for columns, baseline, drafted in results:
        print(f"{columns:>8,} {baseline:>8.3f}s {drafted:>8.3f}s {drafted / baseline:>6.1f}")
    (small, _, small_time), (large, _, large_time) = results
    growth = large_time / small_time
    print(
        f"{large // small}x the columns took {growth:.1f}x the time (linear: about {large // small}x)"
    )
    verdict = "ok" if large_time < LIMIT_SECONDS else "TOO SLOW"
    print(
        f"map init on {large:,} columns: {large_time:.2f} s (limit {LIMIT_SECONDS:.0f} s): {verdict}"
    )


if __name__ == "__main__":
    main()
