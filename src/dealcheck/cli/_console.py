"""Lazily created rich consoles: results on stdout, messages on stderr."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@functools.cache
def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@functools.cache
def err() -> Console:
    """The console for progress and messages (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)
