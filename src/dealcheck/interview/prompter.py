"""The `Prompter` protocol: everything the interview needs from a terminal.

The interview logic talks only to this protocol. The questionary implementation
lives in `questionary_prompter` (the only module that imports questionary); tests use
a scripted prompter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

BACK = "<back>"
"""Select value meaning 'go back to the previous question'."""
SKIP = "<skip>"
"""Select value meaning 'skip this question for now'."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a select prompt.

    Attributes:
        value: What the prompt returns (an id, or BACK / SKIP).
        title: What the rep sees.
        description: Longer help shown with the option, if any.
    """

    value: str
    title: str
    description: str = ""


class Prompter(Protocol):
    """Ask the rep one thing at a time; Ctrl-C raises KeyboardInterrupt."""

    def select(self, message: str, choices: Sequence[Choice], default: str | None = None) -> str:
        """Let the rep pick one choice; return its value."""
        ...

    def text(self, message: str, default: str = "") -> str:
        """Ask for a line of text; Enter keeps `default`."""
        ...

    def confirm(self, message: str, default: bool = True) -> bool:
        """Ask a yes/no question."""
        ...

    def note(self, message: str) -> None:
        """Show a line of information (a section title, a warning)."""
        ...
