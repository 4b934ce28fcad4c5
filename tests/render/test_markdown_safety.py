"""Every Markdown output is inert: no raw HTML, no links, no cell-splitting pipes from user text."""

from __future__ import annotations

import re

import pytest

from dealcheck.deals.call_plan import call_plan
from dealcheck.deals.history import build_report
from dealcheck.render.markdown import call_plan_markdown, report_markdown
from dealcheck.render.pipeline_md import pipeline_markdown
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES
from tests.render.html.test_pipeline import hostile_summary
from tests.render.test_golden import TODAY


def _documents(lang: str) -> dict[str, str]:
    report = build_report(
        FIXTURES / "deals" / "hostile-deal.yaml", team_dir=FRAMEWORK_FIXTURES, today=TODAY
    )
    return {
        "report": report_markdown(report, lang),
        "prep": call_plan_markdown(call_plan(report, lang), lang),
        "pipeline": pipeline_markdown(hostile_summary(), lang),
    }


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["report", "prep", "pipeline"])
def test_markdown_is_inert(name: str, lang: str) -> None:
    text = _documents(lang)[name]
    outside_code = re.sub(r"`[^`\n]*`", "", text)  # code spans show their text literally
    assert "<" not in outside_code, "raw HTML"
    assert not re.search(r"(?<!\\)\[[^\]]*\]\(", text), "a link"
    assert "alert(1)" in text  # the hostile text is still shown, as text
    for table in text.split("\n\n"):
        widths = {
            len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines() if row.startswith("|")
        }
        assert len(widths) <= 1, table
