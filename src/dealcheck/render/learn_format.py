"""The learning report as sections of plain text, shared by the terminal, Markdown and HTML.

Computes nothing: every figure comes from the `LearnReport`. Each renderer lays the
same sections out in its own way, so the three always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dealcheck.i18n import t
from dealcheck.learn.effects import UNKNOWN_LEVEL, Effect, Kind
from dealcheck.learn.names import TARGET, level_key
from dealcheck.learn.outcomes import Groups, Rate
from dealcheck.learn.report import LearnReport

#: The marked paragraph where `--suggest` and `--compare-framework` add their sections.
SUGGEST_SECTION = "suggest"


@dataclass(frozen=True)
class Table:
    """A small table: headers, rows of cells, and which columns are numbers."""

    heads: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()


@dataclass
class Section:
    """A titled part of the report: a note, bullet lines, tables."""

    key: str
    heading: str
    note: str | None = None
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def percent(value: float) -> str:
    """A share as a whole percentage."""
    return f"{value * 100:.0f}%"


def headline(report: LearnReport) -> tuple[str, list[str]]:
    """The title and the lines under it: counts, inputs, what was left out."""
    lang, reading = report.lang, report.reading
    lines = [
        t(
            "learn.counts",
            lang,
            deals=report.overall.deals,
            won=reading.won,
            lost=reading.lost,
            rate=percent(report.overall.rate),
        ),
        t(
            "learn.sources",
            lang,
            sources=", ".join(reading.sources),
            frameworks=", ".join(report.frameworks) or "—",
        ),
    ]
    left = [
        t(f"learn.left.{key}", lang, count=count)
        for key, count in (
            ("open", reading.open),
            ("unknown", reading.closed_unknown),
            ("skipped", reading.skipped),
        )
        if count
    ]
    if left:
        lines.append(t("learn.left_out", lang, parts=", ".join(left)))
    return t("learn.title", lang), lines


def label(effect: Effect, report: LearnReport) -> str:
    """What a comparison is about, in words: a level, the target, a red flag."""
    names, lang = report.names, report.lang
    if effect.kind is Kind.FLAG:
        return t("learn.flag", lang, flag=names.get(effect.item, effect.item))
    criterion = names.get(effect.item, effect.item)
    if effect.kind is Kind.TARGET:
        target = names.get(level_key(effect.item, TARGET), "")
        return t("learn.target", lang, criterion=criterion, level=target)
    if effect.level == UNKNOWN_LEVEL:
        return t("learn.level_unknown", lang, criterion=criterion)
    level = effect.level or ""
    shown = names.get(level_key(effect.item, level), level)
    return t("learn.level", lang, criterion=criterion, level=shown)


def finding_line(effect: Effect, report: LearnReport) -> str:
    """One comparison: both win rates with counts, the difference and its interval."""
    lang = report.lang
    return t(
        "learn.finding",
        lang,
        label=label(effect, report),
        rate_with=percent(effect.rate_with),
        deals_with=effect.deals_with,
        rate_without=percent(effect.rate_without),
        deals_without=effect.deals_without,
        difference=t("learn.points", lang, value=effect.difference * 100),
        interval=t("learn.interval", lang, low=effect.low * 100, high=effect.high * 100),
    )


def rate_row(rate: Rate, group: str, lang: str) -> list[str]:
    """A table row: group, deals, won, win rate, interval (or too few)."""
    interval = (
        f"{percent(rate.low)}–{percent(rate.high)}"
        if rate.enough
        else t("learn.too_few_mark", lang)
    )
    return [group, f"{rate.deals:,}", f"{rate.won:,}", percent(rate.rate), interval]


def rate_table(rates: list[Rate], first: str, lang: str, names: dict[str, str]) -> Table:
    """Win rates of groups as a table."""
    heads = [first] + [t(f"learn.col.{c}", lang) for c in ("deals", "won", "rate", "interval")]
    return Table(
        heads,
        [rate_row(rate, names.get(rate.group, rate.group), lang) for rate in rates],
        frozenset({1, 2, 3, 4}),
    )


def more_groups(groups: Groups, lang: str) -> list[str]:
    """The line counting the groups not listed, if any."""
    if not groups.other_groups:
        return []
    return [t("learn.more_groups", lang, groups=groups.other_groups, deals=groups.other_deals)]
