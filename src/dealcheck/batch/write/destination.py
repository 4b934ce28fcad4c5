"""Where `dealcheck score` writes: stdout, or a file replaced only once the run succeeds."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from dealcheck.files.atomic import atomic_stream


@contextmanager
def destination(path: str, *, bom: bool) -> Iterator[IO[str]]:
    """Text output to `path` (`-`: stdout), UTF-8 (with a BOM if `bom`).

    A file is replaced only when the block ends without error (`files.atomic`): an
    interrupted or failed run leaves the previous file as it was (last week's scores,
    which `--compare` reads) and no half-written one.

    Raises:
        WriteError: The file cannot be written.
    """
    if path == "-":
        try:
            yield sys.stdout
        finally:
            sys.stdout.flush()
        return
    with atomic_stream(path, encoding="utf-8-sig" if bom else "utf-8") as stream:
        yield stream
