"""Where `dealcheck score` writes: stdout, or a file replaced only once the run succeeds."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from dealcheck.errors import UsageError


@contextmanager
def destination(path: str, *, bom: bool) -> Iterator[IO[str]]:
    """Text output to `path` (`-`: stdout), UTF-8 (with a BOM if `bom`).

    A regular file, new or existing, is written under a temporary name beside it and
    moved over `path` only when the block ends without error: an interrupted or
    failed run leaves the previous file as it was (last week's scores, which
    `--compare` reads) and no half-written one. A device or a pipe (`/dev/null`,
    a FIFO) is written in place. A symbolic link is written through.

    Raises:
        UsageError: The file cannot be written.
    """
    if path == "-":
        try:
            yield sys.stdout
        finally:
            sys.stdout.flush()
        return
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    in_place = target.exists() and not target.is_file()
    temporary = target if in_place else target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        stream = open(  # noqa: SIM115 - closed below, before the file is moved
            temporary, "w", encoding="utf-8-sig" if bom else "utf-8", newline=""
        )
        if target.is_file():
            shutil.copymode(target, temporary)
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        yield stream
    except BaseException:
        _discard(stream, None if in_place else temporary)
        raise
    try:
        stream.close()
        if not in_place:
            os.replace(temporary, target)
    except OSError as error:
        _discard(stream, None if in_place else temporary)
        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from None


def _discard(stream: IO[str], temporary: Path | None) -> None:
    with contextlib.suppress(OSError):
        stream.close()
    if temporary is not None:
        temporary.unlink(missing_ok=True)
