"""Evidence rules: what the rep's belief alone earns, stale evidence, verified weight.

The framework's `evidence` block sets them; scoring asks these functions. The rep's
word (`belief`, and `crm`: what the CRM says was typed by our side) earns at most the
belief level and counts as rep belief; `customer` and `document` are verified. Evidence
with no source (a CRM export with no source column) is neither: sources unknown.
"""

from __future__ import annotations

from itertools import pairwise

from dealcheck.language.framework import Criterion, Framework, Level, StaleCost
from dealcheck.scoring.answers import REP_WORD, EvidenceSource
from dealcheck.scoring.scorecard import CriterionScore, TriggeredFlag

#: Sources that say who vouches for an answer.
KNOWN_SOURCES = (*REP_WORD, EvidenceSource.CUSTOMER, EvidenceSource.DOCUMENT)
#: Sources that count as verified by the customer.
VERIFIED_SOURCES = (EvidenceSource.CUSTOMER, EvidenceSource.DOCUMENT)


def stale_levels(framework: Framework, criterion: Criterion) -> dict[str, Level]:
    """Level id -> the level stale evidence for it counts as (levels above the floor only).

    Never below the lowest level above 'absent': old evidence is weaker, not gone.
    """
    scale = framework.scale_of(criterion)
    present = [level for level in scale.root if not scale.is_absent(level)]
    floor = present[0]
    if framework.evidence.stale_costs is StaleCost.ASSUMED:
        target = framework.belief_level(criterion) or floor
        return {lv.id: target for lv in present if lv.value > target.value}
    return {higher.id: lower for lower, higher in pairwise(present)}


def verified_share(criteria: list[CriterionScore]) -> float | None:
    """Share of the criteria weight the customer verified (source customer or document).

    None when no answer records a source at all: then nothing can be said about it.
    """
    if not any(c.answer.source in KNOWN_SOURCES for c in criteria):
        return None
    weight = sum(c.max_points for c in criteria)
    verified = sum(
        c.max_points
        for c in criteria
        if c.claimed is not None or c.level is not None
        if c.answer.source in VERIFIED_SOURCES
    )
    return verified / weight if weight else None


def belief_share(criteria: list[CriterionScore]) -> float:
    """Share of the weight claimed above 'absent' that rests on the rep's word alone."""
    claimed = [c for c in criteria if (c.claimed or c.level) is not None and not c.absent]
    weight = sum(c.max_points for c in claimed)
    believed = sum(c.max_points for c in claimed if c.answer.source in REP_WORD)
    return believed / weight if weight else 0.0


def evidence_flags(
    frameworks: list[Framework], criteria: list[CriterionScore], triggered: list[TriggeredFlag]
) -> list[TriggeredFlag]:
    """Flags the evidence raises (`raised_when`) that are not raised already."""
    raised = {f.flag.id for f in triggered}
    found: list[TriggeredFlag] = []
    share: float | None = None
    for framework in frameworks:
        for flag in framework.red_flags:
            if flag.raised_when is None or flag.id in raised:
                continue
            share = belief_share(criteria) if share is None else share
            if share >= flag.raised_when.rep_belief_share:
                found.append(TriggeredFlag(flag, framework.id, 0.0, from_evidence=True))
                raised.add(flag.id)
    return found
