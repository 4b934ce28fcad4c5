"""No formula reaches a spreadsheet, no escape sequence or bidi override a terminal.

A deal name, a company, an evidence note or a CRM stage may hold `ESC [2J`, an
OSC-8 link, a bell, U+202E or `=HYPERLINK(…)`. Whatever the output (terminal,
Markdown, scored CSV, rejects), it shows as text and runs as nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.batch.conftest import MINI_HEADER, MINI_MAP, score_beside
from tests.conftest import FRAMEWORK_FIXTURES, invoke

HIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")
DEAL = r"""name: "Acme \e]8;;http://evil.example\aclick\e]8;;\a"
company: "\e[2J\e[Hcleared"
amount: 1000
stage: discovery
qualifications:
- date: 2026-05-01
  stage: discovery
  frameworks: [mini@1.0.0]
  answers:
    mini:
      criteria:
        pain: {level: partial, evidence: "invoice\u202egnp.exe \e[31mred", source: belief}
      red_flags: {price-only: "no"}
"""
ROWS = [
    'D1,"Acme \x1b]8;;http://evil.example\x07click",1200,"=HYPERLINK(""http://x"",""y"")",'
    "2026-07-01,2026-01-02,Demo,Slow close,yes,,no",
    "D2,Beta\u202egnp.exe,1300, =1+1,2026-07-01,2026-01-02,Demo,,no,,no",
    "D3,Gamma \x1b[2J,1400,@SUM(1),2026-07-01,2026-01-02,Demo,,yes,,no",
    "D4,-2+3+cmd|' /C calc'!A0,1500,Descubrimiento,2026-07-01,2026-01-02,+1 call,,yes,,no",
    "D5,Delta,not a number \x1b[5m,Descubrimiento,2026-07-01,2026-01-02,Demo,,yes,,no",
]


def _clean(text: str) -> bool:
    return not any(char in text for char in HIDDEN)


def _live_formula(cell: str) -> bool:
    start = cell.lstrip(" ")
    return bool(start) and start[0] in "=+@-" and not start[1:].replace(".", "").isdigit()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    (tmp_path / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
    path = tmp_path / "export.csv"
    path.write_text(MINI_HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def test_no_column_of_the_scored_csv_or_the_rejects_holds_a_formula_or_an_escape(
    runner: CliRunner, export: Path
) -> None:
    out, rejects = export.parent / "out.csv", export.parent / "rejects.csv"
    code, stdout, stderr = score_beside(runner, export, "-o", str(out), "--rejects", str(rejects))

    assert code == 0, stderr
    scored = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    rejected = list(csv.reader(io.StringIO(rejects.read_text(encoding="utf-8-sig"))))
    assert len(scored) == 1 + 4 and len(rejected) == 1 + 1  # every row somewhere
    cells = [cell for row in scored + rejected for cell in row]
    assert [c for c in cells if _live_formula(c)] == []
    assert [c for c in cells if not _clean(c)] == []
    stage = scored[0].index("dealcheck_stage")
    assert [row[stage] for row in scored[1:4]] == [
        '\'=HYPERLINK("http://x","y")',
        "'=1+1",
        "'@SUM(1)",
    ]
    assert _clean(stdout) and _clean(stderr)


def test_the_terminal_and_markdown_summaries_show_escapes_as_text(
    runner: CliRunner, export: Path
) -> None:
    code, terminal, _ = score_beside(runner, export)
    assert code == 0
    assert _clean(terminal)
    assert "Gamma ␛[2J" in terminal

    code, markdown, _ = score_beside(runner, export, "--format", "md")
    assert code == 0
    assert _clean(markdown)


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_a_deal_report_shows_escapes_as_text(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    deal = tmp_path / "acme.yaml"
    deal.write_text(DEAL, encoding="utf-8")

    code, stdout, stderr = invoke(
        runner, "report", str(deal), "--format", fmt, "--frameworks-dir", str(FRAMEWORK_FIXTURES)
    )

    assert code == 0, stderr
    assert _clean(stdout)
    assert "␛" in stdout and "invoicegnp.exe" in stdout
