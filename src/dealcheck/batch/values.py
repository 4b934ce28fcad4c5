"""Turning CRM cell text into amounts, dates, levels and yes/no answers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from dealcheck.batch.mapping import NO_WORDS, YES_WORDS
from dealcheck.language.framework import UNKNOWN, Framework, Scale

YES, NO = "yes", "no"
_NOT_DIGITS = re.compile(r"[^\d.,+\-]")
_DATE_CACHE_LIMIT = 20_000


def normalise_value(text: str) -> str:
    """How a cell value is compared with a value map: NFKC, trimmed, casefolded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def parse_amount(text: str, decimal: str) -> float | None:
    """Read an amount such as `1,234.56`, `1.234,56`, `$ 12 000` or `-10`.

    Returns:
        The number, or None for a blank cell.

    Raises:
        ValueError: When the text is not a number.
    """
    if decimal == ".":
        try:
            return float(text)
        except ValueError:
            pass
    stripped = text.strip()
    if not stripped:
        return None
    digits = _NOT_DIGITS.sub("", stripped.replace("\u2212", "-"))
    if not any(c.isdigit() for c in digits) or len(digits) * 2 < len(stripped):
        raise ValueError(text)
    thousands = "," if decimal == "." else "."
    digits = digits.replace(thousands, "").replace(decimal, ".")
    if stripped.startswith("(") and stripped.endswith(")"):
        digits = "-" + digits
    return float(digits)


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
