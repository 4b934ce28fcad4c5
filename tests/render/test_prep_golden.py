"""Golden files for `prep` on a late-stage deal: text at 80 columns and Markdown, en and ko.

Regenerate after an intended change with
`UPDATE_GOLDEN=1 python -m pytest tests/render/test_prep_golden.py` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dealcheck.deals.call_plan import call_plan
from dealcheck.deals.history import build_report
from dealcheck.render.call_plan import call_plan_renderable
from dealcheck.render.markdown import call_plan_markdown
from tests.conftest import FIXTURES, ROOT
from tests.render.test_golden import TODAY, plain

GOLDEN = ROOT / "tests" / "golden" / "prep"
SCENARIOS = FIXTURES / "deals" / "prep"
PAGE_LINES = 60


def _check(rendered: str, golden: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("kind", ["txt", "md"])
def test_prep_golden(kind: str, lang: str) -> None:
    report = build_report(SCENARIOS / "late-stage.yaml", team_dir=ROOT / "frameworks", today=TODAY)
    plan = call_plan(report, lang, TODAY)

    rendered = (
        plain(call_plan_renderable(plan, lang), 80)
        if kind == "txt"
        else call_plan_markdown(plan, lang)
    )

    _check(rendered, GOLDEN / f"{lang}-late-stage.{kind}")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("deal", sorted(p.stem for p in SCENARIOS.glob("*.yaml")))
def test_the_call_plan_fits_one_page_at_80_columns(deal: str, lang: str) -> None:
    report = build_report(SCENARIOS / f"{deal}.yaml", team_dir=ROOT / "frameworks", today=TODAY)

    text = plain(call_plan_renderable(call_plan(report, lang, TODAY), lang), 80)

    lines = text.splitlines()
    assert len(lines) <= PAGE_LINES, f"{deal} ({lang}) runs to {len(lines)} lines"
    assert max(len(line) for line in lines) <= 80
