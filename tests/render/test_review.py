"""Golden files for the weekly review in the terminal and in Markdown.

Regenerate after an intended change with
`UPDATE_GOLDEN=1 python -m pytest tests/render/test_review.py` and review the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from dealcheck.render.review_md import md, review_markdown
from dealcheck.render.review_view import review_renderable
from dealcheck.review.compare import PipelineReview, compare
from tests.conftest import ROOT
from tests.render.review_fixture import ACME, two_weeks
from tests.render.test_golden import plain

GOLDEN = ROOT / "tests" / "golden" / "review"
RENDERERS: dict[str, Callable[[PipelineReview, str], str]] = {
    "review.txt": lambda r, lang: plain(review_renderable(r, lang)),
    "review.md": review_markdown,
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden(name: str, lang: str) -> None:
    rendered = RENDERERS[name](two_weeks(), lang)
    golden = GOLDEN / f"{lang}-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


def test_markdown_has_no_raw_html_or_live_links() -> None:
    text = review_markdown(two_weeks(), "en")
    assert not re.search(r"(?<!\\)<", text)  # every < is backslash-escaped
    assert not re.search(r"(?<!\\)\[", text)  # so no [text](url) link can form
    assert "Acme \\| data platform" in text and "Initech \\| \\*bold\\* \\_x\\_" in text
    for table in text.split("\n\n"):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines() if "|" in row}
        assert len(widths) <= 1, table  # no cell's pipe splits a row


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("a | b", "a \\| b"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("line\nbreak", "line break"),
        ("AT&T", "AT&amp;T"),
        ("`code`", "\\`code\\`"),
    ],
)
def test_md_escapes(text: str, safe: str) -> None:
    assert md(text) == safe


def test_quiet_week_says_so() -> None:
    quiet = compare([ACME], [ACME])
    assert "Nothing changed." in review_markdown(quiet, "en")
    assert "Nothing changed." in plain(review_renderable(quiet, "en"))


def test_a_week_scored_on_nothing_shows_no_score_and_no_change_in_points() -> None:
    # --basics-only or red flags alone: the deal moved on its verdict, not on a score
    # going from 0 to 0.
    before = replace(ACME, score=None, recommendation="dig-deeper")
    after = replace(ACME, score=None, recommendation="disqualify")
    text = review_markdown(compare([before], [after]), "en")

    [row] = [line for line in text.splitlines() if line.startswith(f"| {md(ACME.label)}")]
    cells = [cell.strip() for cell in row.strip("|").split(" | ")]
    assert cells[2:5] == ["—", "—", "—"]
    assert "= 0.0" not in text and "| 0 |" not in text
