"""What a framework change does to a real pipeline: every deal scored with both versions.

The pipeline is read and scored by the same streaming path as `dealcheck score` (a CRM
export or a scored CSV with its mapping, or a folder of deal files), once with the old
version and once with the new. Only a few numbers per deal are kept between the runs.
"""

from __future__ import annotations

import functools
import heapq
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dealcheck.errors import UsageError, say
from dealcheck.language.framework import Framework
from dealcheck.language.loading import load_framework
from dealcheck.mapping.loading import load_mapping
from dealcheck.review.compare import DealState
from dealcheck.review.snapshots import score_states

OPEN_ORDER = ("advance", "dig-deeper", "not-now", "disqualify")
CLOSED_OUTCOMES = ("won", "lost")
LARGEST_MOVES = 10
DealKey = tuple[str, str, int]  # deal id, name, and which of the deals with both


@dataclass(frozen=True, slots=True)
class DealScore:
    """What one run said about one deal."""

    name: str
    amount: float | None
    score: float
    recommendation: str


@dataclass(frozen=True)
class DealMove:
    """One deal scored with the old version and with the new."""

    name: str
    amount: float | None
    before: float
    after: float
    recommendation_before: str
    recommendation_after: str

    @property
    def moved(self) -> float:
        """Score points gained (negative: lost)."""
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class Shift:
    """Deals whose recommendation went from one value to another, and their amount."""

    before: str
    after: str
    deals: int
    amount: float


@dataclass(frozen=True)
class Separation:
    """How well scores tell closed-won from closed-lost deals, before and after.

    `ranked_right` is the share of (won, lost) pairs where the won deal scores higher
    (ties count half): 0.5 tells them apart no better than a coin, 1.0 perfectly.
    """

    won: int
    lost: int
    won_mean: tuple[float, float]
    lost_mean: tuple[float, float]
    ranked_right: tuple[float, float]

    @property
    def better(self) -> bool | None:
        """True when the new version separates them better, False worse, None the same."""
        before, after = self.ranked_right
        return None if round(after - before, 3) == 0 else after > before


@dataclass(frozen=True)
class Impact:
    """The effect of a framework change on a pipeline."""

    framework: str  # the framework slot the versions took, e.g. meddpicc
    deals: int
    changed: int
    shifts: list[Shift]
    largest: list[DealMove]
    separation: Separation | None
    sources: list[str] = field(default_factory=list)
    unmatched: int = 0  # rows scored by one version only (rejected by the other)


@dataclass
class ImpactRequest:
    """Where the pipeline is and how to read it (as for `dealcheck score`)."""

    inputs: list[str]
    mapping: str | None
    frameworks: list[str]
    team_dir: Path
    today: date | None = None
    encoding: str | None = None


def pipeline_impact(old: Framework, new: Framework, request: ImpactRequest) -> Impact:
    """Score the pipeline with both versions and compare deal by deal.

    The versions take the place of the framework the pipeline is scored with that has
    the old or new version's id (or that either extends); the others stay as they are.

    Raises:
        UsageError: When no framework of the pipeline matches, or as `dealcheck score`.
        InputError, ValidationFailed: As `dealcheck score`.
    """
    mapping, tree = (
        load_mapping(request.mapping, checked_on=request.inputs[0] if request.inputs else None)
        if request.mapping
        else (None, None)
    )
    ids = request.frameworks or (mapping.frameworks if mapping else []) or [old.id]
    frameworks = [load_framework(i, team_dir=request.team_dir) for i in ids]
    slot = _slot(frameworks, old, new)
    slot_id = frameworks[slot].id
    before: dict[DealKey, DealScore] = {}
    tally: _Tally | None = None
    for version in (old, new):
        in_place = list(frameworks)
        # The mapping and deal files name the slot's id; the version answers for it.
        in_place[slot] = version.model_copy(update={"id": slot_id})
        keys = _DealKeys()
        if tally is None:
            keep = functools.partial(_remember, before, keys)
        else:
            keep = functools.partial(_compare, tally, keys)
        score_states(
            request.inputs,
            in_place,
            mapping,
            today=request.today or date.today(),
            mapping_tree=tree,
            encoding=request.encoding,
            keep=keep,
        )
        tally = tally or _Tally(before)
    assert tally is not None
    return tally.impact(slot_id, request.inputs)


class _DealKeys:
    """Each deal's key: id, name, and how many deals with both came before it."""

    def __init__(self) -> None:
        self.seen: Counter[tuple[str, str]] = Counter()

    def __call__(self, state: DealState) -> DealKey:
        pair = (state.deal_id, state.name)
        count = self.seen[pair]
        self.seen[pair] = count + 1
        return (*pair, count)


def _remember(before: dict[DealKey, DealScore], keys: _DealKeys, state: DealState) -> None:
    before[keys(state)] = DealScore(state.label, state.amount, _points(state), state.recommendation)


def _points(state: DealState) -> float:
    """A deal's score, 0 where a version scores nothing (red flags alone): none to move."""
    return 0.0 if state.score is None else state.score


def _compare(tally: _Tally, keys: _DealKeys, state: DealState) -> None:
    tally.add(keys(state), state)


def _slot(frameworks: list[Framework], old: Framework, new: Framework) -> int:
    wanted = [old.id, new.id, old.extends, new.extends]
    for candidate in wanted:
        for index, framework in enumerate(frameworks):
            if candidate and framework.id == candidate:
                return index
    used = ", ".join(f.id for f in frameworks)
    versions = old.id if old.id == new.id else f"{old.id}, {new.id}"
    raise UsageError(say("impact.frameworks", used=used, versions=versions, id=old.id))


class _Tally:
    """The second run's deals, compared one by one with the first run's as they come."""

    def __init__(self, before: dict[DealKey, DealScore]) -> None:
        self.before = before
        self.deals = 0
        self.unmatched = 0
        self.shift_deals: Counter[tuple[str, str]] = Counter()
        self.shift_amount: dict[tuple[str, str], float] = defaultdict(float)
        self.largest: list[tuple[float, float, int, DealMove]] = []  # a heap, smallest first
        self.closed: dict[str, list[tuple[float, float]]] = {"won": [], "lost": []}

    def add(self, key: DealKey, state: DealState) -> None:
        """Compare one deal of the new version's run with the old version's."""
        was = self.before.get(key)
        if was is None:
            self.unmatched += 1
            return
        self.deals += 1
        move = DealMove(
            was.name,
            was.amount,
            was.score,
            _points(state),
            was.recommendation,
            state.recommendation,
        )
        if move.recommendation_before != move.recommendation_after:
            pair = (move.recommendation_before, move.recommendation_after)
            self.shift_deals[pair] += 1
            self.shift_amount[pair] += move.amount or 0.0
        if move.moved:
            # Ties go to the larger deal, then to the one read first.
            ranked = (abs(move.moved), move.amount or 0.0, -self.deals, move)
            if len(self.largest) < LARGEST_MOVES:
                heapq.heappush(self.largest, ranked)
            elif ranked[:3] > self.largest[0][:3]:
                heapq.heapreplace(self.largest, ranked)
        if state.recommendation in self.closed:
            self.closed[state.recommendation].append((was.score, _points(state)))

    def impact(self, framework_id: str, sources: list[str]) -> Impact:
        """What the two runs say together."""
        order = {rec: index for index, rec in enumerate(OPEN_ORDER)}
        shifts = [
            Shift(b, a, self.shift_deals[(b, a)], self.shift_amount[(b, a)])
            for b, a in sorted(
                self.shift_deals, key=lambda k: (order.get(k[0], 9), order.get(k[1], 9))
            )
        ]
        ranked = sorted(self.largest, key=lambda entry: entry[:3], reverse=True)
        return Impact(
            framework=framework_id,
            deals=self.deals,
            changed=sum(s.deals for s in shifts),
            shifts=shifts,
            largest=[entry[3] for entry in ranked],
            separation=_separation(self.closed["won"], self.closed["lost"]),
            sources=list(sources),
            unmatched=self.unmatched + len(self.before) - self.deals,
        )


def _separation(
    won: list[tuple[float, float]], lost: list[tuple[float, float]]
) -> Separation | None:
    if not won or not lost:
        return None

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 1)

    return Separation(
        won=len(won),
        lost=len(lost),
        won_mean=(mean([b for b, _ in won]), mean([a for _, a in won])),
        lost_mean=(mean([b for b, _ in lost]), mean([a for _, a in lost])),
        ranked_right=(
            ranked_right([b for b, _ in won], [b for b, _ in lost]),
            ranked_right([a for _, a in won], [a for _, a in lost]),
        ),
    )


def ranked_right(won: list[float], lost: list[float]) -> float:
    """Share of (won, lost) pairs where the won deal scores higher; ties count half."""
    ordered = sorted(lost)
    right = 0.0
    for score in won:
        below = bisect_left(ordered, score)
        ties = bisect_right(ordered, score) - below
        right += below + ties / 2
    return round(right / (len(won) * len(lost)), 3)
