"""Per-row work, kept lean: pick cells by index, read amount and dates, read the verdict."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from dealcheck.batch.score.row_verdicts import RowVerdict, RowVerdicts
from dealcheck.batch.summarise.forecast import crm_category
from dealcheck.bounded import kept
from dealcheck.deals.amounts import AmountError, read_amount
from dealcheck.errors import Message, say
from dealcheck.language.framework import Framework
from dealcheck.mapping.binding import Binding
from dealcheck.mapping.model import Mapping
from dealcheck.mapping.values import DateReader, plain_amount
from dealcheck.scoring.verdicts import VerdictCache

__all__ = ["BASIC_ROLES", "DealBasics", "RowPlan", "RowRejected", "RowVerdict"]

#: Distinct CRM forecast category texts kept.
RAW_CACHE_LIMIT = 4096
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
    """A row the mapping cannot read (bad amount or date).

    Its text is the reason in English (rejects file, JSON); `message`, where there is
    one, words it in the reader's language.
    """

    def __init__(self, reason: str, message: Message | None = None) -> None:
        super().__init__(reason)
        self.message = message


class DealBasics(NamedTuple):
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


class RowPlan:
    """How to turn one row's cells into a verdict and deal basics."""

    def __init__(
        self,
        binding: Binding,
        mapping: Mapping,
        frameworks: list[Framework],
        cache: VerdictCache,
        *,
        with_evidence: bool,
        basics_only: bool = False,
    ) -> None:
        self.binding = binding
        self.width = binding.width
        roles = binding.roles
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
        reader = RowVerdicts(
            binding,
            frameworks,
            cache,
            with_evidence=with_evidence,
            basics_only=basics_only,
            date_reader=self._date,
        )
        #: The verdicts of a chunk of rows' cells.
        self.verdicts: Callable[[Sequence[list[str]]], list[RowVerdict]] = reader.many

    @property
    def knows_sources(self) -> bool:
        """Whether the rows say who confirmed the answers (a `source` column is mapped)."""
        return any(f.source >= 0 for f in self.binding.feeds)

    def crm_category(self, cells: list[str]) -> str:
        """The CRM's own forecast category of a row, as an id ("" without the column)."""
        if self._crm_column < 0:
            return ""
        text = cells[self._crm_column]
        found = self._crm_seen.get(text)
        if found is None:
            found = kept(self._crm_seen, text, crm_category(text), RAW_CACHE_LIMIT)
        return found

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
                    value = read_amount(amount, self._decimal)
                except AmountError as error:
                    why = error.args[0]
                    raise RowRejected(
                        f"amount {amount!r} is not a number ({why})",
                        say("batch.bad_amount", text=amount, why=why),
                    ) from None
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
        # `DealBasics._make` without a Python call.
        return tuple.__new__(
            DealBasics,
            (
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
            ),
        )

    def _bad_date(self, dates: list[str]) -> str:
        for role, text in zip(("close date", "created date", "stage date"), dates, strict=True):
            try:
                self._date(text)
            except ValueError:
                return f"{role} {text!r} is not a date this mapping reads"
        return "unreadable date"
