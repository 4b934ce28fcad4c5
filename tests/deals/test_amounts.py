"""Amounts by the documented grammar: what reads, and what is refused with its reason."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcheck.deals.amounts import AmountError, read_amount
from tests.batch.conftest import MINI_HEADER, MINI_MAP, score_beside
from tests.conftest import FRAMEWORK_FIXTURES, invoke


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("1200", ".", 1200.0),
        ("1,234.56", ".", 1234.56),
        ("1 234 567.5", ".", 1234567.5),
        ("$ 12,000", ".", 12000.0),
        ("USD 1,200", ".", 1200.0),
        ("-$5", ".", -5.0),
        ("(1,200)", ".", -1200.0),
        ("1.2E+06", ".", 1200000.0),
        ("１２３", ".", 123.0),
        ("1.234,56", ",", 1234.56),
        ("€ 1 234,5", ",", 1234.5),
        ("1,000", ",", 1.0),
        ("₩ 5,000,000", ".", 5_000_000.0),
        ("1,200원", ".", 1200.0),
        ("3억", ".", 300_000_000.0),
        ("1.5억", ".", 150_000_000.0),
        ("2,000만", ".", 20_000_000.0),
        ("1억 2,000만", ".", 120_000_000.0),
        ("1억2000만원", ".", 120_000_000.0),
        ("5억", ".", 500_000_000.0),
        ("3억 5천만", ".", 350_000_000.0),
        ("3억5천만원", ".", 350_000_000.0),
        ("3 억 5 천 만 원", ".", 350_000_000.0),
        ("1,200만원", ".", 12_000_000.0),
        ("1.1억", ".", 110_000_000.0),
        ("1,5억", ",", 150_000_000.0),
        ("2조", ".", 2_000_000_000_000.0),
        ("1조 2천억", ".", 1_200_000_000_000.0),
        ("천만원", ".", 10_000_000.0),
        ("2천500만", ".", 25_000_000.0),
        ("5백만", ".", 5_000_000.0),
        ("1억 2천500만 300원", ".", 125_000_300.0),
        ("1만 2,000", ".", 12_000.0),
        ("5천원", ".", 5_000.0),
        ("₩ 5억", ".", 500_000_000.0),
        ("KRW 3억 5천만", ".", 350_000_000.0),
        ("-5억", ".", -500_000_000.0),
        ("５억", ".", 500_000_000.0),
        ("", ".", None),
    ],
)
def test_amounts_the_grammar_reads(text: str, decimal: str, value: float | None) -> None:
    assert read_amount(text, decimal) == value


@pytest.mark.parametrize(
    ("text", "decimal", "reason"),
    [
        ("1.234,56", ".", "the mapping declares decimal: '.'"),
        ("1 234,56", ".", "three long"),
        ("$1,000.50", ",", "the mapping declares decimal: ','"),
        ("1,23", ".", "three long"),
        ("0x10", ".", "only digits"),
        ("1_000", ".", "only digits"),
        ("NaN", ".", "not finite"),
        ("inf", ".", "not finite"),
        ("-Infinity", ".", "not finite"),
        ("1e400", ".", "not finite"),
        ("9" * 5000, ".", "not finite"),
        ("2e15", ".", "not a plausible deal amount"),
        ("TBD", ".", "no digits"),
        ("5만 3억", ".", "in that order"),
        ("1만 2만", ".", "each once"),
        ("3억 5000", ".", r"'5000' after 억 can be read two ways \(5000만 or 5000\)"),
        ("3억 5천", ".", "can be read two ways"),
        ("1억 2,000", ".", "can be read two ways"),
        ("15천만", ".", "one digit each"),
        ("5백3천만", ".", "in that order"),
        ("2천1500만", ".", "too large to read one way"),
        ("1만 10000", ".", "after 만 is 만 or more"),
        ("만", ".", "no digits"),
        ("억 5천만", ".", "no number before 억"),
        ("5억원정도", ".", "cannot read '원정도' after 억"),
        ("1,5억", ".", "three long; the mapping declares decimal: '.'"),
        ("2000조", ".", "not a plausible deal amount"),
    ],
)
def test_ambiguous_or_non_finite_amounts_are_refused_with_the_reason(
    text: str, decimal: str, reason: str
) -> None:
    with pytest.raises(AmountError, match=reason):
        read_amount(text, decimal)


def _strict_json(text: str) -> object:
    def refuse(constant: str) -> None:
        raise AssertionError(f"non-finite number in JSON output: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    ("decimal", "read", "refused"),
    [
        (
            ".",
            {"1,234.56": 1234.56, "$1,000.50": 1000.5},
            ["1.234,56", "1 234,56", "0x10", "NaN", "inf", "1e400", "1_000"],
        ),
        (
            ",",
            {"1.234,56": 1234.56, "1 234,56": 1234.56},
            ["$1,000.50", "0x10", "NaN", "inf", "1e400", "1_000"],
        ),
    ],
)
def test_score_refuses_misread_amounts_instead_of_guessing(
    runner: CliRunner,
    tmp_path: Path,
    decimal: str,
    read: dict[str, float],
    refused: list[str],
) -> None:
    (tmp_path / "m.yaml").write_text(MINI_MAP + f'decimal: "{decimal}"\n', encoding="utf-8")
    rows = [
        f'D{n},Deal {n},"{amount}",Descubrimiento,2026-07-01,2026-01-02,Demo,,yes,,no'
        for n, amount in enumerate([*read, *refused])
    ]
    export = tmp_path / "export.csv"
    export.write_text(MINI_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"

    code, stdout, stderr = score_beside(
        runner, export, "--format", "json", "-o", "-", "--rejects", str(rejects)
    )

    assert code == 0, stderr
    report = _strict_json(stdout)
    assert isinstance(report, dict)
    assert [d["deal"]["amount"] for d in report["deals"]] == list(read.values())
    rejected = list(csv.DictReader(io.StringIO(rejects.read_text(encoding="utf-8-sig"))))
    assert [r["Amount"] for r in rejected] == refused
    assert all(" is not a number (" in r["dealcheck_reason"] for r in rejected)


def test_a_deal_worth_infinity_is_a_located_error_not_a_traceback(
    runner: CliRunner, tmp_path: Path
) -> None:
    deal = tmp_path / "acme.yaml"
    deal.write_text("name: Acme\namount: .inf\n", encoding="utf-8")

    code, _, stderr = invoke(
        runner, "report", str(deal), "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )

    assert code == 3
    assert stderr.startswith(f"error: {deal}:2:9:") and "Traceback" not in stderr
