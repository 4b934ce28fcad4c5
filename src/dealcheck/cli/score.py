"""`dealcheck score` (batch-score CRM exports) and `dealcheck map init` (draft a mapping)."""

from __future__ import annotations

import sys
from datetime import datetime
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
    from dealcheck.batch.run import ScoreRequest
    from dealcheck.language.framework import Framework
    from dealcheck.review.compare import DealState
    from dealcheck.review.snapshots import SnapshotWriter

app = typer.Typer()
map_app = typer.Typer(help="Draft CRM column mappings.", no_args_is_help=True)
app.add_typer(map_app, name="map")


@command(app, "score")
def score(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT", help="CSV or JSON Lines exports, deal folders, or - for stdin."
        ),
    ],
    framework: FrameworkOption = None,
    mapping: MapOption = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Scored file (- for stdout)."),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help="csv, jsonl, json, md or html.")
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            metavar="LAST_WEEK",
            help="Last week's scored CSV (from -o) or deal folder: show what moved.",
        ),
    ] = None,
    review_output: Annotated[
        Path | None,
        typer.Option(
            "--review-output", metavar="FILE", help="Also write the review (.md or .html)."
        ),
    ] = None,
    rejects: Annotated[
        str | None,
        typer.Option("--rejects", metavar="FILE", help="Write rejected rows here (CSV)."),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Exit 1 when any row is rejected or a level column holds non-levels."
        ),
    ] = False,
    basics_only: Annotated[
        bool,
        typer.Option(
            "--basics-only",
            help="Check forecast by stage, hygiene and aging without qualifying "
            "(for a mapping with no qualification columns).",
        ),
    ] = False,
    quota: Annotated[
        str | None,
        typer.Option(
            "--quota",
            help="Quota for coverage: an amount for this period, or a CSV (owner,period,quota).",
        ),
    ] = None,
    encoding: EncodingOption = None,
    delimiter: Annotated[
        str | None,
        typer.Option("--delimiter", help="Force the delimiter: comma, semicolon, tab, pipe."),
    ] = None,
    today: Annotated[
        datetime | None,
        typer.Option(
            "--today",
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="Reference date for hygiene checks.",
        ),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom/--no-bom", help="Write CSV as UTF-8 with BOM (for Excel).")
    ] = True,
    lang: LangOption = None,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Score every deal of a CRM export and summarise the pipeline.

    \b
    Examples:
      dealcheck score examples/salesforce-pipeline.csv --map examples/salesforce.map.yaml
      dealcheck score export.csv --map hubspot -o scored.csv --rejects rejects.csv --strict
      dealcheck score deals/ --format md -o pipeline.md
      dealcheck score export.csv --map hubspot --format html -o pipeline.html
      dealcheck score export.csv --map salesforce --basics-only --quota 1500000
      dealcheck score this.csv --map hubspot --compare last-scored.csv --review-output review.html
    """
    from dealcheck.batch.run import ScoreRequest, output_format, run_score
    from dealcheck.cli import _console
    from dealcheck.cli._context import config, language, team_dir
    from dealcheck.cli._pipeline_out import show_summary, write_summary_document
    from dealcheck.render.pipeline_view import progress_callback

    ui = language(lang)
    request = ScoreRequest(
        inputs,
        framework or [],
        mapping,
        output,
        fmt,
        rejects,
        encoding,
        delimiter,
        today.date() if today else None,
        ui,
        bom,
        team_dir(frameworks_dir),
        config().frameworks,
        basics_only,
        quota,
        tuple(config().close_plan),
    )
    _refuse_clashes(request, compare, review_output)
    before, this_week = _review_start(request, compare, review_output)
    with progress_callback(_console.err()) as progress:
        summary = run_score(request, progress, this_week)
    if output and output_format(request) in ("md", "html"):
        write_summary_document(summary, ui, output_format(request), output)
    show_summary(summary, ui, output_format(request), output)
    if compare is not None and before is not None and this_week is not None:
        from dealcheck.cli._review_out import show_review
        from dealcheck.review.weekly import review_of

        review = review_of(request, compare, before, this_week)
        rows_on_stdout = output == "-" or (output is None and output_format(request) != "csv")
        show_review(review, ui, to_stderr=rows_on_stdout, path=review_output)
    from dealcheck.i18n import t

    if strict and summary.rejected:
        said = t("score.strict_rejected", ui, count=summary.rejected)
        print(f"{t('error.prefix', ui)}{said}", file=sys.stderr)
    if strict and summary.unreadable:
        columns = ", ".join(repr(u.column) for u in summary.unreadable)
        rows = sum(u.rows for u in summary.unreadable)
        said = t("score.strict_unreadable", ui, count=rows, columns=columns)
        print(f"{t('error.prefix', ui)}{said}", file=sys.stderr)
    if strict and (summary.rejected or summary.unreadable):
        raise typer.Exit(1)


@command(map_app, "init")
def map_init(
    input_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A CRM export (CSV) to read the headers of.")
    ],
    framework: FrameworkOption = None,
    crm: Annotated[
        str | None,
        typer.Option(
            "--crm", metavar="CRM", help="salesforce, hubspot or pipedrive: start from that preset."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the draft here (default: stdout)."
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Force the input encoding.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    frameworks_dir: TeamDirOption = None,
    lang: LangOption = None,
) -> None:
    """Draft a mapping from a CRM export's headers and first rows, with TODOs where it cannot tell.

    Headers are matched with the CRM layouts dealcheck knows (API names, report labels
    in several UI languages) and the frameworks' criterion names and aliases in every
    language; the first 2,000 rows' values confirm or veto each match. Anything less
    than sure is written as TODO with the candidates listed.

    \b
    Examples:
      dealcheck map init export.csv -f meddpicc --crm salesforce -o export.map.yaml
      dealcheck map init ../crm/open_deals.csv -f bant -o open_deals.map.yaml
      dealcheck map init export.csv -f bant -o export.map.yaml --force   # replace the draft
    """
    from dealcheck.cli._context import config, language, team_dir
    from dealcheck.drafting.draft import draft_mapping, open_todos
    from dealcheck.i18n import t
    from dealcheck.language.loading import load_framework

    ui = language(lang)
    if output is not None:
        _refuse_replacing(input_file, output, force)
    ids = framework or config().frameworks
    frameworks = [load_framework(i, team_dir=team_dir(frameworks_dir)) for i in ids]
    text = draft_mapping(str(input_file), frameworks, crm=crm, encoding=encoding)
    if output is None:
        print(text, end="")
    else:
        from dealcheck.files.atomic import write_atomic

        write_atomic(output, text)
        left = open_todos(text)
        todo = t("map.todo_left", ui, count=left) if left else t("map.no_todo", ui)
        print(t("map.wrote", ui, output=output, todo=todo, source=input_file))


def _refuse_clashes(request: ScoreRequest, compare: str | None, review: Path | None) -> None:
    """No output may name an input or another output (exit 2 before any work)."""
    from dealcheck.files.clash import refuse_clashes

    inputs = [("input", path) for path in request.inputs]
    if request.mapping and Path(request.mapping).is_file():
        inputs.append(("--map", request.mapping))
    if compare is not None:
        inputs.append(("--compare", compare))
    outputs = [("-o", request.output), ("--rejects", request.rejects)]
    if review is not None:
        outputs.append(("--review-output", str(review)))
    refuse_clashes(inputs, [(label, path) for label, path in outputs if path])


def _refuse_replacing(input_file: Path, output: Path, force: bool) -> None:
    """`map init -o` never writes over its export, and replaces a mapping only with --force."""
    from dealcheck.errors import UsageError, say
    from dealcheck.files.clash import refuse_clashes

    refuse_clashes([("input", str(input_file))], [("-o", str(output))])
    if output.exists() and not force:
        raise UsageError(say("file.exists", path=output))


@command(map_app, "check")
def map_check(
    input_file: Annotated[str, typer.Argument(help="The CRM export the mapping is for.")],
    mapping: Annotated[
        str, typer.Option("--map", "-m", help="The mapping to check (TODOs allowed), or a preset.")
    ],
    framework: FrameworkOption = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Force the input encoding.")
    ] = None,
    lang: LangOption = None,
    frameworks_dir: TeamDirOption = None,
) -> None:
    """Show how a mapping reads an export: per column, sample values and what they become.

    Lists stage values with no place, the rows `score` would reject and why, and every
    TODO left, at FILE:LINE:COL. Exits 1 while TODOs or mapping problems remain.

    \b
    Examples:
      dealcheck map check export.csv --map export.map.yaml
      dealcheck map check export.csv --map salesforce -f meddpicc --lang ko
    """
    from dealcheck.cli._context import config, language, team_dir
    from dealcheck.drafting.map_check import check_mapping
    from dealcheck.language.loading import load_framework
    from dealcheck.render.map_check import map_check_text

    team = team_dir(frameworks_dir)

    def load(ids: list[str]) -> list[Framework]:
        wanted = framework or ids or config().frameworks
        return [load_framework(i, team_dir=team) for i in wanted]

    report = check_mapping(input_file, mapping, load, encoding=encoding, lang=language(lang))
    sys.stdout.write(map_check_text(report, language(lang)))
    if not report.ready:
        raise typer.Exit(1)


def _review_start(
    request: ScoreRequest, compare: str | None, review_output: Path | None
) -> tuple[list[DealState] | None, SnapshotWriter | None]:
    """Read last week before scoring (fail fast) and a writer to collect this week."""
    if compare is None:
        if review_output is not None:
            from dealcheck.errors import UsageError, say

            raise UsageError(say("option.review_needs_compare"))
        return None, None
    from dealcheck.cli._review_out import check_review_path
    from dealcheck.review.snapshots import SnapshotWriter
    from dealcheck.review.weekly import last_week

    check_review_path(review_output)
    return last_week(request, compare), SnapshotWriter()
