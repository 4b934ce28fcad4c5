"""CSV records: the delimiter, the header, and records with the physical line they start on.

Most lines of a CRM export hold no quote character. For those, `str.split` on the
delimiter gives exactly what `csv.reader` would (no quoting, no escapes, and with
`newline=""` a line can only end in `\\r`, `\\n` or `\\r\\n`), at a fraction of the
cost; the line's text is also handed on so a CSV writer can copy it instead of
re-quoting every cell. A line with a quote, a NUL or a huge field goes to the real
`csv.reader`, which then reads as many lines as the record spans. Records the CSV
parser cannot read come out as rejects with a reason, and reading goes on.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator

from dealcheck.batch.read.opened import Opened, decode_error
from dealcheck.errors import InputError, say

#: (first line, cells, None, text) or (first line, None, reason, None). `text` is the
#: record's line without its line break when it came from the fast path, else None.
Record = tuple[int, list[str] | None, str | None, str | None]
#: Records per list from `csv_chunks`.
CHUNK = 256
DELIMITERS = (",", ";", "\t")


def open_csv(
    stream: io.TextIOWrapper, name: str, head: bytes, encoding: str, delimiter: str | None
) -> Opened:
    """The CSV on `stream`: its delimiter (given or sniffed from `head`), header and rows.

    Raises:
        InputError: An empty file, an unreadable or blank header, undecodable bytes.
    """
    sample = head[:65536].decode(encoding, errors="ignore").lstrip("\ufeff")
    chosen = delimiter or sniff_delimiter(sample)
    reader = csv.reader(stream, delimiter=chosen, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(say("read.empty", name=name)) from None
    except csv.Error as error:
        raise InputError(say("read.header", name=name, error=error)) from None
    except UnicodeError:  # also UTF-16 without a BOM, which is not a decode error
        raise decode_error(name, encoding) from None
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    if not any(cell.strip() for cell in header):
        raise InputError(say("read.blank_header", name=name))
    chunks = csv_chunks(stream, chosen, len(header), reader.line_num + 1, name, encoding)
    return with_records(Opened(name, header, iter(()), encoding, chosen), chunks)


def sniff_delimiter(sample: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon, tab."""
    first = sample.split("\n", 1)[0]
    counts: dict[str, int] = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def with_records(opened: Opened, chunks: Iterator[list[Record]]) -> Opened:
    """`opened` reading its rows from `chunks` (as rows, records or chunks: one of them)."""
    opened.record_chunks = chunks
    opened.records = itertools.chain.from_iterable(chunks)
    opened.rows = ((line, cells, problem) for line, cells, problem, _ in opened.records)
    return opened


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


def csv_chunks(
    stream: io.TextIOWrapper, delimiter: str, width: int, first_line: int, name: str, encoding: str
) -> Iterator[list[Record]]:
    """Records of a CSV stream positioned after its header, in lists of up to `CHUNK`.

    Handing records over a few hundred at a time spares a generator switch per row.
    `stream` is text opened with `newline=""`; `width` the header's field count (other
    counts come out as rejects); `first_line` the physical number of the stream's
    first line.

    Raises:
        InputError: For bytes `encoding` cannot decode, near the line they are on.
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
                    add((start, cells, _ragged(len(cells), width, start, last), None))
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
            add((start, None, _csv_problem(str(error), start, last), None))
        except UnicodeError:  # UTF-16 without a BOM raises the base class
            if chunk:
                yield chunk  # the rows before the bad bytes, then the error
            raise decode_error(name, encoding, last + 1) from None


def _ragged(got: int, width: int, start: int, end: int) -> str:
    span = f" (spans lines {start}-{end}: a quote may be unclosed)" if end > start else ""
    return f"has {got} fields, the header has {width}{span}"


def _csv_problem(message: str, start: int, end: int) -> str:
    if "field larger than field limit" in message:
        return f"a field is larger than the CSV limit of {csv.field_size_limit():,} characters"
    if "unexpected end of data" in message:
        return (
            f"unclosed quote: the quoted field starting by line {start} runs to the end of the file"
        )
    span = f" (lines {start}-{end})" if end > start else ""
    return f"bad CSV quoting{span}: {message}"
