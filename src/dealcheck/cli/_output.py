"""Write a rendered document to a file (`-o`) or to stdout."""

from __future__ import annotations

import sys
from pathlib import Path


def emit(text: str, path: Path | None, *, inputs: tuple[Path, ...] = ()) -> None:
    """Write `text` to `path` (UTF-8, atomically), or to stdout when no path is given.

    Raises:
        UsageError: `path` is one of `inputs`.
        WriteError: The file cannot be written.
    """
    if path is None:
        sys.stdout.write(text)
        return
    from dealcheck.files.atomic import write_atomic
    from dealcheck.files.clash import refuse_clashes

    refuse_clashes([("input", str(i)) for i in inputs], [("-o", str(path))])
    write_atomic(path, text)
