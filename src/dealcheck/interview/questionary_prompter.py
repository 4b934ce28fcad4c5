"""The terminal `Prompter`, built on questionary. The only module that imports questionary.

Ctrl-C is not swallowed: `unsafe_ask` lets KeyboardInterrupt reach the qualify flow,
which keeps the draft and exits 130 with a hint.
"""

from __future__ import annotations

from collections.abc import Sequence

import questionary

from dealcheck.interview.prompter import Choice


class QuestionaryPrompter:
    """Asks in the terminal with arrow-key menus and line editing."""

    def __init__(self, instruction: str = "") -> None:
        """Create a prompter; `instruction` is shown beside select prompts."""
        self._instruction = instruction or None

    def select(self, message: str, choices: Sequence[Choice], default: str | None = None) -> str:
        """Arrow keys to move, Enter to pick; the default is preselected."""
        options = [
            questionary.Choice(title=c.title, value=c.value, description=c.description or None)
            for c in choices
        ]
        known = {c.value for c in choices}
        answer = questionary.select(
            message,
            choices=options,
            default=default if default in known else None,
            instruction=self._instruction,
        ).unsafe_ask()
        return str(answer)

    def text(self, message: str, default: str = "") -> str:
        """A line of text; Enter keeps the default."""
        return str(questionary.text(message, default=default).unsafe_ask())

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no."""
        return bool(questionary.confirm(message, default=default).unsafe_ask())

    def note(self, message: str) -> None:
        """A line of information between questions."""
        questionary.print(message, style="bold")
