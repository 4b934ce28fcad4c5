"""Where the weekly review goes: the terminal, and optionally a Markdown or HTML file."""

from __future__ import annotations

from pathlib import Path

from dealcheck.errors import UsageError, say
from dealcheck.review.compare import PipelineReview

REVIEW_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def check_review_path(path: Path | None) -> None:
    """Fail before any work when the review file's extension says no known format.

    Raises:
        UsageError: Not .md or .html.
    """
    if path is not None and path.suffix.lower() not in REVIEW_FORMATS:
        raise UsageError(say("option.review_output", path=path))


def review_document(review: PipelineReview, path: Path, lang: str) -> str:
    """The review as Markdown or HTML, by the file's extension."""
    check_review_path(path)
    if REVIEW_FORMATS[path.suffix.lower()] == "html":
        from dealcheck.render.html.review import review_html

        return review_html(review, lang)
    from dealcheck.render.review_md import review_markdown

    return review_markdown(review, lang)


def show_review(
    review: PipelineReview, lang: str, *, to_stderr: bool, path: Path | None = None
) -> None:
    """Print the review on the terminal (stderr when scored rows use stdout); write `path`."""
    from dealcheck.cli import _console
    from dealcheck.render.review_view import review_renderable

    if path is not None:
        from dealcheck.files.atomic import write_atomic

        write_atomic(path, review_document(review, path, lang))
    console = _console.err() if to_stderr else _console.out()
    console.print(review_renderable(review, lang))
