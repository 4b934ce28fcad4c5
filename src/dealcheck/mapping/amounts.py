"""Amounts in CRM cells, read by an explicit grammar; anything else is rejected with why.

After NFKC normalisation (full-width digits become ASCII) and trimming, an amount is

    [sign] [currency] [sign] number [currency]      or the same in parentheses (negative)

* sign: `-`, `+` or `−` (U+2212).
* currency: a symbol (`$ € £ ¥ ₩ ₹`), a three-letter code (`USD`, `KRW`) or `원`,
  before or after the number, with or without a space.
* number, when the mapping says `decimal: "."` (the default): digits, optionally
  grouped by `,` or spaces in threes (`1,234,567`, `1 234 567`), optionally a `.` and
  decimals, optionally an exponent (`1.2E+06`, as spreadsheets write large numbers).
  With `decimal: ","` the roles swap: groups by `.` or spaces (`1.234.567,89`).
* Korean units: a number may be given in 억 (10^8) and 만 (10^4), alone or together
  (`3억`, `1.5억`, `2,000만`, `1억 2,000만`, `1억2000만원`).

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

_SYMBOLS = "$€£¥₩₹"
_CURRENCY = rf"(?:[{_SYMBOLS}]|[A-Za-z]{{3}}|원)"
_UNITS = {"억": 100_000_000, "만": 10_000}
_KOREAN_TERM = re.compile(r"([0-9][0-9.,]*)\s*(억|만)")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_EXPONENT = re.compile(r"^(.*?)[eE]([+-]?[0-9]{1,4})$")


#: The largest amount read, in absolute value.
MAX_AMOUNT = 1e15


class AmountError(ValueError):
    """Not an amount by the grammar; the message says why."""


def read_amount(text: str, decimal: str = ".") -> float | None:
    """The amount in `text` by the grammar above; None for a blank cell.

    Raises:
        AmountError: The text is not an amount, is ambiguous, or is not finite.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    if not cleaned:
        return None
    if _NOT_FINITE.fullmatch(cleaned):
        raise AmountError("not finite")
    if not any(char.isdigit() for char in cleaned):
        raise AmountError("no digits")
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1].strip()
    body = _without_currency(cleaned)
    if body and body[0] in "+-":
        negative ^= body[0] == "-"
        body = _without_currency(body[1:].strip())
    if not body:
        raise AmountError("no digits")
    value = _korean(body, decimal) if "억" in body or "만" in body else _number(body, decimal)
    if not math.isfinite(value):
        raise AmountError("not finite")
    if value > MAX_AMOUNT:
        raise AmountError(f"more than {MAX_AMOUNT:,.0f}: not a plausible deal amount")
    return -value if negative else value


def _without_currency(text: str) -> str:
    text = re.sub(rf"^{_CURRENCY}\s*", "", text)
    return re.sub(rf"\s*{_CURRENCY}$", "", text)


def _korean(body: str, decimal: str) -> float:
    terms = _KOREAN_TERM.findall(body)
    rest = _KOREAN_TERM.sub("", body).strip()
    if rest and not rest.isdigit():
        raise AmountError(f"cannot read {rest!r} after the 억/만 units")
    total = sum(_number(number, decimal) * _UNITS[unit] for number, unit in terms)
    if [unit for _, unit in terms] not in (["억"], ["만"], ["억", "만"]):
        raise AmountError("억 and 만 go in that order, each once")
    return total + (float(rest) if rest else 0.0)


def _number(body: str, decimal: str) -> float:
    exponent = 0
    found = _EXPONENT.match(body)
    if found and decimal == ".":
        body, exponent = found.group(1), int(found.group(2))
    grouping = "," if decimal == "." else "."
    if not re.fullmatch(r"[0-9][0-9., ]*", body):
        raise AmountError("only digits, digit separators and a currency may appear")
    whole, point, fraction = body.rpartition(decimal) if decimal in body else (body, "", "")
    if point and grouping in fraction:
        raise AmountError(
            f"{grouping!r} after the decimal {decimal!r}; the mapping declares decimal: {decimal!r}"
        )
    if point and (not fraction.isdigit() or not whole):
        raise AmountError(f"nothing or more than digits after the decimal {decimal!r}")
    groups = re.split(rf"[{re.escape(grouping)} ]", whole)
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 or not g.isdigit() for g in groups[1:])
    ):
        raise AmountError(
            f"digit groups must be three long; the mapping declares decimal: {decimal!r}"
        )
    if not groups[0].isdigit():
        raise AmountError("only digits, digit separators and a currency may appear")
    digits = "".join(groups) + ("." + fraction if point else "")
    return float(f"{digits}e{exponent}")  # inf past the float range: rejected by the caller
