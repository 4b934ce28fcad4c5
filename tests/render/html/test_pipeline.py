from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dealcheck.batch.mapping import load_mapping
from dealcheck.batch.pipeline import ScoreJob, score_pipeline
from dealcheck.batch.summary import AtRiskDeal, PipelineSummary, RejectedRow, Tally
from dealcheck.language.loading import load_framework
from dealcheck.render.html.pipeline import pipeline_html
from dealcheck.render.pipeline_format import localized
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
    risky = AtRiskDeal(
        EVIL, 3, IMG, EVIL, IMG, '"><svg onload=alert(1)>', 5e5, 20.0, "disqualify", None, 4e5
    )
    return PipelineSummary(
        sources=[f"{EVIL} (csv, utf-8)"],
        frameworks=["meddpicc"],
        today=date(2026, 1, 5),
        rows=3,
        scored=2,
        rejected=1,
        blank_lines=0,
        by_recommendation={"disqualify": Tally(2, 5e5)},
        by_grade={"F": Tally(2, 5e5)},
        by_stage={IMG: Tally(1, 1.0), "javascript:alert(1)": Tally(1, 2.0)},
        gaps=[(EVIL, 2)],
        red_flags=[(IMG, 1)],
        hygiene=[("past-close-date", 1)],
        at_risk=[risky],
        reject_reasons=[(EVIL, 1)],
        reject_examples=[RejectedRow(IMG, 7, EVIL)],
        unmapped_values=[(IMG, EVIL, 1)],
        currencies=[IMG],
        warnings=[EVIL],
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_bars_by_recommendation_and_stage_match_the_tallies(
    salesforce: PipelineSummary, lang: str
) -> None:
    html = pipeline_html(salesforce, lang)
    assert_safe(html)
    charts = svgs(html, "bars")
    figures = find(html, "figure")
    by = [(f.attrs.get("data-by"), f.attrs.get("data-measure")) for f in figures[: len(charts)]]
    assert by[:4] == [
        ("recommendation", "deals"),
        ("recommendation", "amount"),
        ("stage", "deals"),
        ("stage", "amount"),
    ]
    shown = localized(salesforce, lang)
    assert set(shown.by_stage) != set(salesforce.by_stage)  # stage ids appear as names
    for chart, tallies, measure in (
        (charts[0], shown.by_recommendation, "deals"),
        (charts[1], shown.by_recommendation, "amount"),
        (charts[2], shown.by_stage, "deals"),
        (charts[3], shown.by_stage, "amount"),
    ):
        bars = {
            r.get("data-key"): float(r.get("data-value", "nan")) for r in chart.iter(f"{SVG}rect")
        }
        assert bars == {k: getattr(v, measure) for k, v in tallies.items()}
        widths = {r.get("data-key"): float(r.get("width", 0)) for r in chart.iter(f"{SVG}rect")}
        largest = max(bars, key=lambda k: bars[k])
        assert widths[largest] == max(widths.values())


def test_sections_for_gaps_at_risk_hygiene_and_rejects(salesforce: PipelineSummary) -> None:
    html = pipeline_html(salesforce, "en")
    [counts] = find(html, "p", id="counts")
    assert text_of(counts) == "52 rows read: 49 scored, 3 rejected"
    for section in ("gaps", "hygiene", "at-risk", "rejected"):
        assert find(html, "section", id=section), section
    shown = localized(salesforce, "en")
    assert ("Champion", salesforce.gaps[0][1]) in shown.gaps
    for section, counts in (("gaps", shown.gaps), ("hygiene", shown.hygiene)):
        start = html.index(f'<section id="{section}">')
        [chart] = svgs(html[start : html.index("</section>", start)], "bars")
        bars = [(r.get("data-key"), r.get("data-value")) for r in chart.iter(f"{SVG}rect")]
        assert bars == [(k, str(n)) for k, n in counts]
    [at_risk] = find(html, "section", id="at-risk")
    assert salesforce.at_risk[0].name in text_of(at_risk)


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
