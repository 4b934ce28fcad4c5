"""Quotas for coverage: one amount for the team, or a CSV file per owner and period.

`--quota 1500000` is the team's quota for the current close period. A quota file has
the columns `owner`, `period` (`2026-11` or `2026-Q4`, as the forecast periods are
cut) and `quota`, and optionally `currency`; an empty owner is the whole team.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from dealcheck.deals.amounts import read_amount
from dealcheck.errors import InputError, UsageError, say

Quota = dict[tuple[str, str], tuple[float, str]]
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$")


def read_quota(value: str | None, currency: str | None) -> Quota:
    """The quotas `--quota` names: an amount, or a CSV file.

    Raises:
        UsageError: Neither a number nor an existing file.
        InputError: A quota file with a bad line, named `FILE:LINE`.
    """
    if not value:
        return {}
    try:
        return {("", ""): (_number(value), currency or "")}
    except ValueError:
        pass
    path = Path(value)
    if not path.is_file():
        raise UsageError(say("quota.option", value=value))
    quotas: Quota = {}
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = {"owner", "period", "quota"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(say("quota.columns", where=f"{value}:1:1"))
        for row in reader:
            where = f"{value}:{reader.line_num}:1"
            period = (row.get("period") or "").strip()
            if period and not _PERIOD.match(period):
                raise InputError(say("quota.period", where=where, period=period))
            try:
                amount = _number(row.get("quota") or "")
            except ValueError:
                raise InputError(say("quota.amount", where=where, quota=row.get("quota"))) from None
            key = ((row.get("owner") or "").strip(), period)
            quotas[key] = (amount, (row.get("currency") or currency or "").strip())
    return quotas


def _number(text: str) -> float:
    amount = read_amount(text, in_mapping=False)  # the deal amount grammar: 1,500,000, 15억
    if amount is None or amount <= 0:
        raise ValueError(text)
    return amount
