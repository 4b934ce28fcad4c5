"""The pipeline summary, built a chunk of rows at a time without keeping rows.

Two small tallies (by verdict and stage; by owner, period and forecast), counters
of gaps, red flags and hygiene (counted once per chunk), and bounded top-N lists; the
tallies fold into the per-section tables when they grow. Nothing is kept per distinct
combination of answers: every row may be a new one. `freeze` turns it all into a
`PipelineSummary` (model.py) that terminal, Markdown, HTML and JSON renderers read
without recomputing anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from dealcheck.batch.read.quota import Quota
from dealcheck.batch.score.hygiene import STUCK
from dealcheck.batch.score.row_plan import DealBasics
from dealcheck.batch.score.row_verdicts import RowVerdict
from dealcheck.batch.summarise.deal_lists import DealLists
from dealcheck.batch.summarise.forecast import COMMIT, ForecastRules
from dealcheck.batch.summarise.freeze import freeze_tables
from dealcheck.batch.summarise.model import ListedDeal, PipelineSummary, RejectedRow, Tally
from dealcheck.batch.summarise.sections import Tables
from dealcheck.bounded import kept
from dealcheck.errors import Message

__all__ = ["ListedDeal", "PipelineSummary", "RejectedRow", "SummaryBuilder", "Tally"]

OWNER_LIMIT = 500
TALLY_FOLD_LIMIT = 8192
CLASS_CACHE_LIMIT = 8192
REJECT_EXAMPLES = 20
UNMAPPED_LIMIT = 200
EXAMPLES_PER_COLUMN = 3
PART_SEQUENCE_SPAN = 1 << 40
#: The owner shown for deals of owners past `OWNER_LIMIT`.
OTHER_OWNERS = "…"
#: A scored row as the summary counts it: line, verdict, basics, hygiene, CRM category.
ScoredRow = tuple[int, RowVerdict, DealBasics, tuple[str, ...], str]


class SummaryBuilder:
    """Accumulates a `PipelineSummary` one row at a time, in bounded memory.

    Args:
        frameworks: Ids of the frameworks scored.
        today: The reference date (close dates, aging).
        closing_soon_days: "At risk" looks this many days ahead.
        rules: The forecast rules.
        critical: Ids of the critical criteria (a gap there puts commit at risk).
        stopping: Ids of the red flags that disqualify a deal.
    """

    def __init__(
        self,
        frameworks: list[str],
        today: date,
        closing_soon_days: int,
        rules: ForecastRules,
        critical: frozenset[str] = frozenset(),
        stopping: frozenset[str] = frozenset(),
    ) -> None:
        self.frameworks = frameworks
        self.today = today
        self.soon = closing_soon_days
        self.rules = rules
        self.critical = critical
        self.basics_only = False
        #: (owner or "" for the team, period or "" for today's) -> (quota, currency).
        self.quota: Quota = {}
        self.sources: list[str] = []
        self.scored = self.rejected = self.blank_lines = 0
        # Deals and amounts by (recommendation, grade, stage, forecast, lead, currency)
        # and by (owner, period, forecast, CRM category, lead, currency): a few hundred
        # keys each. Past TALLY_FOLD_LIMIT keys they fold into the per-section tables.
        self._by_verdict: dict[tuple[object, ...], list[Any]] = {}
        self._by_owner: dict[tuple[object, ...], list[Any]] = {}
        self.tables = Tables()
        for name in ("gaps", "flags", "hygiene", "stuck"):
            self.tables.counter(name)  # counted a chunk of rows at a time (`add_many`)
        self._rows: dict[tuple[object, ...], tuple[str, str, bool, bool]] = {}
        self._critical: dict[tuple[str, ...], str] = {}
        self._dates: dict[date | None, tuple[str, int | None]] = {}
        self.reject_reasons: Counter[str] = Counter()
        self.reject_examples: list[RejectedRow] = []
        self.unmapped: Counter[tuple[str, str]] = Counter()
        self.unreadable: dict[str, list[Any]] = {}
        self.warnings: list[str] = []
        self.stopping = stopping
        self.lists = DealLists(closing_soon_days, stopping)

    def __getstate__(self) -> dict[str, Any]:
        # Sent back from a worker process: the row reader stays behind.
        return {**self.__dict__, "_rows": {}, "_dates": {}, "_critical": {}}

    def add_many(self, source: str, scored: Sequence[ScoredRow]) -> None:
        """Count scored rows, in input order: (line, verdict, basics, hygiene, CRM category).

        Gaps, red flags and hygiene are gathered over the rows and counted once.
        """
        self.scored += len(scored)
        tables, lists, discussed = self.tables, self.lists, self.lists.discuss
        by_verdict, by_owner, tally = self._by_verdict, self._by_owner, self._tally
        infos, dates, criticals = self._rows, self._dates, self._critical
        gaps_seen: list[str] = []
        flags_seen: list[str] = []
        fired_seen: list[str] = []
        owner_gaps: dict[str, list[str]] = {}
        aging, owners, today = tables.aging, tables.owners, self.today
        for line, row, deal, fired, crm in scored:
            currency, close, owner = deal.currency, deal.close_date, deal.owner
            value = deal.amount or 0.0
            verdict = row.verdict
            # Per distinct stage and verdict, and per distinct date, each computed once.
            kind = (row.stage, verdict.recommendation, bool(verdict.red_flags), row.closed)
            info = infos.get(kind)
            if info is None:
                info = self._row_info(kind)
            when = dates.get(close)
            if when is None:
                when = self._date_info(close)
            days = when[1]
            forecast = info[0] if days is not None and days >= 0 else info[1]
            if owner not in discussed and len(discussed) >= OWNER_LIMIT:
                owner = OTHER_OWNERS
            lead = info[3]
            tally(
                by_verdict,
                (verdict.recommendation, verdict.grade, row.stage_label, forecast, lead, currency),
                value,
            )
            if row.unmapped:
                self.count_unmapped(row.unmapped)
            if row.closed:
                continue
            tally(by_owner, (owner, when[0], forecast, crm, lead, currency), value)
            if lead:  # a lead is out of the pipeline figures: its aging, gaps, flags, hygiene
                continue
            gaps = verdict.gaps
            gaps_seen += gaps
            flags_seen += verdict.red_flags
            if fired:
                fired_seen += fired
                if STUCK in fired:
                    tables.counter("stuck")[row.stage_label] += 1
            mine = owners.get(owner)
            if mine is None:
                mine = owners[owner] = [Counter(), 0, 0]
            if gaps:
                owner_gaps.setdefault(owner, []).extend(gaps)
            mine[1] += row.belief
            mine[2] += row.known
            stage_aging = aging.get(row.stage_label)
            if stage_aging is None:
                stage_aging = aging[row.stage_label] = [0, 0, 0, 0, 0]
            stage_aging[0] += 1
            created = deal.created_date
            entered = deal.stage_since or created
            if entered is not None:
                stage_aging[1] += 1
                stage_aging[2] += max(0, (today - entered).days)  # a future date is a typo
            if created is not None:
                stage_aging[3] += 1
                stage_aging[4] += max(0, (today - created).days)
            critical = criticals.get(gaps)
            if critical is None:
                critical = self._first_critical(gaps)
            lists.offer(
                source,
                line,
                row,
                deal,
                forecast,
                days,
                info[2] or crm == COMMIT,
                critical,
                value,
                owner,
            )
        counters = tables.counters
        counters["gaps"].update(gaps_seen)  # Counter.update counts a list in C
        counters["flags"].update(flags_seen)
        counters["hygiene"].update(fired_seen)
        for owner, named in owner_gaps.items():
            owners[owner][0].update(named)

    def _tally(
        self, tallies: dict[tuple[object, ...], list[Any]], key: tuple[object, ...], value: float
    ) -> None:
        """Count one deal and its amount under `key`; fold when the tallies grow large."""
        tally = tallies.get(key)
        if tally is None:
            tallies[key] = [1, value]
            if len(tallies) > TALLY_FOLD_LIMIT:
                self.fold()
        else:
            tally[0] += 1
            tally[1] += value

    def _row_info(self, kind: tuple[object, ...]) -> tuple[str, str, bool, bool]:
        """What a stage and verdict mean for the forecast, computed once for each.

        (forecast with the close date ahead, forecast otherwise, stage says commit, a
        lead not yet in the pipeline); closed deals have no forecast ("").
        """
        stage, recommendation, flagged, closed = cast(tuple[Any, ...], kind)
        category, rules = self.rules.category, self.rules
        ahead = "" if closed else category(stage, recommendation, flagged, self.today, self.today)
        behind = "" if closed else category(stage, recommendation, flagged, None, self.today)
        lead = not closed and stage in rules.lead_stages
        info = (ahead, behind, rules.stage_category(stage) == COMMIT, lead)
        return kept(self._rows, kind, info, CLASS_CACHE_LIMIT)

    def _first_critical(self, gaps: tuple[str, ...]) -> str:
        """The first gap on a critical criterion ("" for none), kept per gap list."""
        critical = next((g for g in gaps if g in self.critical), "")
        return kept(self._critical, gaps, critical, CLASS_CACHE_LIMIT)

    def _date_info(self, close: date | None) -> tuple[str, int | None]:
        """(close period, days from today to the close date) of one date."""
        when = (
            self.rules.period_of(close),
            (close - self.today).days if close is not None else None,
        )
        return kept(self._dates, close, when, CLASS_CACHE_LIMIT)

    def reject(
        self, source: str, line: int, reason: str, code: str, message: Message | None = None
    ) -> None:
        """Count one rejected row; keep the first few as examples."""
        self.rejected += 1
        self.reject_reasons[code] += 1
        if len(self.reject_examples) < REJECT_EXAMPLES:
            self.reject_examples.append(RejectedRow(source, line, reason, message))

    def count_unmapped(self, pairs: tuple[tuple[str, str], ...]) -> None:
        """Count a row's unmapped values: stage names apart, level columns per column."""
        for pair in pairs:
            column, value = pair
            if column == "stage":
                if pair in self.unmapped or len(self.unmapped) < UNMAPPED_LIMIT:
                    self.unmapped[pair] += 1
                continue
            entry = self.unreadable.get(column)
            if entry is None:
                entry = self.unreadable[column] = [0, []]
            entry[0] += 1
            if len(entry[1]) < EXAMPLES_PER_COLUMN and value not in entry[1]:
                entry[1].append(value)

    def fork(self, part: int) -> SummaryBuilder:
        """An empty builder for part `part` (0, 1, …) of the current input, to `merge` later.

        Its tie-breaking counter starts far above this builder's, so earlier parts keep
        ranking before later ones exactly as in one pass.
        """
        other = SummaryBuilder(
            self.frameworks, self.today, self.soon, self.rules, self.critical, self.stopping
        )
        other.sources = list(self.sources)
        other.quota = self.quota
        other.lists.sequence = self.lists.sequence + part * PART_SEQUENCE_SPAN
        return other

    def merge(self, part: SummaryBuilder) -> None:
        """Add a part's counts, in input order (merge part 0, then 1, …)."""
        self.scored += part.scored
        self.rejected += part.rejected
        self.blank_lines += part.blank_lines
        self.fold()
        part.fold()
        self.tables.merge(part.tables)
        self.reject_reasons.update(part.reject_reasons)
        room = REJECT_EXAMPLES - len(self.reject_examples)
        self.reject_examples += part.reject_examples[: max(room, 0)]
        for pair, count in part.unmapped.items():
            if pair in self.unmapped or len(self.unmapped) < UNMAPPED_LIMIT:
                self.unmapped[pair] += count
        for column, (rows, examples) in part.unreadable.items():
            entry = self.unreadable.setdefault(column, [0, []])
            entry[0] += rows
            entry[1] = list(dict.fromkeys(entry[1] + examples))[:EXAMPLES_PER_COLUMN]
        self.lists.merge(part.lists)

    def fold(self) -> None:
        """Move the tallies into the per-section tables."""
        self.tables.fold(self._by_verdict, self._by_owner)
        self._by_verdict.clear()
        self._by_owner.clear()

    def freeze(self) -> PipelineSummary:
        """The finished summary."""
        self.fold()
        return freeze_tables(self)
