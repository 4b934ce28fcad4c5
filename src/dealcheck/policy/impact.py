"""What a framework change does to a real pipeline: every deal scored with both versions.

The pipeline is read and scored by the same streaming path as `dealcheck score` (a CRM
export or a scored CSV with its mapping, or a folder of deal files), once with the old
version and once with the new. Only a few numbers per deal are kept between the runs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dealcheck.batch.compare import DealState
from dealcheck.batch.mapping import load_mapping
from dealcheck.batch.snapshots import score_states
from dealcheck.errors import UsageError
from dealcheck.language.framework import Framework
from dealcheck.language.loading import load_framework

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
    runs: list[dict[DealKey, DealScore]] = []
    for version in (old, new):
        in_place = list(frameworks)
        # The mapping and deal files name the slot's id; the version answers for it.
        in_place[slot] = version.model_copy(update={"id": slot_id})
        states = score_states(
            request.inputs,
            in_place,
            mapping,
            today=request.today or date.today(),
            mapping_tree=tree,
            encoding=request.encoding,
        )
        runs.append(_by_deal(states))
    return compare_runs(slot_id, runs[0], runs[1], request.inputs)


def _by_deal(states: list[DealState]) -> dict[DealKey, DealScore]:
    """Each deal's numbers, keyed by id, name and how many times that pair came before."""
    seen: Counter[tuple[str, str]] = Counter()
    kept: dict[DealKey, DealScore] = {}
    for state in states:
        pair = (state.deal_id, state.name)
        kept[(*pair, seen[pair])] = DealScore(
            state.label, state.amount, state.score, state.recommendation
        )
        seen[pair] += 1
    return kept


def _slot(frameworks: list[Framework], old: Framework, new: Framework) -> int:
    wanted = [old.id, new.id, old.extends, new.extends]
    for candidate in wanted:
        for index, framework in enumerate(frameworks):
            if candidate and framework.id == candidate:
                return index
    used = ", ".join(f.id for f in frameworks)
    raise UsageError(
        f"the pipeline is scored with {used}; neither {old.id} nor {new.id} is one of them "
        "(or extends one): choose with -f"
    )


def compare_runs(
    framework_id: str,
    before: dict[DealKey, DealScore],
    after: dict[DealKey, DealScore],
    sources: list[str] | None = None,
) -> Impact:
    """Pair the two runs' deals by where they were read and sum up what moved."""
    moves = [
        DealMove(was.name, was.amount, was.score, now.score, was.recommendation, now.recommendation)
        for where, was in before.items()
        if (now := after.get(where)) is not None
    ]
    shift_deals: Counter[tuple[str, str]] = Counter()
    shift_amount: dict[tuple[str, str], float] = defaultdict(float)
    for move in moves:
        if move.recommendation_before != move.recommendation_after:
            key = (move.recommendation_before, move.recommendation_after)
            shift_deals[key] += 1
            shift_amount[key] += move.amount or 0.0
    order = {rec: index for index, rec in enumerate(OPEN_ORDER)}
    shifts = [
        Shift(b, a, shift_deals[(b, a)], shift_amount[(b, a)])
        for b, a in sorted(shift_deals, key=lambda k: (order.get(k[0], 9), order.get(k[1], 9)))
    ]
    largest = sorted(
        (m for m in moves if m.moved), key=lambda m: (-abs(m.moved), -(m.amount or 0), m.name)
    )[:LARGEST_MOVES]
    return Impact(
        framework=framework_id,
        deals=len(moves),
        changed=sum(s.deals for s in shifts),
        shifts=shifts,
        largest=largest,
        separation=_separation(moves),
        sources=list(sources or []),
        unmatched=len(before) + len(after) - 2 * len(moves),
    )


def _separation(moves: list[DealMove]) -> Separation | None:
    won = [m for m in moves if m.recommendation_after == "won"]
    lost = [m for m in moves if m.recommendation_after == "lost"]
    if not won or not lost:
        return None

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 1)

    return Separation(
        won=len(won),
        lost=len(lost),
        won_mean=(mean([m.before for m in won]), mean([m.after for m in won])),
        lost_mean=(mean([m.before for m in lost]), mean([m.after for m in lost])),
        ranked_right=(
            ranked_right([m.before for m in won], [m.before for m in lost]),
            ranked_right([m.after for m in won], [m.after for m in lost]),
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
