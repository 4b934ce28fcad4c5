"""The HTML reports in a real browser: headless Chromium, from disk, with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.deals.history import build_report
from dealcheck.render.html.deal import deal_report_html
from dealcheck.render.html.pipeline import pipeline_html
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES
from tests.render.html.chromium import PNG_MAGIC, Loaded, load
from tests.render.html.parsing import find
from tests.render.html.test_pipeline import salesforce_summary
from tests.render.test_golden import TODAY

pytestmark = pytest.mark.browser


def _looks_drawn(loaded: Loaded) -> None:
    data = loaded.screenshot.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 20_000, "the screenshot is nearly empty"
    assert loaded.problems() == []


def test_a_page_with_a_script_is_caught(tmp_path: Path) -> None:
    # The check itself: inline scripts and remote images are reported as problems.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'\"></head><body><p>x</p>"
        "<script>undefinedFn()</script><img src='https://example.com/x.png'></body></html>",
        encoding="utf-8",
    )
    loaded = load(page, tmp_path / "browser")
    assert len(loaded.problems()) >= 2


@pytest.mark.parametrize(("deal", "lang"), [("golden-deal", "en"), ("hostile-deal", "ko")])
def test_deal_report_in_chromium(tmp_path: Path, deal: str, lang: str) -> None:
    report = build_report(
        FIXTURES / "deals" / f"{deal}.yaml", team_dir=FRAMEWORK_FIXTURES, today=TODAY
    )
    page = tmp_path / "deal.html"
    page.write_text(deal_report_html(report, lang), encoding="utf-8")

    loaded = load(page, tmp_path / "browser")

    _looks_drawn(loaded)
    recommendation = {"en": "dig deeper", "ko": "추가 검증 필요"}[lang]
    assert f"{report.assessment.score:.0f}" in loaded.text
    assert recommendation in loaded.text
    assert [e.attrs.get("class") for e in find(loaded.dom, "polygon")].count("actual") == 1
    assert find(loaded.dom, "polygon", class_="expected")
    assert not find(loaded.dom, "script")  # the DOM after load holds no injected script
    assert report.deal.name in loaded.text  # shown as text, not run


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_pipeline_report_in_chromium(tmp_path: Path, lang: str) -> None:
    summary = salesforce_summary()
    page = tmp_path / "pipeline.html"
    page.write_text(pipeline_html(summary, lang), encoding="utf-8")

    loaded = load(page, tmp_path / "browser")

    _looks_drawn(loaded)
    counts = {
        "en": "52 rows read: 49 scored, 3 rejected",
        "ko": "읽은 행 52개: 채점 49개, 거부 3개",
    }
    assert counts[lang] in loaded.text
    assert len(find(loaded.dom, "rect")) >= 2 * len(summary.by_stage)
    assert summary.at_risk[0].name in loaded.text
    heat = {"en": "Criteria × largest open deals", "ko": "기준 × 금액이 큰 진행 중인 딜"}
    assert heat[lang] in loaded.text
    assert find(loaded.dom, "td", class_="gap") and find(loaded.dom, "td", class_="met")
    assert len(find(loaded.dom, "figure")) >= 4 + len(summary.by_owner)
