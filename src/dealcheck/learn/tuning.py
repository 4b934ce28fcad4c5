"""`dealcheck learn --suggest / --compare-framework`: fit on older deals, test on newer.

One call for the command: split the closed deals in time, fit the suggestion on the
training part only (so the backtest judges it on deals it never saw), write it where
the user asked, and backtest it (or the overlay given) against the framework in use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dealcheck.errors import UsageError
from dealcheck.language.framework import Framework
from dealcheck.learn.backtest import Backtest, Split, backtest, time_split
from dealcheck.learn.fit import Suggestion, suggest_changes
from dealcheck.learn.history import ClosedDeal
from dealcheck.learn.suggest import write_overlay


@dataclass(frozen=True)
class TuningRequest:
    """What the user asked for.

    Attributes:
        framework: The framework in use, as the user named it (id or path).
        suggest_to: Where to write the overlay (`--suggest`), if anywhere.
        compare_with: A framework or overlay to backtest (`--compare-framework`).
        force: Replace an existing `suggest_to` file.
        team_dir: The team's framework folder.
    """

    framework: str
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


def tune(
    framework: Framework,
    deals: Sequence[ClosedDeal],
    request: TuningRequest,
    *,
    min_deals: int,
) -> Tuning:
    """Suggest changes and/or backtest a framework on the closed deals.

    Raises:
        UsageError: An existing `--suggest` file without --force, an overlay that
            cannot reach the framework, or a `--compare-framework` that is not found.
        ValidationFailed: The framework to compare is not valid.
    """
    from dealcheck.language.loading import load_framework

    other = (
        load_framework(request.compare_with, team_dir=request.team_dir)
        if request.compare_with
        else None
    )
    if request.suggest_to is not None and request.suggest_to.exists() and not request.force:
        raise UsageError(f"{request.suggest_to} already exists; pass --force to overwrite it")
    split = time_split(deals)
    suggestion, written = None, None
    if request.suggest_to is not None:
        suggestion = suggest_changes(framework, split.train, min_deals=min_deals)
        if suggestion.changed:
            write_overlay(
                suggestion, request.suggest_to, framework=request.framework, force=request.force
            )
            written = request.suggest_to
    compared = request.compare_with
    if other is None and suggestion is not None and suggestion.changed:
        other, compared = suggestion.apply(), str(request.suggest_to)
    result = backtest(framework, other, split, min_deals=min_deals) if other else None
    return Tuning(framework, split, suggestion, written, compared, result, min_deals)
