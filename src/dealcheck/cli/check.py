"""`dealcheck validate`: check mapping files and `.dealcheck.yaml` (CI and pre-commit)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dealcheck.cli._errors import command
from dealcheck.cli._options import LangOption, TeamDirOption

app = typer.Typer()


@command(app, "validate")
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Mapping files (*.map.yaml) and .dealcheck.yaml."),
    ],
    frameworks_dir: TeamDirOption = None,
    lang: LangOption = None,
) -> None:
    """Check mapping files and the project config; PATH:LINE:COL: message per problem.

    A mapping is checked as `score` would use it, without the export: its keys, and
    that the frameworks, criteria, red flags, levels and stages it names exist. Every
    problem in every file is printed; exit 1 if any. Frameworks: `framework validate`.

    \b
    Examples:
      dealcheck validate .dealcheck.yaml crm/salesforce.map.yaml
      dealcheck validate $(git ls-files '*.map.yaml')
    """
    from dealcheck.cli._context import team_dir
    from dealcheck.cli._output import report_problems, validation_language
    from dealcheck.drafting.mapping_files import check_files
    from dealcheck.errors import ValidationFailed
    from dealcheck.language.config_path import find_config

    ui = validation_language(lang)
    try:
        folder = team_dir(frameworks_dir)
    except ValidationFailed:
        config = find_config()
        if config is None or not any(p.resolve() == config for p in paths):
            raise
        folder = Path("frameworks")  # the config's own problems are listed with the rest
    report_problems(check_files(paths, team_dir=folder), len(paths), ui)
