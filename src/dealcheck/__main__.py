"""Entry point: `python -m dealcheck` and the `dealcheck` console script."""

from __future__ import annotations


def main() -> None:
    """Run the dealcheck command line."""
    from dealcheck.cli import app

    app(prog_name="dealcheck")


if __name__ == "__main__":
    main()
