"""JSON Lines rows: one object a line, its keys the header (or whole deal records)."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from typing import Any

from dealcheck.batch.read.opened import Opened, decode_error
from dealcheck.errors import InputError, say


def open_jsonl(stream: io.TextIOWrapper, name: str) -> Opened:
    """The JSON Lines on `stream`: the first object's keys are the header.

    Raises:
        InputError: An empty file, or a first line that is no JSON object.
    """
    lines = _json_objects(stream, name)
    for line, record, problem in lines:
        if record is None:
            raise InputError(say("read.json_first", where=f"{name}:{line}", problem=problem))
        is_deal = "qualifications" in record
        header = list(record) if not is_deal else []
        opened = Opened(name, header, iter(()), "utf-8", kind="jsonl", deal_records=is_deal)
        opened.rows = _rows(itertools.chain([(line, record, "")], lines), header)
        return opened
    raise InputError(say("read.empty", name=name))


def _json_objects(
    stream: io.TextIOWrapper, name: str
) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    lines = enumerate(stream, start=1)
    number = 0
    while True:
        try:
            number, text = next(lines)
        except StopIteration:
            return
        except UnicodeError:
            raise decode_error(name, stream.encoding, number + 1) from None
        if not text.strip():
            continue
        try:
            value = json.loads(text, parse_int=_bounded_int)
        except json.JSONDecodeError as error:
            yield number, None, f"not valid JSON: {error.msg} at column {error.colno}"
            continue
        except RecursionError:
            yield number, None, "not valid JSON here: nested too deeply"
            continue
        except ValueError as error:
            yield number, None, f"not valid JSON here: {error}"
            continue
        if isinstance(value, dict):
            yield number, value, ""
        else:
            yield number, None, "not a JSON object"


def _bounded_int(digits: str) -> int:
    """A JSON integer, refused past 30 digits (Python will not read 4,300 or more)."""
    if len(digits.lstrip("-")) > 30:
        raise ValueError(f"a number with {len(digits.lstrip('-')):,} digits")
    return int(digits)


def _rows(
    objects: Iterator[tuple[int, dict[str, Any] | None, str]], header: list[str]
) -> Iterator[tuple[int, Any, str | None]]:
    for number, record, problem in objects:
        if record is None:
            yield number, None, problem
        else:
            yield number, record if not header else _cells(record, header), None


def _cells(record: dict[str, Any], header: list[str]) -> list[str]:
    return [
        "" if (v := record.get(k)) is None else v if isinstance(v, str) else json.dumps(v)
        for k in header
    ]
