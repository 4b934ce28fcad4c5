"""The output side of scoring in two processes: part files, direct writes, the final copy."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import IO

from dealcheck.batch.write.outputs import CsvWriter, ScoredWriter
from dealcheck.files.atomic import temporary_name


def part_file(writer: ScoredWriter) -> str:
    """A new, empty part file beside the output; the next run removes it if this one is killed."""
    name = getattr(writer.stream, "name", None)  # type: ignore[attr-defined]
    folder = os.path.dirname(os.path.abspath(name)) if isinstance(name, str) else ""
    if not os.path.isdir(folder):
        folder = tempfile.gettempdir()
    path = temporary_name(Path(folder) / "scored-part")
    with open(path, "x", encoding="utf-8"):
        pass
    return str(path)


def flush(writer: ScoredWriter) -> None:
    """Everything written so far, down to the file."""
    if isinstance(writer, CsvWriter):
        writer.flush()
    stream: IO[str] = writer.stream  # type: ignore[attr-defined]
    stream.flush()


def output_end(writer: ScoredWriter | None) -> int | None:
    """Where the output file ends, if it is a regular file the first range may write to."""
    target = getattr(getattr(writer, "stream", None), "buffer", None)
    try:
        if target is None or not stat.S_ISREG(os.fstat(target.fileno()).st_mode):
            return None
        return int(target.seek(0, os.SEEK_END))
    except (OSError, ValueError):
        return None


def truncate(writer: ScoredWriter | None, end: int) -> None:
    """Take back rows written past `end` (the first range's, before a redo in one pass)."""
    target = writer.stream.buffer  # type: ignore[union-attr]
    target.seek(end)
    target.truncate()


def append_parts(writer: ScoredWriter, parts: list[str | None]) -> None:
    """Append the part files, in order, after what the output holds."""
    stream: IO[str] = writer.stream  # type: ignore[attr-defined]
    flush(writer)
    target = stream.buffer  # type: ignore[attr-defined]
    if parts[0] is None:
        target.seek(0, os.SEEK_END)  # past the rows the first range wrote itself
    for path in parts:
        if path is not None:
            with open(path, "rb") as part:
                if not copy_in_kernel(part, target):
                    shutil.copyfileobj(part, target, 1 << 20)
    target.flush()


def copy_in_kernel(source: IO[bytes], target: IO[bytes]) -> bool:
    """Append a whole file without passing its bytes through Python; False if unsupported."""
    copy = getattr(os, "copy_file_range", None)
    if copy is None:
        return False
    target.flush()
    left = os.fstat(source.fileno()).st_size
    try:
        while left > 0:
            done = copy(source.fileno(), target.fileno(), left)
            if done == 0:
                break
            left -= done
    except OSError:
        if left < os.fstat(source.fileno()).st_size:
            raise  # some bytes went: falling back would duplicate them
        return False
    # The buffered writer's idea of its position is stale after a write to its
    # descriptor; a short copy (False) is finished from where the source now stands.
    target.seek(0, os.SEEK_END)
    return left <= 0
