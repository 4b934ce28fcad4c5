"""`dealcheck prep` and `dealcheck plan`: the one-page call plan, and the mutual close plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dealcheck.cli._errors import command
from dealcheck.cli._options import LangOption, TeamDirOption, TodayOption

app = typer.Typer()

DealArgument = Annotated[
    Path, typer.Argument(metavar="DEAL", help="The deal file (YAML) in the deals folder.")
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
    from dealcheck.errors import UsageError, say

    ui = _context.language(lang)
    if output not in FORMATS:
        raise UsageError(say("option.format_use", given=output, allowed=", ".join(FORMATS)))
    if out_file is not None and output == "text":
        raise UsageError(say("option.prep_o"))
    day = today.date() if today else None
    report = build_report(
        deal_file,
        team_dir=_context.team_dir(frameworks_dir),
        today=day,
        team_steps=_context.config().close_plan,
    )
    plan = call_plan(report, ui)
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


@command(app, "plan")
def plan(
    deal_file: DealArgument,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers", metavar="FILE", help="YAML steps to add or change: run without prompts."
        ),
    ] = None,
    today: TodayOption = None,
    lang: LangOption = None,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Add, change and tick the steps of a deal's mutual close plan, then show it.

    Steps are dated tasks from now to signature and go-live, each with an owner side,
    a person, a target date, a status and its evidence. Templates with typical lead
    times come from the deal's frameworks.

    \b
    Examples:
      dealcheck plan deals/acme.yaml
      dealcheck plan deals/acme.yaml --answers plan.yaml --lang ko
    """
    from dealcheck.cli import _context
    from dealcheck.cli._console import out
    from dealcheck.cli.qualify import _note, _prompter
    from dealcheck.deals.coaching import plan_line
    from dealcheck.deals.plan_flow import PlanRequest, edit_close_plan
    from dealcheck.i18n import t
    from dealcheck.render.close_plan import close_plan_renderable

    ui = _context.language(lang)
    config = _context.config()
    request = PlanRequest(
        deal_file=deal_file,
        team_dir=_context.team_dir(frameworks_dir),
        default_frameworks=list(config.frameworks),
        lang=ui,
        answers_file=answers,
        today=today.date() if today else dt.date.today(),
        team_steps=tuple(config.close_plan),
    )
    outcome = edit_close_plan(request, None if answers is not None else _prompter(ui))
    checks = [plan_line(c, outcome.templates, ui) for c in outcome.checks]
    out().print(close_plan_renderable(outcome.deal.close_plan, outcome.templates, checks, ui))
    _note(t("plan.saved", ui, outcome.path))
