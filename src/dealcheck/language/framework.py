"""The framework language: pydantic models for a qualification framework file.

A framework is plain data a sales team reads, reviews and versions in git. These
models are the single definition of that language; `dealcheck framework schema`
publishes them as JSON Schema for editors.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator, model_validator

from dealcheck.errors import say

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
LANG_PATTERN = r"^[a-z]{2}(-[A-Za-z]{2})?$"
SEMVER_PATTERN = r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
UNKNOWN = "unknown"
DEFAULT_LANGUAGE = "en"
FLAG_NAME_LIMIT = 48

Identifier = Annotated[
    str,
    Field(pattern=ID_PATTERN, max_length=64, description="Lower-case id: letters, digits, - or _."),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(RootModel[str | dict[str, str]]):
    """User-visible text: a plain string, or one string per language (`{en: …, ko: …}`)."""

    root: str | dict[str, str] = Field(
        description="A plain string, or a mapping of language code (en, ko, …) to text."
    )

    @field_validator("root")
    @classmethod
    def _languages_are_codes(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        if isinstance(value, dict):
            if not value:
                raise ValueError(say("fw.text_empty"))
            for lang in value:
                if not re.match(LANG_PATTERN, lang):
                    raise ValueError(say("fw.lang_code", lang=lang))
        return value

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Return the text in `lang`, falling back to English, then to any language given."""
        if isinstance(self.root, str):
            return self.root
        return (
            self.root.get(lang) or self.root.get(DEFAULT_LANGUAGE) or next(iter(self.root.values()))
        )

    def languages(self) -> set[str] | None:
        """Languages this text is given in; None for a language-neutral plain string."""
        return None if isinstance(self.root, str) else set(self.root)


class Level(_Strict):
    """One step of a scale, from absent to fully confirmed."""

    id: Identifier = Field(description="Level id stored in deal files, e.g. `confirmed`.")
    value: int = Field(ge=0, le=10, description="Position on the scale; higher is better.")
    label: Text = Field(description="Short name shown to the rep.")
    description: Text = Field(description="The evidence that earns this level.")
    absent: bool = Field(
        default=False,
        description="This level means 'known not to exist' (e.g. there is no champion). "
        "Defaults to true for the lowest level of the scale.",
    )


class Scale(RootModel[list[Level]]):
    """Ordered levels; each answer picks one, or `unknown`."""

    root: list[Level] = Field(min_length=2, description="At least two levels, lowest first.")

    @field_validator("root")
    @classmethod
    def _ordered_and_unique(cls, levels: list[Level]) -> list[Level]:
        ids = [level.id for level in levels]
        if UNKNOWN in ids:
            raise ValueError(say("fw.unknown_reserved"))
        if len(set(ids)) != len(ids):
            raise ValueError(say("fw.level_ids", ids=ids))
        values = [level.value for level in levels]
        if values != sorted(set(values)):
            raise ValueError(say("fw.level_values", values=values))
        return levels

    def by_id(self, level_id: str) -> Level | None:
        """Return the level with this id, if any."""
        return next((level for level in self.root if level.id == level_id), None)

    @property
    def top(self) -> Level:
        """The highest level."""
        return self.root[-1]

    def is_absent(self, level: Level) -> bool:
        """Whether this level means 'known to be absent'."""
        if any(lv.absent for lv in self.root):
            return level.absent
        return level.value == self.root[0].value


class Criterion(_Strict):
    """One thing a rep must know about a deal, with how to find it out."""

    id: Identifier = Field(description="Stable id stored in deal files and mappings.")
    name: Text = Field(description="Name shown in prompts and reports.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names a CRM column may give this criterion (any language), "
        "e.g. `Economic Buyer Identified`; `map init` matches them.",
    )
    # Strict: `weight: true` is a slip, not a weight of 1.
    weight: float = Field(gt=0, le=1000, strict=True, description="Relative weight in the score.")
    critical: bool = Field(
        default=False,
        description="A gap on a critical criterion blocks an `advance` recommendation.",
    )
    question: Text = Field(description="The question the rep answers about this deal.")
    help: Text | None = Field(default=None, description="Why this criterion matters.")
    levels: dict[str, Text] = Field(
        default_factory=dict,
        description="What each level id means for this criterion (overrides the scale's text).",
    )
    scale: Scale | None = Field(default=None, description="A scale for this criterion only.")
    target: str | None = Field(
        default=None,
        description="Level id this criterion should reach when no stage is given "
        "(default: the framework's target).",
    )
    evidence_prompt: Text = Field(description="What evidence to write down for this criterion.")
    questions: list[Text] = Field(
        min_length=1,
        description="Question bank: discovery questions that close a gap on this criterion.",
    )


class RedFlagEffect(StrEnum):
    """What a triggered red flag does to the deal."""

    DISQUALIFY = "disqualify"
    CAP = "cap"
    SUBTRACT = "subtract"


class FlagEvidenceTrigger(_Strict):
    """When the evidence itself raises a red flag."""

    rep_belief_share: float = Field(
        gt=0,
        le=1,
        description="Raise the flag when at least this share of the weight claimed above "
        "'absent' rests on the rep's belief alone (e.g. 0.5).",
    )


class RedFlag(_Strict):
    """A yes/no deal breaker learned from lost deals.

    Two frameworks in play that define a red flag with the same id share it: the rep
    answers it once and it counts once (the first framework's definition is used).
    """

    id: Identifier = Field(
        description="Stable id stored in deal files and mappings. Give two frameworks' "
        "flags the same id to say they are one concern: it is asked and counted once."
    )
    name: Text = Field(
        description="Short name shown in reports instead of the id "
        f"(at most {FLAG_NAME_LIMIT} characters per language)."
    )
    question: Text = Field(description="A yes/no question; `yes` triggers the flag.")
    effect: RedFlagEffect = Field(description="disqualify, cap the score, or subtract points.")
    points: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="For `cap`: the highest score allowed; for `subtract`: points taken off.",
    )
    reason: Text = Field(description="Why this flag matters, shown to the rep when triggered.")
    questions: list[Text] = Field(
        default_factory=list, description="Questions that check whether the flag still holds."
    )
    raised_when: FlagEvidenceTrigger | None = Field(
        default=None,
        description="Raise this flag from the evidence too, not only when the rep answers yes.",
    )

    @model_validator(mode="after")
    def _points_match_effect(self) -> RedFlag:
        if self.effect is RedFlagEffect.DISQUALIFY and self.points is not None:
            raise ValueError(say("fw.disqualify_points"))
        if self.effect is not RedFlagEffect.DISQUALIFY and self.points is None:
            raise ValueError(say("fw.needs_points", effect=self.effect.value))
        return self


StageRequirement = Literal["close-plan", "economic-buyer-met"]


class ExitCheck(_Strict):
    """A yes/no event that must have happened before a deal leaves a stage."""

    id: Identifier = Field(description="Check id stored in deal files, e.g. `demo-started`.")
    name: Text = Field(description="The event, in a few words, shown in reports.")
    question: Text = Field(description="The yes/no question; `yes` means it has happened.")


class Stage(_Strict):
    """A deal stage and the minimum level each criterion must reach to be in it."""

    id: Identifier = Field(description="Stage id, e.g. `discovery`.")
    name: Text = Field(description="Stage name shown in reports.")
    aliases: list[str] = Field(
        default_factory=list, description="Other names a CRM may use for this stage."
    )
    expects: dict[str, str] = Field(
        default_factory=dict,
        description="criterion id -> minimum level id expected by the end of this stage. "
        "Expectations are cumulative: later stages keep earlier stages' minimums.",
    )
    requires: list[StageRequirement] = Field(
        default_factory=list,
        description="What must exist by this stage: `close-plan` (a mutual close plan) and "
        "`economic-buyer-met`. Cumulative like `expects`.",
    )
    stale_after_days: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="Evidence older than this many days is stale at this stage "
        "(default: the framework's `evidence.stale_after_days`).",
    )
    exit_criteria: list[ExitCheck] = Field(
        default_factory=list,
        description="Events that must have happened to leave this stage (yes/no checks). "
        "A deal whose CRM stage is past a stage with an unmet check is reported as ahead.",
    )
    in_pipeline: bool = Field(
        default=True,
        description="false for a lead that is not yet an opportunity (The Model's stage 1): "
        "`score` leaves its deals out of the open pipeline amount, the weighted pipeline, "
        "coverage and the forecast (omitted), and says how many it left out.",
    )


class RecapPart(StrEnum):
    """The six parts of the closing recap (seed 000's mantra), in the order said."""

    OUTCOME = "outcome"
    CAPABILITIES = "capabilities"
    METRICS = "metrics"
    DELIVERY = "delivery"
    DIFFERENTIATION = "differentiation"
    PROOF = "proof"


class StepTemplate(_Strict):
    """A typical step of a mutual close plan, with how long it usually takes."""

    id: Identifier = Field(description="Step id stored in deal files, e.g. `security-review`.")
    name: Text = Field(description="Step name shown to the rep and the customer.")
    side: Literal["ours", "theirs"] = Field(description="Who owns it: ours or theirs.")
    lead_days: int = Field(ge=0, le=730, description="Typical days from start to done.")
    after_close: bool = Field(
        default=False,
        description="Happens after signature (go-live steps): not held against the close date.",
    )


class StaleCost(StrEnum):
    """What stale evidence costs a criterion."""

    ONE_LEVEL = "one-level"
    ASSUMED = "assumed"


class EvidenceRule(_Strict):
    """How the evidence behind an answer counts: who said it, and how long ago."""

    belief_earns_at_most: str | None = Field(
        default="assumed",
        description="Highest level id the rep's belief alone can earn; a higher claim is "
        "credited at this level (null: no limit). On a scale without this level, the "
        "lowest level above 'absent' is used.",
    )
    stale_after_days: int | None = Field(
        default=90,
        ge=1,
        le=3650,
        description="Evidence confirmed longer ago than this is stale (a stage's own "
        "`stale_after_days` wins; null: evidence never goes stale).",
    )
    stale_costs: StaleCost = Field(
        default=StaleCost.ONE_LEVEL,
        description="one-level: a stale answer counts one level lower; assumed: it counts "
        "as the belief level. Never below the lowest level above 'absent'.",
    )
    verified_share_to_advance: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Share of the criteria weight the customer must have verified (source "
        "customer or document) before the deal can advance. Not applied when no answer "
        "records a source.",
    )


class GradeBand(_Strict):
    """A grade and the lowest score that earns it."""

    grade: str = Field(min_length=1, max_length=8, description="Grade label, e.g. A.")
    min: float = Field(ge=0, le=100, description="Lowest score (0-100) that earns this grade.")


class NotNowCondition(_Strict):
    """One thing that holds: a red flag raised, or a criterion known to be absent."""

    flag: Identifier | None = Field(
        default=None, description="A red flag id of this framework that is raised."
    )
    absent: Identifier | None = Field(
        default=None, description="A criterion id of this framework known to be absent."
    )

    @model_validator(mode="after")
    def _one_of(self) -> NotNowCondition:
        if (self.flag is None) == (self.absent is None):
            raise ValueError(say("fw.flag_or_absent"))
        return self


class NotNowGroup(_Strict):
    """Conditions of which at least one must hold."""

    any: list[NotNowCondition] = Field(
        min_length=1, description="At least one of these holds (flag raised or criterion absent)."
    )


class NotNowRule(_Strict):
    """When a deal is qualified out of this period: keep nurturing, out of the forecast."""

    id: Identifier = Field(description="Rule id, shown in JSON reasons.")
    name: Text = Field(description="Why not now, in a few words, shown in reports.")
    all: list[NotNowGroup] = Field(
        min_length=1,
        description="Every group must hold (each group: any one of its conditions), e.g. "
        "no budget, and no compelling event.",
    )


class RecommendationRule(_Strict):
    """How the score, gaps and red flags become advance / dig-deeper / disqualify."""

    advance_at: float = Field(
        default=70, ge=0, le=100, description="Score from which a deal may advance."
    )
    disqualify_below: float = Field(
        default=25, ge=0, le=100, description="Score under which the deal is disqualified."
    )
    disqualify_needs_known: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Share of the criteria weight that must be answered (not unknown) "
        "before a low score can disqualify; with less known, the deal is dig-deeper.",
    )
    critical_gaps_block_advance: bool = Field(
        default=True, description="Any gap on a critical criterion turns advance into dig-deeper."
    )
    disqualify_when_absent: int = Field(
        default=0,
        ge=0,
        description="Disqualify when this many critical criteria are known to be absent "
        "(0 turns the rule off).",
    )
    not_now: list[NotNowRule] = Field(
        default_factory=list,
        description="Rules that make the recommendation `not-now` (qualified out of this "
        "period) unless a red flag disqualifies; checked in order.",
    )

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> RecommendationRule:
        if self.disqualify_below > self.advance_at:
            raise ValueError(say("fw.thresholds"))
        return self


DEFAULT_GRADES = (
    GradeBand(grade="A", min=80),
    GradeBand(grade="B", min=65),
    GradeBand(grade="C", min=50),
    GradeBand(grade="D", min=35),
    GradeBand(grade="F", min=0),
)


class Framework(_Strict):
    """A qualification framework: criteria, scale, stages, red flags, grades, rule."""

    schema_: str | None = Field(
        default=None, alias="$schema", description="Optional JSON Schema reference for editors."
    )
    id: Identifier = Field(description="Framework id, used with -f and `extends`.")
    name: Text = Field(description="Framework name.")
    version: str = Field(
        description="Semantic version, e.g. 1.2.0.", json_schema_extra={"pattern": SEMVER_PATTERN}
    )
    description: Text | None = Field(default=None, description="What the framework is for.")
    languages: list[Annotated[str, Field(pattern=LANG_PATTERN)]] = Field(
        default_factory=lambda: [DEFAULT_LANGUAGE],
        min_length=1,
        description="Languages every text is provided in; validation checks each is complete.",
    )
    extends: str | None = Field(
        default=None,
        description="Built-in or team framework id, or a relative path, this one builds on.",
    )
    remove: list[str] = Field(
        default_factory=list,
        description="With `extends`: ids of inherited criteria, red flags or stages to drop.",
    )
    scale: Scale = Field(description="Default scale of levels, lowest first.")
    target: str | None = Field(
        default=None,
        description="Level id every criterion should reach when no stage is given "
        "(default: the second-highest level).",
    )
    criteria: list[Criterion] = Field(default_factory=list, description="What must be known.")
    stages: list[Stage] = Field(
        default_factory=list, description="Deal stages in order, with exit expectations."
    )
    red_flags: list[RedFlag] = Field(default_factory=list, description="Deal breakers.")
    grades: list[GradeBand] = Field(
        default_factory=lambda: list(DEFAULT_GRADES),
        min_length=1,
        description="Grade bands, highest first; the last should start at 0.",
    )
    evidence: EvidenceRule = Field(
        default_factory=EvidenceRule, description="How evidence sources and ages count."
    )
    recommendation: RecommendationRule = Field(
        default_factory=RecommendationRule, description="How the recommendation is decided."
    )
    next_questions: int = Field(
        default=5, ge=1, le=20, description="How many next questions a report suggests."
    )
    recap: dict[RecapPart, list[str]] = Field(
        default_factory=dict,
        description="Recap part (outcome, capabilities, metrics, delivery, differentiation, "
        "proof) -> criterion ids whose customer-confirmed evidence fills it.",
    )
    close_plan: list[StepTemplate] = Field(
        default_factory=list,
        description="Mutual close plan step templates with typical lead times.",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("version")
    @classmethod
    def _semantic_version(cls, value: str) -> str:
        if not re.match(SEMVER_PATTERN, value):
            raise ValueError(say("fw.semver", version=value))
        return value

    def criterion(self, criterion_id: str) -> Criterion | None:
        """Return the criterion with this id, if any."""
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def scale_of(self, criterion: Criterion) -> Scale:
        """The scale a criterion is answered on."""
        return criterion.scale or self.scale

    def requirements(self, stage: Stage | None) -> set[str]:
        """What must exist by a stage (cumulative over earlier stages)."""
        found: set[str] = set()
        for current in self.stages if stage else ():
            found.update(current.requires)
            if stage is not None and current.id == stage.id:
                break
        return found

    def stage(self, name: str) -> Stage | None:
        """Find a stage by id, name in any language, or alias (case-insensitive)."""
        return self._stage_index.get(name.strip().casefold())

    @functools.cached_property
    def _stage_index(self) -> dict[str, Stage]:
        index: dict[str, Stage] = {}
        for stage in reversed(self.stages):
            names = {stage.id, *stage.aliases, stage.name.get(DEFAULT_LANGUAGE)}
            names |= set((stage.name.root if isinstance(stage.name.root, dict) else {}).values())
            index.update({n.casefold(): stage for n in names})
        return index

    def target_level(self, criterion: Criterion) -> Level:
        """The level a criterion should reach when the deal's stage is not known."""
        scale = self.scale_of(criterion)
        wanted = criterion.target or self.target
        if wanted and (level := scale.by_id(wanted)):
            return level
        return scale.root[-2]

    def belief_level(self, criterion: Criterion) -> Level | None:
        """The highest level rep belief alone earns on this criterion (None: no limit)."""
        wanted = self.evidence.belief_earns_at_most
        if wanted is None:
            return None
        scale = self.scale_of(criterion)
        found = scale.by_id(wanted)
        return found or next(lv for lv in scale.root if not scale.is_absent(lv))

    def stale_after(self, stage: Stage | None) -> int | None:
        """Days after which evidence is stale at this stage."""
        if stage is not None and stage.stale_after_days is not None:
            return stage.stale_after_days
        return self.evidence.stale_after_days

    def expected_level(self, criterion: Criterion, stage: Stage | None) -> Level | None:
        """Minimum level expected for a criterion at a stage (cumulative over earlier stages)."""
        if stage is None:
            return self.target_level(criterion)
        scale = self.scale_of(criterion)
        best: Level | None = None
        for current in self.stages:
            level_id = current.expects.get(criterion.id)
            level = scale.by_id(level_id) if level_id else None
            if level and (best is None or level.value > best.value):
                best = level
            if current.id == stage.id:
                break
        return best
