"""A row's verdict from its cells: a lookup per run of columns, then the compiled rules.

Per stage cell, per run of criterion columns (`tables.RUN` of one framework), the
texts of the run's cells (`cell_keys`) map straight to what the run earns at that
stage; red-flag columns are read in runs too. A row costs one dict lookup per run
and one for its stage, and the few sums and rules of `tables.combine`. Nothing is
cached per combination of answers: every row may be a new one.

Rows whose answers name their source or date, and JSON reports, are scored by
`assess` itself (`VerdictCache`): the evidence rules and the report need it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from dealcheck.batch.score.cell_keys import cells_key, run_key
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.mapping.binding import CLOSED_STATUSES, Binding, Feed
from dealcheck.mapping.model import FeedKind
from dealcheck.mapping.values import DateReader, normalise_value
from dealcheck.scoring.tables import PART_LIMIT, Part, Raised, Verdict, VerdictTables
from dealcheck.scoring.verdicts import NO_PROOF, Proof, VerdictCache

#: (position of the column among the mapping's feeds and flags, column, value).
Unmapped = tuple[tuple[int, str, str], ...]
#: The verdict of every row under `--basics-only`: blank cells, nothing claimed.
UNSCORED = Verdict(0.0, "", "unscored", (), ())


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
    """What one stage cell (and status cell) says, and the run tables at its stage."""

    stage: str | None
    outcome: str
    label: str
    closed: bool
    unmapped: Unmapped
    runs: list[tuple[Callable[[list[str]], Any], dict[Any, Part], int]]
    #: The verdict under `--basics-only`: nothing scored, a closed deal's outcome kept.
    unscored: Verdict


class RowVerdicts:
    """Reads each row's verdict; call it with a row's cells.

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
        self._keys = [
            run_key([self._feed_at[s][1] for s in range(first, end) if s in self._feed_at])
            for _, first, end in self.tables.runs
        ]
        flag_slots = {key: n for n, key in enumerate(cache.flag_slots)}
        self._flag_columns = [
            (len(binding.feeds) + n, flag_slots[(c.framework, c.flag)], c)
            for n, c in enumerate(binding.flags)
        ]
        # Per run of red-flag slots: the key of its cells, and what each key raises.
        self._flag_at = {slot: (n, column) for n, slot, column in self._flag_columns}
        self._flag_runs: list[tuple[Callable[[list[str]], Any], dict[Any, Raised], int]] = [
            (cells_key([self._flag_at[s][1].column for s in slots if s in self._flag_at]), {}, run)
            for run, slots in enumerate(self.tables.flag_runs)
        ]
        stage, status = binding.roles["stage"], binding.roles["status"]
        self._stage_columns = [c for c in (stage, status) if c >= 0]
        self._stage_key = cells_key(self._stage_columns)
        self._has_stage, self._has_status = stage >= 0, status >= 0
        self._stages_of = binding.stages
        self._stages: dict[Any, _Stage] = {}
        self._run_tables: dict[str | None, list[dict[Any, Part]]] = {}
        self._proofs = any(f.source >= 0 or f.confirmed_on >= 0 for f in binding.feeds)
        self._assess = with_evidence or self._proofs
        self._evidence = with_evidence
        #: Whether any cell read so far did not read (then rows are checked for them).
        self._unreadable = False

    def __call__(self, cells: list[str]) -> RowVerdict:
        """The verdict of a row of the input (cells as read, one per header column).

        Raises:
            ValueError: A level the frameworks do not know (a mapping fault, checked
                when the mapping is bound).
        """
        entry = self._stages.get(self._stage_key(cells))
        if entry is None:
            entry = self._stage(cells)
        found = [table.get(key_of(cells)) for key_of, table, _ in entry.runs]
        parts: list[Part] = found  # type: ignore[assignment]  # unless None is in it
        if None in found:
            parts = [
                part or self._part(entry, run, key_of(cells), table)
                for part, (key_of, table, run) in zip(found, entry.runs, strict=True)
            ]
        read = [table.get(key_of(cells)) for key_of, table, _ in self._flag_runs]
        flag_runs: list[Raised] = read  # type: ignore[assignment]  # unless None is in it
        if None in read:
            flag_runs = [
                found or self._raised(run, run[0](cells))
                for found, run in zip(read, self._flag_runs, strict=True)
            ]
        raised = flag_runs[0] if len(flag_runs) == 1 else self.tables.joined(flag_runs)
        unmapped = entry.unmapped
        if self._unreadable:
            unmapped = _merged(unmapped, parts, flag_runs)
        if self._unscored:
            verdict = entry.unscored
        elif self._assess:
            answers = self.tables.answers(flag_runs)
            verdict, bad = self._assessed(entry, parts, answers, cells)
            if bad:
                unmapped = tuple(sorted([*unmapped, *bad], key=_position))
        else:
            verdict = self.tables.combine(parts, raised)
            if entry.outcome:
                # A won or lost deal keeps its scores (to learn from); its recommendation
                # is its outcome, so the pipeline summary counts it apart.
                verdict = verdict._replace(recommendation=entry.outcome)
        return RowVerdict(
            verdict,
            entry.stage,
            entry.label,
            entry.closed,
            tuple([(column, value) for _, column, value in unmapped]) if unmapped else (),
            sum([part.belief for part in parts]),
            sum([part.answered for part in parts]),
        )

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
            entry.stage if not entry.outcome else None,
            tuple(levels),
            answers,
            tuple(evidence) if evidence else None,
            entry.outcome or None,
            tuple(proofs) if proofs else None,
        ), tuple(bad)

    def _stage(self, cells: list[str]) -> _Stage:
        """Read a stage (and status) cell the first time it is met."""
        text = cells[self._stage_columns[0]] if self._has_stage else ""
        stage, outcome = self._stages_of.get(normalise_value(text), (None, ""))
        unmapped: Unmapped = ()
        if stage is None and not outcome and text.strip():
            unmapped = ((-1, "stage", text.strip()),)
        if self._has_status:
            said = cells[self._stage_columns[-1]]
            outcome = CLOSED_STATUSES.get(normalise_value(said)) or outcome
        at = None if outcome else stage
        tables = self._run_tables.get(at)
        if tables is None:
            self.tables.parts(at)  # an unknown stage fails here, once
            tables = self._run_tables[at] = [{} for _ in self.tables.runs]
        key_of = self._keys
        entry = _Stage(
            stage,
            outcome,
            stage or (text.strip() or "—"),
            bool(outcome),
            unmapped,
            [(key_of[run], tables[run], run) for run in range(len(tables))],
            UNSCORED._replace(recommendation=outcome) if outcome else UNSCORED,
        )
        if len(self._stages) >= PART_LIMIT:
            self._stages.clear()
        self._stages[self._stage_key(cells)] = entry
        return entry

    def _part(self, entry: _Stage, run: int, key: Any, table: dict[Any, Part]) -> Part:
        """What a run's cells earn at the row's stage, read the first time they are met."""
        _, first, end = self.tables.runs[run]
        texts = key if isinstance(key, tuple) else (key,)
        fed = iter(texts)
        levels: list[str] = []
        bad: list[tuple[int, str, str]] = []
        for slot in range(first, end):
            found = self._feed_at.get(slot)
            if found is None:
                levels.append(UNKNOWN)
                continue
            n, feed = found
            if feed.kind is FeedKind.TEXT:
                levels.append(next(fed))  # the key is already the text's level
                continue
            level, unread = feed.read(next(fed))
            levels.append(level)
            if unread is not None:
                bad.append((n, *unread))
        at = entry.stage if not entry.outcome else None
        part = self.tables.part(at, run, tuple(levels), keep=False)
        if bad:
            part = part._replace(unmapped=tuple(bad))
            self._unreadable = True
        if len(table) >= PART_LIMIT:
            table.clear()
        table[self.tables.shared(key)] = part  # stages meet the same cell texts
        return part

    def _raised(
        self, run: tuple[Callable[[list[str]], Any], dict[Any, Raised], int], key: Any
    ) -> Raised:
        """What a run of red-flag cells raises, read the first time they are met."""
        _, table, number = run
        slots = self.tables.flag_runs[number]
        texts = iter(key if isinstance(key, tuple) else (key,))
        said: dict[int, bool | None] = {}
        bad: list[tuple[int, str, str]] = []
        for slot in slots:
            if slot in self._flag_at:
                n, column = self._flag_at[slot]
                said[slot], unread = column.read(next(texts))
                if unread is not None:
                    bad.append((n, *unread))
        raised = self.tables.raised(tuple(said.get(slot) for slot in slots), number)
        if bad:
            raised = raised._replace(unmapped=tuple(bad))
            self._unreadable = True
        if len(table) >= PART_LIMIT:
            table.clear()
        table[key] = raised
        return raised


_position = itemgetter(0)


def _merged(unmapped: Unmapped, parts: list[Part], flags: list[Raised]) -> Unmapped:
    """A row's unmapped values in the mapping's column order (stage first)."""
    found = [*(item for part in parts for item in part.unmapped)]
    found += [item for run in flags for item in run.unmapped]
    return tuple(sorted([*unmapped, *found], key=_position)) if found else unmapped
