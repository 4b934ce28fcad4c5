"""`dealcheck framework test` and `framework diff`: frameworks reviewed like code."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from dealcheck.cli._errors import command
from dealcheck.cli._options import FrameworkOption, LangOption, TeamDirOption
from dealcheck.cli.framework import app


@command(app, "test")
def run_framework_tests(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Test files or folders (default: tests/ in the team folder)."),
    ] = None,
    builtin: Annotated[
        bool, typer.Option("--builtin", help="Run the tests shipped with the built-in frameworks.")
    ] = False,
    frameworks_dir: TeamDirOption = None,
    lang: LangOption = None,
) -> None:
    """Score example deals and check the verdicts the team expects; exit 1 on any failure.

    Each test file names a framework and lists example deals: answers, a stage and the
    expected recommendation, grade, score, gaps or red flags (only what is stated is
    checked). See README, "Framework tests".

    \b
    Examples:
      dealcheck framework test
      dealcheck framework test frameworks/tests/acme.yaml --lang ko
      dealcheck framework test --builtin
    """
    from dealcheck.cli._context import language, team_dir
    from dealcheck.policy.run import run_tests
    from dealcheck.render.framework_tests import test_report

    results = run_tests(paths or [], team_dir=team_dir(frameworks_dir), builtin=builtin)
    sys.stdout.write(test_report(results, language(lang)))
    if any(r.failed or r.problems for r in results):
        raise typer.Exit(1)


@command(app, "diff")
def diff(
    old: Annotated[str, typer.Argument(help="Old version: id, file, or git:REV:PATH.")],
    new: Annotated[str, typer.Argument(help="New version: id, file, or git:REV:PATH.")],
    output_format: Annotated[
        str, typer.Option("--format", help="text (terminal) or md (a pull-request comment).")
    ] = "text",
    impact: Annotated[
        list[str] | None,
        typer.Option(
            "--impact",
            metavar="PIPELINE",
            help="Re-score a pipeline with both versions: a CRM export or scored CSV "
            "(with --map), or a folder of deal files. Repeat for several files.",
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option("--map", help="Mapping file or preset for --impact (as for score)."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Force the encoding of --impact files, e.g. cp949."),
    ] = None,
    today: Annotated[
        datetime | None,
        typer.Option(
            "--today",
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="Reference date for --impact (evidence age, as for score).",
        ),
    ] = None,
    framework: FrameworkOption = None,
    frameworks_dir: TeamDirOption = None,
    lang: LangOption = None,
) -> None:
    """Show what a framework change means: criteria, weight shares, levels, flags, grades, texts.

    Both versions are compared with `extends` resolved, so a change in a parent shows
    in every framework built on it. With --impact, every deal of a pipeline is scored
    with both versions: recommendations that change (deals and amount), the largest
    score moves, and whether closed deals' won and lost separate better.

    \b
    Examples:
      dealcheck framework diff git:origin/main:frameworks/acme.yaml frameworks/acme.yaml
      dealcheck framework diff meddpicc frameworks/acme.yaml --format md --lang ko
      dealcheck framework diff git:HEAD:frameworks/acme.yaml frameworks/acme.yaml \\
          --impact last-week-scored.csv --map salesforce.map.yaml --format md
      dealcheck framework diff meddpicc frameworks/meddpicc.yaml \\
          --impact export.csv --map hubspot --encoding cp949 --today 2026-03-31
    """
    from dealcheck.cli._context import language, team_dir
    from dealcheck.errors import UsageError, say
    from dealcheck.policy.versions import review_change
    from dealcheck.render.framework_diff import diff_markdown, diff_text
    from dealcheck.render.framework_impact import impact_markdown, impact_text

    if output_format not in ("text", "md"):
        raise UsageError(say("option.format_text_md", given=output_format))
    for given, name in ((mapping, "--map"), (encoding, "--encoding"), (today, "--today")):
        if given and not impact:
            raise UsageError(say("option.needs_impact", option=name))
    changes, effect = review_change(
        old,
        new,
        team_dir=team_dir(frameworks_dir),
        pipeline=impact or [],
        mapping=mapping,
        frameworks=framework or [],
        encoding=encoding,
        today=today.date() if today else None,
    )
    shown = language(lang)
    markdown = output_format == "md"
    sys.stdout.write((diff_markdown if markdown else diff_text)(changes, shown))
    if effect is not None:
        sys.stdout.write((impact_markdown if markdown else impact_text)(effect, shown))
