from __future__ import annotations

import pytest

from dealcheck.batch.read.encoding import detect_encoding, refuse_workbook
from dealcheck.errors import InputError

KOREAN = "거래 이름,금액\n한빛물류 도입,1200\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Deal,Amount\nAcme,10\n", "utf-8"),
        (KOREAN.encode("utf-8"), "utf-8"),
        (KOREAN.encode("cp949"), "cp949"),
        ("Deal,Amount\nSociété Générale,10\nCafé é,2\n".encode("cp1252"), "cp1252"),
        ("Name\nMüller,“quoted”\n".encode("cp1252"), "cp1252"),
    ],
)
def test_detect_encoding_tries_utf8_then_cp949_then_cp1252(data: bytes, expected: str) -> None:
    assert detect_encoding(data, "x.csv", complete=True) == expected


def test_detect_encoding_gives_the_encoding_hint_when_nothing_fits() -> None:
    with pytest.raises(InputError, match="--encoding"):
        detect_encoding(b"a\x81 b\x81 ", "x.csv", complete=True)


@pytest.mark.parametrize(
    ("head", "kind"), [(b"PK\x03\x04rest", ".xlsx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls")]
)
def test_refuse_workbook_names_the_excel_format(head: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=rf"Excel workbook \({kind}\).*Save As"):
        refuse_workbook(head, "export.csv")
