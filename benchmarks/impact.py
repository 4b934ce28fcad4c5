"""Benchmark `framework diff --impact` against `dealcheck score` on the same export.

`--impact` scores the pipeline once per framework version, so its baseline is two
`dealcheck score` runs measured in the same session: the ratio impact / (2 x score)
shows what pairing the deals and comparing them costs on top (target <= 1.3). Peak
memory of the largest process is printed for both (the impact keeps a few numbers per
deal between the runs; score keeps nothing per deal).

Uses the synthetic Salesforce-style export of `benchmarks/batch.py` (default 200,000
rows) and a team MEDDPICC that weighs the champion 40 instead of 15.

    python benchmarks/impact.py --rows 200000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from precompile import compile_dealcheck  # benchmarks/precompile.py

from batch import MAPPING, generate, measure, score_command, wall  # benchmarks/batch.py

CHAMPION_FIRST = (
    Path(__file__).resolve().parents[1] / "tests/fixtures/frameworks/champion-first/meddpicc.yaml"
)


def impact_command(data: Path, mapping: Path, new: Path, empty: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "dealcheck", "framework", "diff", "meddpicc", str(new)),
        *("--impact", str(data), "--map", str(mapping), "--frameworks-dir", str(empty)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--random", type=float, default=0.02)
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds; best kept")
    args = parser.parse_args()
    compile_dealcheck()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        mapping = tmp / "bench.map.yaml"
        mapping.write_text(MAPPING, encoding="utf-8")
        new = tmp / "team" / "meddpicc.yaml"
        new.parent.mkdir()
        new.write_bytes(CHAMPION_FIRST.read_bytes())
        data = tmp / "export.csv"
        generate(data, args.rows, args.random)
        scored = tmp / "scored.csv"
        commands = {
            "score": score_command(data, mapping, scored),
            "impact": impact_command(data, mapping, new, tmp / "none"),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                scored.unlink(missing_ok=True)
                times[name].append(wall(command))
        score, impact = min(times["score"]), min(times["impact"])
        print(f"{args.rows:,} rows: score {score:.2f} s, impact {impact:.2f} s")
        print(f"impact / (2 x score) = {impact / (2 * score):.2f}x (target <= 1.3)")
        score_rss = measure(commands["score"])[1]
        impact_rss = measure(commands["impact"])[1]
        print(f"peak RSS (largest process): score {score_rss:.0f} MB, impact {impact_rss:.0f} MB")


if __name__ == "__main__":
    main()
