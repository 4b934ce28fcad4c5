"""Safe YAML reading for user files, keeping where every value came from.

Framework, mapping, config and deal files are user input. This reader accepts a
strict, boring subset of YAML and remembers the `FILE:LINE:COLUMN` of each node so
later validation errors can point at it. It refuses aliases, anchors, merge keys,
duplicate keys, non-string keys, tags, tabs, several documents, non-UTF-8 bytes,
oversized files and absurd nesting. Scalars resolve as in YAML 1.2's core schema, so
`no`, `off` and `yes` stay text (the "Norway problem").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import StreamEndEvent

from dealcheck.errors import Location, Message, Problem, ValidationFailed, os_reason, say
from dealcheck.language.yamlevents import (
    CLoader,
    Located,
    PythonLoader,
    YamlMapping,
    YamlSequence,
    make_loader,
)

__all__ = ["MAX_BYTES", "YamlMapping", "YamlSequence", "locate", "parse_yaml", "read_yaml"]

MAX_BYTES = 1024 * 1024
#: What YAML does not allow in a file (it allows tab, line breaks and printable text).
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


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
            _fail(name, 1, 1, say("yaml.too_big", size=size, most=max_bytes))
        data = path.read_bytes()
    except OSError as error:
        _fail(name, 1, 1, say("yaml.unreadable", reason=os_reason(error)))
    return parse_yaml(data, name, max_bytes=max_bytes)


def parse_yaml(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> Any:
    """Parse YAML bytes named `name`; see `read_yaml`."""
    if len(data) > max_bytes:
        _fail(name, 1, 1, say("yaml.too_big", size=len(data), most=max_bytes))
    text = _decode(data, name)
    if (tab := text.find("\t")) >= 0:
        line, column = _line_column(text, tab)
        _fail(name, line, column, say("yaml.tab"))
    if (unprintable := _UNPRINTABLE.search(text)) is not None:
        line, column = _line_column(text, unprintable.start())
        code = ord(unprintable.group())
        _fail(
            name,
            line,
            column,
            say("yaml.control", code=f"U+{code:04X}"),
        )
    try:
        return _compose(make_loader(text), name)
    except ValidationFailed:
        if CLoader is None:
            raise
    # libyaml reads up to 1,024 characters ahead and has limits of its own (newer
    # releases stop at 1,000 levels of nesting before our composer sees level 41).
    # The pure-Python parser reports the same file the way our own checks word it.
    return _compose(PythonLoader(text), name)


def _compose(loader: Any, name: str) -> Any:
    loader.name = name
    try:
        if not loader.check_node():
            _fail(name, 1, 1, say("yaml.empty"))
        value = loader.get_node()
        if not loader.check_event(StreamEndEvent):
            extra = loader.peek_event()
            raise Located(say("yaml.documents"), extra.start_mark)
        return value
    except Located as error:
        mark = error.mark
        _fail(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, error.message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        said = str(error.problem or error.context or "invalid YAML")
        problem = Message("yaml.syntax", english=said)  # PyYAML's own words, in English
        _fail(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, problem)
    except yaml.YAMLError as error:
        _fail(name, 1, 1, Message("yaml.syntax", english=f"invalid YAML: {error}"))
    except RecursionError:
        _fail(name, 1, 1, say("yaml.too_deep"))
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
        _fail(name, 1, 1, say("yaml.utf16"))
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
            say("yaml.not_utf8", byte=f"0x{data[error.start]:02x}"),
        )


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _fail(name: str, line: int, column: int, message: Message) -> Any:
    raise ValidationFailed([Problem(Location(name, line, column), message)])
