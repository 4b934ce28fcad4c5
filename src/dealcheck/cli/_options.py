"""Options several commands share, defined once so their names and help agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dealcheck.cli._complete import framework_ids, stage_ids

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANG",
        help="Language: en or ko (default: .dealcheck.yaml, then the locale).",
    ),
]
TeamDirOption = Annotated[
    Path | None,
    typer.Option(
        "--frameworks-dir",
        metavar="DIR",
        help="Team framework folder (default: from .dealcheck.yaml, else ./frameworks).",
    ),
]
FrameworkOption = Annotated[
    list[str] | None,
    typer.Option(
        "--framework",
        "-f",
        metavar="ID",
        help="Framework id or file; repeat for several.",
        autocompletion=framework_ids,
    ),
]
MapOption = Annotated[
    str | None,
    typer.Option(
        "--map",
        "-m",
        metavar="MAPPING",
        help="Mapping file, or preset: salesforce, hubspot, pipedrive.",
    ),
]
EncodingOption = Annotated[
    str | None, typer.Option("--encoding", help="Force the input encoding, e.g. cp949.")
]
StageOption = Annotated[
    str | None,
    typer.Option("--stage", "-s", metavar="STAGE", help="Deal stage id.", autocompletion=stage_ids),
]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--today",
        formats=["%Y-%m-%d"],
        metavar="DATE",
        help="Reference date (YYYY-MM-DD) for stale evidence, slipped steps, lead times and "
        "a passed close date (default: today).",
    ),
]
