"""Pipeline hygiene: what a manager checks in the data itself, beside qualification.

The checks are a closed, named set switched on and tuned in the mapping's `hygiene`
section (no expressions, nothing evaluated). Each returns its id when it fires.
"""

from __future__ import annotations

from datetime import date

from dealcheck.batch.score.row_plan import DealBasics
from dealcheck.bounded import kept
from dealcheck.mapping.model import Hygiene, HygieneCheck

PAST_CLOSE = HygieneCheck.PAST_CLOSE_DATE.value
CLOSE_BEFORE_CREATED = HygieneCheck.CLOSE_BEFORE_CREATED.value
MISSING_AMOUNT = HygieneCheck.MISSING_AMOUNT.value
NO_NEXT_STEP = HygieneCheck.NO_NEXT_STEP.value
STUCK = HygieneCheck.STUCK_IN_STAGE.value
NO_CLOSE_DATE = HygieneCheck.MISSING_CLOSE_DATE.value
CLOSED_BEFORE_CREATED = (CLOSE_BEFORE_CREATED,)
#: Distinct check inputs kept.
SEEN_LIMIT = 4096


class HygieneRules:
    """The hygiene checks of one run, bound to a reference date.

    Args:
        rules: The mapping's `hygiene` section.
        today: The date "past" and "stuck" are measured against.
        has_next_step: Whether the export has a next-step column at all (no column,
            no `no-next-step` flag on every row).
    """

    def __init__(self, rules: Hygiene, today: date, *, has_next_step: bool) -> None:
        self.today = today
        enabled = set(rules.checks)
        self.past_close = HygieneCheck.PAST_CLOSE_DATE in enabled
        self.close_before_created = HygieneCheck.CLOSE_BEFORE_CREATED in enabled
        self.missing_amount = HygieneCheck.MISSING_AMOUNT in enabled
        self.no_next_step = HygieneCheck.NO_NEXT_STEP in enabled and has_next_step
        self.stuck = HygieneCheck.STUCK_IN_STAGE in enabled
        self.no_close = HygieneCheck.MISSING_CLOSE_DATE in enabled
        self.stuck_days = rules.stuck_after_days
        self.stuck_by_stage = dict(rules.stuck_after_days_by_stage)
        self._seen: dict[tuple[object, ...], tuple[str, ...]] = {}

    def check(self, deal: DealBasics, stage: str | None, closed: bool) -> tuple[str, ...]:
        """The ids of the checks this deal fails, in a fixed order."""
        close, created, since = deal.close_date, deal.created_date, deal.stage_since
        # Keyed on what the checks read: few distinct dates, stages and blanks.
        key = (stage, closed, close, created, since, not deal.amount, not deal.next_step.strip())
        found = self._seen.get(key)
        if found is None:
            found = self.fired(close, created, since, deal.amount, deal.next_step, stage, closed)
            kept(self._seen, key, found, SEEN_LIMIT)
        return found

    def fired(
        self,
        close: date | None,
        created: date | None,
        since: date | None,
        amount: float | None,
        next_step: str,
        stage: str | None,
        closed: bool,
    ) -> tuple[str, ...]:
        """`check` on the deal's values themselves (the row loop has no `DealBasics`)."""
        if closed:
            if self.close_before_created and close and created and close < created:
                return CLOSED_BEFORE_CREATED
            return ()
        fired: list[str] = []
        if self.past_close and close is not None and close < self.today:
            fired.append(PAST_CLOSE)
        if self.no_close and close is None:
            fired.append(NO_CLOSE_DATE)
        if self.close_before_created and close and created and close < created:
            fired.append(CLOSE_BEFORE_CREATED)
        if self.missing_amount and not amount:
            fired.append(MISSING_AMOUNT)
        if self.no_next_step and not next_step.strip():
            fired.append(NO_NEXT_STEP)
        since = since or created
        if self.stuck and since is not None:
            limit = self.stuck_by_stage.get(stage or "", self.stuck_days)
            if (self.today - since).days > limit:
                fired.append(STUCK)
        return tuple(fired)
