"""`dealcheck learn` as a library call: closed deals in, a report of what predicts winning out.

`learn_from` reads the inputs, counts every split in one pass, and returns a
`LearnReport` that the renderers show as text, Markdown, HTML or JSON. `measure` is
the same over deals already in hand (the fit and the backtest reuse the reading).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dealcheck.language.framework import Framework
from dealcheck.learn.effects import (
    ALL_STAGES,
    Effect,
    EffectCounter,
    Kind,
    Scale,
    Split,
    Status,
    enough,
    judge,
    ranked,
)
from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.intervals import z_for
from dealcheck.learn.outcomes import Groups, LossReason, OutcomeCounter, Rate, rate_of
from dealcheck.learn.reading import History
from dealcheck.learn.rows import criterion_keys

if TYPE_CHECKING:
    from dealcheck.learn.tuning import Tuning

#: Deals each side of a split needs before it can count as a finding.
DEFAULT_MIN_DEALS = 30
CONFIDENCE = 0.95
UNMAPPED_SHOWN = 10


@dataclass
class LearnRequest:
    """The options of `dealcheck learn`, as given."""

    inputs: list[str]
    frameworks: list[str] = field(default_factory=list)
    mapping: str | None = None
    encoding: str | None = None
    min_deals: int = DEFAULT_MIN_DEALS
    lang: str = "en"
    team_dir: Path | None = None
    default_frameworks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StageFindings:
    """What the deals that reached one stage show."""

    stage: str
    rate: Rate
    findings: list[Effect]
    tested: int


@dataclass(frozen=True)
class Reading:
    """How the inputs read: every row counted once."""

    sources: list[str]
    rows: int
    won: int
    lost: int
    open: int
    closed_unknown: int
    skipped: int
    skipped_lines: list[str]
    unmapped: list[tuple[str, str, int]]
    bad_dates: int


@dataclass(frozen=True)
class LearnReport:
    """Everything `dealcheck learn` shows, in ids; `names` holds the display names."""

    frameworks: list[str]
    lang: str
    min_deals: int
    confidence: float
    comparisons: int
    reading: Reading
    qualified: bool
    overall: Rate
    effects: list[Effect]
    stages: list[StageFindings]
    score_bands: list[Rate]
    recommendations: list[Rate]
    calibration: Effect | None
    loss_reasons: list[LossReason]
    lost_with_reason: int
    described: list[Groups]
    names: dict[str, str]
    #: Criteria of the frameworks that no input column answers.
    not_in_data: list[str] = field(default_factory=list)
    #: With `--suggest` or `--compare-framework`: the suggestion and the backtest.
    tuning: Tuning | None = None

    @property
    def findings(self) -> list[Effect]:
        """The splits whose interval excludes zero, largest effect first."""
        return [e for e in self.effects if e.status is Status.FINDING]


def learn_from(
    request: LearnRequest, keep: Callable[[ClosedDeal], None] | None = None
) -> LearnReport:
    """Read the closed deals of `request.inputs` and measure what goes with winning.

    `keep` sees every closed deal as it is read (e.g. to collect them for a fit or a
    backtest); without it no deal is held.

    Raises:
        UsageError: No input holds a won or lost deal, a CRM export without a mapping,
            a missing input or framework.
        InputError, ValidationFailed: As `dealcheck score` does for the same inputs.
    """
    history = open_request(request)
    deals = history.deals if keep is None else _kept(history.deals, keep)
    return measure(history, deals, min_deals=request.min_deals, lang=request.lang)


def open_request(request: LearnRequest) -> History:
    """The mapping and frameworks of `request` resolved, and its closed deals ready to read.

    The frameworks are `-f`, else the mapping's, else the project's defaults;
    `History.frameworks` holds them loaded (a fit or a backtest starts from them).

    Raises:
        UsageError, ValidationFailed: A mapping or framework that cannot be loaded.
    """
    from dealcheck.language.loading import load_framework
    from dealcheck.learn.reading import open_history
    from dealcheck.mapping.loading import load_mapping

    mapping, tree = (
        load_mapping(request.mapping, checked_on=request.inputs[0] if request.inputs else None)
        if request.mapping
        else (None, None)
    )
    ids = (
        request.frameworks or (mapping.frameworks if mapping else []) or request.default_frameworks
    )
    frameworks = [load_framework(i, team_dir=request.team_dir) for i in ids]
    return open_history(request.inputs, frameworks, mapping, tree, encoding=request.encoding)


def _kept(deals: Iterable[ClosedDeal], keep: Callable[[ClosedDeal], None]) -> Iterator[ClosedDeal]:
    for deal in deals:
        keep(deal)
        yield deal


def measure(
    history: History, deals: Iterable[ClosedDeal], *, min_deals: int, lang: str
) -> LearnReport:
    """Count `deals` (read from `history`) and build the report.

    Raises:
        UsageError: No won or lost deal was read.
    """
    frameworks = history.frameworks
    effects = EffectCounter(scales(frameworks))
    outcomes = OutcomeCounter(stage_order=[s.id for fw in frameworks for s in fw.stages])
    for deal in deals:
        effects.add(deal)
        outcomes.add(deal)
    tally = history.tally
    closed = effects.deals[ALL_STAGES]
    if not closed:
        _refuse_empty(history)
    outcomes.columns = list(history.described)
    splits = effects.splits()
    bands, verdicts = outcomes.score_bands(min_deals), outcomes.recommendations(min_deals)
    calibration_split = _calibration(verdicts)
    tested = sum(enough(side, whole, min_deals) for *_, side, whole in splits)
    tested += calibration_split is not None and enough(*calibration_split, min_deals)
    z = z_for(CONFIDENCE, tested)
    measured = [
        judge(kind, item, level, stage, side, whole, min_deals=min_deals, z=z)
        for kind, item, level, stage, side, whole in splits
    ]
    overall = [e for e in measured if e.stage is None]
    by_stage = _stages(frameworks, effects, measured, min_deals)
    calibration = (
        judge(
            Kind.RECOMMENDATION,
            "advance",
            "dig-deeper",
            None,
            *calibration_split,
            min_deals=min_deals,
            z=z,
        )
        if calibration_split
        else None
    )
    reading = Reading(
        history.sources,
        tally.rows,
        tally.won,
        tally.lost,
        tally.open,
        tally.closed_unknown,
        tally.skipped,
        tally.skipped_lines,
        [(c, v, n) for (c, v), n in tally.unmapped.most_common(UNMAPPED_SHOWN)],
        tally.bad_dates,
    )
    from dealcheck.learn.names import display_names

    return LearnReport(
        frameworks=[fw.id for fw in frameworks],
        lang=lang,
        min_deals=min_deals,
        confidence=CONFIDENCE,
        comparisons=tested,
        reading=reading,
        qualified=history.qualified,
        overall=rate_of("", effects.won[ALL_STAGES], closed, min_deals),
        effects=ranked(overall),
        stages=by_stage,
        score_bands=bands,
        recommendations=verdicts,
        calibration=calibration,
        loss_reasons=outcomes.loss_reasons(),
        lost_with_reason=outcomes.lost_with_reason,
        described=outcomes.described(min_deals),
        names=display_names(frameworks, lang),
        not_in_data=[]
        if effects.scored_only or not history.qualified
        else [key for key in scales(frameworks) if key not in effects.criteria_seen()],
    )


def scales(frameworks: list[Framework]) -> dict[str, Scale]:
    """Each criterion key's level values and target, to tell at or above target."""
    found: dict[str, Scale] = {}
    for n, criterion_id, key in criterion_keys(frameworks):
        framework = frameworks[n]
        criterion = framework.criterion(criterion_id)
        assert criterion is not None
        scale = framework.scale_of(criterion)
        found[key] = Scale(
            {level.id: level.value for level in scale.root},
            framework.target_level(criterion).value,
        )
    return found


def _calibration(verdicts: list[Rate]) -> tuple[Split, Split] | None:
    """Advance against dig deeper, as (advance side, both together)."""
    by_name = {rate.group: rate for rate in verdicts}
    advance, dig = by_name.get("advance"), by_name.get("dig-deeper")
    if advance is None or dig is None:
        return None
    return Split(advance.won, advance.deals), Split(
        advance.won + dig.won, advance.deals + dig.deals
    )


def _stages(
    frameworks: list[Framework],
    counter: EffectCounter,
    measured: list[Effect],
    min_deals: int,
) -> list[StageFindings]:
    order = [stage.id for fw in frameworks for stage in fw.stages]
    stages = [s for s in counter.deals if s != ALL_STAGES]
    stages.sort(key=lambda s: (order.index(s) if s in order else len(order), s))
    found: list[StageFindings] = []
    for stage in stages:
        mine = [e for e in measured if e.stage == stage]
        found.append(
            StageFindings(
                stage,
                rate_of(stage, counter.won[stage], counter.deals[stage], min_deals),
                ranked(e for e in mine if e.status is Status.FINDING),
                sum(e.status is not Status.TOO_FEW for e in mine),
            )
        )
    return found


def _refuse_empty(history: History) -> None:
    from dealcheck.errors import UsageError, say

    tally = history.tally
    inputs = ", ".join(s.split(" (")[0] for s in history.sources) or say("learn.the_inputs")
    raise UsageError(
        say(
            "learn.no_closed",
            inputs=inputs,
            rows=tally.rows,
            open=tally.open,
            unknown=tally.closed_unknown,
        )
    )
