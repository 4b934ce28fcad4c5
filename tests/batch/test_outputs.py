from __future__ import annotations

import pytest

from dealcheck.batch.outputs import neutralise, scan


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
        (["a", "b"], (False, False)),
        (["a", "=b"], (False, True)),
        (["-1", "x"], (False, True)),
        (["a\x00", "b"], (True, False)),
        (["a-b", "c"], (False, False)),
        (["\tx"], (False, True)),
    ],
)
def test_scan_finds_rows_needing_a_look(cells: list[str], expected: tuple[bool, bool]) -> None:
    assert scan(cells) == expected
