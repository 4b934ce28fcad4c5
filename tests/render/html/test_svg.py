from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dealcheck.render.html.svg import BarRow, Spoke, hbars, line_chart, radar, wrap_label
from tests.render.html.parsing import SVG


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("Pain", ["Pain"]),
        ("왜 지금인가 (Why Now)", ["왜 지금인가", "(Why Now)"]),
        ("Decision process owner", ["Decision", "process owner"]),
        ("Averyveryverylongwordwithoutspaces", ["Averyveryvery…"]),
    ],
)
def test_wrap_label(label: str, lines: list[str]) -> None:
    assert wrap_label(label) == lines


def test_radar_with_fewer_than_three_criteria_falls_back_to_bars() -> None:
    spokes = [Spoke("a", "A", 0.5, None, "A"), Spoke("b", "B", 1.0, 0.5, "B")]
    chart = ET.fromstring(radar(spokes, "t", ("reached", "expected")))
    assert "bars" in chart.get("class", "")
    assert [r.get("data-value") for r in chart.iter(f"{SVG}rect")] == ["0.5", "1"]


def test_radar_without_expectations_has_no_outline() -> None:
    spokes = [Spoke(k, k, 0.5, None, k) for k in "abc"]
    chart = ET.fromstring(radar(spokes, "t", ("reached", "expected")))
    assert chart.find(f"{SVG}polygon[@class='expected']") is None
    assert len(chart.findall(f"{SVG}line[@class='axis']")) == 3


def test_line_chart_clamps_scores() -> None:
    chart = ET.fromstring(line_chart([("a", -5.0), ("b", 130.0)], "t"))
    ys = [float(c.get("cy", "nan")) for c in chart.iter(f"{SVG}circle")]
    assert ys == [160.0, 18.0]  # bottom and top of the plot area


def test_bars_scale_to_the_largest_and_show_tiny_values() -> None:
    chart = ET.fromstring(hbars([BarRow("a", "A", 100, "100"), BarRow("b", "B", 0.01, "~0")], "t"))
    widths = [float(r.get("width", "nan")) for r in chart.iter(f"{SVG}rect")]
    assert widths[0] == 214 and widths[1] == 1  # full width, and a visible sliver
