"""One error hierarchy: each error carries a user message and an exit code.

The CLI catches `DealcheckError` once, prints its message on one line and exits with
its code. Exit codes (documented in the README):

* 0 success
* 1 the run worked but found problems (invalid frameworks, rejected rows with --strict)
* 2 usage error (bad option, unknown framework id, missing file)
* 3 input data could not be read (bad YAML, bad CSV, wrong encoding)
* 4 a deal file is locked by another dealcheck process
* 5 an output could not be written (read-only, disk full, closed stdout); nothing was replaced
* 129 / 143 stopped by SIGHUP / SIGTERM (cleaned up as for Ctrl-C)
* 130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Process exit codes."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    BAD_INPUT = 3
    LOCKED = 4
    CANNOT_WRITE = 5
    INTERRUPTED = 130


@dataclass(frozen=True)
class Location:
    """A place in a user's file, 1-based."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Message:
    """A user message by catalogue key, worded in the reader's language when shown.

    The core raises and warns with these, so it names no language: the CLI words them
    in the language of the command (`worded`). `str()` gives the English wording.
    Arguments that are themselves messages are worded in the same language.
    """

    key: str
    args: tuple[Any, ...] = ()
    values: tuple[tuple[str, Any], ...] = ()  # a tuple, so that a message can be a dict key
    english: str | None = None  # a library's own English wording, kept as it was

    def in_language(self, lang: str) -> str:
        """The message in `lang` (English when the catalogue lacks it)."""
        if lang == "en" and self.english is not None:
            return self.english
        from dealcheck.i18n import MESSAGES  # the catalogue is data; loaded only to word a message

        args = (worded(a, lang) if isinstance(a, Message) else a for a in self.args)
        values = {k: worded(v, lang) if isinstance(v, Message) else v for k, v in self.values}
        catalogue = MESSAGES.get(lang, MESSAGES["en"])
        template = catalogue.get(self.key) or MESSAGES["en"][self.key]
        return template.format(*args, **values)

    def __str__(self) -> str:
        return self.in_language("en")


def say(key: str, /, *args: Any, **values: Any) -> Message:
    """A `Message` for the catalogue entry `key` with its values."""
    return Message(key, args, tuple(values.items()))


def worded(text: str | Message, lang: str) -> str:
    """Plain text as it is; a `Message` in `lang`."""
    return text.in_language(lang) if isinstance(text, Message) else text


def os_reason(error: OSError) -> str | Message:
    """Why the system refused, in the reader's words where dealcheck knows them."""
    key = _OS_REASONS.get(error.errno or 0)
    return say(key) if key else error.strerror or str(error)


_OS_REASONS = {
    errno.ENOSPC: "os.disk_full",
    errno.EDQUOT: "os.disk_full",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EROFS: "os.read_only",
    errno.ENOENT: "os.missing",
    errno.ENOTDIR: "os.missing",
}


class DealcheckError(Exception):
    """Base error: a one-line message for the user and the exit code to leave with."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.said = message
        self.message = str(message)

    def text(self, lang: str) -> str:
        """The message in `lang`."""
        return worded(self.said, lang)


class UsageError(DealcheckError):
    """The command was called wrongly (unknown id, missing file, bad option)."""

    exit_code = ExitCode.USAGE


class InputError(DealcheckError):
    """A user file could not be read or understood."""

    exit_code = ExitCode.BAD_INPUT


class LockedError(DealcheckError):
    """Another dealcheck process holds the deal file."""

    exit_code = ExitCode.LOCKED


class WriteError(DealcheckError):
    """An output could not be written; the previous file, if any, is unchanged."""

    exit_code = ExitCode.CANNOT_WRITE


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so the same clean-up runs; exit 128+signal."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's file."""

    location: Location
    message: str | Message

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The located problem in `lang`."""
        return f"{self.location}: {worded(self.message, lang)}"


class ValidationFailed(DealcheckError):
    """A file was read but breaks the rules of its language; carries every problem."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
