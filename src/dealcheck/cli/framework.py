"""`dealcheck framework …`: list, show, validate, schema, new (test and diff: framework_review)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dealcheck.cli import _complete
from dealcheck.cli._errors import command
from dealcheck.cli._options import LangOption, TeamDirOption

app = typer.Typer(
    help="List, show, validate and create qualification frameworks.",
    no_args_is_help=True,
)


@command(app, "list")
def list_frameworks(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    frameworks_dir: TeamDirOption = None,
    lang: LangOption = None,
) -> None:
    """List built-in frameworks and those in the team's folder.

    \b
    Examples:
      dealcheck framework list
      dealcheck framework list --json --frameworks-dir sales/frameworks
    """
    from dealcheck.cli._console import out
    from dealcheck.cli._context import language, team_dir
    from dealcheck.language.inventory import inventory
    from dealcheck.render import framework_view

    entries = inventory(team_dir(frameworks_dir))
    if as_json:
        sys.stdout.write(framework_view.inventory_json(entries, language(lang)))
    else:
        out().print(framework_view.inventory_table(entries, language(lang)))


@command(app, "show")
def show(
    framework: Annotated[
        str,
        typer.Argument(
            metavar="ID|FILE",
            help="Framework id (meddpicc, bant, …) or path to a YAML file.",
            autocompletion=_complete.framework_ids,
        ),
    ],
    lang: LangOption = None,
    resolved: Annotated[
        bool, typer.Option("--resolved", help="Print the full YAML with `extends` merged in.")
    ] = False,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Show a framework's criteria, stages, red flags and grades.

    \b
    Examples:
      dealcheck framework show meddpicc --lang ko
      dealcheck framework show frameworks/acme.yaml --resolved
    """
    from dealcheck.cli._console import out
    from dealcheck.cli._context import language, team_dir
    from dealcheck.language.loading import load_with_tree
    from dealcheck.render import framework_view

    ui = language(lang)
    loaded, _ = load_with_tree(framework, team_dir=team_dir(frameworks_dir))
    if resolved:
        sys.stdout.write(framework_view.resolved_yaml(loaded))
    else:
        out().print(framework_view.framework_renderable(loaded, ui))


@command(app, "validate")
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Framework files to check; - reads standard input."),
    ],
    frameworks_dir: TeamDirOption = None,
    lang: LangOption = None,
    team_only: Annotated[
        bool,
        typer.Option(
            "--team-only",
            help="Skip files outside the team framework folder and its tests/ (for pre-commit).",
        ),
    ] = False,
) -> None:
    """Check framework files; print PATH:LINE:COL: message per problem, exit 1 if any.

    Use it in CI or as a pre-commit hook (see .pre-commit-hooks.yaml): with
    --team-only it checks the files in the folder .dealcheck.yaml names and ignores
    the others, so the hook needs no file pattern of its own.

    \b
    Examples:
      dealcheck framework validate frameworks/*.yaml
      dealcheck framework validate --team-only $(git ls-files '*.yaml')
      git show HEAD:frameworks/acme.yaml | dealcheck framework validate -
    """
    from dealcheck.cli._context import team_dir
    from dealcheck.cli._output import report_problems, validation_language
    from dealcheck.errors import worded
    from dealcheck.i18n import t
    from dealcheck.language.schema_file import stale_copies
    from dealcheck.language.validate_files import in_team_folder, validate_files

    ui = validation_language(lang)

    folder = team_dir(frameworks_dir)
    if team_only:
        paths = in_team_folder(paths, folder)
    stdin = sys.stdin.buffer.read() if Path("-") in paths else None
    problems, checked = validate_files(paths, team_dir=folder, stdin=stdin)
    for warning in stale_copies([p for p in paths if p != Path("-")], team_dir=folder):
        typer.echo(f"{t('warning.prefix', ui)}{worded(warning, ui)}", err=True)
    report_problems(problems, checked, ui)


@command(app, "schema")
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the schema to this file (refresh a copy)."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of framework files, complete or extending (for editors).

    `framework validate` warns when the team's copy is not this version's schema.

    \b
    Examples:
      dealcheck framework schema -o frameworks/framework.schema.json
      dealcheck framework schema > framework.schema.json
    """
    from dealcheck.cli._output import emit
    from dealcheck.language.schema_file import shipped_text

    emit(shipped_text(), output)


@command(app, "new")
def new(
    framework_id: Annotated[
        str, typer.Argument(metavar="ID", help="Id of the new framework, e.g. acme-meddpicc.")
    ],
    extends: Annotated[
        str,
        typer.Option(
            "--extends",
            "-e",
            metavar="ID",
            help="Framework to build on.",
            autocompletion=_complete.framework_ids,
        ),
    ] = "meddpicc",
    frameworks_dir: TeamDirOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOption = None,
) -> None:
    """Write a starter framework that extends a built-in one.

    \b
    Examples:
      dealcheck framework new acme-meddpicc --extends meddpicc
      dealcheck framework new acme-bant --extends bant --frameworks-dir sales/frameworks
    """
    from dealcheck.cli._context import language, team_dir
    from dealcheck.i18n import t
    from dealcheck.language.starter import write_starter

    ui = language(lang)
    written = write_starter(
        framework_id, extends=extends, folder=team_dir(frameworks_dir), force=force
    )
    for path in written:
        typer.echo(t("file.wrote", ui, path=path))
