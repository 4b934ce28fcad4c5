"""The per-section tables of the pipeline summary, and how they become a `PipelineSummary`.

Every amount is kept per currency. Closed deals go to their own table and nowhere
else, so every open section counts open deals only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from dealcheck.batch.score.hygiene import STUCK
from dealcheck.batch.summarise.forecast import CATEGORIES, COMMIT, OMITTED
from dealcheck.batch.summarise.model import (
    Coverage,
    Disagreement,
    Money,
    OwnerView,
    PipelineSummary,
    StageAging,
    Tally,
    UnreadableColumn,
)

if TYPE_CHECKING:
    from dealcheck.batch.summarise.builder import SummaryBuilder

Entry = list[Any]  # [deals, Money]


def _entry() -> Entry:
    return [0, {}]


def _add(table: dict[Any, Entry], key: object, count: int, currency: str, amount: float) -> None:
    entry = table.get(key)
    if entry is None:
        entry = table[key] = [0, {}]
    entry[0] += count
    money: Money = entry[1]
    money[currency] = money.get(currency, 0.0) + amount


def _add_entry(table: dict[Any, Entry], key: object, other: Entry) -> None:
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

    def count_open(
        self,
        owner: str,
        gaps: tuple[str, ...],
        flags: tuple[str, ...],
        fired: tuple[str, ...],
        row: Any,
    ) -> None:
        """Count an open deal's gaps, red flags and hygiene, for the team and its owner."""
        counters = self.counters
        team_gaps = counters["gaps"]
        for item in gaps:
            team_gaps[item] += 1
        if flags:
            team_flags = counters["flags"]
            for item in flags:
                team_flags[item] += 1
        if fired:
            hygiene = counters["hygiene"]
            for item in fired:
                hygiene[item] += 1
            if STUCK in fired:
                counters["stuck"][row.stage_label] += 1
        mine = self.owners.get(owner)
        if mine is None:
            mine = self.owners[owner] = [Counter(), 0, 0]
        if gaps:
            owner_gaps = mine[0]
            for item in gaps:
                owner_gaps[item] += 1
        mine[1] += row.belief
        mine[2] += row.known

    def age(
        self, stage: str, close: date | None, created: date | None, since: date | None, today: date
    ) -> None:
        """Add one open deal's days in stage and age to its stage."""
        aging = self.aging.get(stage)
        if aging is None:
            aging = self.aging[stage] = [0, 0, 0, 0, 0]
        aging[0] += 1
        entered = since or created
        if entered is not None:
            aging[1] += 1
            aging[2] += max(0, (today - entered).days)  # a future date is a typo
        if created is not None:
            aging[3] += 1
            aging[4] += max(0, (today - created).days)

    def merge(self, other: Tables) -> None:
        """Add another part's tables."""
        for name, table in other.entries.items():
            mine = self.table(name)
            for key, entry in table.items():
                _add_entry(mine, key, entry)
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


def _tally(entry: Entry) -> Tally:
    return Tally(int(entry[0]), {c: round(a, 2) for c, a in sorted(entry[1].items())})


def _sum(entries: list[Entry]) -> Entry:
    total: dict[Any, Entry] = {}
    for entry in entries:
        _add_entry(total, "", entry)
    return total.get("", _entry())


def _minus(entry: Entry, other: Entry) -> Entry:
    money = {c: a - other[1].get(c, 0.0) for c, a in entry[1].items()}
    money = {c: a if abs(a) >= 0.005 else 0.0 for c, a in money.items()}  # no "-0"
    return [entry[0] - other[0], money]


def _by_count(table: dict[Any, Entry]) -> dict[str, Tally]:
    ordered = sorted(table.items(), key=lambda kv: (-kv[1][0], str(kv[0])))
    return {str(k): _tally(v) for k, v in ordered}


def freeze_tables(builder: SummaryBuilder) -> PipelineSummary:
    """The finished summary of a builder whose tallies are folded."""
    tables, rules = builder.tables, builder.rules
    funnel = {stage: n for n, stage in enumerate(rules.stage_order)}

    def in_funnel(key: str) -> tuple[int, int, str]:
        return (funnel.get(key, len(funnel)), -int(tables.table("stage")[key][0]), key)

    stage_table = tables.table("stage")
    weighted: dict[Any, Entry] = {}
    for (stage, forecast), entry in tables.table("stage_forecast").items():
        if forecast != OMITTED:
            share = rules.probabilities.get(stage, 0.0)
            _add_entry(weighted, "", [entry[0], {c: a * share for c, a in entry[1].items()}])
    periods: dict[str, dict[str, Tally]] = {}
    for (period, forecast), entry in sorted(
        tables.table("period").items(), key=lambda kv: (kv[0][0] == "", kv[0][0])
    ):
        periods.setdefault(period, {})[forecast] = _tally(entry)
    periods = {p: {c: split[c] for c in CATEGORIES if c in split} for p, split in periods.items()}
    owners = _owners(builder)
    aging = [
        StageAging(
            stage,
            int(figures[0]),
            round(figures[2] / figures[1], 1) if figures[1] else None,
            round(figures[4] / figures[3], 1) if figures[3] else None,
            tables.counter("stuck")[stage],
        )
        for stage, figures in sorted(
            tables.aging.items(), key=lambda kv: (funnel.get(kv[0], len(funnel)), kv[0])
        )
    ]
    forecast_table = tables.table("forecast")
    leads = tables.table("leads").get("", _entry())
    lists = builder.lists
    coverage = _coverage(builder)
    return PipelineSummary(
        sources=list(builder.sources),
        frameworks=list(builder.frameworks),
        today=builder.today,
        rows=builder.scored + builder.rejected,
        scored=builder.scored,
        rejected=builder.rejected,
        blank_lines=builder.blank_lines,
        open=_tally(_minus(_sum(list(tables.table("recommendation").values())), leads)),
        leads=_tally(leads),
        closed=_by_count(tables.table("closed")),
        by_recommendation=_by_count(tables.table("recommendation")),
        by_grade={k: _tally(v) for k, v in sorted(tables.table("grade").items())},
        by_stage={k: _tally(stage_table[k]) for k in sorted(stage_table, key=in_funnel)},
        gaps=tables.counter("gaps").most_common(10),
        red_flags=tables.counter("flags").most_common(10),
        hygiene=tables.counter("hygiene").most_common(),
        at_risk=lists["at_risk"].ranked(),
        reject_reasons=builder.reject_reasons.most_common(),
        reject_examples=list(builder.reject_examples),
        unmapped_values=[(c, v, n) for (c, v), n in builder.unmapped.most_common(10)],
        currencies=[c for c, _ in tables.counter("currencies").most_common()],
        forecast={c: _tally(forecast_table[c]) for c in CATEGORIES if c in forecast_table},
        weighted={c: round(a, 2) for c, a in sorted(_sum(list(weighted.values()))[1].items())},
        crm_disagreements=[
            Disagreement(crm, ours, _tally(entry))
            for (crm, ours), entry in sorted(
                tables.table("disagreement").items(), key=lambda kv: (-kv[1][0], kv[0])
            )
        ],
        remove_from_forecast=lists["remove"].ranked(),
        commit_at_risk=lists["commit_at_risk"].ranked(),
        update_close_date=lists["update_close"].ranked(),
        by_owner=owners,
        by_period=periods,
        aging=aging,
        coverage=coverage,
        unreadable=[
            UnreadableColumn(column, int(rows), tuple(examples))
            for column, (rows, examples) in sorted(
                builder.unreadable.items(), key=lambda kv: (-kv[1][0], kv[0])
            )
        ],
        largest=lists["largest"].ranked(),
        basics_only=builder.basics_only,
        closing_soon_days=builder.soon,
        period=rules.period,
        warnings=list(builder.warnings),
    )


def _owners(builder: SummaryBuilder) -> list[OwnerView]:
    tables = builder.tables
    split: dict[str, dict[str, Entry]] = {}
    for (owner, _, forecast), entry in tables.table("owner_period").items():
        _add_entry(split.setdefault(owner, {}), forecast, entry)
    views = []
    for owner, by_forecast in split.items():
        gaps, belief, known = tables.owners.get(owner, [Counter(), 0, 0])
        views.append(
            OwnerView(
                owner,
                _tally(
                    _minus(
                        _sum(list(by_forecast.values())),
                        tables.table("owner_leads").get(owner, _entry()),
                    )
                ),
                {c: _tally(by_forecast[c]) for c in CATEGORIES if c in by_forecast},
                gaps.most_common(3),
                round(belief / known, 2) if known else None,
                builder.discuss[owner].ranked() if owner in builder.discuss else [],
            )
        )
    views.sort(key=lambda v: (-v.open.deals, v.owner))
    return views


def _coverage(builder: SummaryBuilder) -> list[Coverage]:
    """Open pipeline (all but omitted) and commit against each quota, in its currency."""
    table = builder.tables.table("owner_period")
    current = builder.rules.period_of(builder.today)
    currencies = [c for c in builder.tables.counter("currencies") if c]
    only = currencies[0] if len(currencies) == 1 else ""
    found = []
    for (owner, period), (quota, currency) in sorted(builder.quota.items()):
        period, currency = period or current, currency or only
        pipeline = commit = 0.0
        for (who, when, forecast), entry in table.items():
            if when != period or (owner and who != owner) or forecast == OMITTED:
                continue
            amount = entry[1].get(currency, 0.0)
            pipeline += amount
            commit += amount if forecast == COMMIT else 0.0
        found.append(Coverage(owner, period, currency, quota, round(pipeline, 2), round(commit, 2)))
    return found
