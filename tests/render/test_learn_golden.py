"""Golden files for `dealcheck learn` on the terminal (80 columns) and in Markdown.

Regenerate after an intended change with
`UPDATE_GOLDEN=1 python -m pytest tests/render/test_learn_golden.py` and review the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import pytest

from dealcheck.learn.report import LearnReport
from dealcheck.render.learn_md import learn_markdown
from dealcheck.render.learn_view import learn_text
from tests.conftest import ROOT
from tests.render.learn_fixture import learn_report

GOLDEN = ROOT / "tests" / "golden" / "learn"
RENDERERS: dict[str, Callable[[LearnReport], str]] = {
    "learn.txt": learn_text,
    "learn.md": learn_markdown,
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden(name: str, lang: str) -> None:
    rendered = RENDERERS[name](learn_report(lang))
    golden = GOLDEN / f"{lang}-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


def test_the_text_report_holds_80_columns() -> None:
    from rich.cells import cell_len

    for lang in ("en", "ko"):
        assert max(cell_len(line) for line in learn_text(learn_report(lang)).splitlines()) <= 80


def test_markdown_keeps_user_text_inert() -> None:
    text = learn_markdown(learn_report("en", hostile=True))

    assert not re.search(r"(?<!\\)<", text)
    assert not re.search(r"(?<!\\)\[", text)
    for table in text.split("\n\n"):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines() if "|" in row}
        assert len(widths) <= 1, table
