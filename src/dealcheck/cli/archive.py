"""`dealcheck archive`: move a deal's older qualifications to its archive file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dealcheck.cli._errors import command
from dealcheck.cli._options import LangOption

app = typer.Typer()


@command(app, "archive")
def archive(
    deal_file: Annotated[
        Path, typer.Argument(metavar="DEAL_FILE", help="The deal file (YAML) in the deals folder.")
    ],
    keep: Annotated[
        int,
        typer.Option("--keep", metavar="N", help="How many of the latest qualifications stay."),
    ] = 50,
    lang: LangOption = None,
) -> None:
    """Move all but the latest qualifications of a deal to DEAL.archive.yaml.

    The deal file keeps the latest N; the archive, a deal file too, holds the older ones
    (`dealcheck report DEAL.archive.yaml --at 1`). An existing archive is never
    overwritten. For a deal file near the 4 MiB a deal file may hold.

    \b
    Examples:
      dealcheck archive deals/acme.yaml
      dealcheck archive deals/acme.yaml --keep 10
    """
    from dealcheck.cli._context import language
    from dealcheck.deals.archive import archive_history
    from dealcheck.i18n import t

    ui = language(lang)
    done = archive_history(deal_file, keep=keep)
    typer.echo(
        t(
            "archive.done",
            ui,
            moved=done.moved,
            archive=done.archive,
            path=done.path,
            kept=done.kept,
        ),
        err=True,
    )
