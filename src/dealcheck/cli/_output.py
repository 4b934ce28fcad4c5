"""Write a rendered document to a file (`-o`) or to stdout."""

from __future__ import annotations

import sys
from pathlib import Path


def emit(text: str, path: Path | None) -> None:
    """Write `text` to `path` (UTF-8), or to stdout when no path is given.

    Raises:
        UsageError: The file cannot be written.
    """
    if path is None:
        sys.stdout.write(text)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        from dealcheck.errors import UsageError

        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from None
