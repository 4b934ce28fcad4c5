"""Never score blind: a mapping that feeds no column to a framework in play is refused.

A preset maps the standard CRM fields only; scoring with it as it is would give every
deal 0 / F and a "gap" on every criterion, which reads like a verdict and is none.
The run stops instead, naming the framework and how to map its columns, unless the
manager asked for the pipeline basics only (`--basics-only`).
"""

from __future__ import annotations

from dealcheck.errors import Message, UsageError, say
from dealcheck.language.framework import Framework
from dealcheck.mapping.binding import Binding


class BlindMapping(UsageError):
    """The mapping feeds no qualification column to a framework being scored."""


def refuse_blind(
    binding: Binding, frameworks: list[Framework], source: str, mapping_name: str | None
) -> list[Message]:
    """Raise when a framework with criteria gets no column; warnings for flag-only ones.

    Raises:
        BlindMapping: Naming the first framework whose criteria no column feeds.
    """
    label = say("blind.mapping_named", mapping_name) if mapping_name else say("blind.the_mapping")
    blind = blind_framework(binding, frameworks)
    if blind is not None:
        raise BlindMapping(say("blind.refused", source=source, mapping=label, framework=blind.id))
    answered = {flag.framework for flag in binding.flags}
    return [
        say("blind.flags_unknown", source=source, framework=framework.id)
        for position, framework in enumerate(frameworks)
        if not framework.criteria and framework.red_flags and position not in answered
    ]


def blind_framework(binding: Binding, frameworks: list[Framework]) -> Framework | None:
    """The first framework with criteria to which the mapping feeds no column."""
    fed = {feed.framework for feed in binding.feeds}
    return next(
        (fw for position, fw in enumerate(frameworks) if fw.criteria and position not in fed),
        None,
    )
