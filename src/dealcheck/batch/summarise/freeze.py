"""The finished pipeline summary: the section tables turned into a `PipelineSummary`.

Sorted, rounded and put in the order every renderer shows: the funnel's stage order,
forecast categories in order, owners by open deals, coverage against each quota.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from dealcheck.batch.summarise.forecast import CATEGORIES, COMMIT, OMITTED
from dealcheck.batch.summarise.model import (
    Coverage,
    Disagreement,
    OwnerView,
    PipelineSummary,
    StageAging,
    Tally,
    UnreadableColumn,
)
from dealcheck.batch.summarise.sections import Entry, add_entry, new_entry

if TYPE_CHECKING:
    from dealcheck.batch.summarise.builder import SummaryBuilder


def _tally(entry: Entry) -> Tally:
    return Tally(int(entry[0]), {c: round(a, 2) for c, a in sorted(entry[1].items())})


def _sum(entries: list[Entry]) -> Entry:
    total: dict[Any, Entry] = {}
    for entry in entries:
        add_entry(total, "", entry)
    return total.get("", new_entry())


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
        # No stage probabilities (red flags alone, no `forecast.probabilities`): no
        # weighted pipeline, rather than one of 0.
        if forecast != OMITTED and rules.probabilities:
            share = rules.probabilities.get(stage, 0.0)
            add_entry(weighted, "", [entry[0], {c: a * share for c, a in entry[1].items()}])
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
    leads = tables.table("leads").get("", new_entry())
    lists = builder.lists.top
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
        add_entry(split.setdefault(owner, {}), forecast, entry)
    views = []
    for owner, by_forecast in split.items():
        gaps, belief, known = tables.owners.get(owner, [Counter(), 0, 0])
        views.append(
            OwnerView(
                owner,
                _tally(
                    _minus(
                        _sum(list(by_forecast.values())),
                        tables.table("owner_leads").get(owner, new_entry()),
                    )
                ),
                {c: _tally(by_forecast[c]) for c in CATEGORIES if c in by_forecast},
                gaps.most_common(3),
                round(belief / known, 2) if known else None,
                builder.lists.discuss[owner].ranked() if owner in builder.lists.discuss else [],
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
