"""Options several commands share, defined once so their names and help agree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", "-l", help="Language: en or ko (default: .dealcheck.yaml, then the locale)."
    ),
]
TeamDirOption = Annotated[
    Path | None,
    typer.Option(
        "--frameworks-dir",
        help="Team framework folder (default: from .dealcheck.yaml, else ./frameworks).",
    ),
]
FrameworkOption = Annotated[
    list[str] | None,
    typer.Option("--framework", "-f", help="Framework id or file; repeat for several."),
]
