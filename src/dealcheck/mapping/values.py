"""Turning CRM cell text into amounts, dates, levels and yes/no answers."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from dealcheck.deals.amounts import MAX_AMOUNT, AmountError, read_amount
from dealcheck.language.framework import UNKNOWN, Framework, Scale
from dealcheck.mapping.model import NO_WORDS, YES_WORDS
from dealcheck.scoring.answers import EvidenceSource

YES, NO = "yes", "no"
_DATE_CACHE_LIMIT = 20_000


def normalise_value(text: str) -> str:
    """How a cell value is compared with a value map: NFKC, trimmed, casefolded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def parse_amount(text: str, decimal: str) -> float | None:
    """Read an amount by the grammar in `dealcheck.deals.amounts` (`1,234.56`, `₩ 3억`).

    Returns:
        The number, or None for a blank cell.

    Raises:
        AmountError: Not an amount, ambiguous, or not finite; the message quotes the
            text and says why.
    """
    try:
        return read_amount(text, decimal)
    except AmountError as error:
        raise AmountError(f"{text!r} is not a number ({error})") from None


def plain_amount(text: str) -> float | None:
    """`text` as a finite float when Python reads it as the grammar would, else None.

    The quick path for the common `1200` / `98000.5`; anything else (`nan`, `1e400`,
    `1_000`, `1,200`, past `MAX_AMOUNT`) goes to `parse_amount`.
    """
    try:
        value = float(text)
    except ValueError:
        return None
    if -MAX_AMOUNT <= value <= MAX_AMOUNT and "_" not in text:
        return value
    return None


class DateReader:
    """Parse dates with the mapping's formats, remembering recent answers (few distinct dates)."""

    def __init__(self, formats: Iterable[str]) -> None:
        self.formats = list(formats)
        #: Text -> date of recent answers; cleared in place when full, so callers may
        #: keep a reference for lookups of their own.
        self.seen: dict[str, date | None] = {"": None}

    def __call__(self, text: str) -> date | None:
        """The date in `text`, None when blank.

        Raises:
            ValueError: When no format matches.
        """
        try:
            return self.seen[text]
        except KeyError:
            pass
        value = self._parse(text)
        if len(self.seen) >= _DATE_CACHE_LIMIT:
            self.seen.clear()
            self.seen[""] = None
        self.seen[text] = value
        return value

    def _parse(self, text: str) -> date | None:
        stripped = text.strip()
        if not stripped:
            return None
        candidate = stripped.split("T")[0] if "T" in stripped[:11] else stripped
        for pattern in self.formats:
            for attempt in (candidate, candidate.split(" ")[0]):
                try:
                    return datetime.strptime(attempt, pattern).date()
                except ValueError:
                    continue
        raise ValueError(text)


def level_table(
    framework: Framework, scale: Scale, values: dict[str, str | int | bool]
) -> dict[str, str]:
    """Normalised CRM value -> level id, `yes`, `no` or `unknown` for one column.

    Built from the scale itself (level ids, labels in every language, values), the
    built-in yes/no words, then the mapping's value map, which wins.
    """
    table: dict[str, str] = {"": UNKNOWN, UNKNOWN: UNKNOWN}
    table.update(dict.fromkeys(YES_WORDS, YES))
    table.update(dict.fromkeys(NO_WORDS, NO))
    for level in scale.root:
        names = [level.id, str(level.value)]
        names += list(level.label.root.values()) if isinstance(level.label.root, dict) else []
        names += [level.label.root] if isinstance(level.label.root, str) else []
        table.update({normalise_value(n): level.id for n in names})
    for raw, target in values.items():
        table[normalise_value(raw)] = value_target(scale, target)
    return table


def value_target(scale: Scale, target: str | int | bool) -> str:
    """What a value map entry points at: a level id, `yes`, `no` or `unknown`.

    Raises:
        ValueError: When it names no level of the scale.
    """
    if isinstance(target, bool):
        return YES if target else NO
    if isinstance(target, int):
        for level in scale.root:
            if level.value == target:
                return level.id
        raise ValueError(f"no level has value {target} (values: {[lv.value for lv in scale.root]})")
    wanted = target.strip().casefold()
    if wanted in (YES, NO, UNKNOWN):
        return wanted
    if scale.by_id(wanted) is None:
        known = ", ".join([lv.id for lv in scale.root] + [YES, NO, UNKNOWN])
        raise ValueError(f"{target!r} is not a level ({known})")
    return wanted


#: Words a CRM column may use for who confirmed an answer (normalised), -> source.
SOURCE_WORDS = {
    **{source.value: source.value for source in EvidenceSource},
    "rep": "belief",
    "my belief": "belief",
    "rep belief": "belief",
    "추정": "belief",
    "내 추정": "belief",
    "고객": "customer",
    "고객 확인": "customer",
    "고객이 확인": "customer",
    "문서": "document",
}
