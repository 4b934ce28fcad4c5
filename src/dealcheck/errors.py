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

from dataclasses import dataclass
from enum import IntEnum


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


class DealcheckError(Exception):
    """Base error: a one-line message for the user and the exit code to leave with."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ValidationFailed(DealcheckError):
    """A file was read but breaks the rules of its language; carries every problem."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
