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


#: Controls a cell may carry: bell, backspace, ESC, a CSI sequence, C1 controls
#: (8-bit CSI, NEL, DCS, OSC), DEL, a form feed and a bidi override.
CONTROLS = ("\x07", "\x08", "\x1b", "\x1b[31m", "\x9b2J", "\x85", "\x90", "\x9d", "\x7f", "\x0c")


def _control_rows() -> list[list[str]]:
    """ASCII and Hangul rows, each control in rows with and without a quoted cell."""
    rows = []
    for n, control in enumerate(CONTROLS):
        for hangul in (False, True):
            for quoted in (False, True):
                name = f"{'한국상사' if hangul else 'Acme'} {control}bell"
                note = f"{'다음 단계' if hangul else 'Demo'}{control}" + (
                    ", call" if quoted else ""
                )
                rows.append(
                    [f"D{n}{int(hangul)}{int(quoted)}", name, "1200", "Descubrimiento",
                     "2026-07-01", "2026-01-02", note, "Confirmed", "", "no", "no"]
                )  # fmt: skip
    return rows


@pytest.mark.parametrize("two_processes", [False, True])
def test_every_cell_of_the_scored_csv_is_neutralised_as_the_slow_path_does(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: bool
) -> None:
    from dealcheck.batch.write.formulas import neutralise

    if two_processes:
        monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "1")
    (tmp_path / "m.yaml").write_text(MINI_MAP, encoding="utf-8")
    export = tmp_path / "export.csv"
    rows = _control_rows()
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([MINI_HEADER.split(","), *rows])
    export.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out.csv"

    code, _, stderr = score_beside(runner, export, "-o", str(out))

    assert code == 0, stderr
    scored = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [row[: len(MINI_HEADER.split(","))] for row in scored[1:]] == [
        [neutralise(cell) for cell in row] for row in rows
    ]
    hidden = set("\x07\x08\x0c\x1b\x7f\x85\x90\x9b\x9d\u202e")
    assert [cell for row in scored for cell in row if hidden & set(cell)] == []
    assert "Acme ␛[31mbell" in [row[1] for row in scored]
    assert "한국상사 �2Jbell" in [row[1] for row in scored]


@pytest.mark.parametrize("two_processes", [False, True])
def test_the_inlined_salesforce_loop_neutralises_every_control_too(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: bool
) -> None:
    from dealcheck.batch.write.formulas import neutralise
    from tests.conftest import ROOT

    monkeypatch.setenv("DEALCHECK_SPLIT_BYTES", "1" if two_processes else str(1 << 40))
    example = ROOT / "examples" / "salesforce-pipeline.csv"
    header, first, *_ = list(csv.reader(io.StringIO(example.read_text(encoding="utf-8"))))
    rows = []
    for n, row in enumerate(_control_rows()):
        cells = [*first]
        cells[0], cells[1], cells[2], cells[10] = f"006{n:05d}", row[1], "Acme", row[6]
        rows.append(cells)
    export = tmp_path / "export.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    export.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out.csv"

    code, _, stderr = invoke(
        runner, "score", str(export), "--map", str(ROOT / "examples" / "salesforce.map.yaml"),
        "--today", "2026-11-01", "-o", str(out),
    )  # fmt: skip

    assert code == 0, stderr
    scored = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [row[: len(header)] for row in scored[1:]] == [
        [neutralise(cell) for cell in row] for row in rows
    ]
