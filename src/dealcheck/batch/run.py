"""Glue for `dealcheck score`: resolve frameworks and mapping, open outputs, run the pipeline."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.read.quota import read_quota
from dealcheck.batch.row_loop import Progress
from dealcheck.batch.summarise.builder import PipelineSummary
from dealcheck.batch.write.destination import destination
from dealcheck.batch.write.outputs import (
    FORMATS,
    CsvWriter,
    JsonLinesWriter,
    RejectsWriter,
    ScoredWriter,
)
from dealcheck.batch.write.tee import Tee
from dealcheck.errors import UsageError, say
from dealcheck.language.framework import Framework, StepTemplate
from dealcheck.mapping.loading import load_mapping


@dataclass
class ScoreRequest:
    """The options of `dealcheck score`, as given."""

    inputs: list[str]
    frameworks: list[str]
    mapping: str | None
    output: str | None
    format: str | None
    rejects: str | None
    encoding: str | None
    delimiter: str | None
    today: date | None
    lang: str
    bom: bool
    team_dir: Path | None
    default_frameworks: list[str]
    basics_only: bool = False
    quota: str | None = None
    #: The team's close plan step templates (`.dealcheck.yaml`), for plan columns.
    team_steps: tuple[StepTemplate, ...] = ()


def output_format(request: ScoreRequest) -> str:
    """The output format: --format, else the output file's known extension, else csv."""
    if request.format is None:
        extension = Path(request.output).suffix.lstrip(".").lower() if request.output else ""
        extension = "md" if extension == "markdown" else extension
        return extension if extension in FORMATS else "csv"
    chosen = "md" if request.format == "markdown" else request.format
    if chosen not in FORMATS:
        raise UsageError(say("option.format", given=chosen, allowed=", ".join(FORMATS)))
    return chosen


DELIMITERS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def _delimiter(given: str | None) -> str | None:
    """The delimiter character for --delimiter (a name or the character itself).

    Raises:
        UsageError: Neither a known name nor one character that can separate fields.
    """
    if given is None:
        return None
    chosen = DELIMITERS.get(given.lower(), given)
    if len(chosen) != 1 or chosen in '"\r\n' or chosen.isalnum():
        raise UsageError(say("option.delimiter", given=given))
    return chosen


def run_score(
    request: ScoreRequest,
    progress: Progress | None = None,
    observer: ScoredWriter | None = None,
) -> PipelineSummary:
    """Run `dealcheck score`; the scored file is written, the summary returned.

    `observer` sees every scored row too (e.g. to compare with last week).

    Raises:
        UsageError, InputError, ValidationFailed: As the pipeline does.
    """
    from dealcheck.language.loading import load_framework

    fmt = output_format(request)
    mapping, tree = (
        load_mapping(request.mapping, checked_on=request.inputs[0] if request.inputs else None)
        if request.mapping
        else (None, None)
    )
    ids = (
        request.frameworks or (mapping.frameworks if mapping else []) or request.default_frameworks
    )
    frameworks: list[Framework] = [load_framework(i, team_dir=request.team_dir) for i in ids]
    delimiter = _delimiter(request.delimiter)
    job = ScoreJob(
        inputs=request.inputs,
        frameworks=frameworks,
        mapping=mapping,
        mapping_tree=tree,
        today=request.today or date.today(),
        encoding=request.encoding,
        delimiter=delimiter,
        lang=request.lang,
        with_reports=fmt in ("json", "jsonl"),
        basics_only=request.basics_only,
        mapping_name=request.mapping,
        quota=read_quota(request.quota, mapping.currency if mapping else None),
        team_steps=request.team_steps,
    )
    with ExitStack() as stack:
        writer: ScoredWriter | None = None
        if fmt in ("csv", "json", "jsonl") and (request.output or fmt != "csv"):
            stream = stack.enter_context(
                destination(request.output or "-", bom=request.bom and fmt == "csv")
            )
            writer = (
                CsvWriter(stream) if fmt == "csv" else JsonLinesWriter(stream, array=fmt == "json")
            )
        if observer is not None:
            writer = observer if writer is None else Tee(writer, observer)
        rejects = None
        if request.rejects:
            rejects = RejectsWriter(
                stack.enter_context(destination(request.rejects, bom=request.bom))
            )
        summary = score_pipeline(job, writer, rejects, progress)
        if writer is not None:
            writer.finish(summary)
    return summary
