"""What a rep (or a CRM row) says about a deal, per criterion and red flag."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from dealcheck.language.framework import UNKNOWN


class EvidenceSource(StrEnum):
    """Where the evidence for an answer came from."""

    BELIEF = "belief"
    CUSTOMER = "customer"
    DOCUMENT = "document"
    CRM = "crm"


#: Sources that are our side's word only: the rep's belief, and what the CRM says, which
#: the rep typed (seed 000: what counts is what the customer said, written down; seed
#: 001: "am I the only one who believes this deal will close?"). Evidence with no
#: source at all is neither: its author is unknown.
REP_WORD = (EvidenceSource.BELIEF, EvidenceSource.CRM)


@dataclass(frozen=True, slots=True)
class CriterionAnswer:
    """A level for one criterion, and the evidence behind it.

    Attributes:
        level: A level id of the criterion's scale, or `unknown` (not asked / not known).
        evidence: What the rep wrote down.
        source: Where the evidence came from (rep's belief, the customer, a document).
        confirmed_on: When the evidence was last confirmed.
    """

    level: str = UNKNOWN
    evidence: str = ""
    source: EvidenceSource | None = None
    confirmed_on: date | None = None


@dataclass(frozen=True, slots=True)
class ExitAnswer:
    """A stage exit check: whether the event has happened, and what shows it.

    Attributes:
        happened: True (yes), False (no) or None (unknown).
        evidence: What shows it happened, in the rep's words.
        source: Who vouches for it (rep's belief, the customer, a document, the CRM).
        confirmed_on: When it was confirmed.
    """

    happened: bool | None = None
    evidence: str = ""
    source: EvidenceSource | None = None
    confirmed_on: date | None = None


@dataclass(frozen=True, slots=True)
class Answers:
    """All answers for one framework: levels per criterion, yes/no/None per flag and check.

    `red_flags` map an id to yes (True), no or None; `exits` (stage exit checks) map an
    id to its `ExitAnswer`.
    """

    criteria: Mapping[str, CriterionAnswer] = field(default_factory=dict)
    red_flags: Mapping[str, bool | None] = field(default_factory=dict)
    exits: Mapping[str, ExitAnswer] = field(default_factory=dict)

    def level_of(self, criterion_id: str) -> str:
        """The level id given for a criterion, `unknown` when not answered."""
        answer = self.criteria.get(criterion_id)
        return answer.level if answer else UNKNOWN


_PLAIN: dict[str, CriterionAnswer] = {}


def plain_answer(level: str) -> CriterionAnswer:
    """The answer `level` with no evidence: one shared object per level id.

    Scoring keeps each criterion's result for these objects, so answers built with
    this function (as batch scoring does) are scored without building anything.
    """
    found = _PLAIN.get(level)
    if found is None:
        found = CriterionAnswer(level)
        if len(_PLAIN) < 1024:  # level ids come from frameworks: a handful
            _PLAIN[level] = found
    return found
