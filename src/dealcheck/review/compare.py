"""The weekly pipeline review: what moved between last week's scored pipeline and this one's.

Pure: two collections of `DealState` in, a `PipelineReview` out. Deals are matched by
their CRM id; deals without an id on either side are matched by name and company
(case- and space-insensitive) among the ones still unmatched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from dealcheck.errors import Message, say

#: Score changes smaller than this are rounding noise, not movement.
MIN_SCORE_MOVE = 0.5


@dataclass(frozen=True, slots=True)
class DealState:
    """One deal as scored on a given week."""

    deal_id: str
    name: str
    company: str
    owner: str
    amount: float | None
    stage: str
    close_date: date | None
    #: None when nothing was scored (`--basics-only`, red flags or a stage set alone).
    score: float | None
    recommendation: str
    red_flags: tuple[str, ...]

    @property
    def label(self) -> str:
        """How to show the deal: its name, else id and company."""
        return self.name or " · ".join(x for x in (self.deal_id, self.company) if x) or "?"

    @property
    def name_key(self) -> str:
        """Name and company, normalised, for deals without an id."""
        return f"{_norm(self.name)}|{_norm(self.company)}"


@dataclass(frozen=True, slots=True)
class Movement:
    """A deal present both weeks, and what changed."""

    before: DealState
    after: DealState

    @property
    def scored(self) -> bool:
        """Whether both weeks have a score to compare."""
        return self.before.score is not None and self.after.score is not None

    @property
    def score_delta(self) -> float:
        """Points gained (negative: lost); 0 unless both weeks have a score."""
        if self.after.score is None or self.before.score is None:
            return 0.0
        return round(self.after.score - self.before.score, 1)

    @property
    def recommendation_changed(self) -> bool:
        """Whether the recommendation is not the same as last week."""
        return self.before.recommendation != self.after.recommendation

    @property
    def new_flags(self) -> tuple[str, ...]:
        """Red flags raised this week that were not raised last week."""
        return tuple(f for f in self.after.red_flags if f not in self.before.red_flags)

    @property
    def slipped_days(self) -> int:
        """How many days later the close date is (0 when not later, or unknown)."""
        if self.before.close_date is None or self.after.close_date is None:
            return 0
        return max(0, (self.after.close_date - self.before.close_date).days)


@dataclass(frozen=True, slots=True)
class ForecastMove:
    """A deal whose forecast category changed, or a commit deal that came or went.

    `before` or `after` is None for a deal that appeared or left; `was` and `now` are
    forecast category ids ("" for a deal not in the pipeline that week).
    """

    before: DealState | None
    after: DealState | None
    was: str
    now: str

    @property
    def deal(self) -> DealState:
        """The deal as last seen."""
        return self.after or self.before  # type: ignore[return-value]


@dataclass(frozen=True)
class PipelineReview:
    """Last week against this week."""

    before: str
    after: str
    common: int
    moved: list[Movement]
    new_flags: list[Movement]
    slipped: list[Movement]
    appeared: list[DealState]
    left: list[DealState]
    warnings: list[Message] = field(default_factory=list)
    forecast_moves: list[ForecastMove] = field(default_factory=list)

    @property
    def quiet(self) -> bool:
        """Nothing to report."""
        return not (
            self.moved
            or self.new_flags
            or self.slipped
            or self.appeared
            or self.left
            or self.forecast_moves
        )


def compare(
    before: Iterable[DealState],
    after: Iterable[DealState],
    *,
    before_label: str = "before",
    after_label: str = "after",
    category: Callable[[DealState], str] | None = None,
) -> PipelineReview:
    """Compare two weeks of scored deals.

    Args:
        before: Last week's deals.
        after: This week's deals.
        before_label: How to name last week (a file or folder) in the review.
        after_label: How to name this week.
        category: A deal's forecast category; given, the review lists forecast moves
            (category changes, and commit deals that appeared or left).
    """
    warnings: list[Message] = []
    old = _index(before, before_label, warnings)
    new = _index(after, after_label, warnings)
    pairs: list[Movement] = []
    for key in [k for k in new if k in old]:
        pairs.append(Movement(old.pop(key), new.pop(key)))
    # Fallback: name + company, for deals that have no id on one side or both.
    by_name = {state.name_key: key for key, state in old.items() if state.name}
    for key, state in list(new.items()):
        match = by_name.pop(state.name_key, None) if state.name else None
        if match is not None and match in old:
            pairs.append(Movement(old.pop(match), new.pop(key)))
    moved = [p for p in pairs if abs(p.score_delta) >= MIN_SCORE_MOVE or p.recommendation_changed]
    moved.sort(key=lambda p: (-abs(p.score_delta), p.after.label))
    moves = _forecast_moves(pairs, new.values(), old.values(), category) if category else []
    return PipelineReview(
        before=before_label,
        after=after_label,
        common=len(pairs),
        moved=moved,
        new_flags=sorted((p for p in pairs if p.new_flags), key=lambda p: p.after.label),
        slipped=sorted(
            (p for p in pairs if p.slipped_days), key=lambda p: (-p.slipped_days, p.after.label)
        ),
        appeared=_by_amount(new.values()),
        left=_by_amount(old.values()),
        warnings=warnings,
        forecast_moves=moves,
    )


COMMIT = "commit"


def _forecast_moves(
    pairs: list[Movement],
    appeared: Iterable[DealState],
    left: Iterable[DealState],
    category: Callable[[DealState], str],
) -> list[ForecastMove]:
    """Category changes of deals seen both weeks; commit deals that came or went."""
    moves = [
        ForecastMove(p.before, p.after, was, now)
        for p in pairs
        if (was := category(p.before)) != (now := category(p.after))
    ]
    moves += [ForecastMove(None, s, "", COMMIT) for s in appeared if category(s) == COMMIT]
    moves += [ForecastMove(s, None, COMMIT, "") for s in left if category(s) == COMMIT]
    # Commit changes first (what the forecast call hinges on), then the largest deals.
    moves.sort(key=lambda m: (COMMIT not in (m.was, m.now), -(m.deal.amount or 0.0), m.deal.label))
    return moves


def _index(
    states: Iterable[DealState], label: str, warnings: list[Message]
) -> dict[str, DealState]:
    index: dict[str, DealState] = {}
    for state in states:
        key = f"id:{state.deal_id.strip()}" if state.deal_id.strip() else f"name:{state.name_key}"
        if key in index:
            warnings.append(say("review.twice", source=label, deal=state.label))
        index[key] = state
    return index


def _by_amount(states: Iterable[DealState]) -> list[DealState]:
    return sorted(states, key=lambda s: (-(s.amount or 0.0), s.label))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
