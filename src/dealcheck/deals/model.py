"""The deal file: plain YAML a rep can read, diff and keep in git.

One file per deal in the deals folder, named by a slug of the deal name. It holds the
deal basics and the history of qualifications, oldest first. Answers store ids only
(level ids, `unknown`, `yes`/`no`/`unknown`), never translated text, so a Korean and
an English rep can work on the same file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from dealcheck.deals.amounts import AmountError, read_amount
from dealcheck.deals.close_plan import ClosePlan
from dealcheck.deals.people import Contact
from dealcheck.deals.story import NextStep, ValueStory
from dealcheck.errors import say
from dealcheck.language.framework import UNKNOWN
from dealcheck.scoring.answers import Answers, CriterionAnswer, EvidenceSource, ExitAnswer

FlagAnswer = Literal["yes", "no", "unknown"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AnswerRecord(_Strict):
    """The answer to one criterion, with the evidence behind it."""

    level: str = Field(default=UNKNOWN, description="Level id of the scale, or `unknown`.")
    evidence: str | None = Field(
        default=None, description="What the rep knows, in their own words."
    )
    source: EvidenceSource | None = Field(
        default=None, description="Where it came from: belief, customer, document or crm."
    )
    confirmed_on: dt.date | None = Field(
        default=None, description="When the evidence was last confirmed (YYYY-MM-DD)."
    )

    def to_answer(self) -> CriterionAnswer:
        """The scoring core's view of this record."""
        return CriterionAnswer(self.level, self.evidence or "", self.source, self.confirmed_on)

    @classmethod
    def of(cls, answer: CriterionAnswer) -> AnswerRecord:
        """A record of a scoring-core answer."""
        return cls(
            level=answer.level,
            evidence=answer.evidence or None,
            source=answer.source,
            confirmed_on=answer.confirmed_on,
        )


class ExitRecord(_Strict):
    """The answer to one stage exit check, with the evidence that the event happened.

    A bare `yes`, `no` or `unknown` (or `true`/`false`) is the answer alone, as files
    written before exit checks took evidence say it; such a record is written back bare.
    """

    happened: FlagAnswer = Field(
        default="unknown", description="yes (it has happened), no or unknown."
    )
    evidence: str | None = Field(default=None, description="What shows it, in the rep's words.")
    source: EvidenceSource | None = Field(
        default=None,
        description="Who vouches for it: customer or document count; belief or crm (the "
        "rep's word alone) do not move the stage.",
    )
    confirmed_on: dt.date | None = Field(
        default=None, description="When it was confirmed (YYYY-MM-DD)."
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_answer(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return {"happened": "yes" if value else "no"}
        if isinstance(value, str):
            return {"happened": value}
        if isinstance(value, dict) and isinstance(value.get("happened"), bool):
            return {**value, "happened": "yes" if value["happened"] else "no"}
        return value

    @model_serializer(mode="wrap")
    def _bare_when_alone(self, handler: SerializerFunctionWrapHandler) -> Any:
        if self.evidence is None and self.source is None and self.confirmed_on is None:
            return self.happened
        return handler(self)

    def to_answer(self) -> ExitAnswer:
        """The scoring core's view of this record."""
        happened = None if self.happened == UNKNOWN else self.happened == "yes"
        return ExitAnswer(happened, self.evidence or "", self.source, self.confirmed_on)

    @classmethod
    def of(cls, answer: ExitAnswer) -> ExitRecord:
        """A record of a scoring-core exit answer."""
        happened: FlagAnswer = (
            "unknown" if answer.happened is None else "yes" if answer.happened else "no"
        )
        return cls(
            happened=happened,
            evidence=answer.evidence or None,
            source=answer.source,
            confirmed_on=answer.confirmed_on,
        )


def level_shorthand(value: Any) -> Any:
    """Accept `champion: partial` as `champion: {level: partial}` (a pydantic before-validator)."""
    if isinstance(value, dict):
        return {k: {"level": v} if isinstance(v, str) else v for k, v in value.items()}
    return value


def flag_booleans(value: Any) -> Any:
    """Accept `true`/`false` for a red flag as `yes`/`no` (a pydantic before-validator)."""
    if isinstance(value, dict):
        return {k: ("yes" if v else "no") if isinstance(v, bool) else v for k, v in value.items()}
    return value


class FrameworkAnswers(_Strict):
    """Answers for one framework: criterion id -> answer, red flag id -> yes/no/unknown."""

    criteria: dict[str, AnswerRecord] = Field(
        default_factory=dict, description="Criterion id -> answer (a level id alone is enough)."
    )
    red_flags: dict[str, FlagAnswer] = Field(
        default_factory=dict, description="Red flag id -> yes, no or unknown."
    )
    exit_criteria: dict[str, ExitRecord] = Field(
        default_factory=dict,
        description="Stage exit check id -> yes (it has happened), no or unknown, alone or "
        "with its evidence: {happened, evidence, source, confirmed_on}.",
    )

    _level_shorthand = field_validator("criteria", mode="before")(level_shorthand)
    _flag_booleans = field_validator("red_flags", mode="before")(flag_booleans)

    def to_answers(self) -> Answers:
        """The scoring core's view of these answers."""
        flags = {k: None if v == UNKNOWN else v == "yes" for k, v in self.red_flags.items()}
        exits = {k: r.to_answer() for k, r in self.exit_criteria.items()}
        return Answers({k: r.to_answer() for k, r in self.criteria.items()}, flags, exits)


class Result(_Strict):
    """The outcome recorded with a qualification, for history and diffs."""

    score: float = Field(description="Overall score, 0-100.")
    grade: str = Field(description="Overall grade.")
    recommendation: str = Field(description="advance, dig-deeper or disqualify.")


class Qualification(_Strict):
    """One pass through the frameworks on a given day."""

    date: dt.date = Field(description="Day of the qualification (YYYY-MM-DD).")
    stage: str | None = Field(default=None, description="Deal stage id at that time.")
    frameworks: list[str] = Field(
        min_length=1, description="Frameworks used, as id@version, in the order asked."
    )
    answers: dict[str, FrameworkAnswers] = Field(
        default_factory=dict, description="Framework id -> answers."
    )
    result: Result | None = Field(default=None, description="Score, grade and recommendation.")

    def framework_answers(self) -> dict[str, Answers]:
        """Answers per framework id, for `assess`."""
        return {k: v.to_answers() for k, v in self.answers.items()}


class DealBasics(_Strict):
    """What a deal is: who, how much, when, where in the pipeline."""

    name: str = Field(min_length=1, description="Deal name, e.g. 'Acme – data platform'.")
    company: str = Field(default="", description="Customer company.")
    amount: int | float | None = Field(
        default=None,
        ge=0,
        le=1e15,
        allow_inf_nan=False,
        description="Expected deal value (finite, at most 10^15).",
    )
    currency: str | None = Field(default=None, description="Currency code, e.g. USD or KRW.")
    stage: str | None = Field(default=None, description="Current stage id (or team stage name).")
    close_date: dt.date | None = Field(default=None, description="Expected close date.")
    owner: str = Field(default="", description="The rep who owns the deal.")

    @field_validator("amount", mode="before")
    @classmethod
    def _amount_as_written(cls, value: object) -> object:
        """Text by the amount grammar (`120,000`, `5억`, `3억 5천만원`); numbers as they are."""
        if not isinstance(value, str):
            return value
        try:
            amount = read_amount(value, in_mapping=False)
        except AmountError as error:
            raise ValueError(say("model.amount", text=value, reason=error.args[0])) from None
        return int(amount) if amount is not None and amount == int(amount) else amount


class Deal(DealBasics):
    """A deal file: basics, value story, people, close plan, qualifications (oldest first)."""

    next_step: NextStep | None = Field(default=None, description="The next step agreed.")
    story: ValueStory | None = Field(
        default=None, description="Before and after, metric, capabilities, differentiators, proof."
    )
    contacts: list[Contact] = Field(
        default_factory=list, description="The people on the customer's side."
    )
    close_plan: ClosePlan | None = Field(
        default=None, description="The mutual close plan: dated steps to signature and go-live."
    )
    qualifications: list[Qualification] = Field(
        default_factory=list, description="Qualification history, oldest first."
    )

    def basics(self) -> dict[str, Any]:
        """The deal basics as JSON-ready data (for reports)."""
        return self.model_dump(mode="json", include=set(DealBasics.model_fields))


class Draft(_Strict):
    """An unfinished qualification, saved after every answer so nothing is lost."""

    started: dt.date = Field(description="Day the qualification started.")
    deal: DealBasics = Field(description="Deal basics (for a new deal, as entered so far).")
    stage: str | None = Field(default=None, description="Stage id being qualified against.")
    frameworks: list[str] = Field(min_length=1, description="Frameworks, as id@version.")
    answers: dict[str, FrameworkAnswers] = Field(
        default_factory=dict, description="Answers given so far, per framework id."
    )
    lang: str | None = Field(
        default=None, description="Language the qualification was started in (en or ko)."
    )
    basics_complete: bool = Field(
        default=True, description="False while a new deal's basics are still being typed."
    )
    story: ValueStory | None = Field(
        default=None, description="The value story as typed so far (`qualify --story`)."
    )
    next_step: NextStep | None = Field(default=None, description="The next step as typed so far.")
    story_asked: int = Field(
        default=0, ge=0, description="How many value-story questions are answered (resume point)."
    )
    contacts: list[Contact] | None = Field(
        default=None, description="The people as typed so far (`qualify --people`)."
    )
    contact_at: tuple[int, int] | None = Field(
        default=None, description="The person being typed and the field reached (resume point)."
    )
    people_done: bool = Field(
        default=False, description="The people were finished in this qualification."
    )
    unfinished: tuple[str, str, str] | None = Field(
        default=None,
        description="The question stopped in mid-answer (framework, section, id): its level "
        "and evidence are kept as the rep's word, and a resume asks it again first.",
    )

    def answered(self) -> int:
        """How many criteria, red flags and stage exit checks are answered."""
        return sum(
            len(a.criteria) + len(a.red_flags) + len(a.exit_criteria) for a in self.answers.values()
        )


class AnswersFile(_Strict):
    """An `--answers` file: optional deal basics and stage, and answers per framework."""

    deal: DealBasics | None = Field(default=None, description="Basics, for a new deal.")
    stage: str | None = Field(default=None, description="Stage id to qualify against.")
    answers: dict[str, FrameworkAnswers] = Field(
        default_factory=dict, description="Framework id -> answers (same shape as deal files)."
    )
    next_step: NextStep | None = Field(default=None, description="The next step agreed.")
    story: ValueStory | None = Field(
        default=None, description="The value story; replaces the deal's when given."
    )
    contacts: list[Contact] | None = Field(
        default=None, description="The people; replaces the deal's list when given."
    )

    def value_updates(self) -> dict[str, Any]:
        """The deal fields this file sets beyond the answers (next step, story, contacts)."""
        fields = {"next_step": self.next_step, "story": self.story, "contacts": self.contacts}
        return {name: value for name, value in fields.items() if value is not None}
