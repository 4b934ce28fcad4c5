"""CSV rows: the delimiter, the header, and rows (or records) with the line they start on.

Rows the CSV parser cannot read come out as rejects with a reason, and reading goes on.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator

from dealcheck.batch.read.opened import Opened, RowItem, decode_error
from dealcheck.batch.read.records import LineDecodeError, Record, csv_record_chunks
from dealcheck.errors import InputError, say

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
    opened.rows = _rows(opened.records)
    return opened


def csv_chunks(
    stream: io.TextIOWrapper, delimiter: str, width: int, first_line: int, name: str, encoding: str
) -> Iterator[list[Record]]:
    """The records after the header in chunks; undecodable bytes raise with their line."""
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
        raise decode_error(name, encoding, error.line) from None


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
