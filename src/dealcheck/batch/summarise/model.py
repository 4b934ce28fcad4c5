"""What the pipeline summary holds: plain, frozen data for every renderer and for JSON.

Amounts are kept per currency (`Money`: currency code -> amount) and never added
across currencies; a deal without a currency counts under "". Ids stay ids here
(criteria, stages, flags, categories); renderers show them as names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dealcheck.errors import Message

Money = dict[str, float]


@dataclass(frozen=True, slots=True)
class Tally:
    """How many deals, and their amount per currency."""

    deals: int
    amounts: Money = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ListedDeal:
    """One deal on a list to discuss, with the reasons it is there.

    `reasons` are (code, value) pairs: `closes-in` (days), `top-gap` (criterion id),
    `red-flag` (flag id), `past-close` (days since), `no-close-date`, `recommendation`
    (recommendation id); renderers phrase them.
    """

    source: str
    line: int
    deal_id: str
    name: str
    company: str
    owner: str
    amount: float
    currency: str
    #: None when nothing was scored (red flags alone, `--basics-only`).
    score: float | None
    recommendation: str
    stage: str
    close_date: date | None
    forecast: str
    reasons: tuple[tuple[str, str], ...]
    rank: float

    @property
    def label(self) -> str:
        """How to show the deal: its name, else id and company, else where it was read."""
        return (
            self.name
            or " · ".join(x for x in (self.deal_id, self.company) if x)
            or f"{self.source}:{self.line}"
        )


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that was not scored, and why (in English; `message` words it for a reader)."""

    source: str
    line: int
    reason: str
    message: Message | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class UnreadableColumn:
    """A level or yes/no column holding values that are not levels (read as unknown)."""

    column: str
    rows: int
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OwnerView:
    """One rep's open pipeline."""

    owner: str
    open: Tally
    forecast: dict[str, Tally]
    gaps: list[tuple[str, int]]
    belief_share: float | None
    discuss: list[ListedDeal]


@dataclass(frozen=True, slots=True)
class StageAging:
    """How long open deals have been in one stage, and how old they are."""

    stage: str
    deals: int
    days_in_stage: float | None
    age_days: float | None
    stuck: int


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Deals where the CRM's forecast category is not dealcheck's."""

    crm: str
    dealcheck: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class Coverage:
    """Open pipeline against a quota, for the whole team or one owner, in one period."""

    owner: str
    period: str
    currency: str
    quota: float
    pipeline: float
    commit: float

    @property
    def ratio(self) -> float | None:
        """Pipeline / quota (3.0 is the usual target)."""
        return self.pipeline / self.quota if self.quota else None


@dataclass(frozen=True)
class ClosePlanSummary:
    """Close plan checks over the open deals of an export that maps plan columns.

    `issues`: `close-before-plan`, `lead-time`, `slipped`, `no-plan`, `not-agreed` ->
    the deals with it (and their amounts); `slipped_steps`: step id -> deals where it
    slipped, most first; `step_names`: step id -> its name in the run's language.
    """

    checked: int
    issues: dict[str, Tally]
    slipped_steps: list[tuple[str, int]]
    step_names: dict[str, str]


@dataclass(frozen=True)
class PipelineSummary:
    """Everything a manager sees about a scored pipeline. Counts add up: scored + rejected = rows.

    The open sections (recommendation, grade, stage, gaps, flags, hygiene, forecast,
    owners, periods, lists) count open deals only; closed deals are in `closed`.
    """

    sources: list[str]
    frameworks: list[str]
    today: date
    rows: int
    scored: int
    rejected: int
    blank_lines: int
    open: Tally
    closed: dict[str, Tally]
    by_recommendation: dict[str, Tally]
    by_grade: dict[str, Tally]
    by_stage: dict[str, Tally]
    gaps: list[tuple[str, int]]
    red_flags: list[tuple[str, int]]
    hygiene: list[tuple[str, int]]
    at_risk: list[ListedDeal]
    reject_reasons: list[tuple[str, int]]
    reject_examples: list[RejectedRow]
    unmapped_values: list[tuple[str, str, int]]
    currencies: list[str]
    forecast: dict[str, Tally] = field(default_factory=dict)
    weighted: Money = field(default_factory=dict)
    crm_disagreements: list[Disagreement] = field(default_factory=list)
    remove_from_forecast: list[ListedDeal] = field(default_factory=list)
    commit_at_risk: list[ListedDeal] = field(default_factory=list)
    update_close_date: list[ListedDeal] = field(default_factory=list)
    by_owner: list[OwnerView] = field(default_factory=list)
    by_period: dict[str, dict[str, Tally]] = field(default_factory=dict)
    aging: list[StageAging] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    unreadable: list[UnreadableColumn] = field(default_factory=list)
    largest: list[ListedDeal] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    basics_only: bool = False
    closing_soon_days: int = 30
    period: str = "month"
    warnings: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    #: Open deals in a stage not yet in the pipeline (leads): counted in the stage,
    #: recommendation and grade sections, left out of `open`, the weighted pipeline,
    #: coverage, the forecast (omitted), aging, gaps, red flags, hygiene and owners' gaps.
    leads: Tally = field(default_factory=lambda: Tally(0))
    #: Close plan checks; None when the export maps no plan columns.
    close_plan: ClosePlanSummary | None = None
