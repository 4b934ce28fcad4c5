"""A closed deal as the learning wing sees it: answers, flags, verdict and outcome."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class ClosedDeal:
    """One won or lost deal, reduced to what can predict its outcome.

    Attributes:
        deal_id: The deal's id or name, as the export or deal file gives it.
        won: True for a won deal, False for a lost one (open deals never get here).
        closed_on: When it was won or lost, for time-based splits; None when unknown.
        stage_reached: Id of the furthest framework stage it reached, when known.
        levels: Criterion id -> level id answered (None: unanswered or blank).
        flags: Ids of the red flags raised.
        score: The 0-100 score under the framework in use, when scored.
        recommendation: advance / dig-deeper / disqualify / park, when scored.
        loss_reason: The export's loss reason, when a column is mapped.
        attributes: Other descriptive columns (product, owner, segment) by name.
        below_target: Criteria short of their target, when only a scored file says so
            (its `dealcheck_gaps`, levels unknown); None when `levels` tell.
    """

    deal_id: str
    won: bool
    closed_on: date | None = None
    stage_reached: str | None = None
    levels: Mapping[str, str | None] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    score: float | None = None
    recommendation: str | None = None
    loss_reason: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    below_target: frozenset[str] | None = None
