"""Benchmark the HTML reports on a 5,000-deal pipeline (the issue's bar: < 2 s, < 2 MB).

Generates a Salesforce-style export (default 5,000 deals, every answer random, so the
verdict cache helps as little as it can) and a second week with moved scores, slipped
dates and new and lost deals, then times, in this process:

* score     - reading, mapping and scoring the export (`score_pipeline`)
* html      - rendering the pipeline summary as HTML and writing it
* total     - score + html: what `dealcheck score … --format html -o …` does
* review    - reading last week's scored CSV, comparing, rendering the review as HTML

and prints the sizes of the two HTML files.

    python benchmarks/html_report.py --deals 5000
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.write.outputs import CsvWriter
from dealcheck.batch.write.tee import Tee
from dealcheck.language.loading import load_framework
from dealcheck.mapping.loading import load_mapping
from dealcheck.render.html.pipeline import pipeline_html
from dealcheck.render.html.review import review_html
from dealcheck.review.compare import compare
from dealcheck.review.snapshots import SnapshotWriter, read_scored_csv

ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "examples" / "salesforce.map.yaml"
TODAY = date(2026, 11, 23)
LEVELS = ["Confirmed", "Partial", "Assumed", "None", ""]
STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote"]
STAGES += ["Negotiation/Review", "Closed Won", "Closed Lost"]
OWNERS = ["Priya Natarajan", "Marcus Lee", "김민준", "Dana Whitfield", "</script><b>x</b>"]


def export(path: Path, deals: int, seed: int, drop: int = 0) -> None:
    """A Salesforce-style export; `drop` deals are left out and as many new ones added."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        header = (ROOT / "examples" / "salesforce-pipeline.csv").open(encoding="utf-8-sig")
        columns = next(csv.reader(header))
        header.close()
        writer = csv.writer(stream)
        writer.writerow(columns)
        for n in range(drop, deals + drop):
            close = TODAY + timedelta(days=rng.randint(-30, 200))
            created = close - timedelta(days=rng.randint(30, 300))
            writer.writerow(
                [
                    f"0065g{n:010d}",
                    f"Deal {n} | {rng.choice(['Fleet', 'Data', '데이터'])} <platform>",
                    f"Company {n % 997}",
                    f"{rng.randint(1, 500) * 1000}.00",
                    "USD",
                    rng.choice(STAGES),
                    close.strftime("%m/%d/%Y"),
                    created.strftime("%m/%d/%Y"),
                    (created + timedelta(days=10)).strftime("%m/%d/%Y"),
                    rng.choice(OWNERS),
                    rng.choice(["", "Demo", '=HYPERLINK("x")']),
                    *(rng.choice(LEVELS) for _ in range(4)),
                    rng.choice(LEVELS),
                    rng.choice(["", "pain in their words"]),
                    rng.choice(["TRUE", "FALSE", ""]),
                    rng.choice(LEVELS),
                    rng.choice(["TRUE", "FALSE"]),
                    rng.choice(["TRUE", "FALSE"]),
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=5000)
    args = parser.parse_args()
    mapping, tree = load_mapping(str(MAP))
    frameworks = [load_framework(i, team_dir=ROOT / "frameworks") for i in mapping.frameworks]

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        last_week, this_week = work / "last.csv", work / "this.csv"
        export(last_week, args.deals, seed=1)
        export(this_week, args.deals, seed=2, drop=args.deals // 20)
        scored = work / "last-scored.csv"
        with scored.open("w", encoding="utf-8-sig", newline="") as stream:
            job = ScoreJob([str(last_week)], frameworks, mapping, tree, TODAY)
            score_pipeline(job, CsvWriter(stream))

        started = time.perf_counter()
        collector = SnapshotWriter()
        job = ScoreJob([str(this_week)], frameworks, mapping, tree, TODAY)
        summary = score_pipeline(job, Tee(collector))
        scored_at = time.perf_counter()
        page = work / "pipeline.html"
        page.write_text(pipeline_html(summary, "en"), encoding="utf-8")
        done = time.perf_counter()
        before = read_scored_csv(str(scored), mapping)
        review = compare(before, collector.states, before_label="last", after_label="this")
        review_page = work / "review.html"
        review_page.write_text(review_html(review, "en"), encoding="utf-8")
        reviewed = time.perf_counter()

        print(f"deals scored:          {summary.scored:,}")
        print(f"score:                 {scored_at - started:.3f} s")
        print(f"html (render + write): {done - scored_at:.3f} s")
        print(f"total score + html:    {done - started:.3f} s   (bar: < 2 s)")
        print(f"pipeline.html size:    {page.stat().st_size / 1024:.1f} KiB   (bar: < 2 MB)")
        print(
            f"review (read + compare + html): {reviewed - done:.3f} s; "
            f"{len(review.moved):,} moved, {len(review.appeared):,} new, {len(review.left):,} left"
        )
        print(f"review.html size:      {review_page.stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
