"""Write a rendered document to a file (`-o`) or to stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dealcheck.errors import Problem


def emit(text: str, path: Path | None, *, inputs: tuple[Path, ...] = ()) -> None:
    """Write `text` to `path` (UTF-8, atomically), or to stdout when no path is given.

    Raises:
        UsageError: `path` is one of `inputs`.
        WriteError: The file cannot be written.
    """
    if path is None:
        sys.stdout.write(text)
        return
    from dealcheck.files.atomic import write_atomic
    from dealcheck.files.clash import refuse_clashes

    refuse_clashes([("input", str(i)) for i in inputs], [("-o", str(path))])
    write_atomic(path, text)


def report_problems(problems: list[Problem], checked: int) -> None:
    """Print one `FILE:LINE:COL: message` line per problem and a count; exit 1 if any."""
    import typer

    for problem in problems:
        print(problem)
    invalid = len({p.location.file for p in problems})
    status = (
        f"{checked} file(s) checked, {invalid} invalid" if problems else f"{checked} file(s) valid"
    )
    typer.echo(status, err=True)
    if problems:
        raise typer.Exit(1)
