"""The learning report as an HTML page: its sections, escaping, and a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.render.html.learn import learn_html
from tests.render.html.chromium import load
from tests.render.html.parsing import SVG, assert_safe, find, svgs, text_of
from tests.render.learn_fixture import HOSTILE, learn_report


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_sections_in_reading_order_and_user_text_escaped(lang: str) -> None:
    html = learn_html(learn_report(lang, hostile=True))

    assert_safe(html)
    assert not find(html, "a")
    sections = [s.attrs["id"] for s in find(html, "section")]
    assert sections == [
        "findings",
        "no-effect",
        "stages",
        "calibration",
        "losses",
        "by-stage-reached",
        "by-owner",
        "by-product",
        "honesty",
    ]
    [losses] = find(html, "section", id="losses")
    assert HOSTILE in text_of(losses)


def test_the_score_bands_are_drawn_as_win_rates() -> None:
    report = learn_report("en")
    html = learn_html(report)

    [chart] = svgs(html, "bars")
    drawn = {r.get("data-key"): r.get("data-value") for r in chart.iter(f"{SVG}rect")}
    assert drawn == {rate.group: f"{rate.rate:g}" for rate in report.score_bands}


def test_the_first_finding_is_the_planted_one() -> None:
    html = learn_html(learn_report("en"))

    [findings] = find(html, "section", id="findings")
    assert text_of(findings).split("Economic buyer: Confirmed", 1)[0].count("won ") == 0


@pytest.mark.browser
def test_learn_page_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "learn.html"
    page.write_text(learn_html(learn_report("ko", hostile=True)), encoding="utf-8")

    loaded = load(page, tmp_path / "browser")

    assert loaded.problems() == []
    assert "수주·실주 딜 분석" in loaded.text and "경제적 구매자: 확인됨" in loaded.text
    assert "</script><script>alert(1)</script>" in loaded.text
    assert loaded.screenshot.stat().st_size > 20_000
    assert not find(loaded.dom, "script")
