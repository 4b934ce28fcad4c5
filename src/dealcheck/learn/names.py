"""Display names of what a learning report mentions, in the report's language."""

from __future__ import annotations

from dealcheck.language.framework import Framework
from dealcheck.learn.rows import criterion_keys

#: The `level_key` level of a criterion's target level.
TARGET = "@target"


def level_key(criterion: str, level: str) -> str:
    """The `names` key of a criterion's level."""
    return f"{criterion}={level}"


def display_names(frameworks: list[Framework], lang: str) -> dict[str, str]:
    """Criterion keys, `criterion=level`, red flag and stage ids -> their names in `lang`."""
    names: dict[str, str] = {}
    for framework in reversed(frameworks):
        names.update({stage.id: stage.name.get(lang) for stage in framework.stages})
        names.update({flag.id: flag.name.get(lang) for flag in framework.red_flags})
    for n, criterion_id, key in criterion_keys(frameworks):
        framework = frameworks[n]
        criterion = framework.criterion(criterion_id)
        assert criterion is not None
        names[key] = criterion.name.get(lang)
        # The scale's short labels: a criterion's `levels` texts are whole sentences.
        for level in framework.scale_of(criterion).root:
            names[level_key(key, level.id)] = level.label.get(lang)
        names[level_key(key, TARGET)] = framework.target_level(criterion).label.get(lang)
    return names
