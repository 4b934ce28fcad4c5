"""Located plain data straight from YAML parser events: the strict composer behind `yamlfile`.

PyYAML's parser (libyaml's when present) turns the text into events; the composer here
builds `YamlMapping`, `YamlSequence` and scalars from them directly, each with the
`FILE:LINE:COLUMN` it was written at, refusing aliases, anchors, tags, merge keys,
duplicate and non-text keys, and deep nesting on the way. Scalars resolve as in YAML
1.2's core schema.
"""

from __future__ import annotations

import math
import re
from typing import Any

from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from dealcheck.errors import Location, Message, say

MAX_DEPTH = 40
#: Longer integers are refused: no field needs them, and Python refuses to read 4,300+.
MAX_DIGITS = 30

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class YamlMapping(dict[str, Any]):
    """A mapping read from YAML, with the location of itself, its keys and values."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.key_locations: dict[str, Location] = {}
        self.value_locations: dict[str, Location] = {}


class YamlSequence(list[Any]):
    """A sequence read from YAML, with the location of itself and of each item."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.item_locations: list[Location] = []


class _CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans; no dates, no sexagesimals."""


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (_MERGE, r"^(?:<<)$", "<"),
):
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class Located(Exception):
    """A problem at a parser mark (0-based line and column)."""

    def __init__(self, message: Message, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _StrictComposer(Composer):
    """Builds located plain data straight from parser events (no node tree in between).

    Refuses aliases, anchors, tags, merge keys, duplicate and non-text keys, and deep
    nesting. Locations are taken from the events' marks as the data is built.
    """

    depth = 0
    name = "<input>"

    def compose_node(self, parent: object, index: object) -> Any:
        """The value of the next node: a `YamlMapping`, `YamlSequence` or scalar."""
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            raise Located(
                say("yaml.alias", anchor=event.anchor),
                event.start_mark,
            )
        if getattr(event, "anchor", None):
            raise Located(
                say("yaml.anchor", anchor=event.anchor),
                event.start_mark,
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Located(say("yaml.deep", most=MAX_DEPTH), event.start_mark)
        try:
            self.get_event()  # type: ignore[attr-defined]
            if isinstance(event, ScalarEvent):
                return _scalar(self._tag(event), event.value, event.start_mark)
            if isinstance(event, SequenceStartEvent):
                _check_collection_tag(event, _SEQ)
                return self._sequence(event)
            if isinstance(event, MappingStartEvent):
                _check_collection_tag(event, _MAP)
                return self._mapping(event)
            raise Located(Message("yaml.syntax", english="invalid YAML"), event.start_mark)
        finally:
            self.depth -= 1

    def _tag(self, event: ScalarEvent) -> str:
        tag = event.tag
        if tag is not None and tag != "!":
            return str(tag)
        if not event.implicit[0]:
            return _STR  # quoted or block text
        resolved: dict[str, str] = self.__dict__.setdefault("_resolved", {})
        found = resolved.get(event.value)
        if found is None:
            found = resolved[event.value] = self.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[attr-defined]
        return found

    def _sequence(self, start: SequenceStartEvent) -> YamlSequence:
        name = self.name
        sequence = YamlSequence(_loc(start.start_mark, name))
        while not self.check_event(SequenceEndEvent):  # type: ignore[attr-defined]
            mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            sequence.append(self.compose_node(None, None))
            sequence.item_locations.append(_loc(mark, name))
        self.get_event()  # type: ignore[attr-defined]
        return sequence

    def _mapping(self, start: MappingStartEvent) -> YamlMapping:
        name = self.name
        mapping = YamlMapping(_loc(start.start_mark, name))
        first_seen: dict[str, int] = {}
        while not self.check_event(MappingEndEvent):  # type: ignore[attr-defined]
            key_mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            key = self._key()
            if key in first_seen:
                raise Located(
                    say("yaml.duplicate_key", key=key, line=first_seen[key]),
                    key_mark,
                )
            first_seen[key] = key_mark.line + 1
            mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            mapping[key] = self.compose_node(None, None)
            mapping.key_locations[key] = _loc(key_mark, name)
            mapping.value_locations[key] = _loc(mark, name)
        self.get_event()  # type: ignore[attr-defined]
        return mapping

    def _key(self) -> str:
        event = self.peek_event()  # type: ignore[attr-defined]
        if not isinstance(event, ScalarEvent) or getattr(event, "anchor", None):
            self.compose_node(None, None)  # an alias or anchor is refused as such
            raise Located(say("yaml.key_not_text", key="a collection"), event.start_mark)
        self.get_event()  # type: ignore[attr-defined]
        tag = self._tag(event)
        if tag == _MERGE:
            raise Located(say("yaml.merge"), event.start_mark)
        if tag != _STR:
            raise Located(say("yaml.key_not_text", key=event.value), event.start_mark)
        return str(event.value)


def _check_collection_tag(event: SequenceStartEvent | MappingStartEvent, default: str) -> None:
    if event.tag is not None and event.tag not in ("!", default):
        raise Located(say("yaml.tag", tag=_short(event.tag)), event.start_mark)


class PythonLoader(Reader, Scanner, Parser, _StrictComposer, SafeConstructor, _CoreResolver):
    """Pure-Python scanning and parsing; used when PyYAML has no libyaml."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)
        SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)


def make_loader(text: str) -> Any:
    """A loader for `text`: libyaml's parser when present, else the pure-Python one."""
    # libyaml scans and parses ten times faster and iteratively; composing stays in
    # Python (the C composer recurses and can segfault on absurd nesting).
    if CLoader is not None:
        return CLoader(text)
    return PythonLoader(text)


try:
    from yaml._yaml import CParser

    class CLoader(_StrictComposer, CParser, SafeConstructor, _CoreResolver):
        """libyaml scanning and parsing; composing in Python (see `make_loader`)."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _StrictComposer.__init__(self)
            SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CLoader = None  # type: ignore[assignment,misc]


def _scalar(tag: str, value: str, mark: Any) -> str | int | float | bool | None:
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        digits = len(value.lstrip("+-").replace("_", ""))
        if digits > MAX_DIGITS:
            raise Located(say("yaml.digits", digits=digits, most=MAX_DIGITS), mark)
        return int(value)
    if tag == _FLOAT:
        lowered = value.lower().lstrip("+")
        if lowered in {".inf", "-.inf"}:
            return -math.inf if lowered.startswith("-") else math.inf
        return math.nan if lowered == ".nan" else float(value)
    if tag == _MERGE:
        return value
    raise Located(say("yaml.tag", tag=_short(tag)), mark)


def _loc(mark: Any, name: str) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
