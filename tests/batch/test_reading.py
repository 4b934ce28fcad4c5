from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from dealcheck.batch.read.opening import open_input
from dealcheck.batch.read.records import sniff_delimiter
from dealcheck.errors import InputError, UsageError

ROWS = [["Deal", "Amount", "단계"], ["한빛물류 – 도입", "1200", "발굴"], ["Café Noir", "5", "x"]]


def _text(delimiter: str) -> str:
    return "".join(delimiter.join(row) + "\r\n" for row in ROWS)


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter", "expected"),
    [
        ("utf-8", b"", ",", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, ";", "utf-8"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\t", "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\t", "utf-16-be"),
        ("cp949", b"", ",", "cp949"),
    ],
)
def test_reads_each_encoding_and_delimiter(
    tmp_path: Path, encoding: str, bom: bytes, delimiter: str, expected: str
) -> None:
    path = tmp_path / "export.csv"
    rows = (
        ROWS
        if encoding != "cp949"
        else [[c.replace("é", "e").replace("–", "-") for c in r] for r in ROWS]
    )
    path.write_bytes(bom + "".join(delimiter.join(r) + "\r\n" for r in rows).encode(encoding))
    opened = open_input(str(path), encoding=None, delimiter=None)
    assert (opened.encoding, opened.delimiter, opened.header) == (expected, delimiter, rows[0])
    assert [cells for _, cells, _ in opened.rows] == rows[1:]
    opened.close()


def test_reads_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Deal;Amount\r\nSociété Générale;1.234,56\r\n".encode("cp1252"))
    opened = open_input(str(path), encoding=None, delimiter=None)
    assert opened.encoding == "cp1252"
    assert [c for _, c, _ in opened.rows] == [["Société Générale", "1.234,56"]]
    opened.close()


def test_forced_euc_kr_reads_as_cp949(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("이름\r\n똠얌꿍\r\n".encode("cp949"))  # 똠 is not in EUC-KR
    opened = open_input(str(path), encoding="euc-kr", delimiter=None)
    assert opened.encoding == "cp949"
    assert [c for _, c, _ in opened.rows] == [["똠얌꿍"]]
    opened.close()


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("a,1\r\nb,2,extra\r\nc,3\r\n", 3, "has 3 fields, the header has 2"),
        ('a,1\r\n"b,2\r\nc,3\r\n', 3, "unclosed quote"),
        ('a,1\r\n"b"x,2\r\nc,3\r\n', 3, "bad CSV quoting"),
        ("a,1\r\nb," + "x" * 200_000 + "\r\nc,3\r\n", 3, "larger than the CSV limit"),
    ],
)
def test_malformed_rows_become_rejects_and_reading_goes_on(
    tmp_path: Path, body: str, line: int, reason: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Deal,Amount\r\n" + body, encoding="utf-8")
    opened = open_input(str(path), encoding=None, delimiter=None)
    items = list(opened.rows)
    opened.close()
    rejects = [(n, why) for n, _, why in items if why]
    assert len(rejects) == 1
    assert rejects[0][0] == line
    assert reason in rejects[0][1]
    assert items[0][1] == ["a", "1"]


def test_excel_workbook_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match="Excel workbook"):
        open_input(str(path), encoding=None, delimiter=None)


def test_missing_file_and_unknown_encoding_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        open_input(str(tmp_path / "nope.csv"), encoding=None, delimiter=None)
    (tmp_path / "a.csv").write_text("x\n1\n")
    with pytest.raises(UsageError, match="unknown encoding"):
        open_input(str(tmp_path / "a.csv"), encoding="klingon", delimiter=None)


def test_empty_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        open_input(str(tmp_path / "a.csv"), encoding=None, delimiter=None)


def test_jsonl_rows_follow_the_first_record_keys(tmp_path: Path) -> None:
    path = tmp_path / "deals.jsonl"
    path.write_text('{"Deal": "A", "Amount": 10}\n\n{"Deal": "B"}\nnot json\n', encoding="utf-8")
    opened = open_input(str(path), encoding=None, delimiter=None)
    items = list(opened.rows)
    opened.close()
    assert opened.header == ["Deal", "Amount"]
    assert items[:2] == [(1, ["A", "10"], None), (3, ["B", ""], None)]
    assert items[2][0] == 4 and "not valid JSON" in str(items[2][2])


@pytest.mark.parametrize(
    ("line", "expected"),
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"x;y",b,c', ","), ("single", ",")],
)
def test_sniff_delimiter(line: str, expected: str) -> None:
    assert sniff_delimiter(line + "\n1,2,3\n") == expected
