"""Write suggested changes as a framework overlay a team reviews in a pull request.

The overlay `extends` the framework in use and holds only what changes: criterion
weights and `subtract` red-flag points, each under a comment with its evidence. It is
written only where the user names it, never over an existing file without `force`,
and the same history always gives the same bytes (no dates of the run, fixed order).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from dealcheck.errors import UsageError, say
from dealcheck.files.atomic import write_atomic
from dealcheck.language.framework import ID_PATTERN, UNKNOWN
from dealcheck.learn.fit import Coefficient, FlagChange, Suggestion, WeightChange
from dealcheck.learn.rates import RateGap

NAME_SUFFIX = {
    "en": "(learned from {n} closed deals)",
    "ko": "(수주·실주 딜 {n}건에서 학습)",
}


def extends_reference(framework: str, overlay: Path) -> str:
    """How the overlay names the framework it builds on.

    An id stays an id; a framework file is named by its path relative to the overlay's
    folder, which `extends` requires to stay inside that folder or the current one.

    Raises:
        UsageError: When the overlay would replace the framework file, or could not
            reach it from where it is written.
    """
    looks_like_path = framework.endswith((".yaml", ".yml")) or "/" in framework or "\\" in framework
    if not looks_like_path:
        return framework
    source, target = Path(framework).resolve(), overlay.resolve()
    if source == target:
        raise UsageError(say("learn.overlay_is_base", overlay=overlay))
    roots = (target.parent, Path.cwd().resolve())
    if not any(root in source.parents for root in roots):
        raise UsageError(say("learn.overlay_outside", overlay=overlay, framework=framework))
    return Path(os.path.relpath(source, target.parent)).as_posix()


def overlay_id(overlay: Path, parent_id: str) -> str:
    """The overlay's id: its file name when that is a valid id (team folders need it)."""
    stem = overlay.stem
    return stem if re.match(ID_PATTERN, stem) and len(stem) <= 64 else f"{parent_id}-learned"


def write_overlay(
    suggestion: Suggestion, path: Path, *, framework: str, force: bool = False
) -> None:
    """Write the overlay to `path`.

    Args:
        suggestion: What the fit supports (with at least one change).
        path: Where the user asked for it.
        framework: The framework in use as the user named it (id or path).
        force: Replace an existing file.

    Raises:
        UsageError: For an existing file without `force`, or an unreachable framework.
        WriteError: When the file cannot be written.
    """
    if path.exists() and not force:
        raise UsageError(say("file.exists", path=path))
    extends = extends_reference(framework, path)
    text = overlay_text(
        suggestion, extends=extends, overlay=overlay_id(path, suggestion.framework.id)
    )
    write_atomic(path, text)


def overlay_text(suggestion: Suggestion, *, extends: str, overlay: str) -> str:
    """The overlay's YAML text, comments included.

    Args:
        suggestion: What the fit supports.
        extends: The `extends` value (framework id or relative path).
        overlay: The overlay's id.
    """
    parent = suggestion.framework
    count = suggestion.deals
    period = (
        f", closed {suggestion.closed_from} to {suggestion.closed_to}"
        if suggestion.closed_from
        else ""
    )
    lines = [
        f"# Suggested by `dealcheck learn` from {count} closed deals "
        f"({suggestion.won} won{period}).",
        f"# It builds on {parent.id} {parent.version} and changes only what follows. Nothing is "
        "applied until",
        "# the team adopts it: review it in a pull request like any framework change, and",
        "# backtest it first: dealcheck learn … --compare-framework THIS-FILE",
        "# The evidence is what happened in past deals: a correlation, not a cause (deals that",
        "# scored well may simply have had more attention). A value changes only where its",
        f"# interval (95 % for the {suggestion.tested} values tested together) leaves out the "
        "current one and at",
        f"# least {suggestion.min_deals} deals stand behind it; the other weights are only "
        "rescaled, so that the",
        "# total stays the same.",
        f"id: {overlay}",
        "name:",
    ]
    for language in parent.languages:
        suffix = NAME_SUFFIX.get(language, NAME_SUFFIX["en"]).format(n=count)
        lines.append(f"  {language}: {_quoted(parent.name.get(language) + ' ' + suffix)}")
    lines += [f"version: {_version(parent.version)}", f"extends: {_quoted(extends)}"]
    if suggestion.weights:
        total = sum(c.weight for c in parent.criteria)
        lines.append("criteria:")
        for change in suggestion.weights:
            lines += [f"  {line}" for line in _weight_comment(change, total)]
            lines += [
                f"  - id: {change.criterion.id}",
                f"    weight: {_number(change.after)}  # was {_number(change.criterion.weight)}",
            ]
    if suggestion.flags:
        lines.append("red_flags:")
        for flag in suggestion.flags:
            lines += [f"  {line}" for line in _flag_comment(flag)]
            lines += [
                f"  - id: {flag.flag.id}",
                f"    points: {_number(flag.after)}  # was {_number(flag.flag.points or 0)}",
            ]
    return "\n".join(lines) + "\n"


def _weight_comment(change: WeightChange, total: float) -> list[str]:
    if change.coefficient is None:
        return [
            f"# Rescaled only, so the weights still add up to about {_number(total)}: its own",
            "# evidence does not move it.",
        ]
    by_level = ", ".join(
        f"{rate.level if rate.level != UNKNOWN else 'unknown'} {_share(rate.won, rate.deals)}"
        f" of {rate.deals}"
        for rate in change.levels
        if rate.deals
    )
    return [
        f"# {_gap_words(change.evidence, f'at {change.split_at} or above', 'below')}",
        f"# Won by level: {by_level}.",
        f"# {_coefficient_words(change.coefficient, 'what the current weight implies')}",
    ]


def _flag_comment(change: FlagChange) -> list[str]:
    return [
        f"# {_gap_words(change.evidence, 'with the flag raised', 'without')}",
        f"# {_coefficient_words(change.coefficient, 'no effect')}",
    ]


def _gap_words(gap: RateGap, with_words: str, without_words: str) -> str:
    low, high = gap.interval
    return (
        f"n={gap.deals_with + gap.deals_without}: won {_share(gap.won_with, gap.deals_with)} "
        f"{with_words} ({gap.deals_with} deals) vs {_share(gap.won_without, gap.deals_without)} "
        f"{without_words} ({gap.deals_without}): {_points(gap.difference)} points "
        f"(95 % interval {_points(low)} to {_points(high)})."
    )


def _coefficient_words(coefficient: Coefficient, against: str) -> str:
    return (
        f"Fitted effect {coefficient.value:+.2f} log-odds (interval "
        f"{coefficient.low:+.2f} to {coefficient.high:+.2f}); {against}: "
        f"{coefficient.implied:+.2f}."
    )


def _share(won: int, deals: int) -> str:
    return f"{round(100 * won / deals)} %" if deals else "-"


def _points(difference: float) -> str:
    return f"{round(100 * difference):+d}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _version(parent: str) -> str:
    base = parent.split("+", 1)[0]
    return f"{base}.learned" if "-" in base else f"{base}-learned"
