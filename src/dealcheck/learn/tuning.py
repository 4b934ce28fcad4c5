"""`dealcheck learn --suggest / --compare-framework`: fit on older deals, test on newer.

One call for the command: split the closed deals in time, fit the suggestion on the
training part only (so the backtest judges it on deals it never saw), write it where
the user asked, and backtest it (or the overlay given) against the framework in use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dealcheck.errors import UsageError
from dealcheck.language.framework import Framework
from dealcheck.learn.backtest import Backtest, Split, backtest, time_split
from dealcheck.learn.fit import Suggestion, suggest_changes
from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.suggest import write_overlay

if TYPE_CHECKING:
    from dealcheck.learn.report import LearnReport, LearnRequest


@dataclass(frozen=True)
class TuningRequest:
    """What the user asked for.

    Attributes:
        suggest_to: Where to write the overlay (`--suggest`), if anywhere.
        compare_with: A framework or overlay to backtest (`--compare-framework`).
        force: Replace an existing `suggest_to` file.
        team_dir: The team's framework folder.
    """

    suggest_to: Path | None = None
    compare_with: str | None = None
    force: bool = False
    team_dir: Path | None = None

    @property
    def wanted(self) -> bool:
        """Whether anything was asked."""
        return self.suggest_to is not None or self.compare_with is not None


@dataclass(frozen=True)
class Tuning:
    """The suggestion and the backtest, for the report.

    Attributes:
        framework: The framework in use.
        split: Older training deals and newer test deals.
        suggestion: With `--suggest`: what the training deals support.
        written: The overlay file written (None: nothing to change, or not asked).
        compared: What the backtest compared with the framework in use: the overlay
            named with `--compare-framework`, else the suggestion (None: no backtest).
        backtest: The figures, when there was something to compare.
        min_deals: Fewest deals behind a change, and in each part of the backtest.
    """

    framework: Framework
    split: Split
    suggestion: Suggestion | None
    written: Path | None
    compared: str | None
    backtest: Backtest | None
    min_deals: int


def learn_and_tune(request: LearnRequest, tuning: TuningRequest) -> LearnReport:
    """`learn_from`, then the suggestion and the backtest on the same closed deals.

    Raises:
        UsageError: As `learn_from` and `check_request` do, and as `tune` does.
        InputError, ValidationFailed: As `learn_from` does.
    """
    from dealcheck.learn.report import learn_from, measure, open_request

    if not tuning.wanted:
        return learn_from(request)
    if request.frameworks:
        check_request(tuning, request.frameworks)
    history = open_request(request)
    check_request(tuning, [f.id for f in history.frameworks])
    deals = list(history.deals)
    report = measure(history, deals, min_deals=request.min_deals, lang=request.lang)
    if not history.qualified:
        check_request(tuning, report.frameworks, qualified=False)
    framework = history.frameworks[0]
    # The framework as the user named it (`-f`), for the overlay's `extends`; from a
    # mapping or the project's defaults, by its id (found in the team folder or built in).
    named = request.frameworks[0] if request.frameworks else framework.id
    tuned = tune(framework, named, deals, tuning, min_deals=request.min_deals)
    return dataclasses.replace(report, tuning=tuned)


def check_request(request: TuningRequest, frameworks: list[str], *, qualified: bool = True) -> None:
    """Refuse what cannot work, before the inputs are read where possible.

    Raises:
        UsageError: More than one framework in play, an existing `--suggest` file
            without --force, or (after reading) no qualification answers at all.
    """
    asked = "--suggest" if request.suggest_to is not None else "--compare-framework"
    if len(frameworks) != 1:
        raise UsageError(
            f"{asked} works on one framework; pick it with -f "
            f"(in play: {', '.join(frameworks) or 'none'})"
        )
    if request.suggest_to is not None and request.suggest_to.exists() and not request.force:
        raise UsageError(f"{request.suggest_to} already exists; pass --force to overwrite it")
    if not qualified:
        raise UsageError(
            f"{asked} needs criterion levels or red flags in the inputs, and they hold none; "
            "map the CRM's qualification fields (`dealcheck map init`), or run without it "
            "for the win rates the data has"
        )


def tune(
    framework: Framework,
    framework_ref: str,
    deals: Sequence[ClosedDeal],
    request: TuningRequest,
    *,
    min_deals: int,
) -> Tuning:
    """Suggest changes and/or backtest a framework on the closed deals.

    Args:
        framework: The framework in use.
        framework_ref: It as the user named it (id or path), for the overlay's `extends`.
        deals: The closed deals.
        request: What was asked.
        min_deals: Fewest deals behind a change, and in each part of the backtest.

    Raises:
        UsageError: An existing `--suggest` file without --force, an overlay that
            cannot reach the framework, or a `--compare-framework` that is not found.
        ValidationFailed: The framework to compare is not valid.
    """
    from dealcheck.language.loading import load_framework

    check_request(request, [framework_ref])
    other = (
        load_framework(request.compare_with, team_dir=request.team_dir)
        if request.compare_with
        else None
    )
    split = time_split(deals)
    suggestion, written = None, None
    if request.suggest_to is not None:
        suggestion = suggest_changes(framework, split.train, min_deals=min_deals)
        if suggestion.changed:
            write_overlay(
                suggestion, request.suggest_to, framework=framework_ref, force=request.force
            )
            written = request.suggest_to
    compared = request.compare_with
    if other is None and suggestion is not None and suggestion.changed:
        other, compared = suggestion.apply(), str(request.suggest_to)
    result = backtest(framework, other, split, min_deals=min_deals) if other else None
    return Tuning(framework, split, suggestion, written, compared, result, min_deals)
