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


def test_radar_marks_only_the_criteria_a_stage_expects() -> None:
    spokes = [
        Spoke("pain", "Pain", 0.5, 0.67, "Pain"),
        Spoke("champion", "Champion", 0.3, None, "Champion"),
        Spoke("budget", "Budget", 0.0, 0.33, "Budget"),
    ]
    chart = ET.fromstring(radar(spokes, "t", ("reached", "expected")))
    # No outline that dives through the centre for the criterion nothing is expected of.
    assert chart.find(f"{SVG}polygon[@class='expected']") is None
    marks = chart.findall(f"{SVG}circle[@class='expected']")
    assert [m.get("data-criterion") for m in marks] == ["pain", "budget"]
    centre = (280.0, 190.0)
    assert all((float(m.get("cx", 0)), float(m.get("cy", 0))) != centre for m in marks)


def test_radar_outlines_the_expectations_when_every_criterion_has_one() -> None:
    spokes = [Spoke(k, k, 0.5, 0.5, k) for k in "abc"]
    chart = ET.fromstring(radar(spokes, "t", ("reached", "expected")))
    assert chart.find(f"{SVG}polygon[@class='expected']") is not None


@pytest.mark.parametrize(
    "labels",
    [
        ["Score or recommendation moved", "New red flags", "Left the pipeline"],
        ["점수나 권고가 바뀐 딜", "새 레드 플래그"],
        ["A label far too long to ever fit in the column of labels, shortened"],
    ],
)
def test_bar_labels_fit_left_of_the_bars(labels: list[str]) -> None:
    from dealcheck.render.html.svg import text_width

    rows = [BarRow(str(i), label, i + 1.0, str(i + 1)) for i, label in enumerate(labels)]
    chart = ET.fromstring(hbars(rows, "t"))
    for text in chart.iter(f"{SVG}text"):
        if text.get("text-anchor") == "end":
            shown = "".join(text.itertext()).removeprefix(text.findtext(f"{SVG}title") or "")
            assert float(text.get("x", 0)) - text_width(shown) >= 0, f"{shown!r} is clipped"


def test_history_point_labels_stand_clear_of_the_score_axis() -> None:
    chart = ET.fromstring(line_chart([("2025-04-01", 50.0), ("2025-05-02", 100.0)], "t"))
    axis_labels = [t for t in chart.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    axis_right = max(float(t.get("x", 0)) for t in axis_labels)
    first = next(chart.iter(f"{SVG}circle"))
    label_half_width = 2 * 7.4 / 2  # "50" at 13px
    assert float(first.get("cx", 0)) - label_half_width > axis_right + 4
