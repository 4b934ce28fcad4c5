"""Entry point: `python -m dealcheck` and the `dealcheck` console script."""

from __future__ import annotations

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

        app(prog_name="dealcheck")
    except KeyboardInterrupt as interrupt:
        # Ctrl-C or SIGTERM before a command's own error boundary is up (while importing).
        print("\ninterrupted", file=sys.stderr)
        from dealcheck.errors import Stopped

        sys.exit(128 + interrupt.signal_number if isinstance(interrupt, Stopped) else 130)


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
