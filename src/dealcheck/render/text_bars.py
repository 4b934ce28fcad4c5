"""Bars for distributions in the terminal, readable without colour: blocks plus the number.

The deal report's criterion bars (`deal_format.bar`) show a share of a whole; these
show each row against the largest row, so the biggest bucket is always a full bar.
"""

from __future__ import annotations

from dealcheck.render.deal_format import bar

DISTRIBUTION_WIDTH = 12


def scaled_bar(value: float, largest: float, width: int = DISTRIBUTION_WIDTH) -> str:
    """`value` against `largest` as filled and empty blocks; a non-zero value shows ≥ 1 block."""
    if largest <= 0 or value <= 0:
        return bar(0.0, width)
    share = value / largest
    return bar(max(share, 1 / width), width)
