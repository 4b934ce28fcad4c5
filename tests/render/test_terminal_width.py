"""At 60 and 80 columns the deal report wraps between words: no word, bar or line is cut."""

from __future__ import annotations

import re
import unicodedata

import pytest

from dealcheck.deals.history import DealReport, build_report
from dealcheck.render.deal_report import report_renderable
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES, ROOT
from tests.render.test_golden import TODAY, plain

DEALS = [
    (FIXTURES / "deals" / "golden-deal.yaml", FRAMEWORK_FIXTURES),
    (ROOT / "examples" / "deals" / "acme-finance-close-automation.yaml", ROOT / "frameworks"),
    (ROOT / "examples" / "deals" / "한빛정밀-설비-예지보전.yaml", ROOT / "frameworks"),
]
BORDERS = "│┃┏┓┗┛┡┩└┘├┤┬┴┼━─╇╈╋┳┻╭╮╰╯"


def cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def words_of(report: DealReport, lang: str) -> set[str]:
    """Every word a rep typed (evidence) or a framework names (criteria, levels)."""
    words: set[str] = set()
    for card in report.assessment.scorecards:
        for scored in card.criteria:
            words |= set(scored.answer.evidence.split())
            words |= set(scored.criterion.name.get(lang).split())
    return words


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("deal", "team"), DEALS, ids=["golden", "acme", "hanbit"])
def test_words_and_bars_stay_whole(deal: object, team: object, lang: str, width: int) -> None:
    report = build_report(deal, team_dir=team, today=TODAY)  # type: ignore[arg-type]
    text = plain(report_renderable(report, lang), width)

    assert max(cells(line) for line in text.splitlines()) <= width
    shown = set(re.sub(f"[{BORDERS}]", " ", text).split())
    cut = sorted(word for word in words_of(report, lang) if word not in shown)
    assert cut == [], f"cut inside a word at {width} columns"
    assert {len(b) for b in re.findall("[█░]+", text)} == {8}, "a bar was cut"


def test_markdown_prose_says_dig_deeper_not_the_id() -> None:
    pages = sorted((ROOT / "tests" / "golden").rglob("*.md"))
    assert len(pages) >= 4  # deal report, call plan, pipeline summary, weekly review

    assert [p.name for p in pages if "dig-deeper" in p.read_text(encoding="utf-8")] == []
