"""`dealcheck learn`: what a team's won and lost deals say about its framework."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dealcheck.cli._errors import command
from dealcheck.cli._options import (
    EncodingOption,
    FrameworkOption,
    LangOption,
    MapOption,
    TeamDirOption,
)

if TYPE_CHECKING:
    from dealcheck.learn.report import LearnReport

app = typer.Typer()

FORMATS = ("text", "md", "html", "json")
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


@command(app, "learn")
def learn(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="CRM exports (CSV, JSON Lines) with --map, files from `dealcheck score -o`, "
            "or deal folders.",
        ),
    ],
    mapping: MapOption = None,
    framework: FrameworkOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", metavar="FORMAT", help="text, md, html or json (default: by -o, else text)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write the report here.")
    ] = None,
    min_deals: Annotated[
        int,
        typer.Option(
            "--min-deals",
            min=1,
            metavar="N",
            help="Deals each side of a comparison needs before it can count as a finding.",
        ),
    ] = 30,
    encoding: EncodingOption = None,
    suggest: Annotated[
        Path | None,
        typer.Option(
            "--suggest",
            metavar="FILE",
            help="Write the weight and red-flag changes the older deals support as a "
            "framework overlay here (for review; nothing is applied), and backtest them.",
        ),
    ] = None,
    compare_framework: Annotated[
        str | None,
        typer.Option(
            "--compare-framework",
            metavar="OVERLAY",
            help="Backtest this overlay (or framework) against the one in use: AUC and "
            "Brier score on the newest deals.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing --suggest file.")
    ] = False,
    lang: LangOption = None,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Learn from won and lost deals which answers and red flags go with winning.

    For each criterion level and red flag: the win rate with it and without it, the
    difference with an interval, and the counts; per stage reached; win rate by score
    band and by verdict; loss reasons and the red flags raised on those deals. Open
    deals are counted and left out. Comparisons with fewer than --min-deals deals on a
    side are marked too few and never ranked.

    With --suggest FILE: fits the weights and `subtract` red flags on the older 70 % of
    the deals and writes the changes as a framework overlay that extends the framework
    in use, each with its evidence; the newest 30 % backtest it. --compare-framework
    backtests an overlay you have (e.g. one written earlier, then edited).

    \b
    Examples:
      dealcheck learn closed-deals.csv --map salesforce.map.yaml
      dealcheck learn export.csv --map hubspot --format html -o learn.html
      dealcheck learn scored.csv --min-deals 50 --format md --lang ko
      dealcheck learn deals/ --format json -o learn.json
      dealcheck learn closed-deals.csv --map sf.map.yaml --suggest frameworks/learned.yaml
      dealcheck learn closed-deals.csv --map sf.map.yaml --compare-framework learned.yaml
    """
    from dealcheck.cli._context import config, language, team_dir
    from dealcheck.learn.report import LearnRequest
    from dealcheck.learn.tuning import TuningRequest, learn_and_tune

    chosen = _format(fmt, output)
    ui = language(lang)
    request = LearnRequest(
        inputs,
        framework or [],
        mapping,
        encoding,
        min_deals,
        ui,
        team_dir(frameworks_dir),
        config().frameworks,
    )
    tuning = TuningRequest(suggest, compare_framework, force, team_dir(frameworks_dir))
    show(learn_and_tune(request, tuning), chosen, output, inputs)


def _format(given: str | None, output: Path | None) -> str:
    from dealcheck.errors import UsageError, say

    if given is None:
        return EXTENSIONS.get(output.suffix.lower(), "text") if output else "text"
    chosen = "md" if given == "markdown" else given
    if chosen not in FORMATS:
        raise UsageError(say("option.format_use", given=given, allowed="text, md, html, json"))
    return chosen


def show(report: LearnReport, chosen: str, output: Path | None, inputs: list[str]) -> None:
    """Render the report in `chosen` format to `output` (or the terminal)."""
    from dealcheck.cli._output import emit

    sources = tuple(Path(i) for i in inputs if i != "-")
    if chosen == "text" and output is None:
        from dealcheck.cli._console import out
        from dealcheck.render.learn_view import learn_renderable

        out().print(learn_renderable(report))
        return
    if chosen == "md":
        from dealcheck.render.learn_md import learn_markdown

        text = learn_markdown(report)
    elif chosen == "html":
        from dealcheck.render.html.learn import learn_html

        text = learn_html(report)
    elif chosen == "json":
        from dealcheck.render.learn_json import learn_json

        text = learn_json(report)
    else:
        from dealcheck.render.learn_view import learn_text

        text = learn_text(report)
    emit(text, output, inputs=sources)
