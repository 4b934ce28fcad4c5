"""A scripted `Prompter` for interview tests: answers come from a list, prompts are recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dealcheck.interview.prompter import Choice

ENTER = object()
"""Take the prompt's default."""
INTERRUPT = object()
"""Raise KeyboardInterrupt at this prompt (Ctrl-C)."""


@dataclass
class ScriptedPrompter:
    """Replays `script` one prompt at a time; fails loudly when the script runs out."""

    script: list[object]
    asked: list[tuple[str, str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def _next(self, kind: str, message: str, default: object) -> object:
        self.asked.append((kind, message, default))
        assert self.script, f"script ran out at {kind} {message!r}"
        answer = self.script.pop(0)
        if answer is INTERRUPT:
            raise KeyboardInterrupt
        return default if answer is ENTER else answer

    def select(self, message: str, choices: Sequence[Choice], default: str | None = None) -> str:
        values = [c.value for c in choices]
        answer = self._next("select", message, default if default is not None else values[0])
        assert answer in values, f"{answer!r} is not one of {values} at {message!r}"
        return str(answer)

    def text(self, message: str, default: str = "") -> str:
        return str(self._next("text", message, default))

    def confirm(self, message: str, default: bool = True) -> bool:
        return bool(self._next("confirm", message, default))

    def note(self, message: str) -> None:
        self.notes.append(message)
