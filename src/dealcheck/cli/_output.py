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


def validation_language(option: str | None) -> str:
    """--lang, else the config's language; English when the config itself is broken."""
    from dealcheck.cli._context import language, shown_in
    from dealcheck.errors import ValidationFailed

    try:
        return language(option)
    except ValidationFailed:
        return shown_in(option or "en")


def report_problems(problems: list[Problem], checked: int, lang: str = "en") -> None:
    """Print one `FILE:LINE:COL: message` line per problem and a count; exit 1 if any."""
    import typer

    from dealcheck.i18n import t

    for problem in problems:
        print(problem.text(lang))
    invalid = len({p.location.file for p in problems})
    status = (
        t("validate.invalid", lang, checked=checked, invalid=invalid)
        if problems
        else t("validate.valid", lang, checked=checked)
    )
    typer.echo(status, err=True)
    if problems:
        raise typer.Exit(1)
