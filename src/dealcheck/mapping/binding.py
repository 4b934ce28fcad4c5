"""Bind a mapping to one file's header and the frameworks in play, checking it once.

Everything the per-row code needs is resolved here: column indexes, per-column value
tables and the stage table. Mapping mistakes come back as located problems
(`FILE:LINE:COLUMN` of the mapping entry), never as per-row surprises.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from dealcheck.errors import Location, Message, Problem, ValidationFailed, say
from dealcheck.language.framework import DEFAULT_LANGUAGE, UNKNOWN, Framework
from dealcheck.language.yamlfile import YamlMapping, locate
from dealcheck.mapping.column_names import normalise_header
from dealcheck.mapping.model import LOST, WON, FeedKind, Mapping
from dealcheck.mapping.values import (
    NO,
    SOURCE_WORDS,
    YES,
    DateReader,
    level_table,
    normalise_value,
    value_target,
)
from dealcheck.scoring.scorecard import CLOSED_WORDS
from dealcheck.scoring.verdicts import NO_PROOF, Proof

ROLES = (
    "deal_id",
    "name",
    "company",
    "amount",
    "currency",
    "stage",
    "status",
    "close_date",
    "created_date",
    "stage_since",
    "owner",
    "next_step",
    "forecast_category",
)
#: A cell the mapping cannot read: (column, value as given).
Unread = tuple[str, str]
#: Status (or stage) cell -> the outcome of a closed deal: won, lost or closed.
CLOSED_STATUSES = {normalise_value(word): outcome.value for word, outcome in CLOSED_WORDS.items()}


@dataclass(frozen=True, slots=True)
class Feed:
    """A column feeding one criterion of one framework."""

    framework: int
    criterion: str
    column: int
    header: str
    kind: FeedKind
    table: dict[str, str]
    yes: str
    no: str
    level: str
    evidence: int
    source: int = -1
    confirmed_on: int = -1

    def read(self, text: str) -> tuple[str, Unread | None]:
        """The level id a cell gives the criterion, and (column, value) if none reads.

        Free text (`kind: text`) is the column's level unless blank or an unknown word.
        """
        target = self.table.get(normalise_value(text))
        if self.kind is FeedKind.TEXT:
            return (UNKNOWN if target == UNKNOWN or not text.strip() else self.level), None
        if target is None or (self.kind is FeedKind.YES_NO and target not in (YES, NO, UNKNOWN)):
            return UNKNOWN, (self.header, text.strip())
        return (self.yes if target == YES else self.no if target == NO else target), None

    def proof(self, cells: list[str], dates: DateReader, unread: list[Unread]) -> Proof:
        """Who confirmed the answer and when; values that do not read go to `unread`."""
        source = ""
        if self.source >= 0 and (said := cells[self.source].strip()):
            source = SOURCE_WORDS.get(normalise_value(said), "")
            if not source:
                unread.append((f"{self.header} · source", said))
        when: date | None = None
        if self.confirmed_on >= 0 and (text := cells[self.confirmed_on].strip()):
            try:
                when = dates(text)
            except ValueError:
                unread.append((f"{self.header} · confirmed on", text))
        return (source, when) if source or when else NO_PROOF


@dataclass(frozen=True, slots=True)
class FlagColumn:
    """A yes/no column answering one red flag."""

    framework: int
    flag: str
    column: int
    header: str
    table: dict[str, str]

    def read(self, text: str) -> tuple[bool | None, Unread | None]:
        """A cell's answer (yes, no, unknown), and (column, value) if it does not read."""
        target = self.table.get(normalise_value(text))
        unread = None if target in (YES, NO, UNKNOWN) else (self.header, text.strip())
        return (True if target == YES else False if target == NO else None), unread


@dataclass
class Binding:
    """A mapping resolved against one header: indexes and lookup tables."""

    width: int
    roles: dict[str, int]
    feeds: list[Feed]
    flags: list[FlagColumn]
    stages: dict[str, tuple[str | None, str]]
    warnings: list[Message] = field(default_factory=list)


def header_index(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Normalised header -> first index, and the duplicated names."""
    index: dict[str, int] = {}
    duplicates: list[str] = []
    for position, name in enumerate(header):
        key = normalise_header(name)
        if key in index:
            duplicates.append(name)
        else:
            index[key] = position
    return index, duplicates


def bind(
    mapping: Mapping,
    tree: YamlMapping | None,
    header: list[str],
    frameworks: list[Framework],
    source: str,
) -> Binding:
    """Resolve `mapping` against `header` for `frameworks`.

    Raises:
        ValidationFailed: Columns missing from the header, unknown criteria, flags,
            levels or stages, each at the mapping entry that names it.
    """
    index, duplicates = header_index(header)
    problems: list[Problem] = []
    warnings = [say("binding.duplicate_column", source=source, column=name) for name in duplicates]
    dup_keys = {normalise_header(d) for d in duplicates}

    def column(name: str | None, path: tuple[str | int, ...]) -> int:
        if name is None:
            return -1
        key = normalise_header(name)
        if key in dup_keys:
            warnings.append(say("binding.duplicate_mapped", source=source, column=name))
        if key in index:
            return index[key]
        if mapping.missing_columns == "error":
            close = difflib.get_close_matches(name, header, n=1, cutoff=0.6)
            hint = say("hint.did_you_mean", close[0]) if close else ""
            problems.append(
                located_problem(
                    tree, path, say("binding.no_column", column=name, source=source, hint=hint)
                )
            )
        return -1

    roles = {role: column(getattr(mapping.columns, role), ("columns", role)) for role in ROLES}
    by_id = {fw.id: n for n, fw in enumerate(frameworks)}
    feeds: list[Feed] = []
    for fw_id, feeds_of in mapping.criteria.items():
        if fw_id not in by_id:
            if feeds_of:  # an empty section (a drafted mapping's `meddpicc: {}`) feeds nothing
                warnings.append(say("binding.unscored_criteria", framework=fw_id))
            continue
        framework = frameworks[by_id[fw_id]]
        for criterion_id, feed in feeds_of.items():
            path = ("criteria", fw_id, criterion_id)
            criterion = framework.criterion(criterion_id)
            if criterion is None:
                known = ", ".join(c.id for c in framework.criteria)
                problems.append(
                    located_problem(
                        tree,
                        path,
                        say(
                            "binding.no_criterion", framework=fw_id, item=criterion_id, known=known
                        ),
                        key=True,
                    )
                )
                continue
            scale = framework.scale_of(criterion)
            try:
                table = level_table(framework, scale, {**mapping.values, **feed.values})
                if feed.kind is FeedKind.YES_NO:
                    # A checkbox exported as 1/0 answers yes/no, not level values 1 and 0.
                    for cell, answer in (("1", YES), ("0", NO)):
                        if cell not in {normalise_value(str(k)) for k in feed.values}:
                            table[cell] = answer
                levels = [
                    value_target(scale, getattr(feed, name)) for name in ("yes", "no", "level")
                ]
            except ValueError as error:
                problems.append(located_problem(tree, path, str(error)))
                continue
            position = column(feed.column, (*path, "column"))
            if position < 0:
                continue
            feeds.append(
                Feed(
                    by_id[fw_id],
                    criterion_id,
                    position,
                    feed.column,
                    feed.kind,
                    table,
                    yes=levels[0],
                    no=levels[1],
                    level=levels[2],
                    evidence=column(feed.evidence, (*path, "evidence")),
                    source=column(feed.source, (*path, "source")),
                    confirmed_on=column(feed.confirmed_on, (*path, "confirmed_on")),
                )
            )
    flags: list[FlagColumn] = []
    for fw_id, flags_of in mapping.red_flags.items():
        if fw_id not in by_id:
            if flags_of:
                warnings.append(say("binding.unscored_flags", framework=fw_id))
            continue
        framework = frameworks[by_id[fw_id]]
        for flag_id, flag_feed in flags_of.items():
            path = ("red_flags", fw_id, flag_id)
            if flag_id not in {f.id for f in framework.red_flags}:
                known = ", ".join(f.id for f in framework.red_flags) or "—"
                problems.append(
                    located_problem(
                        tree,
                        path,
                        say("binding.no_flag", framework=fw_id, item=flag_id, known=known),
                        key=True,
                    )
                )
                continue
            table = level_table(framework, framework.scale, {})
            table.update({normalise_value(k): _yes_no(v) for k, v in flag_feed.values.items()})
            position = column(flag_feed.column, (*path, "column"))
            if position >= 0:
                flags.append(FlagColumn(by_id[fw_id], flag_id, position, flag_feed.column, table))
    stages = _stage_table(mapping, tree, frameworks, problems)
    if problems:
        raise ValidationFailed(problems)
    return Binding(len(header), roles, feeds, flags, stages, warnings)


def _stage_table(
    mapping: Mapping, tree: YamlMapping | None, frameworks: list[Framework], problems: list[Problem]
) -> dict[str, tuple[str | None, str]]:
    """Normalised CRM stage name -> (stage id, outcome: '' while open, else won/lost/closed)."""
    staged = next((fw for fw in frameworks if fw.stages), None)
    table: dict[str, tuple[str | None, str]] = {"": (None, "")}
    table.update({word: (None, outcome) for word, outcome in CLOSED_STATUSES.items()})
    for stage in staged.stages if staged else []:
        names = [stage.id, *stage.aliases, stage.name.get(DEFAULT_LANGUAGE)]
        names += list(stage.name.root.values()) if isinstance(stage.name.root, dict) else []
        table.update({normalise_value(n): (stage.id, "") for n in names})
    for crm_name, target in mapping.stages.items():
        wanted = target.strip().casefold()
        if wanted in (WON, LOST):
            table[normalise_value(crm_name)] = (None, wanted)
        elif staged and staged.stage(wanted):
            table[normalise_value(crm_name)] = (staged.stage(wanted).id, "")  # type: ignore[union-attr]
        elif staged is None:
            # No framework scored has stages (red flags alone): nothing to check the
            # team's stage ids against, and the summary and hygiene still read them.
            table[normalise_value(crm_name)] = (wanted, "")
        else:
            known = ", ".join([s.id for s in staged.stages]) + ", won, lost"
            problems.append(
                located_problem(
                    tree, ("stages", crm_name), say("binding.no_stage", stage=target, known=known)
                )
            )
    return table


def _yes_no(value: str | bool) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return normalise_value(value)


def located_problem(
    tree: YamlMapping | None,
    path: tuple[str | int, ...],
    message: str | Message,
    *,
    key: bool = False,
) -> Problem:
    """A mapping problem at `path` in `tree` (its key with `key`), else at the top."""
    where = locate(tree, path, on_key=key) if tree is not None else None
    return Problem(where or Location("<mapping>", 1, 1), message)
