"""Validate YAML-read data against a pydantic model, naming FILE:LINE:COLUMN per problem."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from dealcheck.errors import Location, Message, Problem, ValidationFailed, say
from dealcheck.language.yamlfile import locate

M = TypeVar("M", bound=BaseModel)


def validate_located(model: type[M], tree: Any, **extra: Any) -> M:
    """Validate `tree` (from `read_yaml`) as `model`; raise every problem with its location.

    Args:
        model: The pydantic model class.
        tree: Data read by `read_yaml`, carrying locations.
        **extra: Values added to the mapping before validation (not located).
    """
    data = {**tree, **extra} if extra and isinstance(tree, dict) else tree
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ValidationFailed(_located_problems(error, tree, model)) from None


def _located_problems(error: ValidationError, tree: Any, model: type[BaseModel]) -> list[Problem]:
    problems: dict[tuple[Location, str | Message], None] = {}
    union_seen: set[tuple[str | int, ...]] = set()
    for detail in error.errors(include_url=False):
        path = _tree_path(detail["loc"], tree)
        kind = detail["type"]
        if kind == "extra_forbidden":
            key = str(path[-1])
            message: str | Message = say(
                "model.unknown_key", key=key, hint=_suggestion(key, path[:-1], model)
            )
            problems[(_where(tree, path, True), message)] = None
            continue
        if len(path) < len(detail["loc"]) and kind in ("string_type", "dict_type"):
            if path in union_seen:
                continue
            union_seen.add(path)
            message = say("model.text_expected")
        elif kind == "missing":
            message = say("model.missing_key", key=path[-1]) if path else say("model.missing")
            path = path[:-1]
        else:
            message = _said(detail)
            if path:
                message = say("located", where=_show(path), message=message)
        problems[(_where(tree, path, False), message)] = None
    return [Problem(location, message) for location, message in problems]


def _said(detail: Any) -> str | Message:
    """Pydantic's complaint: ours by key when a validator said one, else by its kind."""
    raised = detail.get("ctx", {}).get("error")
    if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Message):
        return raised.args[0]
    kind = detail["type"]
    if kind in _KINDS:
        # English keeps pydantic's own wording; other languages have the catalogue's.
        values = tuple(detail.get("ctx", {}).items())
        return Message(f"model.{_KINDS[kind]}", (), values, english=str(detail["msg"]))
    return str(detail["msg"]).removeprefix("Value error, ")


#: pydantic error types a user meets in a hand-written file -> our catalogue keys.
_KINDS = {
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "yes_no",
    "bool_parsing": "yes_no",
    "string_type": "text",
    "list_type": "list",
    "dict_type": "mapping",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "greater_than_equal": "at_least",
    "less_than_equal": "at_most",
    "greater_than": "more_than",
    "less_than": "less_than",
    "enum": "one_of",
    "literal_error": "one_of",
    "too_short": "too_short",
    "string_too_short": "too_short",
    "string_too_long": "too_long",
}


def _tree_path(loc: tuple[str | int, ...], tree: Any) -> tuple[str | int, ...]:
    """Drop pydantic's union-member steps (`str`, `dict[str,str]`) that are not in the file."""
    kept: list[str | int] = []
    node = tree
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and step.isidentifier():
            node = None  # a missing key: keep the step so the message can name it
        else:
            continue
        kept.append(step)
    return tuple(kept)


def _where(tree: Any, path: tuple[str | int, ...], on_key: bool) -> Location:
    found = locate(tree, path, on_key=on_key)
    if found is None:
        found = getattr(tree, "location", None) or Location("<input>", 1, 1)
    return found


def _show(path: tuple[str | int, ...]) -> str:
    return ".".join(str(step) for step in path)


def _suggestion(key: str, parent: tuple[str | int, ...], model: type[BaseModel]) -> str | Message:
    fields = _fields_at(model, parent)
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        return say("hint.did_you_mean", close[0])
    return say("hint.allowed", ", ".join(sorted(fields))) if fields else ""


def _fields_at(model: Any, path: tuple[str | int, ...]) -> list[str]:
    current: Any = model
    for step in path:
        current = _unwrap(current, step)
        if current is None:
            return []
    current = _unwrap(current, None)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _unwrap(annotation: Any, step: str | int | None) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        models = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(models[0], step) if models else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if "root" in annotation.model_fields and step is not None:
            return _unwrap(annotation.model_fields["root"].annotation, step)
        if step is None:
            return annotation
        field = annotation.model_fields.get(str(step))
        return field.annotation if field else None
    if origin is list and isinstance(step, int):
        return typing.get_args(annotation)[0]
    if origin is dict and isinstance(step, str):
        return typing.get_args(annotation)[1]
    return annotation if step is None else None
