"""Synthetic won and lost deals with planted effects, for the learning tests.

A seeded generator stands in for a team's CRM history (MEDDPICC levels, red flags,
stage reached, loss reasons), with what the data should reveal known in advance:

* **planted predictor**: a deal whose economic buyer is not confirmed (any level but
  `confirmed`, or blank) is lost three times as often as one whose economic buyer is
  confirmed (loss rate 60 % against 20 %);
* **planted non-predictor**: `competition` is drawn independently of the outcome, and
  so is the `signature-path-unknown` red flag; every other criterion too;
* **a planted flag, on request**: with `flag_odds=0.5`, `signature-path-unknown` halves
  the odds of winning (the fit and backtest tests learn that flag's points).

`synthetic_deals` gives the history as `ClosedDeal`s (what the learning wing
computes on); `write_export` writes the same history as a raw CRM export plus its
mapping, with open deals mixed in, so tests can run the real command on it. Reading
that export back yields exactly `synthetic_deals` (for the fields a CRM export holds).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dealcheck.learn.history import ClosedDeal

FRAMEWORK = "meddpicc"
PREDICTOR = "economic-buyer"
NON_PREDICTOR = "competition"
NON_PREDICTOR_FLAG = "signature-path-unknown"
#: The flag whose effect `flag_odds` plants (by default it has none).
FLAG = NON_PREDICTOR_FLAG
#: What the fit tests plant: `FLAG` halves the odds of winning.
HALF_ODDS = 0.5
#: Loss rates of the planted predictor: economic buyer confirmed, and not.
LOSS_RATE_CONFIRMED = 0.2
LOSS_RATE_UNCONFIRMED = 0.6

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
#: Column header per criterion, as a CRM would name it.
CRITERION_COLUMNS = {
    "metrics": "Metrics",
    "economic-buyer": "Economic Buyer",
    "decision-criteria": "Decision Criteria",
    "decision-process": "Decision Process",
    "paper-process": "Paper Process",
    "identified-pain": "Identified Pain",
    "champion": "Champion",
    "competition": "Competition",
}
FLAG_COLUMNS = {
    "champion-left": "Champion Left",
    "no-economic-buyer-access": "No EB Access",
    "signature-path-unknown": "Signature Path Unknown",
}
#: Level id -> the CRM's word for it; None is a blank cell (unknown).
LEVEL_WORDS = {
    "absent": "None",
    "assumed": "Assumed",
    "partial": "Partial",
    "confirmed": "Confirmed",
}
LEVELS: tuple[str | None, ...] = (None, "absent", "assumed", "partial", "confirmed")
LEVEL_ODDS = (10, 15, 25, 25, 25)
STAGES = {
    "discovery": "Needs Analysis",
    "qualification": "Qualified",
    "proposal": "Proposal",
    "negotiation": "Negotiation",
}
PRODUCTS = ("Core", "Analytics", "Platform")
OWNERS = ("Ana Kim", "Ben Ortiz", "Chloe Park", "Dev Rao", "Eun-ji Lee", "Femi Ade")
LOSS_REASONS = ("No budget", "Chose a competitor", "No decision", "Price")
FIRST_CLOSE = date(2024, 1, 1)
DAYS = 730

HEADER = [
    "Opportunity ID",
    "Opportunity Name",
    "Owner",
    "Product",
    "Stage",
    "Last Stage",
    "Created Date",
    "Close Date",
    "Amount",
    "Loss Reason",
    *CRITERION_COLUMNS.values(),
    *FLAG_COLUMNS.values(),
]

MAPPING = (
    f"""\
frameworks: [{FRAMEWORK}]
columns:
  deal_id: Opportunity ID
  name: Opportunity Name
  owner: Owner
  stage: Stage
  stage_reached: Last Stage
  created_date: Created Date
  close_date: Close Date
  amount: Amount
  loss_reason: Loss Reason
currency: USD
attributes: [Product]
values: {{Confirmed: confirmed, Partial: partial, Assumed: assumed, None: absent}}
stages:
  Needs Analysis: discovery
  Qualified: qualification
  Proposal: proposal
  Negotiation: negotiation
  Closed Won: won
  Closed Lost: lost
criteria:
  {FRAMEWORK}:
"""
    + "".join(
        f"    {criterion}: {{column: {column}}}\n"
        for criterion, column in CRITERION_COLUMNS.items()
    )
    + "red_flags:\n  "
    + FRAMEWORK
    + ":\n"
    + "".join(f"    {flag}: {{column: {column}}}\n" for flag, column in FLAG_COLUMNS.items())
)


@dataclass(frozen=True)
class SyntheticRow:
    """One generated deal: the closed deal, or an open one (`deal.won` then meaningless)."""

    deal: ClosedDeal
    is_open: bool
    open_stage: str | None = None


def _rows(closed: int, open_deals: int, seed: int, flag_odds: float = 1.0) -> list[SyntheticRow]:
    rng = random.Random(seed)
    rows: list[SyntheticRow] = []
    total = closed + open_deals
    open_at = set(rng.sample(range(total), open_deals))
    for n in range(total):
        levels = {c: rng.choices(LEVELS, LEVEL_ODDS)[0] for c in CRITERIA}
        flags = frozenset(f for f in FLAG_COLUMNS if rng.random() < 0.2)
        confirmed = levels[PREDICTOR] == "confirmed"
        loss_rate = LOSS_RATE_CONFIRMED if confirmed else LOSS_RATE_UNCONFIRMED
        if flag_odds != 1.0 and FLAG in flags:
            loss_rate = 1 / (1 + flag_odds * (1 - loss_rate) / loss_rate)
        lost = rng.random() < loss_rate
        stage = rng.choice(list(STAGES))
        closed_on = FIRST_CLOSE + timedelta(days=n * DAYS // total)
        deal = ClosedDeal(
            deal_id=f"D{n:06d}",
            won=not lost,
            closed_on=closed_on,
            stage_reached=stage,
            levels=levels,
            flags=flags,
            loss_reason=rng.choice(LOSS_REASONS) if lost else None,
            attributes={"owner": rng.choice(OWNERS), "Product": rng.choice(PRODUCTS)},
        )
        is_open = n in open_at
        rows.append(SyntheticRow(deal, is_open, rng.choice(list(STAGES)) if is_open else None))
    return rows


def synthetic_deals(
    closed: int = 1200, *, open_deals: int = 0, seed: int = 14, flag_odds: float = 1.0
) -> list[ClosedDeal]:
    """The closed deals of a synthetic history, oldest first.

    Args:
        closed: How many won or lost deals.
        open_deals: Open deals drawn beside them (they change nothing here, but keep
            the closed deals identical to those of `write_export` with the same count).
        seed: The random seed; the same arguments always give the same deals.
        flag_odds: What `FLAG` does to the odds of winning (1: nothing, `HALF_ODDS`:
            halves them).
    """
    return [row.deal for row in _rows(closed, open_deals, seed, flag_odds) if not row.is_open]


def write_export(
    folder: Path, closed: int = 1200, *, open_deals: int = 150, seed: int = 14
) -> tuple[Path, Path]:
    """Write the history as a CRM export (`history.csv`) and its mapping (`history.map.yaml`).

    Returns:
        The export's path and the mapping's path.
    """
    export = folder / "history.csv"
    mapping = folder / "history.map.yaml"
    with export.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for row in _rows(closed, open_deals, seed):
            writer.writerow(_cells(row))
    mapping.write_text(MAPPING, encoding="utf-8")
    return export, mapping


def _cells(row: SyntheticRow) -> list[str]:
    deal = row.deal
    assert deal.closed_on is not None and deal.stage_reached is not None
    if row.is_open:
        stage, reached, closed_on, reason = STAGES[row.open_stage or "discovery"], "", "", ""
    else:
        stage = "Closed Won" if deal.won else "Closed Lost"
        reached, closed_on = STAGES[deal.stage_reached], deal.closed_on.isoformat()
        reason = deal.loss_reason or ""
    created = (deal.closed_on - timedelta(days=90)).isoformat()
    levels = [LEVEL_WORDS[level] if level else "" for level in deal.levels.values()]
    flags = ["Yes" if flag in deal.flags else "No" for flag in FLAG_COLUMNS]
    return [
        deal.deal_id,
        f"Deal {deal.deal_id}",
        deal.attributes["owner"],
        deal.attributes["Product"],
        stage,
        reached,
        created,
        closed_on,
        "25000",
        reason,
        *levels,
        *flags,
    ]
