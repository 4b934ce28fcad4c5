from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.summarise.model import (
    ListedDeal,
    OwnerView,
    PipelineSummary,
    RejectedRow,
    Tally,
)
from dealcheck.language.loading import load_framework
from dealcheck.mapping.loading import load_mapping
from dealcheck.render.html.pipeline import pipeline_html
from tests.conftest import ROOT
from tests.render.html.parsing import SVG, assert_safe, find, svgs, text_of

EVIL = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def salesforce_summary() -> PipelineSummary:
    """The Salesforce example pipeline, scored."""
    mapping, tree = load_mapping(str(ROOT / "examples" / "salesforce.map.yaml"))
    frameworks = [load_framework(i, team_dir=ROOT / "frameworks") for i in mapping.frameworks]
    job = ScoreJob(
        [str(ROOT / "examples" / "salesforce-pipeline.csv")],
        frameworks,
        mapping,
        tree,
        date(2026, 11, 23),
    )
    return score_pipeline(job, None)


@pytest.fixture(scope="module")
def salesforce() -> PipelineSummary:
    return salesforce_summary()


def hostile_summary() -> PipelineSummary:
    risky = ListedDeal(
        EVIL,
        3,
        IMG,
        EVIL,
        IMG,
        '"><svg onload=alert(1)>',
        5e5,
        IMG,
        20.0,
        "dig-deeper",
        IMG,
        None,
        "pipeline",
        (("top-gap", EVIL), ("gap", EVIL)),
        4e5,
    )
    return PipelineSummary(
        sources=[f"{EVIL} (csv, utf-8)"],
        frameworks=["meddpicc"],
        today=date(2026, 1, 5),
        rows=3,
        scored=2,
        rejected=1,
        blank_lines=0,
        open=Tally(2, {IMG: 5e5}),
        closed={EVIL: Tally(1, {IMG: 1.0})},
        by_recommendation={"disqualify": Tally(2, {IMG: 5e5})},
        by_grade={"F": Tally(2, {IMG: 5e5})},
        by_stage={IMG: Tally(1, {IMG: 1.0}), "javascript:alert(1)": Tally(1, {IMG: 2.0})},
        gaps=[(EVIL, 2)],
        red_flags=[(IMG, 1)],
        hygiene=[("past-close-date", 1)],
        at_risk=[risky],
        reject_reasons=[(EVIL, 1)],
        reject_examples=[RejectedRow(IMG, 7, EVIL)],
        unmapped_values=[(IMG, EVIL, 1)],
        currencies=[IMG],
        warnings=[EVIL],
        forecast={"pipeline": Tally(2, {IMG: 5e5})},
        by_owner=[OwnerView(EVIL, Tally(2, {IMG: 5e5}), {}, [(EVIL, 1)], None, [risky])],
        largest=[risky],
        criteria=[EVIL, IMG],
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_bars_by_forecast_and_stage_match_the_tallies(
    salesforce: PipelineSummary, lang: str
) -> None:
    html = pipeline_html(salesforce, lang)
    assert_safe(html)
    charts = svgs(html, "bars")
    figures = find(html, "figure")
    by = [(f.attrs.get("data-by"), f.attrs.get("data-measure")) for f in figures[:4]]
    assert by == [
        ("forecast", "deals"),
        ("forecast", "amount"),
        ("stage", "deals"),
        ("stage", "amount"),
    ]
    for chart, tallies, measure in (
        (charts[0], salesforce.forecast, "deals"),
        (charts[1], salesforce.forecast, "amount"),
        (charts[2], salesforce.by_stage, "deals"),
        (charts[3], salesforce.by_stage, "amount"),
    ):
        bars = {
            r.get("data-key"): float(r.get("data-value", "nan")) for r in chart.iter(f"{SVG}rect")
        }
        expected = {
            k: float(v.deals) if measure == "deals" else v.amounts["USD"]
            for k, v in tallies.items()
        }
        assert bars == expected
        widths = {r.get("data-key"): float(r.get("width", 0)) for r in chart.iter(f"{SVG}rect")}
        largest = max(bars, key=lambda k: bars[k])
        assert widths[largest] == max(widths.values())


def test_sections_match_the_terminal_and_markdown(salesforce: PipelineSummary) -> None:
    from dealcheck.render.pipeline_format import pipeline_sections
    from dealcheck.render.pipeline_md import pipeline_markdown

    html = pipeline_html(salesforce, "en")
    [counts] = find(html, "p", id="counts")
    assert text_of(counts) == "52 rows read: 49 scored, 3 rejected"
    _, sections = pipeline_sections(salesforce, "en")
    markdown = pipeline_markdown(salesforce, "en")
    for section in sections:
        [shown] = find(html, "section", id=section.key)
        assert section.title in text_of(shown)
        assert f"## {section.title}" in markdown
        for row in section.rows:
            assert row[0] in text_of(shown)
    [at_risk] = find(html, "section", id="at-risk")
    assert salesforce.at_risk[0].name in text_of(at_risk)


def _section_of(html: str, key: str) -> str:
    start = html.index(f'<section id="{key}"') if f'<section id="{key}"' in html else -1
    if start < 0:
        start = html.index(f'id="{key}"')
        start = html.rindex("<section", 0, start)
    return html[start : html.index("</section>", start) + len("</section>")]


def test_heat_map_shows_each_large_deals_gaps(salesforce: PipelineSummary) -> None:
    html = pipeline_html(salesforce, "en")
    cells = find(_section_of(html, "heat"), "td")
    assert len(cells) == len(salesforce.criteria) * len(salesforce.largest)
    first = salesforce.largest[0]
    gaps = {value for code, value in first.reasons if code == "gap"}
    column = [c for n, c in enumerate(cells) if n % len(salesforce.largest) == 0]
    assert {c.attrs["data-criterion"] for c in column if c.attrs["class"] == "gap"} == gaps
    assert len(salesforce.largest) <= 12 and salesforce.largest[0].amount == max(
        d.amount for d in salesforce.largest
    )


def test_deals_named_alike_read_as_two_deals(salesforce: PipelineSummary) -> None:
    # Coach: two columns both headed "Hooli Cloud – Fleet Analytics" look like one
    # deal shown twice; the CRM id tells them apart.
    twin = replace(salesforce.largest[1], name=salesforce.largest[0].name)
    largest = [salesforce.largest[0], twin, *salesforce.largest[2:]]
    html = pipeline_html(replace(salesforce, largest=largest), "en")
    heads = [text_of(th) for th in find(_section_of(html, "heat"), "th")]
    name = salesforce.largest[0].name
    assert f"{name} ({salesforce.largest[0].deal_id})" in heads
    assert f"{name} ({twin.deal_id})" in heads
    assert name not in heads


def test_one_small_chart_per_owner_on_one_scale(salesforce: PipelineSummary) -> None:
    html = pipeline_html(salesforce, "en")
    figures = find(_section_of(html, "owner-multiples"), "figure")
    assert [f.attrs["data-owner"] for f in figures] == [o.owner for o in salesforce.by_owner]


def test_long_numbers_are_not_cut_off() -> None:
    from dealcheck.render.html.svg import BarRow, hbars

    chart = hbars([BarRow("a", "a", 1.0, "1,291,800,000,000")], "t")
    width = float(chart.split('width="')[1].split('"')[0])
    text_x = float(chart.split('<text x="')[2].split('"')[0])
    assert text_x + 8 * len("1,291,800,000,000") <= width


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_user_text_is_escaped(lang: str) -> None:
    html = pipeline_html(hostile_summary(), lang)
    assert_safe(html)
    assert "<script" not in html and "<img" not in html and "<svg onload" not in html
    [at_risk] = find(html, "section", id="at-risk")
    assert EVIL in text_of(at_risk)
    assert not find(html, "a")


def test_size_does_not_grow_with_the_pipeline(salesforce: PipelineSummary) -> None:
    big = replace(salesforce, rows=5_000_000, scored=4_999_000)
    assert len(pipeline_html(big, "en").encode()) < 2_000_000
    assert abs(len(pipeline_html(big, "en")) - len(pipeline_html(salesforce, "en"))) < 64


def test_empty_pipeline_renders(tmp_path: Path) -> None:
    empty = replace(
        hostile_summary(),
        rows=0,
        scored=0,
        rejected=0,
        open=Tally(0),
        closed={},
        forecast={},
        by_owner=[],
        largest=[],
        by_recommendation={},
        by_grade={},
        by_stage={},
        gaps=[],
        red_flags=[],
        hygiene=[],
        at_risk=[],
        reject_reasons=[],
        reject_examples=[],
        unmapped_values=[],
        warnings=[],
    )
    html = pipeline_html(empty, "en")
    assert_safe(html)
    assert not svgs(html, "bars")


def test_a_5000_deal_pipeline_report_stays_small(tmp_path: Path) -> None:
    from tests.batch.conftest import MINI_HEADER, MINI_MAP

    export = tmp_path / "big.csv"
    rows = [MINI_HEADER] + [
        f"D{n},Deal {n} <x>,{n * 10},Descubrimiento,2026-0{1 + n % 9}-15,2025-12-01,,"
        f"{'pain ' * (n % 3)},{('Sí', 'no', '')[n % 3]},{('Confirmed', 'Partial', '')[n % 3]},"
        f"{('yes', 'no', '')[n % 3]}"
        for n in range(5000)
    ]
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping_file = tmp_path / "mini.map.yaml"
    mapping_file.write_text(MINI_MAP, encoding="utf-8")
    mapping, tree = load_mapping(str(mapping_file))
    mini = load_framework(ROOT / "tests" / "fixtures" / "frameworks" / "mini.yaml")
    summary = score_pipeline(ScoreJob([str(export)], [mini], mapping, tree, date(2026, 1, 1)), None)
    assert summary.scored == 5000

    html = pipeline_html(summary, "en")

    assert_safe(html)
    assert len(html.encode("utf-8")) < 2_000_000
    assert len(find(html, "tr")) > 10  # the at-risk list is there
