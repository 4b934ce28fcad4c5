"""The mapping model: which CRM columns hold what, and how their values read.

A mapping is YAML a sales-ops person writes once per CRM export layout (or takes from
the built-in presets `salesforce`, `hubspot`, `pipedrive`). `dealcheck map init`
drafts one from a file's headers; `loading` reads one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

WON, LOST = "won", "lost"
DEFAULT_DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%m/%d/%Y", "%d.%m.%Y"]
#: CRM values a yes/no column understands without a value map.
YES_WORDS = ("yes", "y", "true", "1", "x", "✓", "예", "네", "o", "sí", "si", "ja", "oui", "checked")
NO_WORDS = ("no", "n", "false", "0", "아니요", "아니오", "아니", "unchecked", "nein", "non")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Columns(_Strict):
    """Which column holds each deal basic (header text as in the export)."""

    deal_id: str | None = Field(default=None, description="Deal or opportunity id.")
    name: str | None = Field(default=None, description="Deal name.")
    company: str | None = Field(default=None, description="Account or company name.")
    amount: str | None = Field(default=None, description="Deal value.")
    currency: str | None = Field(default=None, description="Currency code of the amount.")
    stage: str | None = Field(default=None, description="CRM stage name.")
    status: str | None = Field(default=None, description="Open / won / lost, if a separate column.")
    close_date: str | None = Field(default=None, description="Expected or actual close date.")
    created_date: str | None = Field(default=None, description="When the deal was created.")
    stage_since: str | None = Field(
        default=None, description="When the deal entered its current stage (for `stuck-in-stage`)."
    )
    owner: str | None = Field(default=None, description="Deal owner (rep).")
    next_step: str | None = Field(default=None, description="The agreed next step.")
    forecast_category: str | None = Field(
        default=None,
        description="The CRM's own forecast category (Salesforce ForecastCategoryName, "
        "HubSpot forecast category), shown beside dealcheck's.",
    )
    loss_reason: str | None = Field(
        default=None,
        description="Why a lost deal was lost (`dealcheck learn`: top reasons, and which "
        "red flags were raised on the deals lost for each).",
    )
    stage_reached: str | None = Field(
        default=None,
        description="For closed deals, the furthest stage reached before closing (names "
        "read with `stages`); `dealcheck learn` shows win rates per stage reached.",
    )


class FeedKind(StrEnum):
    """How a column's value becomes a criterion level."""

    LEVEL = "level"
    YES_NO = "yes-no"
    TEXT = "text"


class CriterionFeed(_Strict):
    """One column feeding one criterion."""

    column: str = Field(description="Header of the column.")
    kind: FeedKind = Field(
        default=FeedKind.LEVEL,
        description="`level`: the value names a level; `yes-no`: yes/no answer; "
        "`text`: any non-empty text earns `level` and becomes the evidence.",
    )
    values: dict[str, str | int | bool] = Field(
        default_factory=dict,
        description="This column's values -> level id, level value, yes, no or unknown "
        "(added to the mapping-wide `values`).",
    )
    yes: str = Field(default="confirmed", description="Level a `yes` earns.")
    no: str = Field(default="absent", description="Level a `no` earns.")
    level: str = Field(default="partial", description="Level non-empty text earns (`text`).")
    evidence: str | None = Field(
        default=None, description="Column holding the evidence behind the level."
    )
    source: str | None = Field(
        default=None,
        description="Column saying who confirmed it: customer, document, belief (the rep), "
        "crm; Korean 고객, 문서, 추정. With it, the framework's evidence rules apply.",
    )
    confirmed_on: str | None = Field(
        default=None,
        description="Column with the date the evidence was last confirmed (read with "
        "`date_formats`); older than the stage allows, it counts a level lower.",
    )


class FlagFeed(_Strict):
    """One yes/no column answering one red flag."""

    column: str = Field(description="Header of the column.")
    values: dict[str, str | bool] = Field(
        default_factory=dict, description="This column's values -> yes, no or unknown."
    )


class HygieneCheck(StrEnum):
    """Checks of the pipeline data itself."""

    PAST_CLOSE_DATE = "past-close-date"
    CLOSE_BEFORE_CREATED = "close-before-created"
    MISSING_AMOUNT = "missing-amount"
    NO_NEXT_STEP = "no-next-step"
    STUCK_IN_STAGE = "stuck-in-stage"
    MISSING_CLOSE_DATE = "missing-close-date"


class Hygiene(_Strict):
    """Which hygiene checks run, and their limits."""

    checks: list[HygieneCheck] = Field(
        default_factory=lambda: list(HygieneCheck), description="Checks to run (default: all)."
    )
    stuck_after_days: int = Field(
        default=90, ge=1, description="An open deal longer than this in one stage is stuck."
    )
    stuck_after_days_by_stage: dict[str, int] = Field(
        default_factory=dict, description="Stage id -> days, overriding `stuck_after_days`."
    )
    closing_soon_days: int = Field(
        default=30, ge=0, description="A close date this near counts as 'closing soon'."
    )


class Forecast(_Strict):
    """How open deals fall into forecast categories, and how the forecast is cut."""

    commit_stages: list[str] | None = Field(
        default=None, description="Stage ids that are commit (default: the funnel's last stage)."
    )
    best_case_stages: list[str] | None = Field(
        default=None,
        description="Stage ids that are best case (default: the stage before the last).",
    )
    probabilities: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(
        default_factory=dict,
        description="Stage id -> win probability (0-1) for the weighted pipeline "
        "(default: the stage's position in the funnel).",
    )
    period: Literal["month", "quarter"] = Field(
        default="month", description="Close periods of the forecast: `month` or `quarter`."
    )


class PlanStepColumns(_Strict):
    """The columns of one close plan step (a step template id names the step)."""

    target: str | None = Field(default=None, description="Column with the step's target date.")
    done: str | None = Field(
        default=None,
        description="Column saying the step is done: a date (done on) or yes/no.",
    )
    started: str | None = Field(
        default=None,
        description="Column saying the step is under way: a date or yes/no. Without it "
        "an open step's status is unknown and its lead time is not held against the close "
        "date.",
    )


class ClosePlanColumns(_Strict):
    """Where an export keeps the mutual close plan's dates, checked per row."""

    steps: dict[str, PlanStepColumns] = Field(
        default_factory=dict,
        description="Step template id (framework or `.dealcheck.yaml` close_plan) -> its columns.",
    )
    next_step_date: str | None = Field(
        default=None,
        description="Column with the date of the agreed next step: a past date is a slipped step.",
    )
    agreed: str | None = Field(
        default=None,
        description="Column saying the customer agreed the plan (a date or yes/no); "
        "without it, agreement is not checked.",
    )


def _readable_date_format(pattern: str) -> str:
    """A date format that reads back what it writes (else every row would be rejected)."""
    sample = datetime(2026, 11, 23, 14, 5, 9)
    try:
        read = datetime.strptime(sample.strftime(pattern), pattern)
    except ValueError:
        read = None
    if read is None or read.date() != sample.date():
        raise ValueError(
            f"{pattern!r} is not a date format dealcheck can read (it cannot read back "
            "the dates it writes); use strptime codes such as %Y-%m-%d or %d.%m.%Y"
        )
    return pattern


class Mapping(_Strict):
    """A CRM export layout: columns, value maps, stage names, hygiene rules."""

    schema_: str | None = Field(default=None, alias="$schema", description="JSON Schema URL.")
    crm: str | None = Field(default=None, description="The CRM this export comes from.")
    description: str | None = Field(default=None, description="What this mapping is for.")
    frameworks: list[str] = Field(
        default_factory=list, description="Frameworks to score with when no -f is given."
    )
    columns: Columns = Field(default_factory=Columns, description="Deal basics by column.")
    currency: str | None = Field(default=None, description="Currency when no column says it.")
    decimal: Literal[".", ","] = Field(
        default=".",
        description=(
            "Decimal separator of amounts: `.` (1,234.56) or `,` (1.234,56); the other "
            "is the digit-group separator. An amount using them the other way round is "
            "rejected, not guessed."
        ),
    )
    date_formats: list[Annotated[str, AfterValidator(_readable_date_format)]] = Field(
        default_factory=lambda: list(DEFAULT_DATE_FORMATS),
        min_length=1,
        description="strptime formats tried in order for date columns (each must read "
        "back the date it writes, e.g. %Y-%m-%d, %d.%m.%Y).",
    )
    values: dict[str, str | int | bool] = Field(
        default_factory=dict,
        description="CRM value -> level id, level value (0-3), yes, no or unknown.",
    )
    stages: dict[str, str] = Field(
        default_factory=dict,
        description="CRM stage name -> framework stage id, or `won` / `lost` for closed deals.",
    )
    criteria: dict[str, dict[str, CriterionFeed]] = Field(
        default_factory=dict, description="Framework id -> criterion id -> feeding column."
    )
    red_flags: dict[str, dict[str, FlagFeed]] = Field(
        default_factory=dict, description="Framework id -> red flag id -> yes/no column."
    )
    attributes: list[str] = Field(
        default_factory=list,
        description="Descriptive columns (product, segment, region) `dealcheck learn` "
        "shows win rates by, beside the owner.",
    )
    missing_columns: Literal["error", "ignore"] = Field(
        default="error",
        description="What a mapped column absent from the file does (presets use `ignore`).",
    )
    hygiene: Hygiene = Field(default_factory=Hygiene, description="Pipeline hygiene checks.")
    forecast: Forecast = Field(default_factory=Forecast, description="Forecast categories.")
    close_plan: ClosePlanColumns | None = Field(
        default=None,
        description="Close plan dates in the export: the plan checks run per row only "
        "when this is given.",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
