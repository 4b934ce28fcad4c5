"""Lazily created rich consoles: results on stdout, messages on stderr.

Every piece of text they print goes through `dealcheck.visible`: a deal name, an
evidence note or a framework's wording cannot move the cursor, clear the screen,
open a link or reorder a line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment


@functools.cache
def out() -> Console:
    """The console for results (stdout)."""
    return _safe_console()(highlight=False, soft_wrap=False)


@functools.cache
def err() -> Console:
    """The console for progress and messages (stderr)."""
    return _safe_console()(stderr=True, highlight=False)


@functools.cache
def _safe_console() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment

    from dealcheck.visible import has_hidden, visible

    class SafeConsole(Console):
        """A console whose text segments hold no hidden controls (styles still apply)."""

        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterable[Segment]:
            for segment in super().render(renderable, options):
                text, style, control = segment
                if control is None and has_hidden(text):
                    yield Segment(visible(text, lines=True), style)
                else:
                    yield segment

    return SafeConsole
