"""The call plan as HTML: one printable page, every piece of deal text escaped."""

from __future__ import annotations

import pytest

from dealcheck.deals.call_plan import call_plan
from dealcheck.deals.history import build_report
from dealcheck.render.html.prep import call_plan_html
from tests.conftest import FIXTURES, ROOT
from tests.render.html.parsing import assert_safe, find, text_of
from tests.render.test_golden import TODAY

SCENARIOS = FIXTURES / "deals" / "prep"


def prep_page(deal: str, lang: str) -> str:
    report = build_report(SCENARIOS / f"{deal}.yaml", team_dir=ROOT / "frameworks", today=TODAY)
    return call_plan_html(call_plan(report, lang, TODAY), lang)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_hostile_text_never_becomes_markup(lang: str) -> None:
    page = prep_page("hostile", lang)

    assert_safe(page)
    assert not find(page, "script")
    assert not find(page, "iframe")
    assert not find(page, "img")
    assert "onerror" not in page.replace("onerror=alert", "")  # only inside escaped text
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in page  # the timeline's person, as text
    assert "&lt;iframe src=//evil&gt;" in page


def test_the_timeline_lists_the_plan_in_date_order() -> None:
    page = prep_page("late-stage", "en")

    targets = [text_of(cell) for cell in find(page, "td", **{"class": "num"})]
    assert targets == ["2025-06-06", "2025-06-20", "2025-06-27", "2025-06-30"]
    steps = [text_of(cell) for cell in find(page, "td")][1::6]
    assert steps[2] == "Procurement vendor set-up"
