"""An opened input: its header, how it was read, and its rows (CSV, JSON Lines, deal files)."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from dealcheck.errors import InputError, say

if TYPE_CHECKING:
    from dealcheck.batch.read.records import Record

#: An item of a row stream: (line, cells, None) or (line, None, reason).
RowItem = tuple[int, list[str] | None, str | None]


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


def decode_error(name: str, encoding: str, line: int | None = None) -> InputError:
    """The error for bytes `encoding` cannot decode, near `line` when known."""
    where = say("read.near_line", line) if line else ""
    return InputError(say("read.bad_bytes", name=name, near=where, encoding=encoding))
