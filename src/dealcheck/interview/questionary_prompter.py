"""The terminal `Prompter`, built on questionary. The only module that imports questionary.

Ctrl-C is not swallowed: `unsafe_ask` lets KeyboardInterrupt reach the qualify flow,
which keeps the draft and exits 130 with a hint.

Text prompts show their default selected: Enter keeps it, typing replaces it.
Menus go beyond questionary's defaults in three ways a rep relies on:
* `←` picks the "back" choice when the menu has one (↑↓ move, Enter picks, as before);
* a choice's description (a level's definition) is shown in full, wrapped at word
  boundaries under its label with a hanging indent, never clipped at the right edge;
* in a language other than English, yes/no questions are a menu of that language's
  words instead of questionary's English "(Y/n)" and "Yes"/"No".
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import Any

import questionary
from prompt_toolkit.keys import Keys
from prompt_toolkit.selection import SelectionType

from dealcheck.interview.prompter import BACK, Choice
from dealcheck.interview.wrap import cells, wrap_cells

POINTER_CELLS = 3
"""Columns questionary puts before a choice's title (" » ")."""
HANGING = 2
"""Extra indent of a description's continuation lines."""


class QuestionaryPrompter:
    """Asks in the terminal with arrow-key menus and line editing."""

    def __init__(self, instruction: str = "", yes_no: tuple[str, str] | None = None) -> None:
        """Create a prompter.

        Args:
            instruction: Shown beside select prompts.
            yes_no: The words for yes and no; None keeps questionary's y/n confirm.
        """
        self._instruction = instruction or None
        self._yes_no = yes_no

    def select(self, message: str, choices: Sequence[Choice], default: str | None = None) -> str:
        """Arrow keys to move, Enter to pick, ← to go back; the default is preselected."""
        width = shutil.get_terminal_size().columns
        options = [
            questionary.Choice(title=_title(c, width), value=c.value, shortcut_key=False)
            for c in choices
        ]
        known = {c.value for c in choices}
        question = questionary.select(
            message,
            choices=options,
            default=default if default in known else None,
            instruction=self._instruction,
        )
        _bind_keys(question, {c.value: c.title for c in choices})
        return str(question.unsafe_ask())

    def text(self, message: str, default: str = "") -> str:
        """A line of text; Enter keeps the default, typing replaces it, ← or → edit it."""
        question = questionary.text(message, default=default)
        if default:
            _select_default(question)
        return str(question.unsafe_ask())

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no."""
        if self._yes_no is None:
            return bool(questionary.confirm(message, default=default).unsafe_ask())
        yes, no = self._yes_no
        picked = self.select(
            message, [Choice("yes", yes), Choice("no", no)], "yes" if default else "no"
        )
        return picked == "yes"

    def note(self, message: str) -> None:
        """A line of information between questions."""
        questionary.print(message, style="bold")


def _title(choice: Choice, width: int) -> str | list[tuple[str, str]]:
    """The choice's label, and its description wrapped under it with a hanging indent."""
    if not choice.description:
        return choice.title
    head = f"{choice.title} — "
    room = max(10, width - POINTER_CELLS - 1)
    lines = wrap_cells(choice.description, room - HANGING, first=room - cells(head))
    indent = " " * (POINTER_CELLS + HANGING)
    return [("class:text", head + lines[0]), *(("class:text", f"\n{indent}{x}") for x in lines[1:])]


def _select_default(question: Any) -> None:
    """Show the default selected, as a form field does: typing replaces it.

    Pre-filled text that typing appends to turned "2026-12-01" plus a typed date into
    "2026-12-012026-12-15". prompt_toolkit's shift-selection mode gives the behaviour
    of a selected field: a typed key replaces the selection, Backspace clears it, and
    ←/→/Home/End drop the selection to edit the default instead.
    """
    app = question.application

    def select() -> None:
        buffer = app.current_buffer
        buffer.cursor_position = 0
        buffer.start_selection(selection_type=SelectionType.CHARACTERS)
        buffer.cursor_position = len(buffer.text)
        if buffer.selection_state is not None:
            buffer.selection_state.enter_shift_mode()

    app.pre_run_callables.append(select)


def _bind_keys(question: Any, labels: dict[str, str]) -> None:
    """← picks "back"; Enter echoes the short label, not the wrapped description."""
    control = next(
        (c for c in question.application.layout.find_all_controls() if hasattr(c, "pointed_at")),
        None,
    )
    if control is None:  # a questionary without the menu control we know: keep its keys
        return
    bindings = question.application.key_bindings

    def pick(event: Any, index: int) -> None:
        control.pointed_at = index
        chosen = control.get_pointed_at()
        chosen.title = labels.get(chosen.value, chosen.title)
        control.is_answered = True
        event.app.exit(result=chosen.value)

    @bindings.add(Keys.ControlM, eager=True)  # type: ignore[untyped-decorator]
    def _enter(event: Any) -> None:
        pick(event, control.pointed_at)

    values = [c.value for c in control.choices]
    if BACK in values:

        @bindings.add(Keys.Left, eager=True)  # type: ignore[untyped-decorator]
        def _back(event: Any) -> None:
            pick(event, values.index(BACK))
