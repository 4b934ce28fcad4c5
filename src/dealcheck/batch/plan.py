"""Per-row work, kept lean: pick cells by index, look verdicts up, read amount and dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from dealcheck.batch.forecast import crm_category
from dealcheck.batch.verdicts import NO_PROOF, SOURCE_WORDS, Proof, Verdict, VerdictCache
from dealcheck.language.framework import UNKNOWN
from dealcheck.mapping.binding import CLOSED_STATUSES, Binding, Feed, FlagColumn
from dealcheck.mapping.model import FeedKind, Mapping
from dealcheck.mapping.values import (
    NO,
    YES,
    DateReader,
    normalise_value,
    parse_amount,
    plain_amount,
)

#: The level a rep gives what only they believe (the scales' `assumed`).
BELIEF = "assumed"
RAW_CACHE_LIMIT = 4096
#: Distinct row verdicts kept (the writers and the summary cache per row verdict).
ROWS_LIMIT = 4096
#: Joins the cells a verdict depends on into one key; rows with NUL are rejected first.
KEY_SEPARATOR = "\x00"
BASIC_ROLES = (
    "deal_id",
    "name",
    "company",
    "owner",
    "next_step",
    "currency",
    "amount",
    "close_date",
    "created_date",
    "stage_since",
)
_UNSEEN = object()


class RowRejected(Exception):
    """A row the mapping cannot read (bad amount or date)."""


@dataclass(frozen=True, slots=True, eq=False)
class RowVerdict:
    """A verdict plus what the raw cells said about stage and unmapped values.

    Compared and hashed by identity: each is made once per distinct combination of
    raw cells, and writers key their per-verdict caches on it cheaply.
    """

    verdict: Verdict
    stage: str | None
    stage_label: str
    closed: bool
    unmapped: tuple[tuple[str, str], ...]
    tally: tuple[object, ...] = ()


@dataclass(slots=True)
class DealBasics:
    """The deal basics of one row, typed."""

    deal_id: str
    name: str
    company: str
    amount: float | None
    currency: str
    close_date: date | None
    created_date: date | None
    stage_since: date | None
    owner: str
    next_step: str

    def as_dict(self, stage: str) -> dict[str, Any]:
        """The `deal` object of a JSON report."""
        return {
            "id": self.deal_id or None,
            "name": self.name or None,
            "company": self.company or None,
            "amount": self.amount,
            "currency": self.currency or None,
            "stage": stage or None,
            "close_date": self.close_date.isoformat() if self.close_date else None,
            "owner": self.owner or None,
            "next_step": self.next_step or None,
        }


def _getter(indexes: Sequence[int]) -> Callable[[list[str]], tuple[str, ...]]:
    if not indexes:
        return lambda cells: ()
    if len(indexes) == 1:
        only = indexes[0]
        return lambda cells: (cells[only],)
    return itemgetter(*indexes)


class RowPlan:
    """How to turn one row's cells into a verdict and deal basics."""

    def __init__(
        self, binding: Binding, mapping: Mapping, cache: VerdictCache, *, with_evidence: bool
    ) -> None:
        self.binding = binding
        self.cache = cache
        self.width = binding.width
        roles = binding.roles
        self._stage, self._status = roles["stage"], roles["status"]
        self._feeds = binding.feeds
        self._flags = binding.flags
        self._slot = {key: n for n, key in enumerate(cache.criteria_slots)}
        self._flag_slot = {key: n for n, key in enumerate(cache.flag_slots)}
        evidence = [f.evidence for f in binding.feeds if f.evidence >= 0] if with_evidence else []
        self._text = [f for f in binding.feeds if f.kind is FeedKind.TEXT] if with_evidence else []
        key_columns = [c for c in (self._stage, self._status) if c >= 0]
        key_columns += [f.column for f in binding.feeds] + [f.column for f in binding.flags]
        # Who confirmed an answer, and when, changes what it earns.
        key_columns += [c for f in binding.feeds for c in (f.source, f.confirmed_on) if c >= 0]
        self._proofs = any(f.source >= 0 or f.confirmed_on >= 0 for f in binding.feeds)
        self._pick = _getter(key_columns + evidence)
        self._evidence_columns = with_evidence
        self._raw: dict[str, RowVerdict] = {}
        # Free text rarely repeats: keys holding it would fill memory and seldom hit
        # (measured on the benchmark's text distribution: 14 MB more and 10 % slower).
        self._no_memo = any(f.kind is FeedKind.TEXT for f in binding.feeds)
        self._old: dict[str, RowVerdict] = {}
        # Missing roles read a padding cell appended after the last column.
        pad = binding.width
        self._padded = any(roles[r] < 0 for r in BASIC_ROLES)
        self._basics = itemgetter(*(roles[r] if roles[r] >= 0 else pad for r in BASIC_ROLES))
        self._date = DateReader(mapping.date_formats)
        self._dates_seen = self._date.seen
        self._decimal = mapping.decimal
        self._point = mapping.decimal == "."
        self._currency = mapping.currency or ""
        self._crm_column = roles["forecast_category"]
        self._crm_seen: dict[str, str] = {}
        # Per column, cell text -> what it reads: picklists repeat a handful of values
        # (free text rarely repeats: it is read each time).
        self._feed_slots: list[tuple[Feed, int, dict[str, Any] | None]] = [
            (
                feed,
                self._slot[(feed.framework, feed.criterion)],
                None if feed.kind is FeedKind.TEXT else {},
            )
            for feed in self._feeds
        ]
        self._flag_slots: list[tuple[FlagColumn, int, dict[str, Any]]] = [
            (column, self._flag_slot[(column.framework, column.flag)], {}) for column in self._flags
        ]
        self._stages_seen: dict[str, Any] = {}
        self._rows_seen: dict[tuple[object, ...], RowVerdict] = {}

    @property
    def knows_sources(self) -> bool:
        """Whether the rows say who confirmed the answers (a `source` column is mapped)."""
        return any(f.source >= 0 for f in self.binding.feeds)

    def verdict(self, cells: list[str]) -> RowVerdict:
        """The verdict for a row (memoised on the raw cells that matter)."""
        if self._no_memo:
            return self._decode(cells)
        raw = KEY_SEPARATOR.join(self._pick(cells))
        found = self._raw.get(raw)
        if found is None:
            # Two generations: when the young one fills up it becomes the old one, so
            # frequent combinations survive and memory stays bounded.
            found = self._old.get(raw) or self._decode(cells)
            if len(self._raw) >= RAW_CACHE_LIMIT:
                # Emptied in place (not replaced): `known` hands out its `get`.
                self._old = self._raw.copy()
                self._raw.clear()
            self._raw[raw] = found
        return found

    def known(
        self,
    ) -> tuple[Callable[[list[str]], tuple[str, ...]], Callable[..., str], Callable[..., Any]]:
        """What finds a recent verdict without a call into the plan: pick, join, lookup.

        For the row loop: `lookup(join(pick(cells)))` answers most rows; on None, call
        `verdict(cells)`. Rows holding a NUL byte must never get here: the key joins
        the cells that matter with NUL, so that it cannot be ambiguous.
        """
        return self._pick, KEY_SEPARATOR.join, self._raw.get

    def plain_fields(
        self,
    ) -> tuple[Callable[[list[str]], tuple[str, ...]], dict[str, date | None], str] | None:
        """What a row loop that inlines `basics` reads: field getter, date cache, currency.

        The getter picks (currency, amount, close, created, stage since, next step).
        None when rows need more than `float` and cached dates (a decimal comma or a
        missing column); such a loop calls `basics` whenever a date is not cached or
        `float` fails, so every row is read exactly as `basics` reads it.
        """
        if self._padded or not self._point:
            return None
        roles = self.binding.roles
        wanted = ("currency", "amount", "close_date", "created_date", "stage_since", "next_step")
        getter = itemgetter(*(roles[role] for role in wanted))
        return getter, self._dates_seen, self._currency

    def crm_category(self, cells: list[str]) -> str:
        """The CRM's own forecast category of a row, as an id ("" without the column)."""
        if self._crm_column < 0:
            return ""
        text = cells[self._crm_column]
        found = self._crm_seen.get(text)
        if found is None:
            if len(self._crm_seen) >= RAW_CACHE_LIMIT:
                self._crm_seen.clear()
            found = self._crm_seen[text] = crm_category(text)
        return found

    def owner_of(self) -> Callable[[list[str]], str]:
        """What reads a row's owner ("" without the column)."""
        column = self.binding.roles["owner"]
        if column < 0:
            return lambda cells: ""
        return itemgetter(column)

    def basics(self, cells: list[str]) -> DealBasics:
        """Deal basics of a row.

        Raises:
            RowRejected: For an amount or date the mapping cannot read.
        """
        (deal_id, name, company, owner, next_step, currency, amount, close, created, since) = (
            self._basics([*cells, ""] if self._padded else cells)
        )
        value: float | None = None
        if amount:
            value = plain_amount(amount) if self._point else None
            if value is None:
                try:
                    value = parse_amount(amount, self._decimal)
                except ValueError as error:
                    raise RowRejected(f"amount {error}") from None
        # Most rows repeat dates seen before: one dict lookup each, parsing only when new.
        seen = self._dates_seen
        close_text, created_text, since_text = close, created, since
        close, created, since = (
            seen.get(close_text, _UNSEEN),
            seen.get(created_text, _UNSEEN),
            seen.get(since_text, _UNSEEN),
        )
        if close is _UNSEEN or created is _UNSEEN or since is _UNSEEN:
            read = self._date
            dates = [close_text, created_text, since_text]
            try:
                close, created, since = read(close_text), read(created_text), read(since_text)
            except ValueError:
                raise RowRejected(self._bad_date(dates)) from None
        return DealBasics(
            deal_id,
            name,
            company,
            value,
            currency or self._currency,
            close,
            created,
            since,
            owner,
            next_step,
        )

    def _proof(self, feed: Feed, cells: list[str], unmapped: list[tuple[str, str]]) -> Proof:
        """Who confirmed a criterion's answer and when; unreadable values are reported."""
        source: str = ""
        if feed.source >= 0 and (said := cells[feed.source].strip()):
            source = SOURCE_WORDS.get(normalise_value(said), "")
            if not source:
                unmapped.append((f"{feed.header} · source", said))
        when: date | None = None
        if feed.confirmed_on >= 0 and (text := cells[feed.confirmed_on].strip()):
            try:
                when = self._date(text)
            except ValueError:
                unmapped.append((f"{feed.header} · confirmed on", text))
        return (source, when) if source or when else NO_PROOF

    def _bad_date(self, dates: list[str]) -> str:
        for role, text in zip(("close date", "created date", "stage date"), dates, strict=True):
            try:
                self._date(text)
            except ValueError:
                return f"{role} {text!r} is not a date this mapping reads"
        return "unreadable date"

    def _decode(self, cells: list[str]) -> RowVerdict:
        unmapped: list[tuple[str, str]] = []
        stage_text = cells[self._stage] if self._stage >= 0 else ""
        stage, outcome, bad = self._seen(self._stages_seen, stage_text, self._read_stage)
        if bad is not None:
            unmapped.append(bad)
        if self._status >= 0:
            outcome = CLOSED_STATUSES.get(normalise_value(cells[self._status])) or outcome
        closed = bool(outcome)
        levels = [UNKNOWN] * len(self._slot)
        evidence = [""] * len(self._slot) if self._evidence_columns else None
        proofs: list[Proof] | None = [NO_PROOF] * len(self._slot) if self._proofs else None
        seen = self._seen
        for feed, slot, memo in self._feed_slots:
            text = cells[feed.column]
            level, bad = _read(feed, text) if memo is None else seen(memo, text, feed)
            levels[slot] = level
            if bad is not None:
                unmapped.append(bad)
            if evidence is not None:
                said = text.strip() if feed.kind is FeedKind.TEXT else ""
                if feed.evidence >= 0 and cells[feed.evidence].strip():
                    said = cells[feed.evidence].strip()
                if said:
                    evidence[slot] = said
            if proofs is not None:
                proofs[slot] = self._proof(feed, cells, unmapped)
        flags: list[bool | None] = [None] * len(self._flag_slot)
        for column, slot, memo in self._flag_slots:
            flags[slot], bad = seen(memo, cells[column.column], column)
            if bad is not None:
                unmapped.append(bad)
        shared = self.cache.shared
        verdict = self.cache.get(
            None if closed else stage,
            shared(tuple(levels)),
            shared(tuple(flags)),
            tuple(evidence) if evidence else None,
            outcome or None,
            shared(tuple(proofs)) if proofs else None,
        )
        label = stage or (stage_text.strip() or "—")
        # Known answers, and how many of them only the rep believes (`assumed`).
        known = sum(1 for level in levels if level != UNKNOWN)
        belief = sum(1 for level in levels if level == BELIEF)
        # One object per distinct printed row verdict: the writers' and the summary's
        # caches key on it, and rows that are new combinations mostly print alike.
        key = (id(verdict), stage, label, closed, tuple(unmapped), belief, known)
        found = self._rows_seen.get(key)
        if found is None:
            # A won or lost deal keeps its scores (to learn from); its recommendation is
            # its outcome, so the pipeline summary counts it apart.
            tally = shared(
                (
                    verdict.recommendation,
                    verdict.grade,
                    label,
                    verdict.gaps,
                    verdict.red_flags,
                    belief,
                    known,
                )
            )
            found = RowVerdict(verdict, stage, label, closed, key[4], tally)
            if len(self._rows_seen) >= ROWS_LIMIT:
                self._rows_seen.clear()
            self._rows_seen[key] = found  # holds `verdict`, so its id stays its own
        return found

    @staticmethod
    def _seen(memo: dict[str, Any], text: str, column: Any) -> Any:
        """What `column` reads in `text`, worked out once per distinct text (bounded)."""
        found = memo.get(text)
        if found is None:
            if len(memo) >= RAW_CACHE_LIMIT:
                memo.clear()
            found = memo[text] = _read(column, text)
        return found

    def _read_stage(self, text: str) -> tuple[str | None, str, tuple[str, str] | None]:
        stage, outcome = self.binding.stages.get(normalise_value(text), (None, ""))
        bad = ("stage", text.strip()) if stage is None and not outcome and text.strip() else None
        return stage, outcome, bad


def _read(column: Any, text: str) -> Any:
    """What one cell says, and its (column, value) when the mapping cannot read it.

    A criterion column reads a level id; a red-flag column True, False or None; the
    stage (a bound method as `column`) its (stage, outcome, unmapped) triple.
    """
    if callable(column):
        return column(text)
    target = column.table.get(normalise_value(text))
    bad = None
    if isinstance(column, FlagColumn):
        if target not in (YES, NO, UNKNOWN):
            bad = (column.header, text.strip())
        return (True if target == YES else False if target == NO else None), bad
    if column.kind is FeedKind.TEXT:
        target = target if target in (UNKNOWN,) else (column.level if text.strip() else UNKNOWN)
    elif target is None or (column.kind is FeedKind.YES_NO and target not in (YES, NO, UNKNOWN)):
        bad, target = (column.header, text.strip()), UNKNOWN
    return (column.yes if target == YES else column.no if target == NO else target), bad
