from __future__ import annotations

import pytest

from dealcheck.render.text_bars import scaled_bar


@pytest.mark.parametrize(
    ("value", "largest", "shown"),
    [
        (10, 10, "████████████"),
        (5, 10, "██████░░░░░░"),
        (0, 10, "░░░░░░░░░░░░"),
        (1, 1000, "█░░░░░░░░░░░"),  # small but present
        (3, 0, "░░░░░░░░░░░░"),
        (-2, 10, "░░░░░░░░░░░░"),
    ],
)
def test_scaled_bar(value: float, largest: float, shown: str) -> None:
    assert scaled_bar(value, largest) == shown


def test_width() -> None:
    assert scaled_bar(1, 2, width=4) == "██░░"
