"""Inline SVG charts: radar (spider), score history line, horizontal bars.

Pure geometry over plain values; every label goes through `el`, so it is escaped.
Each plotted mark carries `data-*` attributes with its key and value, so tests (and
curious readers of the source) can check the picture against the numbers.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from dealcheck.render.html.markup import Markup, el, join

RADAR_WIDTH, RADAR_HEIGHT, RADAR_RADIUS = 560, 380, 120
LABEL_CHARS = 24
LABEL_MIN, LABEL_MAX = 120, 280


@dataclass(frozen=True)
class Spoke:
    """One radar axis: a criterion, how far it got, and how far it should be (0-1)."""

    key: str
    label: str
    value: float
    expected: float | None
    detail: str


@dataclass(frozen=True)
class BarRow:
    """One horizontal bar: a key, its label, the value and how to show it."""

    key: str
    label: str
    value: float
    shown: str
    css: str = ""


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def text_width(text: str) -> float:
    """About how wide `text` is at the charts' 13px: Hangul and CJK take twice the room."""
    return sum(13.0 if unicodedata.east_asian_width(ch) in "WF" else 7.4 for ch in text)


def fit_text(text: str, room: float) -> str:
    """`text`, shortened with … until it fits in `room` pixels."""
    if text_width(text) <= room:
        return text
    while text and text_width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _clamp(share: float) -> float:
    return max(0.0, min(1.0, share))


def radar_point(index: int, count: int, share: float) -> tuple[float, float]:
    """Where `share` (0-1) of the radius lies on axis `index` of `count` (first axis up)."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    cx, cy = RADAR_WIDTH / 2, RADAR_HEIGHT / 2
    radius = RADAR_RADIUS * _clamp(share)
    return round(cx + radius * math.cos(angle), 2), round(cy + radius * math.sin(angle), 2)


def _points(shares: list[float]) -> str:
    count = len(shares)
    return " ".join(
        f"{x:g},{y:g}" for x, y in (radar_point(i, count, s) for i, s in enumerate(shares))
    )


def radar(spokes: list[Spoke], title: str, legend: tuple[str, str]) -> Markup:
    """A spider chart: one axis per spoke, the reached levels filled, the expected outlined.

    Args:
        spokes: The axes, clockwise from the top.
        title: The accessible name of the chart.
        legend: Labels for the reached and the expected outlines.
    """
    count = len(spokes)
    if count < 3:
        return hbars(
            [BarRow(s.key, s.label, s.value, f"{round(s.value * 100)}%") for s in spokes],
            title,
            maximum=1.0,
        )
    cx, cy = RADAR_WIDTH / 2, RADAR_HEIGHT / 2
    parts: list[Markup] = [el("title", None, title)]
    parts += [
        el("polygon", {"class": "ring", "points": _points([ring / 4] * count)})
        for ring in (1, 2, 3, 4)
    ]
    for index, spoke in enumerate(spokes):
        x, y = radar_point(index, count, 1.0)
        parts.append(
            el(
                "line",
                {
                    "class": "axis",
                    "data-criterion": spoke.key,
                    "x1": cx,
                    "y1": cy,
                    "x2": x,
                    "y2": y,
                },
            )
        )
        parts.append(_axis_label(index, count, spoke.label))
    if all(s.expected is not None for s in spokes):
        parts.append(
            el(
                "polygon",
                {"class": "expected", "points": _points([s.expected or 0.0 for s in spokes])},
                el("title", None, legend[1]),
            )
        )
    else:
        # Some criteria have no expectation at this stage: an outline through them would
        # dive to the centre as if "nothing" were expected; mark only the expected ones.
        for index, spoke in enumerate(spokes):
            if spoke.expected is None:
                continue
            x, y = radar_point(index, count, spoke.expected)
            parts.append(
                el(
                    "circle",
                    {"class": "expected", "cx": x, "cy": y, "r": 6, "data-criterion": spoke.key},
                    el("title", None, legend[1]),
                )
            )
    parts.append(
        el(
            "polygon",
            {"class": "actual", "points": _points([s.value for s in spokes])},
            el("title", None, legend[0]),
        )
    )
    for index, spoke in enumerate(spokes):
        x, y = radar_point(index, count, spoke.value)
        parts.append(
            el(
                "circle",
                {
                    "class": "point",
                    "cx": x,
                    "cy": y,
                    "r": 4,
                    "data-criterion": spoke.key,
                    "data-value": f"{_clamp(spoke.value):.4g}",
                    "data-expected": None
                    if spoke.expected is None
                    else f"{_clamp(spoke.expected):.4g}",
                },
                el("title", None, spoke.detail),
            )
        )
    parts.append(_legend(legend, RADAR_HEIGHT - 14))
    return _svg("radar", RADAR_WIDTH, RADAR_HEIGHT, title, join(parts))


def wrap_label(label: str, width: int = 12) -> list[str]:
    """A label on one line, or two split at the space nearest the middle (each shortened)."""
    if len(label) <= width:
        return [label]
    spaces = [i for i, c in enumerate(label) if c == " "]
    if not spaces:
        return [_short(label, width + 2)]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return [_short(label[:cut], width + 4), _short(label[cut + 1 :], width + 4)]


def _axis_label(index: int, count: int, label: str) -> Markup:
    cx, cy = RADAR_WIDTH / 2, RADAR_HEIGHT / 2
    x, y = radar_point(index, count, 1.0)
    dx, dy = x - cx, y - cy
    lines = wrap_label(label)
    x += 8 if dx > 1 else -8 if dx < -1 else 0
    y += 16 if dy > 1 else -8 - 15 * (len(lines) - 1) if dy < -1 else 4 - 7 * (len(lines) - 1)
    return el(
        "text",
        {
            "class": "label",
            "x": x,
            "y": y,
            "text-anchor": "middle" if abs(dx) < 1 else "start" if dx > 0 else "end",
        },
        el("title", None, label),
        *(
            el("tspan", {"x": x, "dy": "1.15em" if n else None}, line)
            for n, line in enumerate(lines)
        ),
    )


def _legend(legend: tuple[str, str], y: float) -> Markup:
    return join(
        [
            el("line", {"class": "history", "x1": 10, "y1": y - 4, "x2": 34, "y2": y - 4}),
            el("text", {"x": 40, "y": y}, legend[0]),
            el("line", {"class": "expected", "x1": 200, "y1": y - 4, "x2": 224, "y2": y - 4}),
            el("text", {"x": 230, "y": y}, legend[1]),
        ]
    )


def line_chart(points: list[tuple[str, float]], title: str) -> Markup:
    """Scores (0-100) over time, oldest first; `points` are (label, score) pairs."""
    width, height = 460, 190
    left, right, top, bottom = 36, 44, 18, 30
    plot_w, plot_h = width - left - right, height - top - bottom

    inset = 24  # first and last points stand clear of the axis and its score labels

    def at(index: int, value: float) -> tuple[float, float]:
        share = 0.5 if len(points) == 1 else index / (len(points) - 1)
        return (
            round(left + inset + (plot_w - 2 * inset) * share, 2),
            round(top + plot_h * (1 - max(0.0, min(100.0, value)) / 100), 2),
        )

    parts: list[Markup] = [el("title", None, title)]
    for guide in (0, 50, 100):
        _, y = at(0, guide)
        parts.append(
            el("line", {"class": "guide", "x1": left, "y1": y, "x2": width - right, "y2": y})
        )
        parts.append(el("text", {"x": left - 6, "y": y + 4, "text-anchor": "end"}, guide))
    coords = [at(i, v) for i, (_, v) in enumerate(points)]
    if len(coords) > 1:
        parts.append(
            el(
                "polyline",
                {"class": "history", "points": " ".join(f"{x:g},{y:g}" for x, y in coords)},
            )
        )
    step = max(1, math.ceil(len(points) / 6))
    for index, ((label, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        parts.append(
            el(
                "circle",
                {
                    "class": "point",
                    "cx": x,
                    "cy": y,
                    "r": 4,
                    "data-score": f"{value:g}",
                    "data-label": label,
                },
                el("title", None, f"{label}: {value:g}"),
            )
        )
        parts.append(el("text", {"x": x, "y": y - 8, "text-anchor": "middle"}, f"{value:.0f}"))
        if index % step == 0 or index == len(points) - 1:
            parts.append(el("text", {"x": x, "y": height - 8, "text-anchor": "middle"}, label))
    return _svg("history", width, height, title, join(parts))


def hbars(rows: list[BarRow], title: str, maximum: float | None = None) -> Markup:
    """Horizontal bars, one per row, scaled to the largest value (or `maximum`)."""
    # The value column grows with the longest value, so no number is ever cut off.
    longest = max((len(r.shown) for r in rows), default=0)
    row_h, bar_w = 26, 214
    value_w = max(96, 8 * longest + 16)
    # Labels are right-aligned against the bars: the column is as wide as the longest
    # label needs (within limits), so the first one is never clipped at the left edge.
    widest = max((text_width(r.label) for r in rows), default=0.0)
    label_w = round(min(LABEL_MAX, max(LABEL_MIN, widest + 16)))
    width = label_w + bar_w + value_w
    height = max(1, len(rows)) * row_h + 8
    top = max((r.value for r in rows), default=0.0)
    scale = maximum if maximum else top
    parts: list[Markup] = [el("title", None, title)]
    for index, row in enumerate(rows):
        y = 4 + index * row_h
        length = 0.0 if scale <= 0 else (width - label_w - value_w) * max(0.0, row.value) / scale
        parts.append(
            el(
                "text",
                {"x": label_w - 8, "y": y + 17, "text-anchor": "end"},
                el("title", None, row.label),
                fit_text(row.label, label_w - 12),
            )
        )
        parts.append(
            el(
                "rect",
                {
                    "class": f"bar {row.css}".strip(),
                    "x": label_w,
                    "y": y + 4,
                    "width": round(max(length, 1.0 if row.value > 0 else 0.0), 2),
                    "height": row_h - 8,
                    "rx": 2,
                    "data-key": row.key,
                    "data-value": f"{row.value:g}",
                },
                el("title", None, f"{row.label}: {row.shown}"),
            )
        )
        parts.append(el("text", {"x": label_w + length + 6, "y": y + 17}, row.shown))
    return _svg("bars", width, height, title, join(parts))


def _svg(kind: str, width: int, height: int, title: str, body: Markup) -> Markup:
    return el(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": f"chart {kind}",
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "height": height,
            "role": "img",
            "aria-label": title,
        },
        body,
    )
