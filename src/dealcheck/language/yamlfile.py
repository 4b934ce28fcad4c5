"""Safe YAML reading for user files, keeping where every value came from.

Framework, mapping, config and deal files are user input. This reader accepts a
strict, boring subset of YAML and remembers the `FILE:LINE:COLUMN` of each node so
later validation errors can point at it. It refuses aliases, anchors, merge keys,
duplicate keys, non-string keys, tags, tabs, several documents, non-UTF-8 bytes,
oversized files and absurd nesting. Scalars resolve as in YAML 1.2's core schema, so
`no`, `off` and `yes` stay text (the "Norway problem").
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from dealcheck.errors import Location, Problem, ValidationFailed

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
#: Longer integers are refused: no field needs them, and Python refuses to read 4,300+.
MAX_DIGITS = 30

#: What YAML does not allow in a file (it allows tab, line breaks and printable text).
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
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


class _Located(Exception):
    def __init__(self, message: str, mark: Any) -> None:
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
            raise _Located(
                f"alias *{event.anchor} is not allowed; write the value out in full",
                event.start_mark,
            )
        if getattr(event, "anchor", None):
            raise _Located(
                f"anchor &{event.anchor} is not allowed; write values out in full",
                event.start_mark,
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Located(
                f"nested deeper than {MAX_DEPTH} levels; flatten the file", event.start_mark
            )
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
            raise _Located("invalid YAML", event.start_mark)
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
                raise _Located(
                    f"duplicate key {key!r} (first at line {first_seen[key]}); keep one",
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
            raise _Located("key 'a collection' is not text; quote it", event.start_mark)
        self.get_event()  # type: ignore[attr-defined]
        tag = self._tag(event)
        if tag == _MERGE:
            raise _Located(
                "merge key << is not allowed; write the keys out in full", event.start_mark
            )
        if tag != _STR:
            raise _Located(f"key {event.value!r} is not text; quote it", event.start_mark)
        return str(event.value)


def _check_collection_tag(event: SequenceStartEvent | MappingStartEvent, default: str) -> None:
    if event.tag is not None and event.tag not in ("!", default):
        raise _Located(f"tag {_short(event.tag)} is not allowed; remove it", event.start_mark)


class _PythonLoader(Reader, Scanner, Parser, _StrictComposer, SafeConstructor, _CoreResolver):
    """Pure-Python scanning and parsing; used when PyYAML has no libyaml."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)
        SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)


def _make_loader(text: str) -> Any:
    # libyaml scans and parses ten times faster and iteratively; composing stays in
    # Python (the C composer recurses and can segfault on absurd nesting).
    if _CLoader is not None:
        return _CLoader(text)
    return _PythonLoader(text)


try:
    from yaml._yaml import CParser

    class _CLoader(_StrictComposer, CParser, SafeConstructor, _CoreResolver):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _StrictComposer.__init__(self)
            SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CLoader = None  # type: ignore[assignment,misc]


def read_yaml(path: Path, *, display_name: str | None = None, max_bytes: int = MAX_BYTES) -> Any:
    """Read a YAML file safely into plain data with locations attached.

    Args:
        path: The file to read.
        display_name: The name to use in error messages (default: the path as given).
        max_bytes: The largest file read (deal files, which grow, allow more).

    Returns:
        A `YamlMapping`, `YamlSequence` or scalar.

    Raises:
        ValidationFailed: With one located problem when the file breaks the rules.
    """
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            _fail(name, 1, 1, f"file is {size:,} bytes; the limit is {max_bytes:,}")
        data = path.read_bytes()
    except OSError as error:
        _fail(name, 1, 1, f"cannot read file: {error.strerror or error}")
    return parse_yaml(data, name, max_bytes=max_bytes)


def parse_yaml(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> Any:
    """Parse YAML bytes named `name`; see `read_yaml`."""
    if len(data) > max_bytes:
        _fail(name, 1, 1, f"file is {len(data):,} bytes; the limit is {max_bytes:,}")
    text = _decode(data, name)
    if (tab := text.find("\t")) >= 0:
        line, column = _line_column(text, tab)
        _fail(name, line, column, "tab character; indent and separate with spaces")
    if (unprintable := _UNPRINTABLE.search(text)) is not None:
        line, column = _line_column(text, unprintable.start())
        code = ord(unprintable.group())
        _fail(
            name,
            line,
            column,
            f"character U+{code:04X} is not allowed in YAML (a NUL byte or other control "
            "character); remove it, or write it as an escape in double quotes",
        )
    try:
        return _compose(_make_loader(text), name)
    except ValidationFailed:
        if _CLoader is None:
            raise
    # libyaml reads up to 1,024 characters ahead and has limits of its own (newer
    # releases stop at 1,000 levels of nesting before our composer sees level 41).
    # The pure-Python parser reports the same file the way our own checks word it.
    return _compose(_PythonLoader(text), name)


def _compose(loader: Any, name: str) -> Any:
    loader.name = name
    try:
        if not loader.check_node():
            _fail(name, 1, 1, "file is empty")
        value = loader.get_node()
        if not loader.check_event(StreamEndEvent):
            extra = loader.peek_event()
            raise _Located("more than one YAML document (---); keep one per file", extra.start_mark)
        return value
    except _Located as error:
        mark = error.mark
        _fail(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, error.message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        _fail(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, problem)
    except yaml.YAMLError as error:
        _fail(name, 1, 1, f"invalid YAML: {error}")
    except RecursionError:
        _fail(name, 1, 1, "nested too deeply to read; flatten the file")
    finally:
        loader.dispose()


def locate(tree: Any, path: tuple[str | int, ...], *, on_key: bool = False) -> Location | None:
    """Find where the value at `path` was written, or its nearest written ancestor.

    Args:
        tree: Data returned by `read_yaml` (possibly merged from several files).
        path: Keys and indexes from the root, as in a pydantic error's `loc`.
        on_key: Point at the last key itself rather than its value (for unknown keys).
    """
    node, found = tree, getattr(tree, "location", None)
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, YamlMapping) and isinstance(step, str) and step in node:
            where = node.key_locations if (last and on_key) else node.value_locations
            found = where.get(step, found)
            node = node[step]
        elif isinstance(node, YamlSequence) and isinstance(step, int) and 0 <= step < len(node):
            found = node.item_locations[step]
            node = node[step]
        else:
            break
    return found


def _decode(data: bytes, name: str) -> Any:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(name, 1, 1, "file is UTF-16; save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        _fail(
            name,
            line,
            column,
            f"byte 0x{data[error.start]:02x} is not UTF-8; save the file as UTF-8",
        )


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
            raise _Located(
                f"a number with {digits:,} digits; no field takes more than {MAX_DIGITS}", mark
            )
        return int(value)
    if tag == _FLOAT:
        lowered = value.lower().lstrip("+")
        if lowered in {".inf", "-.inf"}:
            return -math.inf if lowered.startswith("-") else math.inf
        return math.nan if lowered == ".nan" else float(value)
    if tag == _MERGE:
        return value
    raise _Located(f"tag {_short(tag)} is not allowed; remove it", mark)


def _loc(mark: Any, name: str) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _fail(name: str, line: int, column: int, message: str) -> Any:
    raise ValidationFailed([Problem(Location(name, line, column), message)])


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
