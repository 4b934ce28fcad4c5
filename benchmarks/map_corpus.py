"""Picks, misses and wrongs of `map init` on each layout of the test corpus.

    python benchmarks/map_corpus.py

Prints a Markdown table, then every miss and wrong pick.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.drafting.corpus import CASES, CORPUS, tally
from typer.testing import CliRunner

from dealcheck.cli import app


def main() -> None:
    """Draft each layout's mapping and print the table."""
    runner = CliRunner()
    rows, details = [], []
    with tempfile.TemporaryDirectory() as folder:
        for layout, (name, options) in CASES.items():
            draft = Path(folder) / f"{layout}.map.yaml"
            result = runner.invoke(
                app, ["map", "init", str(CORPUS / layout / name), *options, "-o", str(draft)]
            )
            if result.exit_code != 0:
                raise SystemExit(f"{layout}: map init failed: {result.output}")
            judged = tally(draft, layout)
            rows.append((layout, judged.picks, len(judged.misses), len(judged.wrongs)))
            details += [f"{layout}: miss {m}" for m in judged.misses]
            details += [f"{layout}: WRONG {w}" for w in judged.wrongs]
    print("| layout | picks | misses | wrong |\n|---|---:|---:|---:|")
    for row in rows:
        print("| {} | {} | {} | {} |".format(*row))
    total = [sum(r[i] for r in rows) for i in (1, 2, 3)]
    print(f"| **all {len(rows)}** | {total[0]} | {total[1]} | {total[2]} |")
    print("\n".join(["", *details]))


if __name__ == "__main__":
    main()
