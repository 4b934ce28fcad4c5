"""Two weeks of a small pipeline, for the review renderers' tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dealcheck.review.compare import DealState, PipelineReview, compare

ACME = DealState(
    "006A",
    "Acme | data platform",
    "Acme",
    "Jane Kim",
    120_000.0,
    "discovery",
    date(2026, 6, 30),
    55.0,
    "dig-deeper",
    (),
)
GLOBEX = DealState(
    "006B",
    "Globex – licence",
    "Globex",
    "Priya",
    410_000.0,
    "proposal",
    date(2026, 5, 15),
    72.0,
    "advance",
    (),
)
EVIL = DealState(
    "006C",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    50_000.0,
    "negotiation",
    None,
    30.0,
    "disqualify",
    (),
)
HANBIT = DealState(
    "",
    "한빛정밀 설비 예지보전",
    "한빛정밀",
    "김민준",
    300_000_000.0,
    "discovery",
    date(2026, 9, 1),
    40.0,
    "dig-deeper",
    (),
)


def two_weeks() -> PipelineReview:
    before = [ACME, GLOBEX, EVIL, HANBIT]
    after = [
        replace(ACME, score=68.5, recommendation="advance", close_date=date(2026, 8, 14)),
        replace(GLOBEX, score=51.0, recommendation="dig-deeper", red_flags=("champion-left",)),
        replace(HANBIT, deal_id="HS-9", close_date=date(2026, 10, 1)),
        DealState(
            "006D",
            "Initech | *bold* _x_",
            "Initech",
            "Tom",
            80_000.0,
            "qualification",
            date(2026, 12, 1),
            25.0,
            "disqualify",
            ("price-leverage-only",),
        ),
    ]
    return compare(before, after, before_label="last-week.csv", after_label="this-week.csv")
