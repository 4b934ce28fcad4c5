from __future__ import annotations

from datetime import date

import pytest

from dealcheck.mapping.values import DateReader, parse_amount


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("1200", ".", 1200.0),
        ("1,234.56", ".", 1234.56),
        ("$ 12,000", ".", 12000.0),
        ("-10", ".", -10.0),
        ("1.234,56", ",", 1234.56),
        ("€ 1 234,5", ",", 1234.5),
        ("(500)", ".", -500.0),
        ("", ".", None),
        ("12,000,000", ".", 12000000.0),
    ],
)
def test_parse_amount(text: str, decimal: str, value: float | None) -> None:
    assert parse_amount(text, decimal) == value


@pytest.mark.parametrize("text", ["TBD", "미정", "n/a"])
def test_parse_amount_refuses_text(text: str) -> None:
    with pytest.raises(ValueError, match=text.replace("/", ".")):
        parse_amount(text, ".")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026-05-01", date(2026, 5, 1)),
        ("2026-05-01T10:00:00Z", date(2026, 5, 1)),
        ("05/01/2026", date(2026, 5, 1)),
        ("2026.05.01", date(2026, 5, 1)),
        ("", None),
    ],
)
def test_date_reader(text: str, value: date | None) -> None:
    reader = DateReader(["%Y-%m-%d", "%m/%d/%Y", "%Y.%m.%d"])
    assert reader(text) == value
    assert reader(text) == value  # memoised answer is the same


def test_date_reader_refuses_impossible_dates() -> None:
    with pytest.raises(ValueError, match="02/31/2026"):
        DateReader(["%m/%d/%Y"])("02/31/2026")
