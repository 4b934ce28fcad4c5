"""`dealcheck map check`: how a mapping would read an export, before anything is scored.

For each mapped column: its header, a few values, and how every value would be read
(an amount, a date, a level, yes/no, text, unknown, or a reason to reject the row),
with counts. Then the stage values the mapping does not place, the rows `score` would
reject and why, and the TODOs still to fill in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.batch.read.opened import RowItem
from dealcheck.batch.read.opening import open_input
from dealcheck.errors import Problem, ValidationFailed
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.mapping.binding import Binding, Feed, bind
from dealcheck.mapping.blind import blind_framework
from dealcheck.mapping.loading import load_draft
from dealcheck.mapping.model import FeedKind, Mapping
from dealcheck.mapping.todos import Todo
from dealcheck.mapping.values import NO, YES, DateReader, normalise_value, parse_amount

SAMPLES = 3
DATE_ROLES = ("close_date", "created_date", "stage_since")
REJECTED, BLANK, UNMAPPED = "rejected", "blank", "not in the mapping"


@dataclass
class ColumnReading:
    """How one mapped column reads: header, sample values, outcome counts."""

    entry: str
    header: str
    kind: str
    samples: list[str] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    #: (outcome, value) of values read as unknown or rejected.
    strange: Counter[tuple[str, str]] = field(default_factory=Counter)

    def see(self, text: str, outcome: str) -> None:
        """Count one cell read as `outcome`; odd values (unmapped, rejected) are kept."""
        self.outcomes[outcome] += 1
        value = text.strip()
        if value and value not in self.samples and len(self.samples) < SAMPLES:
            self.samples.append(value)
        if outcome in (REJECTED, UNMAPPED) and self.kind != "stage":
            self.strange[(outcome, value)] += 1


@dataclass
class MapCheck:
    """Everything `map check` found, for a renderer."""

    source: str
    mapping: str
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    frameworks: list[str] = field(default_factory=list)
    columns: list[ColumnReading] = field(default_factory=list)
    stages: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Why rows would be rejected: a column role (its value unreadable) or the reader's reason.
    rejected: Counter[str] = field(default_factory=Counter)
    #: Level, stage and criterion ids -> names in the report's language.
    names: dict[str, str] = field(default_factory=dict)
    todos: list[Todo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: A framework whose criteria no column answers: `score` runs only `--basics-only`.
    blind: str = ""

    @property
    def unmapped_stages(self) -> list[tuple[str, int]]:
        """Stage values with no place, most common first."""
        return [(name, n) for (name, target), n in self.stages.most_common() if target == UNMAPPED]

    @property
    def ready(self) -> bool:
        """Whether `score` would take this mapping as it is."""
        return not self.todos and not self.problems


def check_mapping(
    path: str,
    reference: str | Path,
    load: Callable[[list[str]], list[Framework]],
    *,
    encoding: str | None,
    lang: str,
) -> MapCheck:
    """Read the export at `path` with the mapping `reference` (TODOs allowed) and report.

    `load` turns the mapping's `frameworks` into frameworks (the caller's -f wins).

    Raises:
        UsageError, InputError: When the export or the mapping cannot be read.
    """
    mapping, tree, todos = load_draft(reference)
    frameworks = load(mapping.frameworks)
    report = MapCheck(path, str(reference), todos=todos, frameworks=[fw.id for fw in frameworks])
    report.names = _names(frameworks, lang)
    opened = open_input(path, encoding=encoding, delimiter=None)
    try:
        report.encoding, report.delimiter = opened.encoding, opened.delimiter
        try:
            binding = bind(mapping, tree, opened.header, frameworks, opened.name)
        except ValidationFailed as failed:
            report.problems = failed.problems
            return report
        blind = blind_framework(binding, frameworks)
        report.blind = blind.id if blind is not None else ""
        _Reader(report, binding, mapping, frameworks).read(opened.rows)
    finally:
        opened.close()
    return report


class _Reader:
    """Reads every row the way `score` does, counting what each column turns into."""

    def __init__(
        self, report: MapCheck, binding: Binding, mapping: Mapping, frameworks: list[Framework]
    ) -> None:
        self.report, self.binding, self.mapping = report, binding, mapping
        self.dates = DateReader(mapping.date_formats)
        header = {position: name for name, position in binding.roles.items() if position >= 0}
        columns = mapping.columns
        self.roles = {
            role: ColumnReading(f"columns.{role}", getattr(columns, role), role)
            for role in header.values()
        }
        self.feeds = [
            (
                feed,
                ColumnReading(
                    f"{frameworks[feed.framework].id}.{feed.criterion}",
                    feed.header,
                    feed.kind.value,
                ),
            )
            for feed in binding.feeds
        ]
        self.flags = [
            (
                flag,
                ColumnReading(
                    f"{frameworks[flag.framework].id}.{flag.flag}", flag.header, "red-flag"
                ),
            )
            for flag in binding.flags
        ]
        report.columns = [
            *self.roles.values(),
            *(r for _, r in self.feeds),
            *(r for _, r in self.flags),
        ]

    def read(self, rows: Iterator[RowItem]) -> None:
        """Read every row, counting outcomes and rejections."""
        for _, cells, problem in rows:
            self.report.rows += 1
            if cells is None or problem or len(cells) < self.binding.width:
                self.report.rejected[problem or "unreadable row"] += 1
                continue
            reasons = [self._role(role, reading, cells) for role, reading in self.roles.items()]
            first = next((r for r in reasons if r), None)
            if first:
                self.report.rejected[first] += 1
            for feed, reading in self.feeds:
                reading.see(cells[feed.column], _feed_outcome(feed, cells[feed.column]))
            for flag, reading in self.flags:
                answer = flag.table.get(normalise_value(cells[flag.column]))
                shown = answer if answer in (YES, NO, UNKNOWN) else UNMAPPED
                reading.see(cells[flag.column], BLANK if not cells[flag.column].strip() else shown)

    def _role(self, role: str, reading: ColumnReading, cells: list[str]) -> str:
        """Count one basic; return the role the row is rejected for, or ''."""
        text = cells[self.binding.roles[role]]
        if not text.strip():
            reading.see(text, BLANK)
            return ""
        if role == "amount":
            try:
                parse_amount(text, self.mapping.decimal)
            except ValueError:
                reading.see(text, REJECTED)
                return role
            reading.see(text, "amount")
        elif role in DATE_ROLES:
            try:
                self.dates(text)
            except ValueError:
                reading.see(text, REJECTED)
                return role
            reading.see(text, "date")
        elif role == "stage":
            stage, outcome = self.binding.stages.get(normalise_value(text), (None, ""))
            target = stage or outcome or UNMAPPED
            self.report.stages[(text.strip(), target)] += 1
            reading.see(text, target if target != UNMAPPED else UNMAPPED)
        else:
            reading.see(text, "text")
        return ""


def _feed_outcome(feed: Feed, text: str) -> str:
    """What one cell gives a criterion: a level id, `unknown`, or `not in the mapping`."""
    if not text.strip():
        return BLANK
    target = feed.table.get(normalise_value(text))
    if feed.kind is FeedKind.TEXT:
        return UNKNOWN if target == UNKNOWN else feed.level
    if target is None or (feed.kind is FeedKind.YES_NO and target not in (YES, NO, UNKNOWN)):
        return UNMAPPED
    return feed.yes if target == YES else feed.no if target == NO else target


def _names(frameworks: list[Framework], lang: str) -> dict[str, str]:
    """Ids a check shows (levels, stages, criteria, red flags) -> names in `lang`."""
    names: dict[str, str] = {}
    for fw in reversed(frameworks):
        scales = [fw.scale, *(c.scale for c in fw.criteria if c.scale)]
        names.update({lv.id: lv.label.get(lang) for scale in scales for lv in scale.root})
        names.update({s.id: s.name.get(lang) for s in fw.stages})
        names.update({f"{fw.id}.{c.id}": c.name.get(lang) for c in fw.criteria})
        names.update({f"{fw.id}.{f.id}": f.name.get(lang) for f in fw.red_flags})
    return names
