"""Golden reports of a deal with unknown gaps and a partly confirmed criterion.

An unknown gap names 'unknown' once and the level expected (it used to read
"unknown (unknown → Assumed)"); a question about a criterion the customer partly
confirmed starts past the opening question and quotes what is on record.
Regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/render/test_gap_golden.py`.
"""

from __future__ import annotations

import os

import pytest

from dealcheck.deals.history import DealReport, build_report
from dealcheck.render.deal_report import report_renderable
from dealcheck.render.markdown import report_markdown
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, ROOT
from tests.render.test_golden import TODAY, plain

GOLDEN = ROOT / "tests" / "golden" / "deals"
DEAL = FIXTURES / "deals" / "unknown-gap-deal.yaml"


@pytest.fixture(scope="module")
def report() -> DealReport:
    return build_report(DEAL, team_dir=FRAMEWORK_FIXTURES, today=TODAY)


def _rendered(report: DealReport, lang: str, kind: str) -> str:
    return (
        plain(report_renderable(report, lang), 80)
        if kind == "txt"
        else report_markdown(report, lang)
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("kind", ["txt", "md"])
def test_unknown_gap_golden(report: DealReport, lang: str, kind: str) -> None:
    rendered = _rendered(report, lang, kind)
    golden = GOLDEN / f"{lang}-unknown-gap.{kind}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Budget: unknown (expected: Assumed)"),
        ("ko", "예산: 파악되지 않음 (기대 수준: 추정)"),
    ],
)
def test_an_unknown_gap_says_unknown_once(report: DealReport, lang: str, line: str) -> None:
    assert f"  • {line}" in _rendered(report, lang, "txt").splitlines()
    assert f"- {line}" in _rendered(report, lang, "md").splitlines()


def test_a_partly_confirmed_criterion_is_asked_past_what_is_known(report: DealReport) -> None:
    text = plain(report_renderable(report, "en"), 80)

    assert "What made you look for a solution?" not in text
    assert "What does it cost you today? (on record: «Close takes 12 days»)" in text
