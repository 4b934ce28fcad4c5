"""CSV records with their physical line numbers, fast for the common unquoted line.

Most lines of a CRM export hold no quote character. For those, `str.split` on the
delimiter gives exactly what `csv.reader` would (no quoting, no escapes, and with
`newline=""` a line can only end in `\\r`, `\\n` or `\\r\\n`), at a fraction of the
cost; the line's text is also handed on so a CSV writer can copy it instead of
re-quoting every cell. A line with a quote, a NUL or a huge field goes to the real
`csv.reader`, which then reads as many lines as the record spans.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import TextIO

#: (first line, cells, None, text) or (first line, None, reason, None). `text` is the
#: record's line without its line break when it came from the fast path, else None.
Record = tuple[int, list[str] | None, str | None, str | None]
#: Records per list from `csv_record_chunks`.
CHUNK = 256


class LineDecodeError(Exception):
    """Undecodable bytes met on (or just after) a physical line."""

    def __init__(self, line: int) -> None:
        super().__init__(f"undecodable bytes near line {line}")
        self.line = line


class _Feed:
    """The line source of the `csv.reader`: a line handed back, then the stream."""

    __slots__ = ("pending", "source")

    def __init__(self, source: Iterator[str]) -> None:
        self.source = source
        self.pending: str | None = None

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        text = self.pending
        if text is not None:
            self.pending = None
            return text
        return next(self.source)


def csv_record_chunks(
    stream: TextIO,
    delimiter: str,
    width: int,
    *,
    first_line: int,
    ragged: Callable[[int, int, int, int], str],
    problem: Callable[[str, int, int], str],
) -> Iterator[list[Record]]:
    """Records of a CSV stream positioned after its header, in lists of up to `CHUNK`.

    Handing records over a few hundred at a time spares a generator switch per row.

    Args:
        stream: Text opened with `newline=""`.
        delimiter: The field delimiter.
        width: The header's field count; other counts come out as rejects.
        first_line: The physical line number of the stream's first line.
        ragged: Builds the reason for a wrong field count (got, width, start, end).
        problem: Builds the reason for a `csv.Error` (message, start, end).

    Raises:
        LineDecodeError: For bytes the stream's encoding cannot decode.
    """
    source = iter(stream)
    feed = _Feed(source)
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    limit = csv.field_size_limit()
    last = first_line - 1
    before = 0
    chunk: list[Record] = []
    add = chunk.append
    while True:
        try:
            for text in source:
                if '"' in text or "\x00" in text or len(text) > limit:
                    feed.pending = text
                    before = reader.line_num
                    cells = next(reader)
                    start, last = last + 1, last + reader.line_num - before
                    body = None
                else:
                    start = last = last + 1
                    body = text.rstrip("\r\n")
                    if not body:
                        continue
                    cells = body.split(delimiter)
                if len(cells) == width:
                    add((start, cells, None, body))
                elif cells:
                    add((start, cells, ragged(len(cells), width, start, last), None))
                if len(chunk) >= CHUNK:
                    yield chunk
                    chunk = []
                    add = chunk.append
            if chunk:
                yield chunk
            return
        except csv.Error as error:
            start = last + 1
            last = max(last + reader.line_num - before, start)
            add((start, None, problem(str(error), start, last), None))
        except UnicodeError:  # UTF-16 without a BOM raises the base class
            if chunk:
                yield chunk  # the rows before the bad bytes, then the error
            raise LineDecodeError(last + 1) from None
