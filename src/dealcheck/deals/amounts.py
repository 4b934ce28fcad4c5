"""Amounts, read by one explicit grammar; anything else is rejected with why.

Deal files, answers files and the qualify prompt read a deal's amount with it, and the
mapping reads CRM cells with it (with the mapping's `decimal`).

After NFKC normalisation (full-width digits become ASCII) and trimming, an amount is

    [sign] [currency] [sign] number [currency]      or the same in parentheses (negative)

* sign: `-`, `+` or `−` (U+2212).
* currency: a symbol (`$ € £ ¥ ₩ ₹`), a three-letter code (`USD`, `KRW`) or `원`,
  before or after the number, with or without a space.
* number, when the mapping says `decimal: "."` (the default): digits, optionally
  grouped by `,` or spaces in threes (`1,234,567`, `1 234 567`), optionally a `.` and
  decimals, optionally an exponent (`1.2E+06`, as spreadsheets write large numbers).
  With `decimal: ","` the roles swap: groups by `.` or spaces (`1.234.567,89`).
* Korean units: 조 (10^12), 억 (10^8) and 만 (10^4), in that order, each at most once,
  spaces optional (`5억`, `1.5억`, `2,000만`, `1억 2,000만`, `1억2000만원`). A unit's
  count is a number as above, or 천 (1,000) and 백 (100) with one digit 1-9 each (none
  means 1), then digits below the last of them (`3억 5천만`, `천만원`, `2천500만`).
  After the last 만 come digits under 10,000 (`1만 5,000`); alone, 천 and 백 are plain
  amounts (`5천원`). Digits after 억 or 조 with no unit (`3억 5000`) are refused: they
  are read as 5000만 as often as 5000.

Rejected, each with its reason: a separator the mapping does not declare used as the
decimal point (`1.234,56` under `decimal: "."`), groups that are not three digits
(`1,23`), hexadecimal or other notations (`0x10`), underscores, and values that are
not finite (`NaN`, `inf`, `1e400`) or beyond `MAX_AMOUNT` (no deal is worth 10^15 in
any currency; sums of such values would overflow the pipeline totals).
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from dealcheck.errors import Message, say

_SYMBOLS = "$€£¥₩₹"
_CURRENCY = rf"(?:[{_SYMBOLS}]|[A-Za-z]{{3}}|원)"
_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_SMALL = {"천": 1000, "백": 100}
_BIG_UNIT = re.compile(r"(조|억|만)")
#: 천 and 백 inside a group: one digit 1-9 each (or none: 천 is 1,000), then digits.
_SMALL_GROUP = re.compile(r"(?:([1-9]?)\s*천)?\s*(?:([1-9]?)\s*백)?\s*([0-9]*)")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_EXPONENT = re.compile(r"^(.*?)[eE]([+-]?[0-9]{1,4})$")


#: The largest amount read, in absolute value.
MAX_AMOUNT = 1e15


class AmountError(ValueError):
    """Not an amount by the grammar; its one argument, a `Message`, says why."""


def read_amount(text: str, decimal: str = ".", *, in_mapping: bool = True) -> float | None:
    """The amount in `text` by the grammar above; None for a blank cell.

    `in_mapping`: `decimal` is the mapping's (the reasons say so), not a deal file's `.`.

    Raises:
        AmountError: The text is not an amount, is ambiguous, or is not finite.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    if not cleaned:
        return None
    if _NOT_FINITE.fullmatch(cleaned):
        raise AmountError(say("amount.not_finite"))
    if not any(char.isdigit() or char in _SMALL for char in cleaned):
        raise AmountError(say("amount.no_digits"))
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1].strip()
    body = _without_currency(cleaned)
    if body and body[0] in "+-":
        negative ^= body[0] == "-"
        body = _without_currency(body[1:].strip())
    if not body:
        raise AmountError(say("amount.no_digits"))
    declared = say("amount.declared_mapping" if in_mapping else "amount.declared", decimal=decimal)
    korean = any(unit in body for unit in (*_BIG, *_SMALL))
    value = _korean(body, decimal, declared) if korean else _number(body, decimal, declared)
    if not math.isfinite(value):
        raise AmountError(say("amount.not_finite"))
    if value > MAX_AMOUNT:
        raise AmountError(say("amount.too_large", most=f"{MAX_AMOUNT:,.0f}"))
    return -value if negative else value


def _without_currency(text: str) -> str:
    text = re.sub(rf"^{_CURRENCY}\s*", "", text)
    return re.sub(rf"\s*{_CURRENCY}$", "", text)


def _korean(body: str, decimal: str, declared: Message) -> float:
    """An amount in Korean units: 조, 억, 만 groups, in that order, each once."""
    parts = _BIG_UNIT.split(body)
    units, rest = parts[1::2], parts[-1].strip()
    if [_BIG[u] for u in units] != sorted({_BIG[u] for u in units}, reverse=True):
        raise AmountError(say("amount.unit_order"))
    total = Decimal(0)
    for text, unit in zip(parts[0:-1:2], units, strict=True):
        total += _coefficient(text.strip(), unit, decimal, declared) * _BIG[unit]
    if rest:
        last = units[-1] if units else None
        if last in ("조", "억") and (rest[0].isdigit() or rest[0] in _SMALL):
            # '3억 5000' is said for 3억 5000만 as often as for 300,005,000.
            raise AmountError(say("amount.two_ways", rest=rest, unit=last))
        if last is None or any(small in rest for small in _SMALL):
            value = _small_units(rest)
        elif _SMALL_GROUP.fullmatch(rest.replace(",", "")) is None:
            raise AmountError(say("amount.after_unit", rest=rest, unit=last))
        else:
            value = Decimal(repr(_number(rest, decimal, declared)))
        if last == "만" and value >= _BIG["만"]:
            raise AmountError(say("amount.over_man", rest=rest))
        total += value
    return float(total)


def _coefficient(text: str, unit: str, decimal: str, declared: Message) -> Decimal:
    """How many of a big unit: digits (`1.5`, `2,000`) or 천/백 with one digit each (`3천5백`)."""
    if not text:
        raise AmountError(say("amount.no_count", unit=unit))
    if any(small in text for small in _SMALL):
        return _small_units(text)
    return Decimal(repr(_number(text, decimal, declared)))


def _small_units(text: str) -> Decimal:
    """천 and 백 with one digit each (or none: 천 is 1천), then digits below the last unit."""
    found = _SMALL_GROUP.fullmatch(text)
    if found is None:
        raise AmountError(say("amount.small_units"))
    thousands, hundreds, units = found.groups()
    value = sum(
        (
            Decimal(int(digit or 1) * _SMALL[small])
            for digit, small in ((thousands, "천"), (hundreds, "백"))
            if digit is not None
        ),
        Decimal(0),
    )
    if units:
        below = 100 if hundreds is not None else 1000 if thousands is not None else None
        if below is not None and int(units) >= below:
            raise AmountError(say("amount.after_small", digits=units))
        value += int(units)
    return value


def _number(body: str, decimal: str, declared: Message) -> float:
    exponent = 0
    found = _EXPONENT.match(body)
    if found and decimal == ".":
        body, exponent = found.group(1), int(found.group(2))
    grouping = "," if decimal == "." else "."
    if not re.fullmatch(r"[0-9][0-9., ]*", body):
        raise AmountError(say("amount.characters"))
    whole, point, fraction = body.rpartition(decimal) if decimal in body else (body, "", "")
    if point and grouping in fraction:
        raise AmountError(
            say("amount.separator_after_decimal", grouping=grouping, declared=declared)
        )
    if point and (not fraction.isdigit() or not whole):
        raise AmountError(say("amount.decimals", decimal=decimal))
    groups = re.split(rf"[{re.escape(grouping)} ]", whole)
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 or not g.isdigit() for g in groups[1:])
    ):
        raise AmountError(say("amount.groups", declared=declared))
    if not groups[0].isdigit():
        raise AmountError(say("amount.characters"))
    digits = "".join(groups) + ("." + fraction if point else "")
    return float(f"{digits}e{exponent}")  # inf past the float range: rejected by the caller
