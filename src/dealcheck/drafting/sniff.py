"""What a column's values look like, from the first few thousand rows.

A header can lie (a `Champion` column of record ids, an `Amount` that is a row
number); the values decide. A profile sorts each non-blank value into one shape (id,
yes/no, date, money, number, short label, free text) and the column takes the shape
most of its values have.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dealcheck.mapping.model import NO_WORDS, YES_WORDS
from dealcheck.mapping.values import normalise_value

SAMPLE_ROWS = 2000
MOSTLY = 0.8
ID, YES_NO, DATE, MONEY, NUMBER, LABEL, TEXT, EMPTY = (
    "id",
    "yes-no",
    "date",
    "money",
    "number",
    "label",
    "text",
    "empty",
)
_BOOLEANS = frozenset(YES_WORDS + NO_WORDS) - {"1", "0"}
_SALESFORCE_ID = re.compile(r"^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_DATE = re.compile(
    r"^(?:\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\.?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_CURRENCY = re.compile(r"[$€£¥₩원円]|\b[A-Z]{3}\b")
_NUMBER = re.compile(
    r"^[-+(]?\s*(?:[$€£¥₩]|[A-Z]{3})?\s*[\d.,\s']*\d[\d.,\s']*\)?(?:\s*(?:[$€£¥₩원円]|[A-Z]{3}))?$"
)
_CENTS = re.compile(r"\d[.,]\d{2}$")
_GROUPED = re.compile(r"\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?$")


@dataclass
class Profile:
    """The shapes of one column's sampled values."""

    shapes: Counter[str] = field(default_factory=Counter)
    values: Counter[str] = field(default_factory=Counter)
    filled: int = 0
    #: Plain numbers of three digits or more before the decimals: amounts, not counts.
    large: int = 0

    def add(self, text: str) -> None:
        """Count one cell."""
        stripped = text.strip()
        if not stripped:
            return
        self.filled += 1
        found = shape(stripped)
        self.shapes[found] += 1
        if found == NUMBER and len(re.split(r"[.,]", stripped.lstrip("-+"))[0]) >= 3:
            self.large += 1
        if len(self.values) < 200 or stripped in self.values:
            self.values[stripped] += 1

    @property
    def kind(self) -> str:
        """The shape most values have: id, yes-no, date, money, number, label, text or empty."""
        if not self.filled:
            return EMPTY
        if set(self.values) <= {"0", "1"} and len(self.values) < 200:
            return YES_NO
        for wanted in (ID, YES_NO, DATE):
            if self.shapes[wanted] >= MOSTLY * self.filled:
                return wanted
        numeric = self.shapes[MONEY] + self.shapes[NUMBER]
        if numeric >= MOSTLY * self.filled:
            return (
                MONEY
                if (self.shapes[MONEY] + self.large) * 2 >= numeric and not self._counts_rows()
                else NUMBER
            )
        if self._unique_codes():
            return ID
        if self.shapes[TEXT] * 2 >= self.filled or (
            len(self.values) > 12 and len(self.values) * 2 > self.filled
        ):
            return TEXT
        return LABEL

    def _unique_codes(self) -> bool:
        """Every value different, one word, with digits: record keys of some system."""
        return (
            self.filled >= 5
            and len(self.values) == self.filled
            and all(" " not in v and any(c.isdigit() for c in v) for v in self.values)
        )

    def _counts_rows(self) -> bool:
        """Distinct small integers only: a row number, not money."""
        numbers = [v for v in self.values if v.isdigit()]
        return len(numbers) == len(self.values) == self.filled and all(len(v) < 4 for v in numbers)

    def samples(self, count: int = 3) -> list[str]:
        """The most common values."""
        return [value for value, _ in self.values.most_common(count)]


def shape(text: str) -> str:
    """The shape of one non-blank value."""
    folded = normalise_value(text)
    if folded in _BOOLEANS:
        return YES_NO
    if _DATE.match(text):
        return DATE
    if _UUID.match(text) or (
        _SALESFORCE_ID.match(text)
        and any(c.isdigit() for c in text)
        and not text.isdigit()
        and any(c.isalpha() for c in text)
    ):
        return ID
    if _NUMBER.match(text):
        digits = sum(c.isdigit() for c in text)
        if text.isdigit() and digits >= 9 and not text.endswith("000"):
            return ID
        if _CENTS.search(text) or _GROUPED.search(text) or _CURRENCY.search(text):
            return MONEY
        if text.isdigit() and len(text) >= 3 and text.endswith("0"):
            return MONEY
        return NUMBER
    if folded in ("1", "0"):
        return YES_NO
    return TEXT if len(text) >= 25 or len(text.split()) >= 4 else LABEL


def decimal_comma(values: list[str]) -> bool:
    """Whether amounts write their decimals after a comma (1.234,56 or 12,5)."""
    comma = dot = 0
    for value in values:
        tail = re.search(r"[.,](\d+)\D*$", value)
        if not tail or len(tail.group(1)) == 3:
            continue
        if value[tail.start()] == ",":
            comma += 1
        else:
            dot += 1
    return comma > dot


#: Date formats a draft may propose, most common first; times after the date are ignored.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y. %m. %d.",
    "%m/%d/%y",
    "%d.%m.%y",
)


def date_formats(values: list[str]) -> list[str]:
    """The formats, from `DATE_FORMATS`, that read nearly every sampled date (best first).

    A few unreadable dates (a typo, 02/31) are rows to reject, not a reason to doubt
    the format; a format must read 90% of the values to count.
    """
    from datetime import datetime

    read: dict[str, int] = {}
    for pattern in DATE_FORMATS:
        count = 0
        for value in values:
            day = value.strip().split("T")[0]
            day = day if " " in pattern else day.split(" ")[0]
            try:
                datetime.strptime(day, pattern)
            except ValueError:
                continue
            count += 1
        if count >= 0.9 * len(values):
            read[pattern] = count
    return sorted(read, key=lambda p: -read[p])
