from __future__ import annotations

import csv
import io

import pytest

from dealcheck.batch.score.row_plan import RowVerdict
from dealcheck.batch.write.formulas import neutralise, neutralised, scan
from dealcheck.batch.write.outputs import CsvWriter
from dealcheck.scoring.verdicts import Verdict


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
        (" =1+1", "' =1+1"),
        ("  @SUM(1)", "'  @SUM(1)"),
        (" -10", " -10"),
        ("\x1b[2Jcleared", "\u241b[2Jcleared"),
        (
            "\x1b]8;;http://x.example\x07click\x1b]8;;\x07",
            "\u241b]8;;http://x.example\u2407click\u241b]8;;\u2407",
        ),
        ("Acme\u202egnp.exe", "Acmegnp.exe"),
        ("two\nlines", "two\nlines"),
        ("\x9b31m", "\ufffd31m"),
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
        (["a\x00", "b"], (True, True)),
        (["a", " =b"], (False, True)),
        (["a", "x\x1b[2J"], (False, True)),
        (["a", "x\u202ey"], (False, True)),
        (["a", "two\nlines"], (False, False)),
        (["a-b", "c"], (False, False)),
        (["\tx"], (False, True)),
    ],
)
def test_scan_finds_rows_needing_a_look(cells: list[str], expected: tuple[bool, bool]) -> None:
    assert scan(cells) == expected


def _row_verdict() -> RowVerdict:
    verdict = Verdict(
        score=42.5,
        grade="C",
        recommendation="dig-deeper",
        gaps=("champion", "metrics"),
        red_flags=(),
        report=None,
    )
    return RowVerdict(verdict, "discovery", "Discovery", False, ())


@pytest.mark.parametrize(
    "cells",
    [
        ["D1", "Acme, Inc.", '=HYPERLINK("x")', "-10", "two\r\nlines", ""],
        ["", ""],
        [""],
        ["only"],
        ["+1 review", "@me", "\tindent", "-1.5"],
    ],
)
def test_rows_are_written_as_one_csv_writerow_of_all_cells(cells: list[str]) -> None:
    # The scored row is written in pieces (cells, then cached dealcheck_ cells);
    # the bytes must be those of a single writerow of the neutralised cells.
    row, hygiene = _row_verdict(), ("past-close", "no-next-step")
    stream = io.StringIO()
    writer = CsvWriter(stream)
    for suffix in writer.suffixes([row, row], [hygiene, ()]):
        writer.write(list(cells), suffix, suspicious=True)
    writer.flush()

    expected = io.StringIO()
    reference = csv.writer(expected, lineterminator="\r\n")
    extra = ["42.5", "C", "dig-deeper", "discovery", "champion; metrics", ""]
    safe = [neutralise(c) for c in cells]
    reference.writerow([*safe, *extra, "past-close; no-next-step"])
    reference.writerow([*safe, *extra, ""])
    assert stream.getvalue() == expected.getvalue()


def test_neutralised_leaves_safe_rows_alone() -> None:
    cells = ["a", "-10", "b"]
    assert neutralised(cells) is cells
    assert neutralised(["=1+1", "x"]) == ["'=1+1", "x"]
