"""Bounded memos: what batch scoring remembers stays within its limit, and reads right."""

from __future__ import annotations

from dealcheck.bounded import Filled, kept


def test_kept_empties_a_full_memo_before_keeping_more() -> None:
    memo: dict[str, int] = {}
    for n, key in enumerate("abcde"):
        assert kept(memo, key, n, limit=3) == n
        assert len(memo) <= 3
    assert memo == {"d": 3, "e": 4}  # emptied at "d", when it held a, b and c


def test_filled_reads_each_key_once_until_full() -> None:
    read: list[str] = []

    def fill(key: str) -> str:
        read.append(key)
        return key.upper()

    memo = Filled(fill, limit=2)
    assert list(map(memo.__getitem__, ["a", "b", "a", "b"])) == ["A", "B", "A", "B"]
    assert read == ["a", "b"]
    assert memo["c"] == "C"  # full: emptied, then kept
    assert memo["a"] == "A"
    assert read == ["a", "b", "c", "a"]
    assert len(memo) <= 2
