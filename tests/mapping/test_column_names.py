from __future__ import annotations

import pytest

from dealcheck.mapping.column_names import normalise_header


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("\ufeffOpportunity ID", "opportunity id"),
        ("Close\u200b Date", "close date"),
        ("  AMOUNT  ", "amount"),
        ("Ｄｅａｌ　Ｎａｍｅ", "deal name"),
        ("금액", "금액"),
    ],
)
def test_normalise_header(raw: str, normal: str) -> None:
    assert normalise_header(raw) == normal
