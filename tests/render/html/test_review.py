from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.render.html.review import review_html
from dealcheck.review.compare import compare
from tests.render.html.chromium import load
from tests.render.html.parsing import SVG, assert_safe, find, svgs, text_of
from tests.render.review_fixture import ACME, two_weeks


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_review_sections_and_escaping(lang: str) -> None:
    html = review_html(two_weeks(), lang)
    assert_safe(html)
    assert not find(html, "a")
    sections = [s.attrs["id"] for s in find(html, "section")]
    assert sections == ["moved", "new-flags", "slipped", "appeared", "left"]
    [left] = find(html, "section", id="left")
    assert "</script><script>alert(1)</script>" in text_of(left)
    [chart] = svgs(html, "bars")
    counts = {r.get("data-key"): r.get("data-value") for r in chart.iter(f"{SVG}rect")}
    assert counts == {
        "forecast_moves": "0",
        "moved": "2",
        "new_flags": "1",
        "slipped": "2",
        "appeared": "1",
        "left": "1",
    }


def test_moves_are_marked_up_and_down() -> None:
    html = review_html(two_weeks(), "en")
    assert [text_of(c) for c in find(html, "td", class_="num down")] == ["▼ −21.0"]
    assert [text_of(c) for c in find(html, "td", class_="num up")] == ["▲ +13.5"]


def test_quiet_week() -> None:
    html = review_html(compare([ACME], [ACME]), "en")
    assert "Nothing changed." in html and not find(html, "section")


@pytest.mark.browser
def test_review_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(review_html(two_weeks(), "ko"), encoding="utf-8")
    loaded = load(page, tmp_path / "browser")
    assert loaded.problems() == []
    assert "주간 파이프라인 리뷰" in loaded.text and "▼ −21.0" in loaded.text
    assert loaded.screenshot.stat().st_size > 20_000
    assert not find(loaded.dom, "script")


def test_long_sections_are_cut_with_a_note() -> None:
    from dataclasses import replace

    before = [replace(ACME, deal_id=str(n), name=f"D{n}") for n in range(250)]
    after = [replace(s, score=s.score + 10) for s in before]
    html = review_html(compare(before, after), "en")
    [moved] = find(html, "section", id="moved")
    assert len(find(html, "tr")) == 101  # header + ROW_LIMIT
    assert "(250)" in text_of(moved) and "… and 150 more" in text_of(moved)
