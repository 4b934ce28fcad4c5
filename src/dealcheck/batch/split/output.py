"""The output side of scoring in two processes: a part file per range, copied in at the end."""

from __future__ import annotations

import os
import shutil
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


def append_parts(writer: ScoredWriter, parts: list[str | None]) -> None:
    """Append the part files, in order, after what the output holds."""
    stream: IO[str] = writer.stream  # type: ignore[attr-defined]
    flush(writer)
    target = stream.buffer  # type: ignore[attr-defined]
    for path in parts:
        if path is not None:
            with open(path, "rb") as part:
                shutil.copyfileobj(part, target, 1 << 20)
    target.flush()
