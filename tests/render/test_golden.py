"""Golden files for the text and Markdown reports and the call plan.

Rendered at a fixed width with no colour. Regenerate after an intended change with
`UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from dealcheck.deals.call_plan import call_plan
from dealcheck.deals.history import DealReport, build_report
from dealcheck.render.call_plan import call_plan_renderable
from dealcheck.render.deal_report import report_renderable
from dealcheck.render.markdown import call_plan_markdown, report_markdown
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "deals"
DEAL = FIXTURES / "deals" / "golden-deal.yaml"
TODAY = dt.date(2025, 6, 13)


def plain(renderable: RenderableType, width: int = 100) -> str:
    with open(os.devnull, "w", encoding="utf-8") as sink:
        console = Console(width=width, no_color=True, force_terminal=False, record=True, file=sink)
        console.print(renderable)
        text = console.export_text()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


RENDERERS: dict[str, Callable[[DealReport, str], str]] = {
    "report.txt": lambda r, lang: plain(report_renderable(r, lang)),
    "report.80.txt": lambda r, lang: plain(report_renderable(r, lang), 80),
    "report.60.txt": lambda r, lang: plain(report_renderable(r, lang), 60),
    "report.md": report_markdown,
    "prep.txt": lambda r, lang: plain(call_plan_renderable(call_plan(r, lang, TODAY), lang), 80),
    "prep.md": lambda r, lang: call_plan_markdown(call_plan(r, lang, TODAY), lang),
}


@pytest.fixture(scope="module")
def report() -> DealReport:
    return build_report(DEAL, team_dir=FRAMEWORK_FIXTURES, today=TODAY)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden(report: DealReport, name: str, lang: str) -> None:
    rendered = RENDERERS[name](report, lang)
    golden = GOLDEN / f"{lang}-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


def test_markdown_escapes_user_text(report: DealReport) -> None:
    text = report_markdown(report, "en")
    assert "Golden \\| Pipe &amp; &lt;Tag&gt; Deal" in text
    assert "12 days \\| two analysts" in text
    assert "<" not in text.replace("&lt;", "")


def test_report_shows_changes_since_last_time(report: DealReport) -> None:
    text = report_markdown(report, "en")
    assert "Since 2025-04-01: score +21.7" in text
    assert "- Pain: Assumed → Confirmed" in text


def test_call_plan_recaps_only_what_the_customer_confirmed(report: DealReport) -> None:
    plan = call_plan(report, "en", TODAY)
    agreed = {line.part.value: line.agreed for line in plan.recap.lines}
    assert agreed["outcome"] == [] and agreed["proof"] == []  # pain is not the outcome
    assert plan.questions and len(plan.questions) <= 3


def test_every_example_deal_renders(in_repo: Path) -> None:
    deals = sorted((in_repo / "examples" / "deals").glob("*.yaml"))
    assert len(deals) >= 3
    for path in deals:
        built = build_report(path, team_dir=in_repo / "frameworks", today=TODAY)
        for render in RENDERERS.values():
            assert render(built, "ko") and render(built, "en")
