from __future__ import annotations

import pytest

from dealcheck.batch.outputs import neutralise, risky


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1 call with procurement", "'+1 call with procurement"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tindent", "'\tindent"),
        ("\rcarriage", "'\rcarriage"),
        ("-10", "-10"),
        ("-1.5", "-1.5"),
        ("+3", "+3"),
        ("-1,5", "-1,5"),
        ("1e5", "1e5"),
        ("plain text", "plain text"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["a", "b"], False),
        (["a", "=b"], True),
        (["-1", "x"], True),
        (["a\x00", "b"], True),
        (["a-b", "c"], False),
    ],
)
def test_risky_finds_rows_needing_a_look(cells: list[str], expected: bool) -> None:
    assert risky(cells) is expected
