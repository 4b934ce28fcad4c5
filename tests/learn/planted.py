"""A seeded synthetic history with planted effects, for the fit and backtest tests.

Every deal answers each MEDDPICC criterion with a level drawn at random. The outcome
depends on the economic buyer only: unconfirmed (below `confirmed`) loses 3x as often
(60 % against 20 %). `paper-process` (the planted non-predictor) and the other criteria
have no effect. `signature-path-unknown` (a subtract flag) is raised in a quarter of
the deals and halves the odds of winning.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dealcheck.learn.history import ClosedDeal

LEVELS = ("absent", "assumed", "partial", "confirmed")
CRITERIA = (
    "metrics",
    "economic-buyer",
    "decision-criteria",
    "decision-process",
    "paper-process",
    "identified-pain",
    "champion",
    "competition",
)
PREDICTOR = "economic-buyer"
NON_PREDICTOR = "paper-process"
FLAG = "signature-path-unknown"
FIRST_DAY = date(2024, 1, 1)


def planted_history(count: int, *, seed: int = 14, dated: bool = True) -> list[ClosedDeal]:
    """`count` closed deals, oldest first, one a day or so."""
    rng = random.Random(seed)
    deals = []
    for number in range(count):
        levels: dict[str, str | None] = {
            c: rng.choice(LEVELS) if rng.random() > 0.1 else None for c in CRITERIA
        }
        confirmed = levels[PREDICTOR] == "confirmed"
        lose = 0.2 if confirmed else 0.6
        odds = (1 - lose) / lose
        flags = frozenset({FLAG} if rng.random() < 0.25 else set())
        if flags:
            odds /= 2
        won = rng.random() < odds / (1 + odds)
        deals.append(
            ClosedDeal(
                deal_id=f"D{number:06d}",
                won=won,
                closed_on=FIRST_DAY + timedelta(days=number * 730 // max(count, 1))
                if dated
                else None,
                levels=levels,
                flags=flags,
            )
        )
    return deals
