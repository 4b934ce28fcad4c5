"""Deal files with long histories: size on disk and load time.

Usage: python benchmarks/deal_history.py [--runs 3] [--sizes 50,500,2000]

Builds deals re-qualified weekly against MEDDPICC with realistic evidence (English and
Hangul, most of it carried forward unchanged, one or two answers moving each week), saves
each with `dealcheck.deals.store.save_deal` (each qualification after the first stored as
its changes), and also writes the same history as it was written before (every
qualification repeating every answer). For both it reports the file size and the median
time of `load_deal`; the baseline, measured in the same run on the same file as the
stored one, is `yaml.load` with PyYAML's C safe loader (no locations, no checks, no
validation). A file in full past the 4 MiB a deal file may hold is refused, as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dealcheck.deals import store
from dealcheck.deals.model import Deal
from dealcheck.language.loading import load_framework

EVIDENCE = [
    "CFO said the close takes 12 days and two analysts work weekends; wants it under five.",
    "재무팀장이 월말 마감에 12일이 걸린다고 말함. 분석가 두 명이 주말에도 일함.",
    "Champion (Min-jun, VP Ops) sent our deck to the CIO unprompted and booked the demo.",
    "구매 절차: 보안 검토 2주, 법무 검토 1주, 대표이사 결재. 조달팀 담당자 확인함.",
    "Budget line approved in the FY plan, 180k USD, confirmed in writing by procurement.",
    "경쟁사 A사가 같은 평가에 들어와 있음. 가격은 우리보다 20% 낮다고 들음.",
    "Decision criteria shared as a scored sheet: integration, SSO, Korean support, price.",
    "Paper process: MSA redlines back from legal, DPA pending, PO after signature.",
]


def history(qualifications: int, seed: int = 7) -> dict[str, Any]:
    """A deal's data with `qualifications` weekly qualifications; 1-2 answers move each week."""
    meddpicc = load_framework("meddpicc")
    rng = random.Random(seed)
    levels = {c.id: [lv.id for lv in (c.scale or meddpicc.scale).root] for c in meddpicc.criteria}
    current: dict[str, dict[str, Any]] = {
        cid: {"level": ids[0], "evidence": rng.choice(EVIDENCE), "source": "belief"}
        for cid, ids in levels.items()
    }
    flags = {flag.id: "no" for flag in meddpicc.red_flags}
    day = dt.date(2021, 1, 4)
    items = []
    for n in range(qualifications):
        for cid in rng.sample(sorted(current), k=rng.randint(1, 2)):
            note = f"{rng.choice(EVIDENCE)} (week {n + 1})"
            current[cid] = {
                "level": rng.choice(levels[cid]),
                "evidence": note,
                "source": rng.choice(["customer", "document", "belief"]),
                "confirmed_on": day.isoformat(),
            }
        items.append(
            {
                "date": day.isoformat(),
                "stage": "discovery",
                "frameworks": [f"meddpicc@{meddpicc.version}"],
                "answers": {
                    "meddpicc": {
                        "criteria": {k: dict(v) for k, v in current.items()},
                        "red_flags": dict(flags),
                    }
                },
                "result": {"score": 41.5, "grade": "C", "recommendation": "dig-deeper"},
            }
        )
        day += dt.timedelta(days=7)
    return {"name": "한빛 물류 – 데이터 플랫폼", "company": "한빛 물류", "qualifications": items}


def median_seconds(function: Callable[[], object], runs: int) -> float:
    """Median wall time of `function()` over `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Write both formats for each size and print sizes and load times."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="50,500,2000")
    args = parser.parse_args()
    print(
        f"{'quals':>6} {'full KB':>8} {'stored KB':>10} {'C yaml':>8} "
        f"{'load full':>10} {'load stored':>12} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            data = history(size)
            full = Path(folder) / f"full-{size}.yaml"
            full.write_text(store.HEADER + store.dump(data), encoding="utf-8")
            stored = Path(folder) / f"stored-{size}.yaml"
            store.save_deal(stored, Deal.model_validate(data))
            text = stored.read_text(encoding="utf-8")
            baseline = median_seconds(
                lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader), args.runs
            )
            if full.stat().st_size <= store.DEAL_MAX_BYTES:
                assert store.load_deal(stored) == store.load_deal(full)
                seconds = median_seconds(lambda p=full: store.load_deal(p), args.runs)
                load_full = f"{seconds:>9.3f}s"
            else:
                load_full = f"{'refused':>10}"
            load_stored = median_seconds(lambda p=stored: store.load_deal(p), args.runs)
            print(
                f"{size:>6,} {full.stat().st_size / 1024:>8,.0f} "
                f"{stored.stat().st_size / 1024:>10,.0f} {baseline:>7.3f}s "
                f"{load_full} {load_stored:>11.3f}s {load_stored / baseline:>6.1f}"
            )


if __name__ == "__main__":
    main()
