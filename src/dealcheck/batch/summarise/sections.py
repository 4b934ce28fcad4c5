"""The per-section tables of the pipeline summary, filled from tallies and row counts.

Every amount is kept per currency. Closed deals go to their own table and nowhere
else, so every open section counts open deals only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from dealcheck.batch.summarise.model import (
    Money,
)

if TYPE_CHECKING:
    pass

Entry = list[Any]  # [deals, Money]


def new_entry() -> Entry:
    """No deals, no amounts."""
    return [0, {}]


def _add(table: dict[Any, Entry], key: object, count: int, currency: str, amount: float) -> None:
    entry = table.get(key)
    if entry is None:
        entry = table[key] = [0, {}]
    entry[0] += count
    money: Money = entry[1]
    money[currency] = money.get(currency, 0.0) + amount


def add_entry(table: dict[Any, Entry], key: object, other: Entry) -> None:
    """Add another entry's deals and amounts to `table[key]`."""
    entry = table.get(key)
    if entry is None:
        entry = table[key] = [0, {}]
    entry[0] += other[0]
    for currency, amount in other[1].items():
        entry[1][currency] = entry[1].get(currency, 0.0) + amount


@dataclass
class Tables:
    """Counts per section; `fold` adds combined tallies, `merge` another part's tables."""

    entries: dict[str, dict[Any, Entry]] = field(default_factory=dict)
    counters: dict[str, Counter[str]] = field(default_factory=dict)
    owners: dict[str, list[Any]] = field(default_factory=dict)
    aging: dict[str, list[float]] = field(default_factory=dict)

    def table(self, name: str) -> dict[Any, Entry]:
        """The entries of one section (created empty)."""
        return self.entries.setdefault(name, {})

    def counter(self, name: str) -> Counter[str]:
        """The counts of one section (created empty)."""
        return self.counters.setdefault(name, Counter())

    def fold(
        self,
        by_verdict: dict[tuple[object, ...], list[Any]],
        by_owner: dict[tuple[object, ...], list[Any]],
    ) -> None:
        """Add tallies of deals and amounts.

        `by_verdict` is keyed (recommendation, grade, stage, forecast, lead, currency);
        `by_owner` (open deals) (owner, period, forecast, CRM category, lead, currency).
        """
        closed, leads = self.table("closed"), self.table("leads")
        tables = [self.table(n) for n in ("recommendation", "grade", "stage", "forecast")]
        stage_forecast, currencies = self.table("stage_forecast"), self.counter("currencies")
        for key, (count, amount) in by_verdict.items():
            shown, grade, label, forecast, lead, currency = cast(tuple[Any, ...], key)
            count = int(count)
            if currency:
                currencies[currency] += count
            if not forecast:  # closed: by outcome (won / lost / closed), nowhere else
                _add(closed, shown, count, currency, amount)
                continue
            if lead:  # scored and counted by stage, but out of the pipeline figures
                _add(leads, "", count, currency, amount)
            for table, name in zip(tables, (shown, grade, label, forecast), strict=True):
                _add(table, name, count, currency, amount)
            _add(stage_forecast, (label, forecast), count, currency, amount)
        period, crm_table = self.table("period"), self.table("disagreement")
        owner_period, owner_leads = self.table("owner_period"), self.table("owner_leads")
        for key, (count, amount) in by_owner.items():
            owner, close_period, forecast, crm, lead, currency = cast(tuple[Any, ...], key)
            count = int(count)
            if lead:
                _add(owner_leads, owner, count, currency, amount)
            _add(period, (close_period, forecast), count, currency, amount)
            _add(owner_period, (owner, close_period, forecast), count, currency, amount)
            if crm and crm != forecast:
                _add(crm_table, (crm, forecast), count, currency, amount)

    def merge(self, other: Tables) -> None:
        """Add another part's tables."""
        for name, table in other.entries.items():
            mine = self.table(name)
            for key, entry in table.items():
                add_entry(mine, key, entry)
        for name, counter in other.counters.items():
            self.counter(name).update(counter)
        for owner, (gaps, belief, known) in other.owners.items():
            mine_owner = self.owners.setdefault(owner, [Counter(), 0, 0])
            mine_owner[0].update(gaps)
            mine_owner[1] += belief
            mine_owner[2] += known
        for stage, figures in other.aging.items():
            mine_aging = self.aging.setdefault(stage, [0, 0, 0, 0, 0])
            for n, figure in enumerate(figures):
                mine_aging[n] += figure
