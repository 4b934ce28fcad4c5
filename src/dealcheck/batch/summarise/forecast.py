"""Forecast rules: which category an open deal belongs in, and when it should close.

A sales leader's first question on Monday is how much sits in commit, best case and
pipeline. The category follows the stage (late stages are commit and best case), and
qualification can only take a deal *down*: a commit-stage deal is commit only when
dealcheck would advance it, with no red flag and a close date still ahead; disqualify
and not-now deals are omitted, and so are leads not yet opportunities (a stage
with `in_pipeline: false`). Teams tune the stages and probabilities in the
mapping's `forecast:` section.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dealcheck.language.framework import Framework
from dealcheck.mapping.model import Forecast

COMMIT, BEST_CASE, PIPELINE, OMITTED = "commit", "best-case", "pipeline", "omitted"
CATEGORIES = (COMMIT, BEST_CASE, PIPELINE, OMITTED)
#: Recommendations that take a deal out of the forecast.
OUT_OF_FORECAST = frozenset({"disqualify", "not-now"})
#: Recommendations that mean "not scored" (`--basics-only`): the stage alone decides.
UNSCORED = "unscored"
_CRM_WORDS = {
    "commit": COMMIT,
    "bestcase": BEST_CASE,
    "upside": BEST_CASE,
    "pipeline": PIPELINE,
    "omitted": OMITTED,
    "omit": OMITTED,
    "closed": "closed",
    "closedwon": "closed",
}


@dataclass(frozen=True)
class ForecastRules:
    """The forecast rules of one run, resolved against the frameworks' stages."""

    stage_order: tuple[str, ...]
    commit_stages: frozenset[str]
    best_case_stages: frozenset[str]
    probabilities: dict[str, float]
    period: str
    #: Stages of leads not yet opportunities (`in_pipeline: false`): out of every figure.
    lead_stages: frozenset[str] = frozenset()

    def category(
        self,
        stage: str | None,
        recommendation: str,
        red_flags: bool,
        close: date | None,
        today: date,
    ) -> str:
        """The dealcheck forecast category of an open deal."""
        if recommendation in OUT_OF_FORECAST or stage in self.lead_stages:
            return OMITTED
        if stage in self.commit_stages:
            sure = recommendation in ("advance", UNSCORED) and not red_flags
            return COMMIT if sure and close is not None and close >= today else BEST_CASE
        if stage in self.best_case_stages:
            return PIPELINE if red_flags else BEST_CASE
        return PIPELINE

    def stage_category(self, stage: str | None) -> str:
        """The category the stage alone gives (what a CRM set up by stage would say)."""
        if stage in self.commit_stages:
            return COMMIT
        return BEST_CASE if stage in self.best_case_stages else PIPELINE

    def period_of(self, close: date | None) -> str:
        """The close period: `2026-11` by month, `2026-Q4` by quarter, "" without a date."""
        if close is None:
            return ""
        if self.period == "quarter":
            return f"{close.year}-Q{(close.month - 1) // 3 + 1}"
        return f"{close.year}-{close.month:02d}"


def forecast_rules(config: Forecast, frameworks: list[Framework]) -> ForecastRules:
    """Resolve the mapping's `forecast:` section; defaults come from the funnel order.

    By default the last stage of the funnel is commit, the one before it best case,
    and a stage's probability is its position in the funnel (of n stages, stage k
    weighs k / (n + 1)).
    """
    staged = next((fw for fw in frameworks if fw.stages), None)
    order = tuple(stage.id for stage in staged.stages) if staged else ()
    commit = config.commit_stages if config.commit_stages is not None else list(order[-1:])
    best = config.best_case_stages if config.best_case_stages is not None else list(order[-2:-1])
    probabilities = {stage: round((n + 1) / (len(order) + 1), 2) for n, stage in enumerate(order)}
    probabilities.update(config.probabilities)
    leads = frozenset(s.id for s in staged.stages if not s.in_pipeline) if staged else frozenset()
    return ForecastRules(
        order, frozenset(commit), frozenset(best), probabilities, config.period, leads
    )


def crm_category(text: str) -> str:
    """A CRM's own forecast category (Salesforce ForecastCategoryName, HubSpot), as an id.

    Unknown words come back as "other"; a blank cell as "".
    """
    word = "".join(ch for ch in text.casefold() if ch.isalnum())
    if not word:
        return ""
    return _CRM_WORDS.get(word, "other")
