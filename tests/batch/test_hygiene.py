from __future__ import annotations

from datetime import date

import pytest

from dealcheck.batch.score.hygiene import HygieneRules
from dealcheck.batch.score.row_plan import DealBasics
from dealcheck.mapping.model import Hygiene, HygieneCheck

TODAY = date(2026, 6, 1)


def deal(
    amount: float | None = 100,
    close: date | None = date(2026, 7, 1),
    created: date | None = date(2026, 5, 1),
    since: date | None = None,
    next_step: str = "Call",
) -> DealBasics:
    return DealBasics("1", "Deal", "Co", amount, "USD", close, created, since, "Rep", next_step)


@pytest.mark.parametrize(
    ("basics", "stage", "closed", "fired"),
    [
        (deal(), "discovery", False, ()),
        (deal(close=date(2026, 5, 31)), "discovery", False, ("past-close-date",)),
        (deal(close=date(2026, 5, 31)), None, True, ()),
        (deal(close=date(2026, 4, 1)), "discovery", True, ("close-before-created",)),
        (deal(amount=None), "discovery", False, ("missing-amount",)),
        (deal(amount=0), "discovery", False, ("missing-amount",)),
        (deal(next_step="  "), "discovery", False, ("no-next-step",)),
        (deal(created=date(2026, 1, 1)), "discovery", False, ("stuck-in-stage",)),
        (deal(created=date(2026, 1, 1), since=date(2026, 5, 1)), "discovery", False, ()),
        (deal(since=date(2026, 4, 1)), "negotiation", False, ("stuck-in-stage",)),
        (deal(since=date(2026, 4, 1)), "discovery", False, ()),
    ],
)
def test_hygiene_checks(
    basics: DealBasics, stage: str | None, closed: bool, fired: tuple[str, ...]
) -> None:
    rules = HygieneRules(
        Hygiene(stuck_after_days=90, stuck_after_days_by_stage={"negotiation": 30}),
        TODAY,
        has_next_step=True,
    )
    assert rules.check(basics, stage, closed) == fired


def test_checks_can_be_switched_off_and_need_a_next_step_column() -> None:
    only = HygieneRules(Hygiene(checks=[HygieneCheck.MISSING_AMOUNT]), TODAY, has_next_step=True)
    assert only.check(deal(amount=None, next_step="", close=date(2020, 1, 1)), None, False) == (
        "missing-amount",
    )
    no_column = HygieneRules(Hygiene(), TODAY, has_next_step=False)
    assert no_column.check(deal(next_step=""), None, False) == ()
