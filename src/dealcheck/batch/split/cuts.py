"""Where a CSV file may be cut so that each part starts at a record.

A cut is a line break outside quotes, found from quote parity (counting `"` bytes:
RFC 4180's `""` escape keeps it right), with the physical line number that follows it
as `newline=""` text reading counts lines. Valid for byte-oriented encodings only
(UTF-8, CP949, cp1252: no `"` or line-feed byte inside a multi-byte character).
"""

from __future__ import annotations

from dataclasses import dataclass

CHUNK = 1 << 20
#: How far past the middle to look for a line break outside quotes.
SEARCH_LIMIT = 16 << 20


@dataclass(frozen=True)
class Cut:
    """Where the second range starts: a byte offset and its physical line number."""

    offset: int
    line: int


def find_cut(path: str, size: int, near: int | None = None) -> Cut | None:
    """A line break outside quotes after byte `near` (the middle), if one is near it."""
    middle = size // 2 if near is None else near
    quotes = lines = 0
    previous_cr = False
    with open(path, "rb") as file:
        done = 0
        while done < middle:
            chunk = file.read(min(CHUNK, middle - done))
            if not chunk:
                return None
            quotes += chunk.count(b'"')
            lines += _line_breaks(chunk, previous_cr)
            previous_cr = chunk.endswith(b"\r")
            done += len(chunk)
        while done < min(size, middle + SEARCH_LIMIT):
            chunk = file.read(CHUNK)
            if not chunk:
                return None
            at = 0
            while (found := chunk.find(b"\n", at)) >= 0:
                piece = chunk[at : found + 1]
                quotes += piece.count(b'"')
                lines += _line_breaks(piece, previous_cr)
                previous_cr = False
                at = found + 1
                if quotes % 2 == 0 and done + at < size:
                    return Cut(done + at, lines + 1)
            rest = chunk[at:]
            quotes += rest.count(b'"')
            lines += _line_breaks(rest, previous_cr)
            previous_cr = rest.endswith(b"\r")
            done += len(chunk)
    return None


def _line_breaks(data: bytes, previous_cr: bool) -> int:
    r"""Line breaks as `newline=""` text reading counts them: `\r`, `\n` and `\r\n`."""
    joined = 1 if previous_cr and data.startswith(b"\n") else 0
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") - joined
