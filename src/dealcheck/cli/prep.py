"""`dealcheck prep` and `dealcheck plan`: the one-page call plan, and the mutual close plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dealcheck.cli._errors import command
from dealcheck.cli._options import LangOption, TeamDirOption

app = typer.Typer()

DealArgument = Annotated[
    Path, typer.Argument(metavar="DEAL", help="The deal file (YAML) in the deals folder.")
]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--today",
        formats=["%Y-%m-%d"],
        metavar="DATE",
        help="Reference date for slipped steps and lead times (default: today).",
    ),
]
FORMATS = ("text", "md", "html")


@command(app, "prep")
def prep(
    deal_file: DealArgument,
    output: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="text, md or html.")
    ] = "text",
    out_file: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write md or html to this file."),
    ] = None,
    today: TodayOption = None,
    lang: LangOption = None,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Print a one-page plan for the next call: goal, opener, questions, actions, recap.

    \b
    Examples:
      dealcheck prep deals/acme.yaml
      dealcheck prep deals/acme.yaml --format md --lang ko
      dealcheck prep deals/acme.yaml --format html -o acme-call.html
    """
    from dealcheck.cli import _context
    from dealcheck.cli._output import emit
    from dealcheck.deals.call_plan import call_plan
    from dealcheck.deals.history import build_report
    from dealcheck.errors import UsageError

    ui = _context.language(lang)
    if output not in FORMATS:
        raise UsageError(f"--format {output!r}: use {', '.join(FORMATS)}")
    if out_file is not None and output == "text":
        raise UsageError("-o needs --format md or html")
    report = build_report(deal_file, team_dir=_context.team_dir(frameworks_dir))
    plan = call_plan(report, ui, today.date() if today else None)
    if output == "md":
        from dealcheck.render.markdown import call_plan_markdown

        emit(call_plan_markdown(plan, ui), out_file, inputs=(deal_file,))
    elif output == "html":
        from dealcheck.render.html.prep import call_plan_html

        emit(call_plan_html(plan, ui), out_file, inputs=(deal_file,))
    else:
        from dealcheck.cli._console import out
        from dealcheck.render.call_plan import call_plan_renderable

        out().print(call_plan_renderable(plan, ui))
