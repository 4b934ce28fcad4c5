"""Closed deals from what a team already has: CRM exports, scored files, deal folders.

* A raw CRM export (CSV or JSON Lines) is read through its mapping (`--map`): the
  outcome comes from the stages mapped to `won` / `lost`, or from an outcome column
  (`columns.status`); levels and red flags from the mapped columns.
* A scored file written by `dealcheck score -o scored.csv` with the mapping it was
  scored with reads the same way (its original columns are all there). Without a
  mapping, its `dealcheck_` columns give the outcome, score, red flags raised and the
  criteria short of their target.
* A folder of deal files: a deal whose stage is won or lost, with its last
  qualification (the stage of that qualification is the stage it reached).

Rows stream through: nothing but the current row is held. Open deals are counted and
left out; rows that cannot be read are counted with their line and reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.batch.read.deal_files import (
    DEAL_FILE_COLUMNS,
    deal_mapping,
    flatten_records,
    open_deal_folder,
)
from dealcheck.batch.read.opened import Opened
from dealcheck.batch.read.opening import open_input
from dealcheck.errors import UsageError, say
from dealcheck.language.framework import Framework
from dealcheck.language.yamlfile import YamlMapping
from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.rows import RowReader, Tally
from dealcheck.learn.scored import ScoredReader, is_scored
from dealcheck.mapping.binding import bind
from dealcheck.mapping.model import Mapping
from dealcheck.scoring.verdicts import VerdictCache

REACHED = "stage_reached"


@dataclass
class History:
    """Closed deals streaming from the inputs, and what reading them found.

    `qualified`, `described` and `sources` are complete once `deals` is exhausted.
    """

    frameworks: list[Framework]
    tally: Tally = field(default_factory=Tally)
    sources: list[str] = field(default_factory=list)
    qualified: bool = False
    described: list[str] = field(default_factory=list)
    deals: Iterator[ClosedDeal] = field(default_factory=lambda: iter(()))


def open_history(
    inputs: list[str],
    frameworks: list[Framework],
    mapping: Mapping | None,
    tree: YamlMapping | None = None,
    *,
    encoding: str | None = None,
) -> History:
    """The closed deals of `inputs`, read lazily in order.

    Raises (while `deals` is read):
        UsageError: A CRM export without a mapping, a missing input.
        InputError: An input that cannot be read at all.
        ValidationFailed: A mapping that does not fit an input's header.
    """
    history = History(frameworks)
    history.deals = _deals(history, inputs, mapping, tree, encoding)
    return history


def _deals(
    history: History,
    inputs: list[str],
    mapping: Mapping | None,
    tree: YamlMapping | None,
    encoding: str | None,
) -> Iterator[ClosedDeal]:
    cache = VerdictCache(history.frameworks, "en", with_report=False, as_of=None)
    for path in inputs:
        opened = _open(path, history.frameworks, encoding)
        try:
            yield from _read(history, opened, mapping, tree, cache)
        finally:
            opened.close()


def _read(
    history: History,
    opened: Opened,
    mapping: Mapping | None,
    tree: YamlMapping | None,
    cache: VerdictCache,
) -> Iterator[ClosedDeal]:
    tally = history.tally
    reader: RowReader | ScoredReader
    if opened.kind == "deals" or opened.deal_records:
        own = deal_mapping(history.frameworks)
        if opened.kind == "deals":
            columns = DEAL_FILE_COLUMNS.model_copy(update={REACHED: REACHED})
            own = own.model_copy(update={"columns": columns})
        binding = bind(own, None, opened.header, history.frameworks, opened.name)
        reader = RowReader(binding, own, None, opened.header, cache, opened.name)
    elif mapping is not None:
        binding = bind(mapping, tree, opened.header, history.frameworks, opened.name)
        reader = RowReader(binding, mapping, tree, opened.header, cache, opened.name)
    elif is_scored(opened.header):
        reader = ScoredReader(opened.header, opened.name)
    else:
        raise UsageError(say("score.needs_map", source=opened.name))
    history.sources.append(_describe(opened))
    history.qualified = history.qualified or reader.qualified
    history.described += [n for n in reader.described if n not in history.described]
    read = reader.read
    for line, cells, problem in opened.rows:
        if problem is not None or cells is None:
            tally.rows += 1
            reason = problem or "unreadable row"
            tally.skip(reason if opened.kind == "deals" else f"{opened.name}:{line}: {reason}")
            continue
        deal = read(line, cells, tally)
        if deal is not None:
            yield deal


def _open(path: str, frameworks: list[Framework], encoding: str | None) -> Opened:
    folder = Path(path)
    if path != "-" and folder.is_dir():
        return open_deal_folder(folder, frameworks, reached=REACHED)
    opened = open_input(path, encoding=encoding, delimiter=None)
    if opened.deal_records:
        return flatten_records(opened, frameworks)
    return opened


def _describe(opened: Opened) -> str:
    parts = [opened.kind, opened.encoding, *opened.notes]
    return f"{opened.name} ({', '.join(parts)})"
