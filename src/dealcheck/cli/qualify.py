"""`dealcheck qualify` and `report`: qualify a deal, re-render it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dealcheck.cli._errors import command
from dealcheck.cli._options import (
    FrameworkOption,
    LangOption,
    StageOption,
    TeamDirOption,
    TodayOption,
)

if TYPE_CHECKING:
    from dealcheck.interview.prompter import Prompter

app = typer.Typer()

DealArgument = Annotated[
    Path, typer.Argument(metavar="DEAL_FILE", help="The deal file (YAML) in the deals folder.")
]


@command(app, "qualify")
def qualify(
    deal_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="DEAL_FILE", help="Deal file to re-qualify; omit to create a new deal."
        ),
    ] = None,
    framework: FrameworkOption = None,
    stage: StageOption = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", metavar="FILE", help="YAML answers file: run without prompts."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt; keep previous answers.")
    ] = False,
    story: Annotated[
        bool,
        typer.Option(
            "--story",
            help="Then ask the value story (before/after, metric, capabilities, delivery, "
            "proof points) and next step.",
        ),
    ] = False,
    people: Annotated[
        bool,
        typer.Option(
            "--people",
            help="Then ask the people: role, met and when, power, personal win, champion test.",
        ),
    ] = False,
    lang: LangOption = None,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Walk through a deal's criteria, save the answers, and report gaps and next questions.

    \b
    Examples:
      dealcheck qualify                                  # new deal, default frameworks
      dealcheck qualify deals/acme.yaml -f meddpicc -f red-flags --stage discovery
      dealcheck qualify deals/acme.yaml --answers answers.yaml --lang ko
      dealcheck qualify deals/acme.yaml --story          # then the value story
      dealcheck qualify deals/acme.yaml --people         # then the contacts
    """
    from dealcheck.cli import _context
    from dealcheck.cli._console import out
    from dealcheck.deals.qualify import QualifyRequest, resume_language
    from dealcheck.deals.qualify import qualify as run
    from dealcheck.i18n import t
    from dealcheck.render.deal_report import report_renderable

    ui = _context.language(lang)
    if lang is None:  # a draft remembers the language it was started in
        ui = _context.shown_in(resume_language(deal_file) or ui)
    prompter = None if answers is not None or no_input else _prompter(ui)
    config = _context.config()
    request = QualifyRequest(
        deal_file=deal_file,
        frameworks=list(framework or []),
        default_frameworks=list(config.frameworks),
        deals_dir=_relative(config.deals_path),
        team_dir=_context.team_dir(frameworks_dir),
        lang=ui,
        stage=stage,
        answers_file=answers,
        stage_names=dict(config.stage_names),
        lang_given=True,
        ask_story=story,
        ask_people=people,
        team_steps=tuple(config.close_plan),
    )
    outcome = run(request, prompter)
    if not outcome.saved:
        latest = outcome.report
        _note(t("qualify.no_change", ui, latest.number, latest.qualification.date.isoformat()))
        return
    out().print(report_renderable(outcome.report, ui))
    _note(t("qualify.saved", ui, outcome.report.path, outcome.report.number))


@command(app, "report")
def report(
    deal_file: DealArgument,
    output: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="text, md, json or html (default: from the -o file's extension, else text).",
        ),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write md, json or html to this file."),
    ] = None,
    at: Annotated[
        int | None,
        typer.Option(
            "--at", metavar="N", help="Qualification number (1 = oldest; default latest)."
        ),
    ] = None,
    today: TodayOption = None,
    lang: LangOption = None,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Re-render a deal's latest (or a chosen) qualification.

    \b
    Examples:
      dealcheck report deals/acme.yaml
      dealcheck report deals/acme.yaml --format md > acme.md
      dealcheck report deals/acme.yaml --format json --at 1
      dealcheck report deals/acme.yaml -o acme.html       # format from the extension
      dealcheck report deals/acme.yaml --today 2025-06-30 # as score --today judges it
    """
    from dealcheck.cli import _context
    from dealcheck.cli._output import emit
    from dealcheck.deals.history import build_report

    ui = _context.language(lang)
    output = _report_format(output, out_file)
    if out_file is not None:
        from dealcheck.files.clash import refuse_clashes

        refuse_clashes([("input", str(deal_file))], [("-o", str(out_file))])
    built = build_report(
        deal_file,
        team_dir=_context.team_dir(frameworks_dir),
        at=at,
        today=today.date() if today else None,
        team_steps=_context.config().close_plan,
    )
    if output == "json":
        import json

        from dealcheck.deals.report_json import deal_report_to_dict

        data = deal_report_to_dict(built, ui)
        emit(
            json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n",
            out_file,
            inputs=(deal_file,),
        )
    elif output == "md":
        from dealcheck.render.markdown import report_markdown

        emit(report_markdown(built, ui), out_file, inputs=(deal_file,))
    elif output == "html":
        from dealcheck.render.html.deal import deal_report_html

        emit(deal_report_html(built, ui), out_file, inputs=(deal_file,))
    else:
        from dealcheck.cli._console import out
        from dealcheck.render.deal_report import report_renderable

        out().print(report_renderable(built, ui))


def has_terminal() -> bool:
    """Whether prompts can be shown: stdin and stdout are both terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _prompter(lang: str) -> Prompter:
    # Checked before questionary is imported: without a terminal it would warn and hang.
    from dealcheck.errors import UsageError
    from dealcheck.i18n import t

    if not has_terminal():
        raise UsageError(t("qualify.no_terminal", lang))
    from dealcheck.interview.questionary_prompter import QuestionaryPrompter

    yes_no = (t("yes", lang), t("no", lang)) if lang != "en" else None
    return QuestionaryPrompter(t("interview.instruction", lang), yes_no=yes_no)


REPORT_EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


def _report_format(chosen: str | None, out_file: Path | None) -> str:
    """--format, else the -o file's extension (as `score -o` does), else text."""
    from dealcheck.errors import UsageError, say

    if chosen is not None:
        _check_format(chosen, ("text", "md", "json", "html"))
        if out_file is not None and chosen == "text":
            raise UsageError(say("option.report_o"))
        return chosen
    if out_file is None:
        return "text"
    found = REPORT_EXTENSIONS.get(out_file.suffix.lower())
    if found is None:
        raise UsageError(say("option.report_extension", path=out_file))
    return found


def _check_format(value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        from dealcheck.errors import UsageError, say

        raise UsageError(say("option.format_use", given=value, allowed=", ".join(allowed)))


def _relative(path: Path) -> Path:
    """`path` as the rep would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _note(message: str) -> None:
    print(message, file=sys.stderr)
