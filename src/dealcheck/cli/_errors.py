"""The one place where exceptions become messages and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from dealcheck.cli._help import Command
from dealcheck.errors import DealcheckError, ExitCode, Stopped, ValidationFailed
from dealcheck.visible import visible

P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn dealcheck errors into one-line messages and Ctrl-C into exit 130."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from dealcheck.cli._context import shown_in

        shown_in("en")  # until the command resolves its language
        try:
            return command(*args, **kwargs)
        except ValidationFailed as error:
            for problem in error.problems:
                print(f"{_prefix(error)}{visible(str(problem))}", file=sys.stderr)
            raise typer.Exit(int(error.exit_code)) from None
        except DealcheckError as error:
            print(f"{_prefix(error)}{visible(error.message)}", file=sys.stderr)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt as interrupt:
            print("\ninterrupted", file=sys.stderr)
            raise typer.Exit(exit_code_of(interrupt)) from None

    return wrapper


def exit_code_of(interrupt: KeyboardInterrupt) -> int:
    """130 for Ctrl-C; 128 + the signal for SIGTERM and SIGHUP."""
    if isinstance(interrupt, Stopped):
        return 128 + interrupt.signal_number
    return int(ExitCode.INTERRUPTED)


def _prefix(error: DealcheckError) -> str:
    # Korean messages carry no English `error:`; an interruption is not an error there.
    from dealcheck.cli._context import shown_in
    from dealcheck.i18n import t

    interrupted = error.exit_code == ExitCode.INTERRUPTED
    lang = getattr(error, "lang", None) or shown_in()
    return t("error.prefix_interrupted" if interrupted else "error.prefix", lang)


def command(
    app: typer.Typer, name: str | None = None, **settings: Any
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Register a command on `app` behind the error boundary."""

    def register(function: Callable[P, R]) -> Callable[P, R]:
        app.command(name, cls=Command, **settings)(handle_errors(function))
        return function

    return register
