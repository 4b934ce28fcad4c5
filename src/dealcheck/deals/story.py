"""The value story of a deal (seed 000).

Before and after, the metric, the value driver, the required capabilities, our
differentiators, proof points and the agreed next step.

Each statement carries where it came from. Only what the customer said or wrote
(`customer`, `document`) is recapped to them as agreed; the rep's belief and CRM
entries are shown to the rep as "to confirm on this call".
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dealcheck.scoring.answers import EvidenceSource

CONFIRMED_SOURCES = frozenset({EvidenceSource.CUSTOMER, EvidenceSource.DOCUMENT})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ValueDriver(StrEnum):
    """The business value the product moves (seed 000, chapter 5)."""

    FASTER = "faster"
    MORE_REVENUE = "more-revenue"
    LOWER_COST = "lower-cost"
    LOWER_RISK = "lower-risk"


class Statement(_Strict):
    """One thing said about the deal, and where it came from."""

    text: str = Field(min_length=1, description="The statement, in the rep's words.")
    source: EvidenceSource | None = Field(
        default=None, description="belief, customer, document or crm; none means belief."
    )
    confirmed_on: dt.date | None = Field(
        default=None, description="When the customer last confirmed it (YYYY-MM-DD)."
    )

    @model_validator(mode="before")
    @classmethod
    def _text_shorthand(cls, value: Any) -> Any:
        # `- ERP connector` is accepted as `- {text: ERP connector}` (the rep's belief).
        return {"text": value} if isinstance(value, str) else value

    @property
    def confirmed(self) -> bool:
        """Whether the customer said or wrote it."""
        return self.source in CONFIRMED_SOURCES


class ProofPoint(_Strict):
    """A reference customer or a result that backs our claim, with where it is shown."""

    text: str = Field(
        min_length=1, description="The reference or result, e.g. 'Hanmi: close in 4 days'."
    )
    reference: str | None = Field(
        default=None,
        description="Where it is shown: a case study, a call with the customer, a report.",
    )

    @model_validator(mode="before")
    @classmethod
    def _text_shorthand(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


MeetingKind = Literal["meeting", "demo", "proposal", "negotiation", "signature"]


class NextStep(_Strict):
    """The next step: what happens, when, and who agreed it."""

    text: str = Field(min_length=1, description="What happens next, e.g. 'Demo to the IT team'.")
    date: dt.date | None = Field(default=None, description="When (YYYY-MM-DD).")
    kind: MeetingKind = Field(
        default="meeting", description="meeting, demo, proposal, negotiation or signature."
    )
    side: Literal["ours", "theirs", "both"] = Field(
        default="both", description="Who owes the step: ours (our homework), theirs, or both."
    )
    source: EvidenceSource | None = Field(
        default=None, description="customer or document when the customer agreed it."
    )

    @property
    def agreed(self) -> bool:
        """Whether the customer agreed this step."""
        return self.source in CONFIRMED_SOURCES


class ValueStory(_Strict):
    """Before and after, the metric, and what backs our claim to get the customer there."""

    before: Statement | None = Field(default=None, description="The painful state today.")
    after: Statement | None = Field(
        default=None, description="The state a year from now the customer wants (the outcome)."
    )
    metric: Statement | None = Field(
        default=None, description="The metric that moves, from what to what (e.g. 12 → 5 days)."
    )
    value_driver: ValueDriver | None = Field(
        default=None, description="faster, more-revenue, lower-cost or lower-risk."
    )
    capabilities: list[Statement] = Field(
        default_factory=list, description="Required capabilities agreed with the customer."
    )
    delivery: Statement | None = Field(
        default=None, description="How we deliver it: the approach and rollout."
    )
    differentiators: list[Statement] = Field(
        default_factory=list,
        description="How we are different; confirmed when the customer named it as a selection factor.",
    )
    proof_points: list[ProofPoint] = Field(
        default_factory=list, description="Reference customers or results, each with its source."
    )
