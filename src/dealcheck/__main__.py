"""Entry point: `python -m dealcheck` and the `dealcheck` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the dealcheck command line."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        # Answered before the CLI framework loads: scripts call this often.
        from dealcheck import __version__

        print(f"dealcheck {__version__}")
        return
    from dealcheck.cli import app

    app(prog_name="dealcheck")


if __name__ == "__main__":
    main()
