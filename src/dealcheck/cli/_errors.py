"""The one place where exceptions become messages and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from dealcheck.cli._help import Command
from dealcheck.errors import DealcheckError, ExitCode, ValidationFailed

P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn dealcheck errors into one-line messages and Ctrl-C into exit 130."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ValidationFailed as error:
            for problem in error.problems:
                print(f"error: {problem}", file=sys.stderr)
            raise typer.Exit(int(error.exit_code)) from None
        except DealcheckError as error:
            print(f"error: {error.message}", file=sys.stderr)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            print("\ninterrupted", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

    return wrapper


def command(
    app: typer.Typer, name: str | None = None, **settings: Any
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Register a command on `app` behind the error boundary."""

    def register(function: Callable[P, R]) -> Callable[P, R]:
        app.command(name, cls=Command, **settings)(handle_errors(function))
        return function

    return register
