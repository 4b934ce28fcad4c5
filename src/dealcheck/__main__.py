"""Entry point: `python -m dealcheck` and the `dealcheck` console script."""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from types import FrameType


def main() -> None:
    """Run the dealcheck command line."""
    _stop_on_signals()
    try:
        if sys.argv[1:] in (["--version"], ["-V"]):
            # Answered before the CLI framework loads: scripts call this often.
            from dealcheck import __version__

            print(f"dealcheck {__version__}")
            return
        from dealcheck.cli import app

        _standard_streams()
        try:
            app(prog_name="dealcheck")
        finally:
            _flush_output()
    except KeyboardInterrupt as interrupt:
        # Ctrl-C or SIGTERM before a command's own error boundary is up (while importing).
        print("\ninterrupted", file=sys.stderr)
        from dealcheck.errors import Stopped

        sys.exit(128 + interrupt.signal_number if isinstance(interrupt, Stopped) else 130)


def _standard_streams() -> None:
    """A closed stdin reads as empty; a closed stdout fails the first write (exit 5)."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()


class _ClosedOutput(io.TextIOBase):
    """Standard output when the caller closed it: writing is an error, not a silence."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _flush_output() -> None:
    """Flush stdout while errors can still be reported (not in the interpreter's exit)."""
    try:
        sys.stdout.flush()
    except OSError as error:
        from dealcheck.cli._errors import output_failed

        sys.exit(output_failed(error))


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP unwind as Ctrl-C does: temporary files go, previous files stay."""

    def stop(signal_number: int, _frame: FrameType | None) -> None:
        from dealcheck.errors import Stopped

        raise Stopped(signal_number)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, stop)


if __name__ == "__main__":
    main()
