"""Open CRM exports as streams of rows: CSV (any usual encoding and delimiter) and JSONL.

Rows come out with the file line they start on; rows the CSV parser
cannot read come out as rejects with a reason, and reading goes on.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from dealcheck.batch.read.encoding import bom_encoding, detect_encoding, refuse_workbook
from dealcheck.batch.records import LineDecodeError, Record, csv_record_chunks
from dealcheck.errors import InputError, UsageError, say

SAMPLE_BYTES = 1 << 20
DELIMITERS = (",", ";", "\t")
#: An item of a row stream: (line, cells, None) or (line, None, reason).
RowItem = tuple[int, list[str] | None, str | None]
_ALIASES = {"euc-kr": "cp949", "euckr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949"}


@dataclass
class Opened:
    """An opened input: its header, how it was read, and its rows."""

    name: str
    header: list[str]
    rows: Iterator[RowItem]
    encoding: str
    delimiter: str = ""
    kind: str = "csv"
    stream: io.TextIOWrapper | None = None
    raw: BinaryIO | None = None
    size: int | None = None
    notes: list[str] = field(default_factory=list)
    deal_records: bool = False
    #: The same rows with each line's text (CSV only); read either this or `rows`.
    records: Iterator[Record] | None = None
    #: `records` in lists of a few hundred (CSV only); or read these.
    record_chunks: Iterator[list[Record]] | None = None

    def position(self) -> int:
        """Bytes consumed so far (for progress)."""
        try:
            return self.raw.tell() if self.raw is not None else 0
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        """Close the underlying file (never stdin)."""
        if self.raw is not None and self.raw is not getattr(sys.stdin, "buffer", None):
            self.raw.close()


class _Prefixed(io.RawIOBase):
    """Bytes already read (the sample), then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest, self.consumed = memoryview(head), rest, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head.nbytes:
            size = min(len(buffer), self._head.nbytes)
            buffer[:size] = self._head[:size]
            # A slice keeps the whole sample alive; drop it once it is all read.
            self._head = self._head[size:] if size < self._head.nbytes else memoryview(b"")
        else:
            data = self._rest.read(len(buffer))
            size = len(data)
            buffer[:size] = data
        self.consumed += size
        return size

    def tell(self) -> int:
        return self.consumed


def open_input(path: str, *, encoding: str | None, delimiter: str | None) -> Opened:
    """Open a CSV or JSON Lines file (or `-` for stdin) and read its header.

    Raises:
        UsageError: Missing file, unknown `--encoding`.
        InputError: Excel workbook, undecodable bytes, empty file, unreadable header.
    """
    raw: BinaryIO
    if path == "-":
        raw, name, size = sys.stdin.buffer, "<stdin>", None
    else:
        file = Path(path)
        if not file.is_file():
            raise UsageError(say("file.missing", path=path))
        raw, name, size = file.open("rb"), path, file.stat().st_size
    try:
        return _open_stream(raw, name, size, encoding, delimiter)
    except BaseException:
        if path != "-":
            raw.close()
        raise


def _open_stream(
    raw: BinaryIO, name: str, size: int | None, encoding: str | None, delimiter: str | None
) -> Opened:
    head = raw.read(SAMPLE_BYTES)
    refuse_workbook(head, name)
    chosen = _encoding(head, name, encoding, complete=len(head) < SAMPLE_BYTES)
    bom = bom_encoding(head)
    if bom and chosen.startswith(("utf-8", "utf-16", "utf_16", "utf_8")):
        head = head[bom[1] :]
    stream = io.TextIOWrapper(
        io.BufferedReader(_Prefixed(head, raw), 1 << 16), encoding=chosen, newline=""
    )
    jsonl = name.endswith((".jsonl", ".ndjson")) or head.lstrip()[:1] == b"{"
    opened = (
        _open_jsonl(stream, name) if jsonl else _open_csv(stream, name, head, chosen, delimiter)
    )
    opened.stream, opened.raw, opened.size, opened.encoding = stream, raw, size, chosen
    return opened


def _encoding(head: bytes, name: str, forced: str | None, *, complete: bool) -> str:
    if forced:
        wanted = _ALIASES.get(forced.strip().lower(), forced.strip())
        try:
            return codecs.lookup(wanted).name
        except LookupError:
            raise UsageError(say("read.unknown_encoding", encoding=forced)) from None
    bom = bom_encoding(head)
    if bom:
        return bom[0]
    return detect_encoding(head, name, complete=complete)


def _open_csv(
    stream: io.TextIOWrapper, name: str, head: bytes, encoding: str, delimiter: str | None
) -> Opened:
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
        raise _decode_error(name, encoding) from None
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    if not any(cell.strip() for cell in header):
        raise InputError(say("read.blank_header", name=name))
    chunks = _csv_chunks(stream, chosen, len(header), reader.line_num + 1, name, encoding)
    return _with_records(Opened(name, header, iter(()), encoding, chosen), chunks)


def open_csv_range(
    path: str,
    start: int,
    end: int,
    *,
    header: list[str],
    first_line: int,
    opened: Opened,
    end_later: Callable[[], int] | None = None,
) -> Opened:
    """The rows of bytes `start:end` of a CSV file already opened as `opened`.

    `start` must be where a record begins (after a line break outside quotes) and
    `first_line` that line's number; encoding and delimiter are `opened`'s, since a
    slice of the file is no sample to detect them from. With `start` 0 the header is
    read again and must be the same.

    With `end_later`, `end` is only how far reading may go before the real end is
    known: reaching it calls `end_later` (which may wait) for the real end, not
    before `end`.
    """
    raw: BinaryIO = io.BufferedReader(_Range(path, start, end, end_later), 1 << 16)
    try:
        if start == 0:
            part = _open_stream(raw, opened.name, end, opened.encoding, opened.delimiter)
            if part.header != header:
                raise InputError(say("read.header_changed", name=opened.name))
            return part
        stream = io.TextIOWrapper(raw, encoding=opened.encoding, newline="")
        chunks = _csv_chunks(
            stream, opened.delimiter, len(header), first_line, opened.name, opened.encoding
        )
        part = Opened(opened.name, header, iter(()), opened.encoding, opened.delimiter)
        part.stream, part.raw, part.size = stream, raw, end
        return _with_records(part, chunks)
    except BaseException:
        raw.close()
        raise


class _Range(io.RawIOBase):
    """Bytes `start:end` of a file; `tell` answers in file offsets (for progress)."""

    def __init__(
        self, path: str, start: int, end: int, end_later: Callable[[], int] | None = None
    ) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed in close()
        self._file.seek(start)
        self._at, self._end, self._end_later = start, end, end_later

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), self._end - self._at)
        if size <= 0 and self._end_later is not None:
            self._end = max(self._end, self._end_later())
            self._end_later = None
            size = min(len(buffer), self._end - self._at)
        if size <= 0:
            return 0
        got = self._file.readinto(memoryview(buffer)[:size]) or 0
        self._at += got
        return got

    def tell(self) -> int:
        return self._at

    def close(self) -> None:
        self._file.close()
        super().close()


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


def _with_records(opened: Opened, chunks: Iterator[list[Record]]) -> Opened:
    """`opened` reading its rows from `chunks` (as rows, records or chunks: one of them)."""
    opened.record_chunks = chunks
    opened.records = itertools.chain.from_iterable(chunks)
    opened.rows = _rows(opened.records)
    return opened


def _csv_chunks(
    stream: io.TextIOWrapper, delimiter: str, width: int, first_line: int, name: str, encoding: str
) -> Iterator[list[Record]]:
    try:
        yield from csv_record_chunks(
            stream,
            delimiter,
            width,
            first_line=first_line,
            ragged=_ragged,
            problem=_csv_problem,
        )
    except LineDecodeError as error:
        raise _decode_error(name, encoding, error.line) from None


def _rows(records: Iterator[Record]) -> Iterator[RowItem]:
    for line, cells, problem, _ in records:
        yield line, cells, problem


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


def _decode_error(name: str, encoding: str, line: int | None = None) -> InputError:
    where = say("read.near_line", line) if line else ""
    return InputError(say("read.bad_bytes", name=name, near=where, encoding=encoding))


def _open_jsonl(stream: io.TextIOWrapper, name: str) -> Opened:
    lines = _json_objects(stream, name)
    for line, record, problem in lines:
        if record is None:
            raise InputError(say("read.json_first", where=f"{name}:{line}", problem=problem))
        is_deal = "qualifications" in record
        header = list(record) if not is_deal else []
        opened = Opened(name, header, iter(()), "utf-8", kind="jsonl", deal_records=is_deal)
        opened.rows = _chain_first(line, record, lines, header)
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
            raise _decode_error(name, stream.encoding, number + 1) from None
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


def _chain_first(
    line: int,
    first: dict[str, Any],
    rest: Iterator[tuple[int, dict[str, Any] | None, str]],
    header: list[str],
) -> Iterator[tuple[int, Any, str | None]]:
    yield line, first if not header else _cells(first, header), None
    for number, record, problem in rest:
        if record is None:
            yield number, None, problem
        else:
            yield number, record if not header else _cells(record, header), None


def _cells(record: dict[str, Any], header: list[str]) -> list[str]:
    return [
        "" if (v := record.get(k)) is None else v if isinstance(v, str) else json.dumps(v)
        for k in header
    ]
