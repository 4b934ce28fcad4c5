"""One export row, read through its mapping, as a closed deal (or counted as open).

The mapping is bound to the file's header by the batch wing (`bind`), so the
columns, value maps and stage names read exactly as `dealcheck score` reads them. What
is read differently: a closed deal is scored as the framework would have judged it
before its outcome was known (at the stage it reached), so that its recommendation can
be compared with how it ended. Who confirmed each answer (a `source` column) counts as
in `dealcheck score`; the age of the evidence does not (there is no "today" for a deal
already closed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dealcheck.errors import Location, Problem, ValidationFailed
from dealcheck.language.framework import UNKNOWN, Framework
from dealcheck.language.yamlfile import YamlMapping, locate
from dealcheck.learn.history import ClosedDeal
from dealcheck.mapping.binding import CLOSED_STATUSES, Binding, Unread, header_index
from dealcheck.mapping.column_names import normalise_header
from dealcheck.mapping.model import LOST, WON, Mapping
from dealcheck.mapping.values import DateReader, normalise_value
from dealcheck.scoring.verdicts import NO_PROOF, ProofKey, VerdictCache

#: Distinct answer combinations remembered (the cache is emptied when full).
MEMO_LIMIT = 8192
OWNER = "owner"


@dataclass
class Tally:
    """What reading found besides the closed deals: every row is counted once."""

    rows: int = 0
    won: int = 0
    lost: int = 0
    open: int = 0
    closed_unknown: int = 0
    skipped: int = 0
    skipped_lines: list[str] = field(default_factory=list)
    unmapped: Counter[tuple[str, str]] = field(default_factory=Counter)
    bad_dates: int = 0

    def skip(self, said: str) -> None:
        """Count a row that could not be read: `FILE:LINE: reason` (the first ten are kept)."""
        self.skipped += 1
        if len(self.skipped_lines) < 10:
            self.skipped_lines.append(said)


@dataclass(frozen=True)
class Answers:
    """The part of a row that predicts: levels, flags, and the verdict they earn."""

    levels: dict[str, str | None]
    flags: frozenset[str]
    score: float | None
    recommendation: str | None


def criterion_keys(frameworks: list[Framework]) -> list[tuple[int, str, str]]:
    """(framework index, criterion id, key in `ClosedDeal.levels`) for every criterion.

    The key is the criterion id, or `framework.criterion` when two frameworks in play
    share that id.
    """
    seen = Counter(c.id for fw in frameworks for c in fw.criteria)
    return [
        (n, c.id, c.id if seen[c.id] == 1 else f"{fw.id}.{c.id}")
        for n, fw in enumerate(frameworks)
        for c in fw.criteria
    ]


class RowReader:
    """Reads rows of one input through a bound mapping into `ClosedDeal`s."""

    def __init__(
        self,
        binding: Binding,
        mapping: Mapping,
        tree: YamlMapping | None,
        header: list[str],
        cache: VerdictCache,
        source: str,
    ) -> None:
        self.binding = binding
        self.cache = cache
        self.source = source
        roles = binding.roles
        self._stage, self._status = roles["stage"], roles["status"]
        self._id, self._name = roles["deal_id"], roles["name"]
        self._owner, self._close = roles["owner"], roles["close_date"]
        self._dates = DateReader(mapping.date_formats)
        keys = {(n, c): key for n, c, key in criterion_keys(cache.frameworks)}
        self._slots = {key: n for n, key in enumerate(cache.criteria_slots)}
        self._flag_slots = {key: n for n, key in enumerate(cache.flag_slots)}
        self._keys = [keys[slot] for slot in cache.criteria_slots]
        self._memo: dict[tuple[object, ...], Answers] = {}
        self._blank_levels = [UNKNOWN] * len(self._slots)
        # Per column, what each raw value reads as: CRM columns repeat a few values.
        self._feed_plan = [
            (
                self._slots[(f.framework, f.criterion)],
                f.column,
                dict[str, tuple[str, Unread | None]](),
                f,
            )
            for f in binding.feeds
        ]
        self._flag_plan = [
            (
                self._flag_slots[(f.framework, f.flag)],
                f.column,
                dict[str, tuple[bool | None, Unread | None]](),
                f,
            )
            for f in binding.flags
        ]
        self._mapped = sorted({slot for slot, *_ in self._feed_plan})
        # Who confirmed an answer changes what it earns (the framework's evidence rules).
        self._proof_plan = [
            (slot, feed)
            for slot, _, _, feed in self._feed_plan
            if feed.source >= 0 or feed.confirmed_on >= 0
        ]
        index, _ = header_index(header)
        problems: list[Problem] = []

        def column(name: str | None, path: tuple[str | int, ...]) -> int:
            if name is None:
                return -1
            found = index.get(normalise_header(name), -1)
            if found < 0:
                where = locate(tree, path) if tree is not None else None
                problems.append(
                    Problem(
                        where or Location("<mapping>", 1, 1),
                        f"column {name!r} is not in {source}; fix the name or remove the line",
                    )
                )
            return found

        columns = mapping.columns
        self._reason = column(columns.loss_reason, ("columns", "loss_reason"))
        self._reached = column(columns.stage_reached, ("columns", "stage_reached"))
        self.attributes = [
            (name, column(name, ("attributes", n))) for n, name in enumerate(mapping.attributes)
        ]
        if problems:
            raise ValidationFailed(problems)
        self.described = [OWNER] * (self._owner >= 0) + [name for name, _ in self.attributes]

    @property
    def qualified(self) -> bool:
        """Whether any criterion or red flag column is mapped."""
        return bool(self.binding.feeds or self.binding.flags)

    def read(self, line: int, cells: list[str], tally: Tally) -> ClosedDeal | None:
        """The closed deal of a row; None (counted) for an open deal or an unknown outcome."""
        tally.rows += 1
        outcome = self._outcome(cells, tally)
        if outcome not in (WON, LOST):
            if outcome:
                tally.closed_unknown += 1
            else:
                tally.open += 1
            return None
        closed_on: date | None = None
        if self._close >= 0:
            try:
                closed_on = self._dates(cells[self._close])
            except ValueError:
                tally.bad_dates += 1
        reached: str | None = None
        if self._reached >= 0 and (text := cells[self._reached].strip()):
            reached, _ = self.binding.stages.get(normalise_value(text), (None, ""))
            if reached is None:
                tally.unmapped[("stage reached", text)] += 1
        answers = self._answers(cells, reached, tally)
        won = outcome == WON
        if won:
            tally.won += 1
        else:
            tally.lost += 1
        reason = cells[self._reason].strip() if self._reason >= 0 and not won else ""
        attributes = {name: cells[at].strip() for name, at in self.attributes}
        if self._owner >= 0:
            attributes[OWNER] = cells[self._owner].strip()
        deal_id = cells[self._id] if self._id >= 0 else cells[self._name] if self._name >= 0 else ""
        return ClosedDeal(
            deal_id=deal_id.strip() or f"{self.source}:{line}",
            won=won,
            closed_on=closed_on,
            stage_reached=reached,
            levels=answers.levels,
            flags=answers.flags,
            score=answers.score,
            recommendation=answers.recommendation,
            loss_reason=reason or None,
            attributes=attributes,
        )

    def _outcome(self, cells: list[str], tally: Tally) -> str:
        """won, lost, closed (outcome not said) or "" for an open deal."""
        text = cells[self._stage] if self._stage >= 0 else ""
        _, outcome = self.binding.stages.get(normalise_value(text), (None, ""))
        if self._status >= 0:
            outcome = CLOSED_STATUSES.get(normalise_value(cells[self._status])) or outcome
        if not outcome and text.strip() and normalise_value(text) not in self.binding.stages:
            tally.unmapped[("stage", text.strip())] += 1
        return outcome

    def _answers(self, cells: list[str], reached: str | None, tally: Tally) -> Answers:
        levels = list(self._blank_levels)
        for slot, column, seen, feed in self._feed_plan:
            text = cells[column]
            found = seen.get(text)
            if found is None:
                found = feed.read(text)
                if len(seen) < MEMO_LIMIT:
                    seen[text] = found
            if found[1] is not None:
                tally.unmapped[found[1]] += 1
            levels[slot] = found[0]
        said: list[bool | None] = [None] * len(self._flag_slots)
        for slot, column, answers, flag in self._flag_plan:
            text = cells[column]
            answer = answers.get(text)
            if answer is None:
                answer = flag.read(text)
                if len(answers) < MEMO_LIMIT:
                    answers[text] = answer
            if answer[1] is not None:
                tally.unmapped[answer[1]] += 1
            said[slot] = answer[0]
        proofs = self._proofs(cells, tally) if self._proof_plan else None
        key = (reached, tuple(levels), tuple(said), proofs)
        found_answers = self._memo.get(key)
        if found_answers is None:
            found_answers = self._decode(*key)
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = found_answers
        return found_answers

    def _proofs(self, cells: list[str], tally: Tally) -> ProofKey:
        """Who confirmed each answer and when, as `dealcheck score` reads them."""
        proofs = [NO_PROOF] * len(self._slots)
        unread: list[tuple[str, str]] = []
        for slot, feed in self._proof_plan:
            proofs[slot] = feed.proof(cells, self._dates, unread)
        for item in unread:
            tally.unmapped[item] += 1
        return tuple(proofs)

    def _decode(
        self,
        reached: str | None,
        levels: tuple[str, ...],
        said: tuple[bool | None, ...],
        proofs: ProofKey | None,
    ) -> Answers:
        by_key = {
            self._keys[slot]: (None if levels[slot] == UNKNOWN else levels[slot])
            for slot in self._mapped
        }
        if not self.qualified:
            return Answers(by_key, frozenset(), None, None)
        verdict = self.cache.get(reached, levels, said, None, None, proofs)
        # No grade: nothing scored (red flags alone), so no score band either.
        score = verdict.score if verdict.grade else None
        return Answers(by_key, frozenset(verdict.red_flags), score, verdict.recommendation)


Reader = Callable[[int, list[str], Tally], ClosedDeal | None]
