"""The one place where exceptions become messages and exit codes."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
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
                print(f"{_prefix(error)}{visible(problem.text(_lang(error)))}", file=sys.stderr)
            raise typer.Exit(int(error.exit_code)) from None
        except DealcheckError as error:
            print(f"{_prefix(error)}{visible(error.text(_lang(error)))}", file=sys.stderr)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt as interrupt:
            from dealcheck.i18n import t

            print("\n" + t("error.interrupted", shown_in()), file=sys.stderr)
            raise typer.Exit(exit_code_of(interrupt)) from None
        except OSError as error:
            # Every file dealcheck names is written through `files.atomic`, which
            # reports its own failures: what is left is the standard output.
            if error.errno not in OUTPUT_FAILURES:
                raise
            raise typer.Exit(output_failed(error)) from None

    return wrapper


#: Failures of writing itself: full disk, closed pipe, closed or broken descriptor.
OUTPUT_FAILURES = frozenset(
    {errno.ENOSPC, errno.EPIPE, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG}
)


def output_failed(error: OSError) -> int:
    """Say the output could not be written (one line, if stderr works); exit code 5.

    What is still buffered for stdout is dropped, so that the interpreter's own flush
    at exit does not fail again with a traceback.
    """
    from dealcheck.cli._context import shown_in
    from dealcheck.errors import os_reason, say
    from dealcheck.i18n import t

    lang = shown_in()
    said = say("write.output_failed", reason=os_reason(error)).in_language(lang)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"{t('error.prefix', lang)}{said}", file=sys.stderr)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
    return int(ExitCode.CANNOT_WRITE)


def exit_code_of(interrupt: KeyboardInterrupt) -> int:
    """130 for Ctrl-C; 128 + the signal for SIGTERM and SIGHUP."""
    if isinstance(interrupt, Stopped):
        return 128 + interrupt.signal_number
    return int(ExitCode.INTERRUPTED)


def _lang(error: DealcheckError) -> str:
    from dealcheck.cli._context import shown_in

    return getattr(error, "lang", None) or shown_in()


def _prefix(error: DealcheckError) -> str:
    # Korean messages carry no English `error:`; an interruption is not an error there.
    from dealcheck.i18n import t

    interrupted = error.exit_code == ExitCode.INTERRUPTED
    return t("error.prefix_interrupted" if interrupted else "error.prefix", _lang(error))


def command(
    app: typer.Typer, name: str | None = None, **settings: Any
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Register a command on `app` behind the error boundary."""

    def register(function: Callable[P, R]) -> Callable[P, R]:
        app.command(name, cls=Command, **settings)(handle_errors(function))
        return function

    return register
