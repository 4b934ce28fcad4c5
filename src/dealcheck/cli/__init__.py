"""The Typer app. Commands live in one module per wing and stay thin.

Nothing here imports pydantic, PyYAML, rich tables or questionary at module level:
`dealcheck --version` and `--help` must start fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from dealcheck import __version__
from dealcheck.cli import archive, check, framework, learn, prep, qualify, score
from dealcheck.cli import framework_review as _framework_review  # noqa: F401 (test, diff)

app = typer.Typer(
    name="dealcheck",
    help="Qualify B2B deals: walk a rep through a deal, score a pipeline, keep frameworks in git.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Plain help: typer's rich help imports rich, markdown-it and more, doubling start-up.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # --install-completion / --show-completion; ids complete through cli/_complete.py.
    add_completion=True,
    epilog="Run 'dealcheck COMMAND --help' for a command's options and examples.",
)
app.add_typer(framework.app, name="framework")
app.add_typer(qualify.app)  # qualify, report: top-level commands
app.add_typer(prep.app)  # prep, plan: top-level commands
app.add_typer(score.app)  # score, map init
app.add_typer(check.app)  # validate (mappings and config)
app.add_typer(learn.app)  # learn (from won and lost deals)
app.add_typer(archive.app)  # archive (a deal's older qualifications)


def _print_version(value: bool) -> None:
    if value:
        print(f"dealcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Qualify B2B deals against MEDDPICC, BANT and your team's own frameworks."""
