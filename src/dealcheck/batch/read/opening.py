"""Open CRM exports as streams of rows: CSV (any usual encoding and delimiter) and JSONL."""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from dealcheck.batch.read.encoding import bom_encoding, detect_encoding, refuse_workbook
from dealcheck.batch.read.jsonl_rows import open_jsonl
from dealcheck.batch.read.opened import Opened
from dealcheck.batch.read.records import csv_chunks, open_csv, with_records
from dealcheck.errors import InputError, UsageError, say

SAMPLE_BYTES = 1 << 20
_ALIASES = {"euc-kr": "cp949", "euckr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949"}


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
    opened = open_jsonl(stream, name) if jsonl else open_csv(stream, name, head, chosen, delimiter)
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


def open_csv_range(
    opened: Opened,
    start: int,
    end: int,
    *,
    first_line: int,
    end_later: Callable[[], int] | None = None,
) -> Opened:
    """The rows of bytes `start:end` of the CSV file already opened as `opened`.

    `start` must be where a record begins (after a line break outside quotes) and
    `first_line` that line's number; encoding and delimiter are `opened`'s, since a
    slice of the file is no sample to detect them from. With `start` 0 the header is
    read again and must be the same.

    With `end_later`, `end` is only how far reading may go before the real end is
    known: reaching it calls `end_later` (which may wait) for the real end, not
    before `end`.
    """
    name, header, encoding = opened.name, opened.header, opened.encoding
    raw: BinaryIO = io.BufferedReader(_Range(name, start, end, end_later), 1 << 16)
    try:
        if start == 0:
            part = _open_stream(raw, name, end, encoding, opened.delimiter)
            if part.header != header:
                raise InputError(say("read.header_changed", name=name))
            return part
        stream = io.TextIOWrapper(raw, encoding=encoding, newline="")
        chunks = csv_chunks(stream, opened.delimiter, len(header), first_line, name, encoding)
        part = Opened(name, header, iter(()), encoding, opened.delimiter)
        part.stream, part.raw, part.size = stream, raw, end
        return with_records(part, chunks)
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
