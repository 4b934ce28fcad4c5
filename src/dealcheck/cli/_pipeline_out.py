"""Where the pipeline summary goes: the terminal, stdout, or the `-o` file."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from dealcheck.cli import _console
from dealcheck.render.pipeline_view import pipeline_summary

if TYPE_CHECKING:
    from dealcheck.batch.summarise.builder import PipelineSummary


def show_summary(summary: PipelineSummary, lang: str, fmt: str, output: str | None) -> None:
    """Print the summary where it does not mix with scored rows on stdout."""
    if fmt == "md" and output is None:
        from dealcheck.render.pipeline_md import pipeline_markdown

        sys.stdout.write(pipeline_markdown(summary, lang))
        return
    if fmt == "html" and output is None:
        from dealcheck.render.html.pipeline import pipeline_html

        sys.stdout.write(pipeline_html(summary, lang))
        return
    rows_on_stdout = output == "-" or (output is None and fmt in ("json", "jsonl"))
    console = _console.err() if rows_on_stdout else _console.out()
    console.print(pipeline_summary(summary, lang))


def write_summary_document(summary: PipelineSummary, lang: str, fmt: str, output: str) -> None:
    """Write the Markdown or HTML summary to `output`, replacing it only when complete."""
    from dealcheck.batch.write.destination import destination

    if fmt == "md":
        from dealcheck.render.pipeline_md import pipeline_markdown

        document = pipeline_markdown(summary, lang)
    else:
        from dealcheck.render.html.pipeline import pipeline_html

        document = pipeline_html(summary, lang)
    with destination(output, bom=False) as stream:
        stream.write(document)
