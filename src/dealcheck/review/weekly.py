"""Glue for `dealcheck score … --compare LAST_WEEK`: read last week, compare with this run.

Last week is read *before* this week is scored, so a wrong path or a file that is not
a scored CSV fails fast; this week's deals are collected by a `SnapshotWriter` riding
along the scoring run (`run_score(…, observer=…)`), so the export is read once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dealcheck.batch.run import ScoreRequest
from dealcheck.review.compare import DealState, PipelineReview, compare
from dealcheck.review.snapshots import SnapshotWriter, previous_states

CLOSED = frozenset({"won", "lost", "closed"})


def last_week(request: ScoreRequest, path: str) -> list[DealState]:
    """Last week's deals, read with this run's mapping and frameworks.

    Raises:
        UsageError: A missing path, or a file that is not a scored CSV.
        InputError, ValidationFailed: As reading and scoring do.
    """
    from pathlib import Path

    from dealcheck.errors import UsageError, say
    from dealcheck.language.loading import load_framework
    from dealcheck.mapping.loading import load_mapping

    if not Path(path).exists():
        raise UsageError(say("review.no_compare", path=path))
    mapping = load_mapping(request.mapping)[0] if request.mapping else None
    ids = (
        request.frameworks or (mapping.frameworks if mapping else []) or request.default_frameworks
    )
    frameworks = [load_framework(i, team_dir=request.team_dir) for i in ids]
    return previous_states(
        path,
        frameworks,
        mapping,
        today=request.today or date.today(),
        encoding=request.encoding,
    )


def review_of(
    request: ScoreRequest, path: str, before: list[DealState], this_week: SnapshotWriter
) -> PipelineReview:
    """The review of this run against last week, with the forecast moves."""
    return compare(
        before,
        this_week.states,
        before_label=path,
        after_label=", ".join(request.inputs),
        category=forecast_of(request),
    )


def forecast_of(request: ScoreRequest) -> Callable[[DealState], str]:
    """A deal state's forecast category under this run's rules (closed deals: "closed")."""
    from dealcheck.batch.summarise.forecast import forecast_rules
    from dealcheck.language.loading import load_framework
    from dealcheck.mapping.loading import load_mapping
    from dealcheck.mapping.model import Mapping

    mapping = load_mapping(request.mapping)[0] if request.mapping else Mapping()
    ids = request.frameworks or mapping.frameworks or request.default_frameworks
    frameworks = [load_framework(i, team_dir=request.team_dir) for i in ids]
    rules = forecast_rules(mapping.forecast, frameworks)
    today = request.today or date.today()

    def category(state: DealState) -> str:
        if state.recommendation in CLOSED:
            return "closed"
        return rules.category(
            state.stage, state.recommendation, bool(state.red_flags), state.close_date, today
        )

    return category
