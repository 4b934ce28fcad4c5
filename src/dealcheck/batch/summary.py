"""The pipeline summary: plain data with bounded aggregates, for every renderer.

Built row by row without keeping rows: counters, amount sums and a fixed-size heap of
the deals most at risk. Terminal, Markdown and (later) HTML renderers read the frozen
`PipelineSummary`; none of them recomputes anything.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from dealcheck.batch.plan import DealBasics, RowVerdict

AT_RISK_LIMIT = 10
TALLY_FOLD_LIMIT = 8192
REJECT_EXAMPLES = 20
UNMAPPED_LIMIT = 200
PART_SEQUENCE_SPAN = 1 << 40


@dataclass(frozen=True, slots=True)
class Tally:
    """How many deals, and their total amount."""

    deals: int
    amount: float


@dataclass(frozen=True, slots=True)
class AtRiskDeal:
    """A deal that deserves a look: large, weakly qualified, closing soon."""

    source: str
    line: int
    deal_id: str
    name: str
    company: str
    owner: str
    amount: float
    score: float
    recommendation: str
    close_date: date | None
    risk: float


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that was not scored, and why."""

    source: str
    line: int
    reason: str


@dataclass(frozen=True)
class PipelineSummary:
    """Everything a manager sees about a scored pipeline. Counts add up: scored + rejected = rows."""

    sources: list[str]
    frameworks: list[str]
    today: date
    rows: int
    scored: int
    rejected: int
    blank_lines: int
    by_recommendation: dict[str, Tally]
    by_grade: dict[str, Tally]
    by_stage: dict[str, Tally]
    gaps: list[tuple[str, int]]
    red_flags: list[tuple[str, int]]
    hygiene: list[tuple[str, int]]
    at_risk: list[AtRiskDeal]
    reject_reasons: list[tuple[str, int]]
    reject_examples: list[RejectedRow]
    unmapped_values: list[tuple[str, str, int]]
    currencies: list[str]
    warnings: list[str] = field(default_factory=list)
    distinct_answers: int = 0
    labels: dict[str, str] = field(default_factory=dict)


def risk_of(amount: float, score: float, close: date | None, today: date, soon_days: int) -> float:
    """Amount at stake × how unqualified × how soon it should close."""
    if close is None:
        urgency = 0.5
    else:
        days = (close - today).days
        urgency = 1.0 if days <= soon_days else 0.6 if days <= 3 * soon_days else 0.3
    return amount * (1.0 - score / 100.0) * urgency


class SummaryBuilder:
    """Accumulates a `PipelineSummary` one row at a time, in bounded memory."""

    def __init__(self, frameworks: list[str], today: date, closing_soon_days: int) -> None:
        self.frameworks = frameworks
        self.today = today
        self.soon = closing_soon_days
        self.sources: list[str] = []
        self.scored = self.rejected = self.blank_lines = 0
        # One dict keyed by (recommendation, grade, stage, gaps, flags, hygiene, currency):
        # a single lookup per row. Combinations of ids can still be many, so when the
        # dict grows past TALLY_FOLD_LIMIT it is folded into the per-dimension counts.
        self._tallies: dict[tuple[object, ...], list[float]] = {}
        self._tables: tuple[dict[str, list[float]], ...] = ({}, {}, {})
        self._gaps: Counter[str] = Counter()
        self._flags: Counter[str] = Counter()
        self._hygiene: Counter[str] = Counter()
        self._currencies: Counter[str] = Counter()
        self.reject_reasons: Counter[str] = Counter()
        self.reject_examples: list[RejectedRow] = []
        self.unmapped: Counter[tuple[str, str]] = Counter()
        self.warnings: list[str] = []
        self._heap: list[tuple[float, int, AtRiskDeal]] = []
        self._sequence = 0

    def add(
        self, source: str, line: int, row: RowVerdict, deal: DealBasics, hygiene: tuple[str, ...]
    ) -> None:
        """Count one scored row."""
        self.scored += 1
        amount = deal.amount or 0.0
        key = (row.tally, hygiene, deal.currency)
        tally = self._tallies.get(key)
        if tally is None:
            self._tallies[key] = [1, amount]
            if len(self._tallies) > TALLY_FOLD_LIMIT:
                self._fold()
        else:
            tally[0] += 1
            tally[1] += amount
        if row.unmapped:
            self.count_unmapped(row.unmapped)
        # Cheap pre-check: risk never exceeds amount x (1 - score), so most rows stop here.
        if (
            amount > 0
            and row.ranked
            and (
                len(self._heap) < AT_RISK_LIMIT
                or amount * (1.0 - row.verdict.score / 100.0) > self._heap[0][0]
            )
        ):
            self.consider(source, line, row, deal, amount)

    def hot_state(self) -> tuple[dict[tuple[object, ...], list[float]], list[Any]]:
        """The combined tallies and the at-risk heap, for a row loop that inlines `add`.

        Such a loop adds its row count to `scored`, calls `fold_if_full` after adding a
        tally key, and `consider` when a row passes the at-risk pre-check.
        """
        return self._tallies, self._heap

    def fold_if_full(self) -> None:
        """Fold the combined tallies once they hold too many keys."""
        if len(self._tallies) > TALLY_FOLD_LIMIT:
            self._fold()

    def reject(self, source: str, line: int, reason: str, code: str) -> None:
        """Count one rejected row; keep the first few as examples."""
        self.rejected += 1
        self.reject_reasons[code] += 1
        if len(self.reject_examples) < REJECT_EXAMPLES:
            self.reject_examples.append(RejectedRow(source, line, reason))

    def fork(self, part: int) -> SummaryBuilder:
        """An empty builder for part `part` (0, 1, …) of the current input, to `merge` later.

        Its at-risk tie-breaking counter starts far above this builder's, so earlier
        parts keep ranking before later ones exactly as in one pass.
        """
        other = SummaryBuilder(self.frameworks, self.today, self.soon)
        other.sources = list(self.sources)
        other._sequence = self._sequence + part * PART_SEQUENCE_SPAN
        return other

    def merge(self, part: SummaryBuilder) -> None:
        """Add a part's counts, in input order (merge part 0, then 1, …).

        Counters and tallies add up, at-risk heaps keep the overall top N and reject
        examples stay the first ones by line. Unmapped values are exact while fewer
        than `UNMAPPED_LIMIT` distinct ones appear (beyond that, single-pass counts
        are a sample too).
        """
        self.scored += part.scored
        self.rejected += part.rejected
        self.blank_lines += part.blank_lines
        self._fold()
        part._fold()
        for mine, theirs in zip(self._tables, part._tables, strict=True):
            for key, (count, amount) in theirs.items():
                entry = mine.setdefault(key, [0, 0.0])
                entry[0] += count
                entry[1] += amount
        self._gaps.update(part._gaps)
        self._flags.update(part._flags)
        self._hygiene.update(part._hygiene)
        self._currencies.update(part._currencies)
        self.reject_reasons.update(part.reject_reasons)
        room = REJECT_EXAMPLES - len(self.reject_examples)
        self.reject_examples += part.reject_examples[: max(room, 0)]
        for pair, count in part.unmapped.items():
            if pair in self.unmapped or len(self.unmapped) < UNMAPPED_LIMIT:
                self.unmapped[pair] += count
        self._heap = heapq.nlargest(AT_RISK_LIMIT, self._heap + part._heap)
        heapq.heapify(self._heap)
        self._sequence = max(self._sequence, part._sequence)

    def freeze(self, distinct_answers: int = 0) -> PipelineSummary:
        """The finished summary."""

        def tallies(table: dict[str, list[float]]) -> dict[str, Tally]:
            ordered = sorted(table.items(), key=lambda kv: (-kv[1][0], kv[0]))
            return {k: Tally(int(v[0]), round(v[1], 2)) for k, v in ordered}

        self._fold()
        tables, gaps, flags, hygiene = self._tables, self._gaps, self._flags, self._hygiene
        currencies = self._currencies

        return PipelineSummary(
            sources=list(self.sources),
            frameworks=list(self.frameworks),
            today=self.today,
            rows=self.scored + self.rejected,
            scored=self.scored,
            rejected=self.rejected,
            blank_lines=self.blank_lines,
            by_recommendation=tallies(tables[0]),
            by_grade=dict(sorted(tallies(tables[1]).items())),
            by_stage=tallies(tables[2]),
            gaps=gaps.most_common(10),
            red_flags=flags.most_common(10),
            hygiene=hygiene.most_common(),
            at_risk=[entry for _, _, entry in sorted(self._heap, reverse=True)],
            reject_reasons=self.reject_reasons.most_common(),
            reject_examples=list(self.reject_examples),
            unmapped_values=[(c, v, n) for (c, v), n in self.unmapped.most_common(10)],
            currencies=[c for c, _ in currencies.most_common()],
            warnings=list(self.warnings),
            distinct_answers=distinct_answers,
        )

    def _fold(self) -> None:
        """Move the combined tallies into the per-dimension counts."""
        for (tally_key, fired, currency), (count, amount) in self._tallies.items():
            recommendation, grade, stage, gap_ids, flag_ids = cast(tuple[Any, ...], tally_key)
            for table, name in zip(self._tables, (recommendation, grade, stage), strict=True):
                entry = table.setdefault(str(name), [0, 0.0])
                entry[0] += count
                entry[1] += amount
            for counter, ids in (
                (self._gaps, gap_ids),
                (self._flags, flag_ids),
                (self._hygiene, fired),
            ):
                for item in cast(tuple[str, ...], ids):
                    counter[item] += int(count)
            if currency:
                self._currencies[str(currency)] += int(count)
        self._tallies.clear()

    def count_unmapped(self, pairs: tuple[tuple[str, str], ...]) -> None:
        """Count a row's unmapped values (bounded)."""
        for pair in pairs:
            if pair in self.unmapped or len(self.unmapped) < UNMAPPED_LIMIT:
                self.unmapped[pair] += 1

    def consider(
        self, source: str, line: int, row: RowVerdict, deal: DealBasics, amount: float
    ) -> None:
        """Keep a deal among the most at risk if it ranks there."""
        risk = risk_of(amount, row.verdict.score, deal.close_date, self.today, self.soon)
        if len(self._heap) >= AT_RISK_LIMIT and risk <= self._heap[0][0]:
            return
        self._sequence += 1
        entry = AtRiskDeal(
            source,
            line,
            deal.deal_id,
            deal.name,
            deal.company,
            deal.owner,
            amount,
            row.verdict.score,
            row.verdict.recommendation,
            deal.close_date,
            round(risk, 2),
        )
        item = (risk, -self._sequence, entry)
        if len(self._heap) >= AT_RISK_LIMIT:
            heapq.heapreplace(self._heap, item)
        else:
            heapq.heappush(self._heap, item)
