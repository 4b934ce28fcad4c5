from __future__ import annotations

import math
from pathlib import Path

import pytest

from dealcheck.deals.history import DealReport, build_report
from dealcheck.render.html.deal import deal_report_html, level_share
from dealcheck.render.html.svg import RADAR_HEIGHT, RADAR_RADIUS, RADAR_WIDTH
from tests.conftest import FIXTURES, FRAMEWORK_FIXTURES
from tests.render.html.parsing import SVG, assert_safe, find, svgs, text_of
from tests.render.test_golden import TODAY

GOLDEN_DEAL = FIXTURES / "deals" / "golden-deal.yaml"
HOSTILE_DEAL = FIXTURES / "deals" / "hostile-deal.yaml"


@pytest.fixture(scope="module")
def golden() -> DealReport:
    return build_report(GOLDEN_DEAL, team_dir=FRAMEWORK_FIXTURES, today=TODAY)


@pytest.fixture(scope="module")
def hostile() -> DealReport:
    return build_report(HOSTILE_DEAL, team_dir=FRAMEWORK_FIXTURES, today=TODAY)


def _radius(x: float, y: float) -> float:
    return math.hypot(x - RADAR_WIDTH / 2, y - RADAR_HEIGHT / 2) / RADAR_RADIUS


def _shares(points: str) -> list[float]:
    pairs = [tuple(map(float, p.split(","))) for p in points.split()]
    return [round(_radius(x, y), 3) for x, y in pairs]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_verdict_comes_first_with_score_and_recommendation(golden: DealReport, lang: str) -> None:
    html = deal_report_html(golden, lang)
    [score] = find(html, "div", id="score")
    [recommendation] = find(html, "div", id="recommendation")
    assert text_of(score) == f"{golden.assessment.score:.0f}"
    expected = {"en": "dig deeper", "ko": "추가 검증 필요"}[lang]
    assert text_of(recommendation) == expected
    assert html.index('id="verdict"') < html.index('class="chart radar"')


def test_radar_has_one_axis_per_criterion_and_plots_the_levels(golden: DealReport) -> None:
    html = deal_report_html(golden, "en")
    [card] = golden.assessment.scorecards
    [chart] = svgs(html, "radar")
    axes = chart.findall(f"{SVG}line[@class='axis']")
    assert [a.get("data-criterion") for a in axes] == [c.criterion.id for c in card.criteria]
    points = {p.get("data-criterion"): p for p in chart.findall(f"{SVG}circle[@class='point']")}
    for scored in card.criteria:
        share = level_share(card.framework, scored, scored.level)
        point = points[scored.criterion.id]
        assert float(point.get("data-value", "nan")) == pytest.approx(share, abs=1e-3)
        assert _radius(float(point.get("cx", 0)), float(point.get("cy", 0))) == pytest.approx(
            share, abs=1e-3
        )
    # pain confirmed (top), champion assumed (1/3), budget absent (0)
    [actual] = chart.findall(f"{SVG}polygon[@class='actual']")
    assert _shares(actual.get("points", "")) == [1.0, 0.333, 0.0]


def test_radar_outlines_the_level_expected_at_the_stage(golden: DealReport) -> None:
    html = deal_report_html(golden, "en")
    [card] = golden.assessment.scorecards
    [chart] = svgs(html, "radar")
    [expected] = chart.findall(f"{SVG}polygon[@class='expected']")
    wanted = [round(level_share(card.framework, c, c.expected), 3) for c in card.criteria]
    assert _shares(expected.get("points", "")) == wanted
    assert wanted == [0.667, 0.667, 0.333]  # proposal: pain & champion partial, budget assumed


def test_history_line_has_one_point_per_past_qualification(golden: DealReport) -> None:
    [chart] = svgs(deal_report_html(golden, "en"), "history")
    points = chart.findall(f"{SVG}circle[@class='point']")
    assert [(p.get("data-label"), p.get("data-score")) for p in points] == [
        ("2025-04-01", "13.3"),
        ("2025-05-02", "35"),
    ]
    assert chart.find(f"{SVG}polyline[@class='history']") is not None


def test_history_stops_at_the_chosen_qualification() -> None:
    first = build_report(GOLDEN_DEAL, team_dir=FRAMEWORK_FIXTURES, at=1, today=TODAY)
    [chart] = svgs(deal_report_html(first, "en"), "history")
    assert len(chart.findall(f"{SVG}circle")) == 1
    assert chart.find(f"{SVG}polyline") is None


def test_gaps_carry_their_next_questions(golden: DealReport) -> None:
    html = deal_report_html(golden, "en")
    [champion] = find(html, "li", data_criterion="champion")
    assert "Who else needs to be convinced?" in text_of(champion)
    assert "critical" in text_of(champion)


def test_red_flags_and_evidence_with_source_and_date(golden: DealReport) -> None:
    html = deal_report_html(golden, "en")
    [flag] = find(html, "li", data_flag="no-event")
    assert text_of(flag).startswith("⚑ No compelling event (−15 points)")
    [pain] = find(html, "tr", data_criterion="pain")
    assert "Close takes 12 days | two analysts" in text_of(pain)
    assert "confirmed by the customer 2025-05-01" in text_of(pain)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_user_text_is_escaped_everywhere(hostile: DealReport, lang: str) -> None:
    html = deal_report_html(hostile, lang)
    assert_safe(html)
    [h1] = find(html, "h1")
    assert text_of(h1) == "</script><script>alert(1)</script>"
    assert "<img src=x onerror=alert(1)>" in html.replace("&lt;", "<").replace("&gt;", ">")
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    assert "onerror=alert(1)>" not in html  # only ever as escaped text


def test_only_http_links_are_made(hostile: DealReport) -> None:
    html = deal_report_html(hostile, "en")
    links = find(html, "a")
    assert [a.attrs["href"] for a in links] == ["https://crm.example.com/deal?id=1&x="]
    assert all("noopener" in a.attrs["rel"] for a in links)
    [budget] = find(html, "tr", data_criterion="budget")
    assert "' onmouseover='alert(1)" in text_of(budget)


def test_every_example_deal_renders(in_repo: Path) -> None:
    for path in sorted((in_repo / "examples" / "deals").glob("*.yaml")):
        built = build_report(path, team_dir=in_repo / "frameworks", today=TODAY)
        for lang in ("en", "ko"):
            html = deal_report_html(built, lang)
            assert_safe(html)
            assert len(svgs(html, "radar")) == sum(
                1 for c in built.assessment.scorecards if c.framework.criteria
            )


def test_ask_next_shows_even_without_gaps(tmp_path: Path) -> None:
    from dealcheck.deals import store

    deal = tmp_path / "deal.yaml"
    store.save_deal(
        deal,
        store.Deal.model_validate(
            {
                "name": "No gaps yet",
                "stage": "discovery",
                "qualifications": [
                    {
                        "date": "2025-05-02",
                        "stage": "discovery",
                        "frameworks": ["mini@1.0.0"],
                        "answers": {"mini": {"criteria": {"pain": "confirmed"}}},
                    }
                ],
            }
        ),
    )
    report = build_report(deal, team_dir=FRAMEWORK_FIXTURES, today=TODAY)
    assert not report.assessment.gaps and report.assessment.next_questions

    html = deal_report_html(report, "en")

    [gaps] = find(html, "section", id="gaps")
    shown = text_of(gaps)
    assert "No gaps at this stage" in shown and "Ask next" in shown
    assert all(q.text.get("en") in shown for q in report.assessment.next_questions)


def test_table_cells_wrap_between_words_not_inside_them(golden: DealReport) -> None:
    html = deal_report_html(golden, "en")
    rule = html.split("th, td {", 1)[1].split("}", 1)[0]
    # break-word would let a narrow column cut "Competition" into "Competitio/n"
    assert "word-break" not in rule and "overflow-wrap: break-word" in rule


def test_a_page_with_hangul_says_in_english_which_font_it_needs(golden: DealReport) -> None:
    korean = deal_report_html(golden, "ko")
    english = deal_report_html(golden, "en")

    [note] = find(korean, "p", id="font-note")
    assert "Hangul font" in text_of(note) and "fonts-nanum" in text_of(note)
    assert find(english, "p", id="font-note") == []  # nothing Korean on it to render
