"""Cross-field rules of the framework language.

They run after the models validate, and report a path into the file for each problem
so the error can name the exact line, which a pydantic model validator cannot do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, RootModel

from dealcheck.errors import Message, say
from dealcheck.language.framework import FLAG_NAME_LIMIT, Framework, Text

Path = tuple[str | int, ...]
Finding = tuple[Path, Message, bool]  # path, message, point at the key rather than the value


def semantic_problems(framework: Framework) -> list[Finding]:
    """Every cross-field rule the framework breaks."""
    return [
        *_unique_ids(framework),
        *_level_references(framework),
        *_stage_references(framework),
        *_recap_references(framework),
        *_grade_bands(framework),
        *_translations(framework),
        *_short_flag_names(framework),
        *_not_now_references(framework),
        *_unique_exit_checks(framework),
        *_has_something_to_ask(framework),
    ]


def _unique_ids(framework: Framework) -> Iterator[Finding]:
    for field in ("criteria", "red_flags", "stages", "close_plan"):
        items = getattr(framework, field)
        counts = Counter(item.id for item in items)
        seen: set[str] = set()
        for index, item in enumerate(items):
            if counts[item.id] > 1 and item.id in seen:
                yield (field, index, "id"), say("rule.duplicate_id", id=item.id, field=field), False
            seen.add(item.id)


def _level_references(framework: Framework) -> Iterator[Finding]:
    scale_ids = [level.id for level in framework.scale.root]
    if framework.target and framework.target not in scale_ids:
        yield ("target",), _unknown_level(framework.target, scale_ids), False
    belief = framework.evidence.belief_earns_at_most
    if belief and belief not in scale_ids:
        yield ("evidence", "belief_earns_at_most"), _unknown_level(belief, scale_ids), False
    for index, criterion in enumerate(framework.criteria):
        ids = [level.id for level in framework.scale_of(criterion).root]
        for level_id in criterion.levels:
            if level_id not in ids:
                yield ("criteria", index, "levels", level_id), _unknown_level(level_id, ids), True
        if criterion.target and criterion.target not in ids:
            yield ("criteria", index, "target"), _unknown_level(criterion.target, ids), False


def _stage_references(framework: Framework) -> Iterator[Finding]:
    names: dict[str, str] = {}
    for index, stage in enumerate(framework.stages):
        for criterion_id, level_id in stage.expects.items():
            criterion = framework.criterion(criterion_id)
            path: Path = ("stages", index, "expects", criterion_id)
            if criterion is None:
                known = ", ".join(c.id for c in framework.criteria) or "—"
                yield path, say("rule.no_criterion", id=criterion_id, known=known), True
                continue
            ids = [level.id for level in framework.scale_of(criterion).root]
            if level_id not in ids:
                yield path, _unknown_level(level_id, ids), False
        for alias_index, alias in enumerate(stage.aliases):
            folded = alias.casefold()
            if folded in names and names[folded] != stage.id:
                where: Path = ("stages", index, "aliases", alias_index)
                yield where, say("rule.alias_taken", alias=alias, stage=names[folded]), False
            names[folded] = stage.id


def _recap_references(framework: Framework) -> Iterator[Finding]:
    known = [c.id for c in framework.criteria]
    for part, criterion_ids in framework.recap.items():
        for index, criterion_id in enumerate(criterion_ids):
            if criterion_id not in known:
                message = say("rule.recap", part=part.value, id=criterion_id)
                yield ("recap", part.value, index), message, False


def _grade_bands(framework: Framework) -> Iterator[Finding]:
    minimums = [band.min for band in framework.grades]
    if minimums != sorted(minimums, reverse=True):
        yield ("grades",), say("rule.grades_order"), False
    if minimums and minimums[-1] != 0:
        last = len(minimums) - 1
        yield ("grades", last, "min"), say("rule.grades_zero"), False


def _translations(framework: Framework) -> Iterator[Finding]:
    wanted = set(framework.languages)
    for path, text in texts_in(framework):
        given = text.languages()
        if given is not None and (missing := sorted(wanted - given)):
            yield (
                path,
                say(
                    "rule.translation", missing=", ".join(missing), wanted=", ".join(sorted(wanted))
                ),
                False,
            )


def _short_flag_names(framework: Framework) -> Iterator[Finding]:
    for index, flag in enumerate(framework.red_flags):
        texts = flag.name.root.values() if isinstance(flag.name.root, dict) else [flag.name.root]
        for text in texts:
            if len(text) > FLAG_NAME_LIMIT or not text.strip():
                yield (
                    ("red_flags", index, "name"),
                    say("rule.flag_name", most=FLAG_NAME_LIMIT, got=len(text)),
                    False,
                )


def _not_now_references(framework: Framework) -> Iterator[Finding]:
    flags = {f.id for f in framework.red_flags}
    criteria = {c.id for c in framework.criteria}
    for r, rule in enumerate(framework.recommendation.not_now):
        for g, group in enumerate(rule.all):
            for c, condition in enumerate(group.any):
                path: Path = ("recommendation", "not_now", r, "all", g, "any", c)
                if condition.flag is not None and condition.flag not in flags:
                    known = ", ".join(sorted(flags)) or "—"
                    yield (
                        (*path, "flag"),
                        say("rule.no_flag", id=condition.flag, known=known),
                        False,
                    )
                if condition.absent is not None and condition.absent not in criteria:
                    known = ", ".join(sorted(criteria)) or "—"
                    message = say("rule.no_criterion", id=condition.absent, known=known)
                    yield (*path, "absent"), message, False


def _has_something_to_ask(framework: Framework) -> Iterator[Finding]:
    exits = any(stage.exit_criteria for stage in framework.stages)
    if not framework.criteria and not framework.red_flags and not exits:
        yield (
            ("criteria",),
            say("rule.empty"),
            True,
        )


def _unique_exit_checks(framework: Framework) -> Iterator[Finding]:
    seen: set[str] = set()
    for s, stage in enumerate(framework.stages):
        for c, check in enumerate(stage.exit_criteria):
            if check.id in seen:
                path: Path = ("stages", s, "exit_criteria", c, "id")
                yield path, say("rule.duplicate_exit", id=check.id), False
            seen.add(check.id)


def texts_in(value: object, path: Path = (), *, by_id: bool = False) -> Iterator[tuple[Path, Text]]:
    """Every text in a framework (or part of one), with its path of keys and indexes.

    With `by_id`, list items that have an id are keyed by it rather than by position,
    so the same criterion's texts have the same path in two versions of a framework.
    """
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, RootModel):
        yield from texts_in(value.root, path, by_id=by_id)
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from texts_in(getattr(value, name), (*path, info.alias or name), by_id=by_id)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            key = getattr(item, "id", None) if by_id else None
            step = key if isinstance(key, str) else index
            yield from texts_in(item, (*path, step), by_id=by_id)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(item, (*path, key), by_id=by_id)


def _unknown_level(level_id: str, known: list[str]) -> Message:
    return say("rule.no_level", id=level_id, known=", ".join(known))
