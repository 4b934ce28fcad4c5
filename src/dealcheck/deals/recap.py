"""The six-part recap of seed 000 (the "mantra").

It is filled from the deal's value story and from the criteria each framework declares
for each part.

Only what the customer said or wrote is recapped as agreed. What only the rep
believes is never said back to the customer as fact: it becomes a question for this
call ("to confirm"). A part with nothing at all gets the question that fills it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dealcheck.deals.model import Deal
from dealcheck.deals.story import NextStep, Statement
from dealcheck.language.framework import RecapPart
from dealcheck.scoring.answers import EvidenceSource
from dealcheck.scoring.assessment import Assessment

CONFIRMING = (EvidenceSource.CUSTOMER, EvidenceSource.DOCUMENT)


@dataclass(frozen=True)
class RecapLine:
    """One part of the recap: what was agreed, and what to confirm on this call."""

    part: RecapPart
    agreed: list[str] = field(default_factory=list)
    to_confirm: list[str] = field(default_factory=list)
    value_driver: str | None = None

    @property
    def empty(self) -> bool:
        """Nothing known at all for this part."""
        return not self.agreed and not self.to_confirm


@dataclass(frozen=True)
class Recap:
    """The six parts, in order, and the next step the customer agreed (if any)."""

    lines: list[RecapLine]
    next_step: NextStep | None

    def line(self, part: RecapPart) -> RecapLine:
        """The line for one part."""
        return next(line for line in self.lines if line.part is part)


def recap(deal: Deal, assessment: Assessment) -> Recap:
    """Fill the six recap parts from the value story and the framework-declared criteria."""
    story = deal.story
    found: dict[RecapPart, list[Statement]] = {part: [] for part in RecapPart}
    if story is not None:
        found[RecapPart.OUTCOME] += [s for s in (story.after,) if s]
        found[RecapPart.CAPABILITIES] += story.capabilities
        found[RecapPart.METRICS] += [s for s in (story.metric,) if s]
        found[RecapPart.DELIVERY] += [s for s in (story.delivery,) if s]
        found[RecapPart.DIFFERENTIATION] += story.differentiators
        found[RecapPart.PROOF] += [
            Statement(text=p.text, source=EvidenceSource.DOCUMENT if p.reference else None)
            for p in story.proof_points
        ]
    # The value story speaks for a part; criteria evidence fills only the parts it left empty.
    told = {part for part, statements in found.items() if statements}
    for card in assessment.scorecards:
        scored = {c.criterion.id: c for c in card.criteria}
        for part, criterion_ids in card.framework.recap.items():
            for criterion_id in criterion_ids:
                result = scored.get(criterion_id)
                if part in told or result is None or result.level is None or result.absent:
                    continue
                if result.answer.evidence:
                    found[part].append(
                        Statement(text=result.answer.evidence, source=result.answer.source)
                    )
    lines = []
    for part in RecapPart:
        agreed = _unique(s.text for s in found[part] if s.confirmed)
        pending = _unique(s.text for s in found[part] if not s.confirmed and s.text not in agreed)
        driver = story.value_driver.value if story and story.value_driver else None
        lines.append(
            RecapLine(part, agreed, pending, driver if part is RecapPart.DELIVERY else None)
        )
    step = deal.next_step if deal.next_step and deal.next_step.agreed else None
    return Recap(lines, step)


def _unique(texts: object) -> list[str]:
    return list(dict.fromkeys(texts))  # type: ignore[call-overload]
