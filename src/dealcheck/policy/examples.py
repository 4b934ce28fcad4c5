"""Framework tests: example deals with the verdict a sales coach expects, as plain YAML.

A test file lives beside the framework it checks (e.g. `frameworks/tests/acme.yaml`):

    framework: acme-meddpicc        # an id, or a path relative to this file
    examples:
      - name: A verified deal in negotiation advances
        stage: negotiation
        answers:
          champion: confirmed
          economic-buyer: {level: confirmed, source: customer, confirmed_on: 2026-11-02}
        red_flags: {champion-left: no}
        exit_criteria: {we-are-selected: {happened: "yes", source: customer}}
        expect:
          recommendation: advance
          grade: A
          stage_supported: negotiation   # the exit criteria support the CRM stage

Only what `expect` states is checked.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dealcheck.deals.model import (
    AnswerRecord,
    ExitRecord,
    FlagAnswer,
    flag_booleans,
    level_shorthand,
)

# Recommendations the verdict contract names, so an expectation may already use the
# ones a newer scoring core gives (not-now, and won / lost / closed for closed deals).
CONTRACT_RECOMMENDATIONS = (
    "advance",
    "dig-deeper",
    "not-now",
    "disqualify",
    "won",
    "lost",
    "closed",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Expectation(_Strict):
    """What the example deal should come out as; only the keys given are checked."""

    recommendation: str | None = Field(
        default=None, description="advance, dig-deeper, not-now or disqualify (won/lost if closed)."
    )
    grade: str | None = Field(default=None, description="The grade band, e.g. A.")
    score_at_least: float | None = Field(
        default=None, ge=0, le=100, description="The lowest acceptable score."
    )
    score_below: float | None = Field(
        default=None, ge=0, le=100, description="The score must stay under this."
    )
    gaps: list[str] | None = Field(
        default=None, description="Exactly these criteria are gaps (ids, any order; [] for none)."
    )
    flags: list[str] | None = Field(
        default=None, description="Exactly these red flags are raised (ids, any order)."
    )
    stage_supported: str | None = Field(
        default=None,
        description="The stage the exit criteria support (id, name or alias): the deal's own "
        "stage when its exit criteria back it, else the earlier stage they stop at "
        '("stage says proposal; exit criteria support discovery").',
    )


class Example(_Strict):
    """One example deal: its stage, the answers, and the expected verdict."""

    name: str = Field(min_length=1, description="What the example shows, as a coach says it.")
    stage: str | None = Field(default=None, description="Stage id, name or alias of the deal.")
    answers: dict[str, AnswerRecord] = Field(
        default_factory=dict,
        description="Criterion id -> level id, or {level, evidence, source, confirmed_on}.",
    )
    red_flags: dict[str, FlagAnswer] = Field(
        default_factory=dict, description="Red flag id -> yes, no or unknown."
    )
    exit_criteria: dict[str, ExitRecord] = Field(
        default_factory=dict,
        description="Stage exit check id -> yes, no or unknown, or "
        "{happened, evidence, source, confirmed_on}.",
    )
    expect: Expectation = Field(description="The verdict the team expects.")

    _level_shorthand = field_validator("answers", mode="before")(level_shorthand)
    _flag_booleans = field_validator("red_flags", mode="before")(flag_booleans)


class ExampleFile(_Strict):
    """A framework test file: the framework(s) to test and the example deals."""

    framework: str | list[str] = Field(
        description="Framework id or path (relative to this file); a list scores them together."
    )
    examples: list[Example] = Field(min_length=1, description="The example deals.")

    def references(self) -> list[str]:
        """The framework references, in order."""
        return [self.framework] if isinstance(self.framework, str) else list(self.framework)
