"""Rows' verdicts from their cells, a chunk of rows at a time, a column at a time.

Each run of criterion columns (`parts.RUN` of one framework) and of red-flag columns
is looked up for the whole chunk at once (`run_columns`: what the run's cell texts earn
at the row's stage, `map` over the rows, no Python code per row); the flags of the runs
join as bits, and `tables.combine_many` works the sums, grades and gaps column by
column, so each row costs little Python of its own: its red-flag costs and its
recommendation. Nothing is cached per combination of answers: every row may be a new
one.

Rows whose answers name their source or date, and JSON reports, are scored by
`assess` itself (`VerdictCache`): the evidence rules and the report need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from dealcheck.batch.score.cell_keys import cells_key
from dealcheck.batch.score.run_columns import RunColumns
from dealcheck.bounded import Filled
from dealcheck.language.framework import Framework
from dealcheck.mapping.binding import CLOSED_STATUSES, Binding, Feed
from dealcheck.mapping.model import FeedKind
from dealcheck.mapping.values import DateReader, normalise_value
from dealcheck.scoring.flag_bits import Raised
from dealcheck.scoring.parts import PART_LIMIT, Part
from dealcheck.scoring.tables import Verdict, VerdictTables
from dealcheck.scoring.verdicts import NO_PROOF, Proof, VerdictCache

#: (position of the column among the mapping's feeds and flags, column, value).
Unmapped = tuple[tuple[int, str, str], ...]
#: The verdict of every row under `--basics-only`: blank cells, nothing claimed.
UNSCORED = Verdict(0.0, "", "unscored", (), ())
_belief, _answered = attrgetter("belief"), attrgetter("answered")
_shown_of, _outcome = attrgetter("shown"), attrgetter("outcome")
_stage_of, _label, _closed = attrgetter("stage"), attrgetter("label"), attrgetter("closed")


class RowVerdict(NamedTuple):
    """A row's verdict, what its cells said about its stage, and what did not read."""

    verdict: Verdict
    stage: str | None
    stage_label: str
    closed: bool
    unmapped: tuple[tuple[str, str], ...]
    #: Answers the rep alone believes (`assumed`), and answers known, of this deal.
    belief: int = 0
    known: int = 0


class _Stage(NamedTuple):
    """What one stage cell (and status cell) says."""

    stage: str | None
    outcome: str
    label: str
    closed: bool
    unmapped: Unmapped
    #: `unmapped` as a row reports it: (column, value).
    shown: tuple[tuple[str, str], ...]
    #: The stage the tables score at (None for a closed deal: the frameworks' targets).
    at: str | None
    #: The verdict under `--basics-only`: nothing scored, a closed deal's outcome kept.
    unscored: Verdict


class RowVerdicts:
    """Reads the verdicts of chunks of rows (`many`).

    Args:
        binding: The mapping bound to the input's header.
        frameworks: The frameworks scored, in order.
        cache: Scores rows through `assess` (JSON reports, evidence sources or dates).
        with_evidence: Read evidence text for the JSON report.
        basics_only: Score nothing (`--basics-only`): every row is unscored.
        date_reader: Reads an answer's confirmed-on date.
    """

    def __init__(
        self,
        binding: Binding,
        frameworks: Sequence[Framework],
        cache: VerdictCache,
        *,
        with_evidence: bool,
        basics_only: bool,
        date_reader: DateReader,
    ) -> None:
        self._cache = cache
        self._date = date_reader
        self._unscored = basics_only
        slots = {key: s for s, key in enumerate(cache.criteria_slots)}
        self._width = len(slots)
        self._feed_at: dict[int, tuple[int, Feed]] = {
            slots[(f.framework, f.criterion)]: (n, f) for n, f in enumerate(binding.feeds)
        }
        self.tables = VerdictTables(frameworks)
        stage, status = binding.roles["stage"], binding.roles["status"]
        self._stage_columns = [c for c in (stage, status) if c >= 0]
        self._stage_key = cells_key(self._stage_columns)
        self._has_stage, self._has_status = stage >= 0, status >= 0
        self._stages_of = binding.stages
        self._stages = Filled(self._stage, PART_LIMIT)
        flag_slots = {key: n for n, key in enumerate(cache.flag_slots)}
        flag_at = {
            flag_slots[(c.framework, c.flag)]: (len(binding.feeds) + n, c)
            for n, c in enumerate(binding.flags)
        }
        self._columns = RunColumns(
            self.tables, self._feed_at, flag_at, self._stage_columns, self._stage_at
        )
        self._proofs = any(f.source >= 0 or f.confirmed_on >= 0 for f in binding.feeds)
        self._assess = with_evidence or self._proofs
        self._evidence = with_evidence

    def many(self, rows: Sequence[list[str]]) -> list[RowVerdict]:
        """The verdicts of rows of the input (cells as read, one per header column).

        Raises:
            ValueError: A level the frameworks do not know (a mapping fault, checked
                when the mapping is bound).
        """
        entries = list(map(self._stages.__getitem__, map(self._stage_key, rows)))
        columns = self._columns.parts(rows)
        raised = self._columns.raised(rows)
        parts: Any = zip(*columns, strict=True) if columns else repeat(())
        unread: list[Unmapped] | None = None
        if self._unscored:
            verdicts = [entry.unscored for entry in entries]
        elif self._assess:
            flags: Any = zip(*raised, strict=True) if raised else repeat(())
            assessed = [
                self._assessed(entry, list(row_parts), self.tables.flags.answers(row_flags), cells)
                for entry, row_parts, row_flags, cells in zip(
                    entries, parts, flags, rows, strict=False
                )
            ]
            verdicts = [verdict for verdict, _ in assessed]
            unread = [bad for _, bad in assessed]
        else:
            bits, names = self._columns.flags(raised, len(rows))
            verdicts = self.tables.combine_many(columns, bits, names)
        unmapped = self._unmapped(entries, columns, raised, unread)
        beliefs: Any
        knowns: Any
        if not columns:
            beliefs = knowns = repeat(0)
        elif len(columns) == 1:
            beliefs, knowns = map(_belief, columns[0]), map(_answered, columns[0])
        else:
            beliefs = map(sum, zip(*[map(_belief, column) for column in columns], strict=True))
            knowns = map(sum, zip(*[map(_answered, column) for column in columns], strict=True))
        # A won or lost deal keeps its scores (to learn from); its recommendation is its
        # outcome, so the pipeline summary counts it apart.
        if not self._unscored and not self._assess and any(map(_outcome, entries)):
            verdicts = [
                verdict._replace(recommendation=entry.outcome) if entry.outcome else verdict
                for entry, verdict in zip(entries, verdicts, strict=True)
            ]
        # `RowVerdict._make` without a Python call per row.
        made = zip(
            verdicts,
            map(_stage_of, entries),
            map(_label, entries),
            map(_closed, entries),
            unmapped,
            beliefs,
            knowns,
            strict=False,
        )
        return list(map(tuple.__new__, repeat(RowVerdict), made))

    def _unmapped(
        self,
        entries: list[_Stage],
        columns: list[list[Part]],
        raised: list[list[Raised]],
        unread: list[Unmapped] | None,
    ) -> Any:
        """Each row's values the mapping cannot read, in the mapping's column order.

        `unread`: per row, the sources and dates `assess` could not read.
        """
        if not self._columns.unreadable and unread is None:
            return map(_shown_of, entries)
        parts: Any = zip(*columns, strict=True) if columns else repeat(())
        flags: Any = zip(*raised, strict=True) if raised else repeat(())
        shown = []
        for n, (entry, row_parts, row_flags) in enumerate(zip(entries, parts, flags, strict=False)):
            found = [item for part in row_parts for item in part.unmapped]
            found += [item for run in row_flags for item in run.unmapped]
            if unread is not None:
                found += unread[n]
            items = entry.unmapped
            if found:
                items = tuple(sorted([*entry.unmapped, *found], key=_position))
            shown.append(_shown(items))
        return shown

    def _assessed(
        self,
        entry: _Stage,
        parts: list[Part],
        answers: tuple[bool | None, ...],
        cells: list[str],
    ) -> tuple[Verdict, Unmapped]:
        """The verdict through `assess`, and the sources and dates the mapping cannot read.

        `assess` applies the evidence rules (sources, dates) and writes the report.
        """
        bad: list[tuple[int, str, str]] = []
        levels = [level for part in parts for level in part.levels]
        evidence = [""] * self._width if self._evidence else None
        proofs: list[Proof] | None = [NO_PROOF] * self._width if self._proofs else None
        for slot, (n, feed) in self._feed_at.items():
            if evidence is not None:
                text = cells[feed.column]
                said = text.strip() if feed.kind is FeedKind.TEXT else ""
                if feed.evidence >= 0 and cells[feed.evidence].strip():
                    said = cells[feed.evidence].strip()
                evidence[slot] = said
            if proofs is not None:
                unread: list[tuple[str, str]] = []
                proofs[slot] = feed.proof(cells, self._date, unread)
                bad += [(n, *item) for item in unread]
        return self._cache.get(
            entry.at,
            tuple(levels),
            answers,
            tuple(evidence) if evidence else None,
            entry.outcome or None,
            tuple(proofs) if proofs else None,
        ), tuple(bad)

    def _stage_at(self, key: Any) -> str | None:
        """The stage the tables score at, of a row's stage (and status) cells."""
        return self._stages[key].at

    def _stage(self, key: Any) -> _Stage:
        """Read a stage (and status) cell the first time they are met (`_stage_key`)."""
        cells = key if len(self._stage_columns) == 2 else (key,)
        text = cells[0] if self._has_stage else ""
        stage, outcome = self._stages_of.get(normalise_value(text), (None, ""))
        unmapped: Unmapped = ()
        if stage is None and not outcome and text.strip():
            unmapped = ((-1, "stage", text.strip()),)
        if self._has_status:
            said = cells[-1]
            outcome = CLOSED_STATUSES.get(normalise_value(said)) or outcome
        at = None if outcome else stage
        self.tables.criteria.parts(at)  # an unknown stage fails here, once
        entry = _Stage(
            stage,
            outcome,
            stage or (text.strip() or "—"),
            bool(outcome),
            unmapped,
            _shown(unmapped),
            at,
            UNSCORED._replace(recommendation=outcome) if outcome else UNSCORED,
        )
        return entry


_position = itemgetter(0)


def _shown(unmapped: Unmapped) -> tuple[tuple[str, str], ...]:
    """Unmapped values as a row reports them: (column, value)."""
    return tuple([(column, value) for _, column, value in unmapped]) if unmapped else ()
