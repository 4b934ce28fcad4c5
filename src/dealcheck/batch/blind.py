"""Never score blind: a mapping that feeds no column to a framework in play is refused.

A preset maps the standard CRM fields only; scoring with it as it is would give every
deal 0 / F and a "gap" on every criterion, which reads like a verdict and is none.
The run stops instead, naming the framework and how to map its columns, unless the
manager asked for the pipeline basics only (`--basics-only`).
"""

from __future__ import annotations

from dealcheck.batch.binding import Binding
from dealcheck.errors import UsageError
from dealcheck.language.framework import Framework


class BlindMapping(UsageError):
    """The mapping feeds no qualification column to a framework being scored."""


def refuse_blind(
    binding: Binding, frameworks: list[Framework], source: str, mapping_name: str | None
) -> list[str]:
    """Raise when a framework with criteria gets no column; warnings for flag-only ones.

    Raises:
        BlindMapping: Naming the first framework whose criteria no column feeds.
    """
    label = f"mapping {mapping_name!r}" if mapping_name else "the mapping"
    fed = {feed.framework for feed in binding.feeds}
    answered = {flag.framework for flag in binding.flags}
    warnings: list[str] = []
    for position, framework in enumerate(frameworks):
        if framework.criteria and position not in fed:
            raise BlindMapping(
                f"{source}: {label} maps no column to the criteria of "
                f"{framework.id}, so every deal would score 0; add them under `criteria: "
                f"{framework.id}:` (`dealcheck map init {source} -f {framework.id}` drafts "
                "them from the headers; the README's mapping section shows the shape), "
                "or pass --basics-only to check the pipeline data without qualifying"
            )
        if not framework.criteria and framework.red_flags and position not in answered:
            warnings.append(
                f"{source}: no column answers the red flags of {framework.id}; "
                "they count as unknown"
            )
    return warnings
